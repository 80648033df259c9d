/**
 * keccak256 implementations side by side, as KECCAK256 uses them (the digest as a 256-bit word): evmkit's
 * own WebAssembly kernel (src/primitives/crypto/keccakKernel.ts, the digest read straight as a word),
 * hash-wasm (a reused hasher: init, update, digest) and @noble/hashes, both as a fresh `keccak_256(bytes)`
 * and as a reused Keccak state driven through noble's `keccakP` permutation (the sponge for one block
 * written out here, for the measurement only), each digest turned into a bigint. Medians of 7 rounds,
 * nanoseconds per hash, per input size; every candidate's word is checked against noble's first.
 * Run: `node dist/bench/keccak/bench.js`.
 */
import { keccak_256, keccakP } from '@noble/hashes/sha3.js';
import { createKeccak } from 'hash-wasm/dist/index.esm.js';
import { createKeccakKernel } from '../../src/primitives/crypto/keccakKernel.js';
import { bytesToBigint } from '../../src/primitives/hex.js';

const hw = await createKeccak(256);
const kernel = createKeccakKernel();
if (kernel === null) throw new Error('WebAssembly unavailable');

/** One-block sponge on a reused state (inputs below 136 bytes). */
const state = new Uint32Array(50);
const stateBytes = new Uint8Array(state.buffer);
function nobleReused(d: Uint8Array): bigint {
  if (d.length >= 136) return bytesToBigint(keccak_256(d));
  state.fill(0);
  stateBytes.set(d);
  stateBytes[d.length]! ^= 0x01;
  stateBytes[135]! ^= 0x80;
  keccakP(state, 24);
  return bytesToBigint(stateBytes.subarray(0, 32));
}

const candidates: Record<string, (d: Uint8Array) => bigint> = {
  'evmkit wasm kernel': (d) => kernel.wordAt(d, 0, d.length),
  'hash-wasm (reused hasher)': (d) => {
    hw.init();
    hw.update(d);
    return bytesToBigint(hw.digest('binary'));
  },
  '@noble/hashes keccak_256': (d) => bytesToBigint(keccak_256(d)),
  '@noble/hashes keccakP, reused state': nobleReused,
};

console.log('| bytes | ' + Object.keys(candidates).join(' ns | ') + ' ns |');
console.log(
  '|---:|' +
    Object.keys(candidates)
      .map(() => '---:|')
      .join(''),
);
for (const size of [32, 64, 136, 1024]) {
  const d = new Uint8Array(size).map((_, i) => (i * 7) & 0xff);
  const ref = bytesToBigint(keccak_256(d));
  const times: number[] = [];
  for (const [name, fn] of Object.entries(candidates)) {
    if (fn(d) !== ref) throw new Error(`${name}: wrong digest for ${size} bytes`);
    const iters = Math.max(200, Math.floor(4e6 / (size + 400)));
    for (let i = 0; i < iters; i++) fn(d);
    const rounds: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t = performance.now();
      for (let i = 0; i < iters; i++) fn(d);
      rounds.push(((performance.now() - t) * 1e6) / iters);
    }
    rounds.sort((a, b) => a - b);
    times.push(rounds[3]!);
  }
  console.log(`| ${size} | ${times.map((t) => t.toFixed(0)).join(' | ')} |`);
}
