/**
 * Runs test files on a pool of worker threads, a file per task (blockConformanceWorker.ts: blockchain tests;
 * state tests share out by vector in vectorPool.ts). Files are handed out one at a
 * time as workers finish, so one slow file never holds up a pre-assigned batch. A file whose worker
 * crashes or exceeds the timeout becomes one failure and the worker is replaced; a worker that cannot
 * even start (a broken build) rejects the whole run.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileFailure, type FileReport } from '../src/statetest/fileReport.js';

/** What every worker is started with (plain data: it crosses the thread boundary). */
export interface WorkerSetup {
  /** Regular expression source over test names. */
  readonly run?: string;
  readonly forks?: readonly string[];
  readonly vectorsPerFile?: number;
}

export interface WorkerRequest {
  readonly file: string;
}

export type WorkerResponse = { readonly type: 'ready' } | { readonly type: 'done'; readonly report: FileReport };

export interface PoolOptions extends WorkerSetup {
  /** The worker module (default: the state-test worker, conformanceWorker.js). */
  readonly workerUrl?: URL;
  /** Worker count; default os.availableParallelism(). */
  readonly jobs?: number;
  /** Per-file time limit in milliseconds; 0 or absent = none. */
  readonly timeoutMs?: number;
  /** Called as a worker starts on a file. */
  readonly onStart?: (file: string) => void;
  /** Called as each file finishes (in completion order). */
  readonly onFile?: (report: FileReport, done: number, total: number) => void;
}

const WORKER_URL = new URL('./conformanceWorker.js', import.meta.url);

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  current?: string;
  startedAt: number;
  timer?: NodeJS.Timeout;
}

/** Runs `files`; resolves to their reports in the order of `files`. */
export function runFilesInPool(files: readonly string[], opts: PoolOptions = {}): Promise<FileReport[]> {
  const setup: WorkerSetup = {
    ...(opts.run === undefined ? {} : { run: opts.run }),
    ...(opts.forks === undefined ? {} : { forks: opts.forks }),
    ...(opts.vectorsPerFile === undefined ? {} : { vectorsPerFile: opts.vectorsPerFile }),
  };
  const jobs = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), files.length));
  const queue = [...files];
  const reports = new Map<string, FileReport>();
  const live = new Set<Slot>();

  return new Promise<FileReport[]>((resolve, reject) => {
    let failed = false;
    if (files.length === 0) return resolve([]);

    const finish = (slot: Slot, report: FileReport): void => {
      clearTimeout(slot.timer);
      slot.current = undefined;
      reports.set(report.file, report);
      opts.onFile?.(report, reports.size, files.length);
    };

    const assign = (slot: Slot): void => {
      const file = queue.shift();
      if (file === undefined) {
        void slot.worker.terminate();
        return;
      }
      slot.current = file;
      slot.startedAt = performance.now();
      opts.onStart?.(file);
      if (opts.timeoutMs) {
        slot.timer = setTimeout(() => {
          finish(
            slot,
            fileFailure(
              file,
              `timed out after ${opts.timeoutMs! / 1000} s (worker terminated; raise the limit with --timeout)`,
              opts.timeoutMs,
            ),
          );
          void slot.worker.terminate(); // its 'exit' starts a replacement
        }, opts.timeoutMs);
      }
      slot.worker.postMessage({ file } satisfies WorkerRequest);
    };

    const spawn = (): void => {
      const slot: Slot = { worker: new Worker(opts.workerUrl ?? WORKER_URL, { workerData: setup }), ready: false, startedAt: 0 };
      live.add(slot);
      slot.worker.on('message', (msg: WorkerResponse) => {
        if (msg.type === 'ready') {
          slot.ready = true;
        } else {
          if (slot.current !== msg.report.file) return; // late answer after a timeout: already reported
          finish(slot, msg.report);
        }
        assign(slot);
      });
      slot.worker.on('error', (e: Error) => {
        if (!slot.ready && !failed) {
          failed = true;
          for (const s of live) void s.worker.terminate();
          reject(new Error(`conformance worker failed to start: ${e.stack ?? e.message}`));
          return;
        }
        if (slot.current !== undefined) {
          finish(slot, fileFailure(slot.current, `worker crashed: ${e.message}`, performance.now() - slot.startedAt));
        }
      });
      slot.worker.on('exit', (code) => {
        clearTimeout(slot.timer);
        live.delete(slot);
        if (failed) return;
        if (slot.current !== undefined) {
          finish(slot, fileFailure(slot.current, `worker exited with code ${code}`, performance.now() - slot.startedAt));
        }
        if (queue.length > 0) spawn();
        else if (live.size === 0) resolve(files.map((f) => reports.get(f) ?? fileFailure(f, 'not run')));
      });
    };

    for (let i = 0; i < jobs; i++) spawn();
  });
}
