/**
 * Runs state-test files on a pool of worker threads (conformanceWorker.ts), shared out by vector: a
 * worker takes a file and claims its vectors one at a time from a counter in shared memory; once no file
 * is left to start, an idle worker joins the file with the most vectors left and claims from the same
 * counter, so one slow file (CALLBlake2f_MaxRounds: ~1 min per vector) never holds a worker while the
 * other idles. Files known to be slow start first. Each vector's outcome comes back as a message; a
 * vector whose worker crashes or exceeds the timeout becomes one failure, and the worker is replaced; a
 * worker that cannot even start (a broken build) rejects the whole run.
 */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileFailure, type FailureRecord, type FileReport } from '../src/statetest/fileReport.js';
import { count, emptyTally, type Tally } from '../src/statetest/check.js';
import { emptyPhaseTimes, type VectorPhaseTimes } from '../src/transition/stateTest.js';

/** What every worker is started with (plain data: it crosses the thread boundary). */
export interface WorkerSetup {
  /** Regular expression source over test names. */
  readonly run?: string;
  readonly forks?: readonly string[];
  readonly vectorsPerFile?: number;
  /** Per file slot: the next vector to claim (Int32, Atomics). */
  readonly counters: SharedArrayBuffer;
  /** This worker's vector in progress: [file slot, position], position -1 when none. */
  readonly current: SharedArrayBuffer;
  /** Send each vector's phase times and origin (--timings). */
  readonly timings?: boolean;
}

/** Start (or join) the vectors of `file`, claiming them through counter `slot`. */
export interface WorkerRequest {
  readonly file: string;
  readonly slot: number;
}

export type WorkerResponse =
  | { readonly type: 'ready' }
  /** The file's selected entries are loaded: `total` of them. */
  | { readonly type: 'loaded'; readonly slot: number; readonly total: number; readonly ms: number }
  /** One vector ran (`position` in the file's selected entries). */
  | {
      readonly type: 'vector';
      readonly slot: number;
      readonly position: number;
      readonly fork: string;
      readonly status: 'pass' | 'fail' | 'skip';
      readonly failure?: FailureRecord;
      readonly ms: number;
      /** With `timings`: the vector's phases and origin. */
      readonly detail?: VectorDetail;
    }
  /** No vector of the file is left to claim. */
  | { readonly type: 'idle' };

/** A vector's origin and phase times (--timings). */
export interface VectorDetail {
  readonly name: string;
  readonly index: number;
  readonly phases: VectorPhaseTimes;
}

/** Where the time of a run went (--timings): filled in by `runFilesInPool` as the run goes. */
export interface PoolTimings {
  /** Per worker started: milliseconds from spawning it to its `ready` (module loading, WebAssembly). */
  readonly startup: number[];
  /** Milliseconds reading and parsing fixture files (each worker that joined a file parses it too). */
  parse: number;
  /** Files parsed (a file joined by two workers counts twice). */
  parses: number;
  /** Sum over vectors of their wall time in the worker (phases plus judging). */
  vectors: number;
  /** Sums of the phases of runStateVector over every vector. */
  readonly phases: VectorPhaseTimes;
  /** Milliseconds the main thread spent handling worker messages. */
  main: number;
  /** The slowest vectors, slowest first (at most `slowest` of them). */
  readonly slowest: { file: string; name: string; fork: string; index: number; ms: number }[];
  /** How many of the slowest vectors to keep. */
  readonly keep: number;
}

export function emptyPoolTimings(keep: number): PoolTimings {
  return { startup: [], parse: 0, parses: 0, vectors: 0, phases: emptyPhaseTimes(), main: 0, slowest: [], keep };
}

export interface PoolOptions {
  readonly run?: string;
  readonly forks?: readonly string[];
  readonly vectorsPerFile?: number;
  /** Worker count; default os.availableParallelism(). */
  readonly jobs?: number;
  /** Per-vector time limit in milliseconds; 0 or absent = none. */
  readonly timeoutMs?: number;
  /** Called as a file is started. */
  readonly onStart?: (file: string) => void;
  /** Called as each file finishes (in completion order). */
  readonly onFile?: (report: FileReport, done: number, total: number) => void;
  /** Where to account the run's time (--timings); the workers then send each vector's phases. */
  readonly timings?: PoolTimings;
}

const WORKER_URL = new URL('./conformanceWorker.js', import.meta.url);

/**
 * Files whose vectors take tens of seconds each (BENCHMARKS.md, conformance): started first, so that their
 * vectors spread over every worker instead of making the tail of the run.
 */
const SLOW_FIRST = [
  'CALLBlake2f_MaxRounds',
  'loopMul',
  'loopExp',
  'static_Call50000',
  'Call50000',
  'Return50000',
  'Create1000',
  'QuadraticComplexity',
];

function slowRank(file: string): number {
  const b = basename(file);
  const i = SLOW_FIRST.findIndex((s) => b.includes(s));
  return i < 0 ? SLOW_FIRST.length : i;
}

interface FileState {
  readonly file: string;
  /** Selected vectors (-1 until a worker loaded the file). */
  total: number;
  reported: number;
  readonly byFork: Record<string, Tally>;
  readonly failures: { position: number; record: FailureRecord }[];
  ms: number;
  done: boolean;
}

interface Slot {
  readonly worker: Worker;
  /** Shared with the worker: [file slot (-1: none yet), position (-1: loading or between vectors)]. */
  readonly current: Int32Array;
  ready: boolean;
  /** Terminated because nothing was left for it. */
  retired: boolean;
  timer?: NodeJS.Timeout;
}

/** Runs `files`; resolves to their reports in the order of `files`. */
export function runFilesInPool(files: readonly string[], opts: PoolOptions = {}): Promise<FileReport[]> {
  const counters = new SharedArrayBuffer(4 * Math.max(1, files.length));
  const next = new Int32Array(counters);
  const jobs = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), files.length));
  const states: FileState[] = files.map((file) => ({ file, total: -1, reported: 0, byFork: {}, failures: [], ms: 0, done: false }));
  const queue = files.map((_, i) => i).sort((a, b) => slowRank(files[a]!) - slowRank(files[b]!) || a - b);
  const live = new Set<Slot>();
  const timings = opts.timings;
  let finished = 0;

  return new Promise<FileReport[]>((resolve, reject) => {
    let failed = false;
    if (files.length === 0) return resolve([]);

    const report = (s: FileState): FileReport => ({
      file: s.file,
      byFork: s.byFork,
      failures: s.failures.sort((a, b) => a.position - b.position).map((f) => f.record),
      ms: s.ms,
    });

    const maybeDone = (s: FileState): void => {
      if (s.done || s.total < 0 || s.reported < s.total) return;
      s.done = true;
      finished++;
      opts.onFile?.(report(s), finished, files.length);
    };

    const record = (
      s: FileState,
      fork: string,
      status: 'pass' | 'fail' | 'skip',
      position: number,
      failure: FailureRecord | undefined,
      ms: number,
    ): void => {
      count((s.byFork[fork] ??= emptyTally()), status);
      if (failure !== undefined) s.failures.push({ position, record: failure });
      s.reported++;
      s.ms += ms;
    };

    /**
     * The vector a worker was running when it died, as a failure; or, when it died loading a file nobody
     * has loaded, the file as one failure.
     */
    const lostVector = (slot: Slot, reason: string): void => {
      const fileSlot = slot.current[0]!;
      const position = slot.current[1]!;
      slot.current[0] = -1;
      slot.current[1] = -1;
      if (fileSlot < 0) return;
      const s = states[fileSlot]!;
      if (s.done) return;
      if (position >= 0) {
        record(
          s,
          '',
          'fail',
          position,
          { file: s.file, name: s.file, fork: '', index: position, reason: `vector #${position}: ${reason}` },
          0,
        );
      } else if (s.total < 0) {
        s.total = 1;
        record(s, '', 'fail', 0, { file: s.file, name: s.file, fork: '', index: -1, reason: `${reason} (loading the file)` }, 0);
      }
      maybeDone(s);
    };

    const armTimer = (slot: Slot): void => {
      clearTimeout(slot.timer);
      if (!opts.timeoutMs) return;
      slot.timer = setTimeout(() => {
        lostVector(slot, `timed out after ${opts.timeoutMs! / 1000} s (worker terminated; raise the limit with --timeout)`);
        void slot.worker.terminate(); // its 'exit' starts a replacement
      }, opts.timeoutMs);
    };

    const assign = (slot: Slot): void => {
      let i = queue.shift();
      if (i !== undefined) opts.onStart?.(files[i]!);
      else {
        // Join the started file with the most vectors left to claim.
        let best = -1;
        let most = 0;
        for (let j = 0; j < states.length; j++) {
          const s = states[j]!;
          if (s.done || s.total < 0) continue;
          const left = s.total - Atomics.load(next, j);
          if (left > most) {
            most = left;
            best = j;
          }
        }
        if (best < 0) {
          slot.retired = true;
          void slot.worker.terminate();
          return;
        }
        i = best;
      }
      armTimer(slot);
      slot.worker.postMessage({ file: files[i]!, slot: i } satisfies WorkerRequest);
    };

    const allDone = (): void => {
      if (live.size !== 0) return;
      resolve(states.map((s) => (s.done ? report(s) : fileFailure(s.file, 'not run'))));
    };

    const spawn = (): void => {
      const current = new SharedArrayBuffer(8);
      const setup: WorkerSetup = {
        ...(opts.run === undefined ? {} : { run: opts.run }),
        ...(opts.forks === undefined ? {} : { forks: opts.forks }),
        ...(opts.vectorsPerFile === undefined ? {} : { vectorsPerFile: opts.vectorsPerFile }),
        ...(opts.timings === undefined ? {} : { timings: true }),
        counters,
        current,
      };
      const spawnedAt = performance.now();
      const slot: Slot = {
        worker: new Worker(WORKER_URL, { workerData: setup }),
        current: new Int32Array(current),
        ready: false,
        retired: false,
      };
      slot.current[0] = -1;
      slot.current[1] = -1;
      live.add(slot);
      slot.worker.on('message', (msg: WorkerResponse) => {
        const t0 = timings === undefined ? 0 : performance.now();
        handle(msg);
        if (timings !== undefined) timings.main += performance.now() - t0;
      });
      const handle = (msg: WorkerResponse): void => {
        switch (msg.type) {
          case 'ready':
            slot.ready = true;
            timings?.startup.push(performance.now() - spawnedAt);
            assign(slot);
            break;
          case 'loaded': {
            if (timings !== undefined) {
              timings.parse += msg.ms;
              timings.parses++;
            }
            const s = states[msg.slot]!;
            if (s.total < 0) {
              s.total = msg.total;
              s.ms += msg.ms;
              maybeDone(s);
            }
            armTimer(slot);
            break;
          }
          case 'vector': {
            const s = states[msg.slot]!;
            if (timings !== undefined && msg.detail !== undefined) account(timings, s.file, msg.fork, msg.ms, msg.detail);
            record(s, msg.fork, msg.status, msg.position, msg.failure, msg.ms);
            maybeDone(s);
            armTimer(slot);
            break;
          }
          case 'idle':
            assign(slot);
            break;
        }
      };
      slot.worker.on('error', (e: Error) => {
        if (!slot.ready && !failed) {
          failed = true;
          for (const s of live) void s.worker.terminate();
          reject(new Error(`conformance worker failed to start: ${e.stack ?? e.message}`));
          return;
        }
        lostVector(slot, `worker crashed: ${e.message}`);
      });
      slot.worker.on('exit', (code) => {
        clearTimeout(slot.timer);
        live.delete(slot);
        if (failed) return;
        if (!slot.retired) {
          lostVector(slot, `worker exited with code ${code}`);
          // a replacement, which starts or joins whatever is left (or retires at once)
          if (finished < files.length) {
            spawn();
            return;
          }
        }
        allDone();
      });
    };

    for (let i = 0; i < jobs; i++) spawn();
  });
}

/** Adds one vector's times to `t`, keeping the `t.keep` slowest. */
function account(t: PoolTimings, file: string, fork: string, ms: number, d: VectorDetail): void {
  t.vectors += ms;
  t.phases.setup += d.phases.setup;
  t.phases.execute += d.phases.execute;
  t.phases.root += d.phases.root;
  t.phases.logs += d.phases.logs;
  const slow = t.slowest;
  if (t.keep === 0 || (slow.length === t.keep && ms <= slow[slow.length - 1]!.ms)) return;
  let i = slow.length;
  while (i > 0 && slow[i - 1]!.ms < ms) i--;
  slow.splice(i, 0, { file, name: d.name, fork, index: d.index, ms });
  if (slow.length > t.keep) slow.pop();
}
