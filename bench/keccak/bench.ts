/**
 * keccak256 implementations side by side: @noble/hashes (pure JS) against hash-wasm (WebAssembly), the one
 * src/crypto/keccak.ts uses once loaded. Medians of 5 rounds, microseconds per hash, per input size.
 * Run: `node dist/bench/keccak/bench.js`.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { createKeccak } from 'hash-wasm/dist/index.esm.js';

const hw = await createKeccak(256);
const candidates: Record<string, (d: Uint8Array) => Uint8Array> = {
  '@noble/hashes': (d) => keccak_256(d),
  'hash-wasm': (d) => {
    hw.init();
    hw.update(d);
    return hw.digest('binary');
  },
};

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
console.log('| bytes | ' + Object.keys(candidates).join(' us | ') + ' us | speed-up |');
console.log(
  '|---:|' +
    Object.keys(candidates)
      .map(() => '---:|')
      .join('') +
    '---:|',
);
for (const size of [32, 64, 136, 1024, 24576]) {
  const d = new Uint8Array(size).map((_, i) => (i * 7) & 0xff);
  const ref = hex(keccak_256(d));
  const times: number[] = [];
  for (const [name, fn] of Object.entries(candidates)) {
    if (hex(fn(d)) !== ref) throw new Error(`${name}: wrong digest for ${size} bytes`);
    const iters = Math.max(20, Math.floor(2e6 / (size + 100)));
    for (let i = 0; i < iters; i++) fn(d);
    const rounds: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      for (let i = 0; i < iters; i++) fn(d);
      rounds.push(((performance.now() - t) * 1000) / iters);
    }
    rounds.sort((a, b) => a - b);
    times.push(rounds[2]!);
  }
  console.log(`| ${size} | ${times.map((t) => t.toFixed(2)).join(' | ')} | ${(times[0]! / times[1]!).toFixed(1)}x |`);
}
