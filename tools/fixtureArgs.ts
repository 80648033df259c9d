/**
 * What the conformance runners (state tests, blockchain tests) share on their command line: the fixture
 * folder of a kind, non-negative integer flags, and the files an argument list names.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectStateTestFiles } from '../src/statetest/files.js';
import { UsageError } from '../src/cli/command.js';

/** `$EVMKIT_FIXTURES/<kind>`, or `../shared/fixtures/<kind>` beside the repository. */
export function defaultFixtureDir(kind: 'state' | 'blocks'): string {
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  const root = process.env.EVMKIT_FIXTURES ? resolve(process.env.EVMKIT_FIXTURES) : resolve(repo, '..', 'shared', 'fixtures');
  return resolve(root, kind);
}

export function nonNegativeInt(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag}: expected a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** The files to run: existing paths as given, other arguments as substring filters over the default folder. */
export function selectFiles(args: readonly string[], kind: 'state' | 'blocks'): string[] {
  const paths = args.filter((a) => existsSync(a));
  const filters = args.filter((a) => !existsSync(a));
  const files = paths.length > 0 ? collectStateTestFiles(paths) : [];
  if (filters.length > 0 || paths.length === 0) {
    const root = defaultFixtureDir(kind);
    if (!existsSync(root)) throw new UsageError(`no fixtures at ${root} (set EVMKIT_FIXTURES)`);
    for (const f of collectStateTestFiles([root])) {
      const rel = relative(root, f);
      if (filters.length === 0 || filters.some((x) => rel.includes(x))) files.push(f);
    }
  }
  return files;
}
