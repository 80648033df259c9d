/** Summaries of a conformance run: per-fork Markdown table, failure list, CONFORMANCE.md section. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { forkFromName } from '../src/spec/fork.js';
import { type Tally, emptyTally } from '../src/statetest/check.js';
import type { FailureRecord, FileReport } from '../src/statetest/fileReport.js';

export interface Summary {
  /** Fork name -> tally, in fork order (unknown names after, "" last). */
  readonly byFork: ReadonlyMap<string, Tally>;
  readonly total: Tally;
  readonly failures: readonly FailureRecord[];
}

function forkRank(name: string): number {
  if (name === '') return 1000;
  return forkFromName(name) ?? 500;
}

export function summarize(reports: readonly FileReport[]): Summary {
  const acc = new Map<string, Tally>();
  const total = emptyTally();
  const failures: FailureRecord[] = [];
  for (const r of reports) {
    for (const [fork, t] of Object.entries(r.byFork)) {
      const a = acc.get(fork) ?? emptyTally();
      a.passed += t.passed;
      a.failed += t.failed;
      a.skipped += t.skipped;
      acc.set(fork, a);
      total.passed += t.passed;
      total.failed += t.failed;
      total.skipped += t.skipped;
    }
    failures.push(...r.failures);
  }
  const byFork = new Map([...acc].sort(([a], [b]) => forkRank(a) - forkRank(b) || (a < b ? -1 : a > b ? 1 : 0)));
  return { byFork, total, failures };
}

function percent(t: Tally): string {
  const run = t.passed + t.failed;
  return run === 0 ? '-' : `${((100 * t.passed) / run).toFixed(2)}%`;
}

/** | Fork | Passed | Failed | Skipped | Pass rate | with a totals row. */
export function markdownTable(s: Summary): string {
  const rows = [...s.byFork].map(([fork, t]) => `| ${fork === '' ? '(whole test or file)' : fork} | ${t.passed} | ${t.failed} | ${t.skipped} | ${percent(t)} |`);
  const t = s.total;
  return [
    '| Fork | Passed | Failed | Skipped | Pass rate |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    `| **Total** | **${t.passed}** | **${t.failed}** | **${t.skipped}** | **${percent(t)}** |`,
  ].join('\n') + '\n';
}

/** One failure per line, tab-separated: file, test, fork, index, reason. */
export function failureLines(failures: readonly FailureRecord[]): string {
  const header = '# file\ttest\tfork\tindex\treason\n';
  return header + failures.map((f) => `${f.file}\t${f.name}\t${f.fork}\t${f.index}\t${f.reason.replace(/\s+/g, ' ')}\n`).join('');
}

export const BEGIN_MARK = '<!-- conformance:begin (written by `npm run conformance -- --write CONFORMANCE.md`) -->';
export const END_MARK = '<!-- conformance:end -->';

/**
 * Writes `section` into `path` between the conformance markers, keeping the rest of the file; creates the
 * file (with a title) when it does not exist or has no markers yet (then the section is appended).
 */
export function writeConformanceSection(path: string, section: string): void {
  const block = `${BEGIN_MARK}\n${section}${END_MARK}\n`;
  if (!existsSync(path)) {
    writeFileSync(path, `# evmkit conformance\n\nState tests from \`../shared/fixtures/state\`, run by \`npm run conformance\`.\n\n${block}`);
    return;
  }
  const old = readFileSync(path, 'utf8');
  const begin = old.indexOf(BEGIN_MARK);
  const end = old.indexOf(END_MARK, begin);
  const next = begin >= 0 && end >= 0
    ? old.slice(0, begin) + block + old.slice(end + END_MARK.length).replace(/^\n/, '')
    : old + (old.endsWith('\n') ? '\n' : '\n\n') + block;
  writeFileSync(path, next);
}
