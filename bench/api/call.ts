/**
 * API overhead benchmark (not a timed test): median time of `evm.call` on an empty contract (in memory),
 * and forked mode with a warm cache (the loopback JSON-RPC node of test/rpc, every key already loaded)
 * against the same state in memory, on a contract that reads storage, a balance, code size, calls
 * another contract and reads BLOCKHASH. Run: node dist/bench/api/call.js
 */
import { createEVM } from '../../src/api/evm.js';
import { createForkedEVM } from '../../src/api/fork.js';
import { StateJournal } from '../../src/state/journal.js';
import { asm } from '../../src/spec/asm.js';
import { startNode, HEAD, hashOf } from '../../test/rpc/server.js';
import { ALLOC, A, ALICE } from '../../test/rpc/fixture.js';

const SAMPLES = 31;
const PER_SAMPLE = 2000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Median microseconds per call over SAMPLES batches of PER_SAMPLE calls. */
async function measure(fn: () => unknown): Promise<number> {
  for (let i = 0; i < PER_SAMPLE; i++) await fn(); // warm up
  const xs: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t0 = performance.now();
    for (let i = 0; i < PER_SAMPLE; i++) await fn();
    xs.push(((performance.now() - t0) * 1000) / PER_SAMPLE);
  }
  return median(xs);
}

async function measureSync(fn: () => unknown): Promise<number> {
  for (let i = 0; i < PER_SAMPLE; i++) fn();
  const xs: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t0 = performance.now();
    for (let i = 0; i < PER_SAMPLE; i++) fn();
    xs.push(((performance.now() - t0) * 1000) / PER_SAMPLE);
  }
  return median(xs);
}

const empty = createEVM({ fork: 'Prague' });
const target = 0x1234n;
empty.setCode(target, asm('STOP'));
const req = { to: target };
const tEmpty = await measureSync(() => empty.call(req));
console.log(`call on an empty contract (STOP), in memory: ${tEmpty.toFixed(2)} us median (target < 20 us)`);

const node = await startNode(ALLOC);
try {
  const forked = await createForkedEVM({ url: node.url, fork: 'Prague' });
  const mem = createEVM({
    fork: 'Prague',
    state: StateJournal.fromAlloc(ALLOC),
    block: { ...forked.block, number: HEAD.number, getBlockHash: hashOf },
  });
  const call = { from: ALICE, to: A };
  await forked.callAsync(call); // loads every key: the cache is warm from here on
  const before = node.httpRequests;
  const tMemSync = await measureSync(() => mem.call(call));
  const tMemAsync = await measure(() => mem.callAsync(call));
  const tFork = await measure(() => forked.callAsync(call));
  if (node.httpRequests !== before) throw new Error('the warm forked run made HTTP requests');
  console.log(`contract A, in memory call():       ${tMemSync.toFixed(2)} us median`);
  console.log(`contract A, in memory callAsync():  ${tMemAsync.toFixed(2)} us median`);
  console.log(`contract A, forked, warm callAsync: ${tFork.toFixed(2)} us median`);
  console.log(
    `forked warm / in-memory: ${(tFork / tMemSync).toFixed(3)}x (vs call()), ${(tFork / tMemAsync).toFixed(3)}x (vs callAsync()) (target <= 1.2x)`,
  );
} finally {
  await node.close();
}
