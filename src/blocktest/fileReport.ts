/** One blockchain-test file's outcome in compact form (tallies per network, failures): what conformance workers send back. */
import { type Tally, count, emptyTally } from '../statetest/check.js';
import type { FailureRecord, FileReport } from '../statetest/fileReport.js';
import { loadBlockTestFile } from './files.js';
import { runBlockTest, type BlockTestOutcome, type BlockTestRunOptions } from './run.js';
import type { BlockTestLoadOptions, LoadedBlockTest } from './load.js';

export type { FileReport, FailureRecord };

/** Loads and runs every selected test of `file`; never throws. */
export function runBlockFileReport(
  file: string,
  opts: BlockTestLoadOptions & BlockTestRunOptions,
  run: (t: LoadedBlockTest) => BlockTestOutcome = (t) => runBlockTest(t, opts),
): FileReport {
  const start = performance.now();
  const byFork: Record<string, Tally> = {};
  const failures: FailureRecord[] = [];
  for (const t of loadBlockTestFile(file, opts)) {
    const o = run(t);
    count((byFork[o.fork] ??= emptyTally()), o.status);
    if (o.status === 'fail') failures.push({ file, name: o.name, fork: o.fork, index: -1, reason: o.error ?? 'failed' });
  }
  return { file, byFork, failures, ms: performance.now() - start };
}
