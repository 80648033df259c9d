/** Node-only: finding and reading state-test files. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseStateTestText } from './load.js';
import type { LoadOptions, LoadedEntry } from './types.js';

/**
 * The `*.json` files under each path (a file is taken as is, whatever its name; a directory is walked
 * recursively, entries sorted by name so runs are reproducible). A missing path throws.
 */
export function collectStateTestFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.json')) out.push(p);
    }
  };
  for (const p of paths) {
    if (statSync(p).isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

/**
 * The files under each PATH for a command line: a PATH that cannot be listed is passed on as a file, so
 * the loader reports it as that file's failure and the other PATHs still run.
 */
export function collectCommandFiles(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    try {
      return collectStateTestFiles([p]);
    } catch {
      return [p];
    }
  });
}

/** Reads and parses one file; an unreadable file is one malformed entry, like invalid JSON. */
export function loadStateTestFile(file: string, opts: LoadOptions = {}): LoadedEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return [
      { kind: 'malformed', file, name: file, fork: '', index: -1, error: `${file}: cannot read: ${e instanceof Error ? e.message : e}` },
    ];
  }
  return parseStateTestText(text, file, opts);
}
