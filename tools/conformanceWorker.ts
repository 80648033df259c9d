/**
 * A conformance worker thread (see pool.ts): loads the file it is given (or joins one another worker
 * started), claims the file's vectors one at a time from the shared counter, and answers with each
 * vector's outcome. It says `ready` once its modules have loaded, so a broken build fails the run at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { emptyPhaseTimes, runStateVector, type VectorPhaseTimes } from '../src/transition/stateTest.js';
import { MemoryPool } from '../src/machine/memory.js';
import { runEntry } from '../src/statetest/check.js';
import { loadStateTestFile } from '../src/statetest/files.js';
import { stableSample } from '../src/statetest/sample.js';
import { keccakReady } from '../src/primitives/crypto/keccak.js';
import type { LoadedEntry, LoadOptions } from '../src/statetest/types.js';
import type { FailureRecord } from '../src/statetest/fileReport.js';
import type { WorkerRequest, WorkerResponse, WorkerSetup } from './vectorPool.js';
import { installPrecompilesFromEnv } from '../src/cli/nodePrecompiles.js';

/** One memory pool per worker: large frame memories are reused from vector to vector. */
const POOL = new MemoryPool();

// The fast precompile backends (mcl-wasm, libsecp256k1, node:crypto; or the set that
// EVMKIT_PRECOMPILE_BACKENDS names), before `ready`.
await installPrecompilesFromEnv();

const setup = workerData as WorkerSetup;
const counters = new Int32Array(setup.counters);
const current = new Int32Array(setup.current);
const load: LoadOptions = {
  ...(setup.run === undefined ? {} : { run: new RegExp(setup.run) }),
  ...(setup.forks === undefined ? {} : { forks: setup.forks }),
};
const port = parentPort!;
const send = (m: WorkerResponse): void => port.postMessage(m);

/** The last file loaded (a worker that joins a file it started before does not parse it again). */
let cached: { file: string; entries: LoadedEntry[] } | null = null;

function entriesOf(file: string): LoadedEntry[] {
  if (cached?.file === file) return cached.entries;
  let entries = loadStateTestFile(file, load);
  if (setup.vectorsPerFile !== undefined) entries = stableSample(entries, setup.vectorsPerFile, (e) => `${e.name}\0${e.fork}\0${e.index}`);
  cached = { file, entries };
  return entries;
}

port.on('message', (req: WorkerRequest) => {
  current[0] = req.slot;
  current[1] = -1;
  const t0 = performance.now();
  const entries = entriesOf(req.file);
  send({ type: 'loaded', slot: req.slot, total: entries.length, ms: performance.now() - t0 });
  for (;;) {
    const position = Atomics.add(counters, req.slot, 1);
    if (position >= entries.length) break;
    current[1] = position;
    const start = performance.now();
    const phases: VectorPhaseTimes | undefined = setup.timings ? emptyPhaseTimes() : undefined;
    const o = runEntry(entries[position]!, (v) =>
      runStateVector(v, phases === undefined ? { memoryPool: POOL } : { memoryPool: POOL, timings: phases }),
    );
    let failure: FailureRecord | undefined;
    if (o.status === 'fail') {
      const reason = o.thrownAt === undefined ? o.error! : `${o.error} (${o.thrownAt})`;
      failure = { file: req.file, name: o.name, fork: o.fork, index: o.index, reason };
    }
    current[1] = -1;
    send({
      type: 'vector',
      slot: req.slot,
      position,
      fork: o.fork,
      status: o.status,
      ms: performance.now() - start,
      ...(failure === undefined ? {} : { failure }),
      ...(phases === undefined ? {} : { detail: { name: o.name, index: o.index, phases } }),
    });
  }
  current[0] = -1;
  send({ type: 'idle' });
});
// Say ready once the WebAssembly keccak is in, so every file runs on it.
void keccakReady.then(() => send({ type: 'ready' }));
