/** Summaries of a conformance run: per-fork Markdown table, failure list, CONFORMANCE.md section. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { forkFromName } from '../src/spec/fork.js';
import { parseNetwork } from '../src/spec/network.js';
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

/** Orders table rows: a fork by its place, a transition network just after the fork it leads to. */
export function networkRank(name: string): number {
  if (name === '') return 1000;
  const n = parseNetwork(name);
  if (n === undefined) return 500;
  return forkFromName(name) === undefined ? n.lastFork + 0.5 : n.lastFork;
}

export function summarize(reports: readonly FileReport[], rank: (name: string) => number = forkRank): Summary {
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
  const byFork = new Map([...acc].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)));
  return { byFork, total, failures };
}

function percent(t: Tally): string {
  const run = t.passed + t.failed;
  return run === 0 ? '-' : `${((100 * t.passed) / run).toFixed(2)}%`;
}

/** | Fork | Passed | Failed | Skipped | Pass rate | with a totals row. */
export function markdownTable(s: Summary): string {
  const rows = [...s.byFork].map(
    ([fork, t]) => `| ${fork === '' ? '(whole test or file)' : fork} | ${t.passed} | ${t.failed} | ${t.skipped} | ${percent(t)} |`,
  );
  const t = s.total;
  return (
    [
      '| Fork | Passed | Failed | Skipped | Pass rate |',
      '|---|---:|---:|---:|---:|',
      ...rows,
      `| **Total** | **${t.passed}** | **${t.failed}** | **${t.skipped}** | **${percent(t)}** |`,
    ].join('\n') + '\n'
  );
}

/** One failure per line, tab-separated: file, test, fork, index, reason. */
export function failureLines(failures: readonly FailureRecord[]): string {
  const header = '# file\ttest\tfork\tindex\treason\n';
  return header + failures.map((f) => `${f.file}\t${f.name}\t${f.fork}\t${f.index}\t${f.reason.replace(/\s+/g, ' ')}\n`).join('');
}

export const BEGIN_MARK = '<!-- conformance:begin (written by `npm run conformance -- --write CONFORMANCE.md`) -->';
export const END_MARK = '<!-- conformance:end -->';
/** The blockchain-test section's markers (`npm run conformance:blocks -- --write CONFORMANCE.md`). */
export const BLOCKS_MARKS = {
  begin: '<!-- conformance-blocks:begin (written by `npm run conformance:blocks -- --write CONFORMANCE.md`) -->',
  end: '<!-- conformance-blocks:end -->',
} as const;

/**
 * Writes `section` into `path` between the conformance markers, keeping the rest of the file; creates the
 * file (with a title) when it does not exist or has no markers yet (then the section is appended).
 */
export function writeConformanceSection(
  path: string,
  section: string,
  marks: { readonly begin: string; readonly end: string } = { begin: BEGIN_MARK, end: END_MARK },
): void {
  const block = `${marks.begin}\n${section}${marks.end}\n`;
  if (!existsSync(path)) {
    writeFileSync(
      path,
      `# evmkit conformance\n\nState tests from \`../shared/fixtures/state\`, run by \`npm run conformance\`.\n\n${block}`,
    );
    return;
  }
  const old = readFileSync(path, 'utf8');
  const begin = old.indexOf(marks.begin);
  const end = old.indexOf(marks.end, begin);
  const next =
    begin >= 0 && end >= 0
      ? old.slice(0, begin) + block + old.slice(end + marks.end.length).replace(/^\n/, '')
      : old + (old.endsWith('\n') ? '\n' : '\n\n') + block;
  writeFileSync(path, next);
}
