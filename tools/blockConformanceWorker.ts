/**
 * A blockchain-test conformance worker thread: receives file paths, answers with a FileReport each (see
 * pool.ts). It says `ready` once its modules have loaded, so a broken build fails the run at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MemoryPool } from '../src/machine/memory.js';
import { runBlockFileReport } from '../src/blocktest/fileReport.js';
import { keccakReady } from '../src/primitives/crypto/keccak.js';
import { installPrecompilesFromEnv } from '../src/cli/nodePrecompiles.js';
import { blocktestSealVerifier, sealVerifierReady } from '../src/cli/seal.js';
import type { WorkerRequest, WorkerResponse, WorkerSetup } from './pool.js';

/** One memory pool per worker: large frame memories are reused from test to test. */
const POOL = new MemoryPool();

await installPrecompilesFromEnv();

const setup = workerData as WorkerSetup;
const opts = {
  ...(setup.run === undefined ? {} : { run: new RegExp(setup.run) }),
  ...(setup.forks === undefined ? {} : { forks: setup.forks }),
  memoryPool: POOL,
  sealVerifier: blocktestSealVerifier(),
};
const port = parentPort!;
port.on('message', (req: WorkerRequest) => {
  const res: WorkerResponse = { type: 'done', report: runBlockFileReport(req.file, opts) };
  port.postMessage(res);
});
void Promise.all([keccakReady, sealVerifierReady]).then(() => port.postMessage({ type: 'ready' } satisfies WorkerResponse));
