/**
 * What the conformance runners (state tests, blockchain tests) share on their command line: the fixture
 * folder of a kind, non-negative integer flags, --run and --fork, the files an argument list names, and the
 * running tally they print while files finish.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectStateTestFiles } from '../src/statetest/files.js';
import { UsageError } from '../src/cli/command.js';
import { emptyTally, tallyLine, type Tally } from '../src/statetest/check.js';

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

/** `--run REGEX`, checked to compile. */
export function runPattern(run: string | undefined): string | undefined {
  if (run === undefined) return undefined;
  try {
    new RegExp(run);
  } catch (e) {
    throw new UsageError(`--run: invalid regular expression: ${e instanceof Error ? e.message : e}`);
  }
  return run;
}

/** `--fork` values (repeatable, each comma-separated), blanks dropped; undefined when none is given. */
export function forkList(values: readonly string[] | undefined): string[] | undefined {
  const forks = values
    ?.flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter((f) => f !== '');
  return forks === undefined || forks.length === 0 ? undefined : forks;
}

/**
 * The running pass/fail/skip line on stderr while files finish: every 5 s and at the last file.
 * `onFile` takes each file's per-fork tallies; `quiet()` resets the clock (a heartbeat printed something).
 */
export function progressLine(start: number): {
  onFile(report: { readonly byFork: Readonly<Record<string, Tally>> }, done: number, total: number): void;
  sinceLast(now: number): number;
  quiet(now: number): void;
} {
  const running: Tally = emptyTally();
  let last = start;
  return {
    onFile(report, done, total) {
      for (const t of Object.values(report.byFork)) {
        running.passed += t.passed;
        running.failed += t.failed;
        running.skipped += t.skipped;
      }
      const now = performance.now();
      if (now - last >= 5000 || done === total) {
        last = now;
        process.stderr.write(`[${done}/${total} files, ${((now - start) / 1000).toFixed(1)} s] ${tallyLine(running)}\n`);
      }
    },
    sinceLast: (now) => now - last,
    quiet(now) {
      last = now;
    },
  };
}
