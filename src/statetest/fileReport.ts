/** One file's outcome in compact form: tallies per fork and the failures. What conformance workers send back. */
import { type Tally, type VectorRunner, count, emptyTally, runEntry } from './check.js';
import { loadStateTestFile } from './files.js';
import { stableSample } from './sample.js';
import type { LoadOptions } from './types.js';

export interface FailureRecord {
  readonly file: string;
  readonly name: string;
  /** Fork name as the fixture writes it; "" for a failure of a whole test or file. */
  readonly fork: string;
  /** Post index; -1 for a failure of a whole test or file. */
  readonly index: number;
  readonly reason: string;
}

export interface FileReport {
  readonly file: string;
  /** Fork name -> tally ("" collects failures of whole tests or files). */
  readonly byFork: Record<string, Tally>;
  readonly failures: FailureRecord[];
  /** Wall time to load and run the file. */
  readonly ms: number;
}

export interface FileRunOptions extends LoadOptions {
  /** Run at most this many entries per file, picked by a stable hash of (test, fork, index). */
  readonly vectorsPerFile?: number;
}

/** Loads and runs every selected entry of `file`; never throws. */
export function runFileReport(file: string, opts: FileRunOptions, runner: VectorRunner): FileReport {
  const start = performance.now();
  let entries = loadStateTestFile(file, opts);
  if (opts.vectorsPerFile !== undefined) {
    entries = stableSample(entries, opts.vectorsPerFile, (e) => `${e.name}\0${e.fork}\0${e.index}`);
  }
  const byFork: Record<string, Tally> = {};
  const failures: FailureRecord[] = [];
  for (const entry of entries) {
    const o = runEntry(entry, runner);
    count((byFork[o.fork] ??= emptyTally()), o.status);
    if (o.status === 'fail') {
      const reason = o.thrownAt === undefined ? o.error! : `${o.error} (${o.thrownAt})`;
      failures.push({ file, name: o.name, fork: o.fork, index: o.index, reason });
    }
  }
  return { file, byFork, failures, ms: performance.now() - start };
}

/** A report for a file whose run did not finish (worker crash, timeout): one failure of the whole file. */
export function fileFailure(file: string, reason: string, ms = 0): FileReport {
  return { file, byFork: { '': { passed: 0, failed: 1, skipped: 0 } }, failures: [{ file, name: file, fork: '', index: -1, reason }], ms };
}
