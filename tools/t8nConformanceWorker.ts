/** A `conformance:t8n --jobs N` worker thread: sweeps its share of the files, posts tallies and failures. */
import { parentPort, workerData } from 'node:worker_threads';
import { sweep, type SweepOptions } from './t8nConformance.js';

const opts = workerData as Omit<SweepOptions, 'onFailure'>;
const failures: string[] = [];
const tallies = sweep({ ...opts, onFailure: (l) => failures.push(l) });
parentPort!.postMessage({ tallies: [...tallies], failures });
