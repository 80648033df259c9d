/**
 * A conformance worker thread: receives file paths, answers with a FileReport each (see pool.ts).
 * It says `ready` once its modules have loaded, so a broken build fails the run at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runStateVector } from '../src/transition/stateTest.js';
import { MemoryPool } from '../src/machine/memory.js';
import { runFileReport, type FileRunOptions } from '../src/statetest/fileReport.js';
import { keccakReady } from '../src/primitives/crypto/keccak.js';
import type { WorkerRequest, WorkerResponse, WorkerSetup } from './pool.js';
import { installPrecompilesFromEnv } from '../src/cli/nodePrecompiles.js';

/** One memory pool per worker: large frame memories are reused from vector to vector. */
const POOL = new MemoryPool();

// The fast precompile backends (mcl-wasm, libsecp256k1, node:crypto; or the set that
// EVMKIT_PRECOMPILE_BACKENDS names), before `ready`.
await installPrecompilesFromEnv();

const setup = workerData as WorkerSetup;
const opts: FileRunOptions = {
  ...(setup.run === undefined ? {} : { run: new RegExp(setup.run) }),
  ...(setup.forks === undefined ? {} : { forks: setup.forks }),
  ...(setup.vectorsPerFile === undefined ? {} : { vectorsPerFile: setup.vectorsPerFile }),
};
const port = parentPort!;
port.on('message', (req: WorkerRequest) => {
  const res: WorkerResponse = { type: 'done', report: runFileReport(req.file, opts, (v) => runStateVector(v, { memoryPool: POOL })) };
  port.postMessage(res);
});
// Say ready once the WebAssembly keccak is in, so every file runs on it.
void keccakReady.then(() => port.postMessage({ type: 'ready' } satisfies WorkerResponse));
