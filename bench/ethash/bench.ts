/**
 * Ethash light verification (src/chain/ethash): seal checks with a cold and a warm epoch cache on each
 * keccak-512 backend, the memory a cached epoch holds, and epoch-0 cache generation with each keccak-512
 * candidate. Run alone (the machine has 2 cores), ~25 s: `node --expose-gc dist/bench/ethash/bench.js`.
 */
import { keccak_512 } from '@noble/hashes/sha3.js';
import {
  EthashCacheManager,
  cacheSize,
  ethashReady,
  generateCacheWords,
  keccak512Backend,
  keccak512WordsJs,
  seedHash,
  verifySeal,
  type Keccak512Words,
} from '../../src/chain/ethash/index.js';
import { keccak512WordsWasmLoaded } from '../../src/chain/ethash/keccak512.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (b: number): string => (b / 2 ** 20).toFixed(1);
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

// Mainnet block 1 (hash 0x88e96d45…): its seal hash is keccak256 of its RLP without mixHash and nonce.
const header = {
  number: 1n,
  sealHash: hex('85913a3057ea8bec78cd916871ca73802e77724e014dda65add3405d02240eb7'),
  nonce: hex('539bd4979fef1ec4'),
  mixHash: hex('969b900de27b6ac6a67742365dd65f55a0526c41fd18e1b16f1a1215c2e66f59'),
  difficulty: 0x3ff800000n,
};

function seals(label: string): void {
  gc();
  const before = process.memoryUsage();
  const caches = new EthashCacheManager(3);
  let t = performance.now();
  const cold = verifySeal(header, caches);
  const coldMs = performance.now() - t;
  if (!cold.ok) throw new Error(`mainnet block 1: ${cold.error}`);
  const warm: number[] = [];
  for (let i = 0; i < 200; i++) {
    t = performance.now();
    if (!verifySeal(header, caches).ok) throw new Error('warm check failed');
    warm.push(performance.now() - t);
  }
  gc();
  const after = process.memoryUsage();
  console.log(
    `| ${label} | ${(coldMs / 1000).toFixed(2)} s | ${median(warm).toFixed(2)} ms (min ${Math.min(...warm).toFixed(2)}) | ` +
      `${mib(caches.bytes())} MiB cache; arrayBuffers +${mib(after.arrayBuffers - before.arrayBuffers)} MiB, RSS +${mib(after.rss - before.rss)} MiB |`,
  );
}

console.log('## verifySeal, mainnet block 1 (epoch 0): cold = generating the epoch cache + one check; warm = median of 200');
console.log('| keccak-512 backend | cold | warm | memory |');
console.log('|---|---:|---:|---|');
seals(`${keccak512Backend()} (before ethashReady)`);
await ethashReady;
seals(`${keccak512Backend()} (after ethashReady)`);

const size = cacheSize(0);
const seed = seedHash(0);
/** Byte views of Int32Array rows: little-endian hosts only (an adaptor for this comparison, not the module's way). */
const bytesOf = (w: Int32Array, off: number): Uint8Array => new Uint8Array(w.buffer, w.byteOffset + off * 4, 64);
const candidates: Record<string, Keccak512Words> = {
  'hash-wasm keccak-512, WebAssembly (src, after ethashReady)': keccak512WordsWasmLoaded()!,
  '@noble/hashes keccakP on a reused state (src fallback)': keccak512WordsJs,
  '@noble/hashes keccak_512(bytes) per row': (src, so, dst, d) => dst.set(new Int32Array(keccak_512(bytesOf(src, so)).buffer), d),
};
console.log(`\n## epoch-0 light cache: ${size} bytes, ${size / 64} rows, ${((4 * size) / 64 / 1e6).toFixed(2)}M keccak-512`);
console.log('| keccak-512 | seconds |');
console.log('|---|---:|');
let reference: string | undefined;
for (const [name, hash] of Object.entries(candidates)) {
  gc();
  const t = performance.now();
  const c = generateCacheWords(size, seed, hash);
  const s = (performance.now() - t) / 1000;
  const digest = Buffer.from(keccak_512(new Uint8Array(c.buffer))).toString('hex');
  if ((reference ??= digest) !== digest) throw new Error(`${name}: a different cache`);
  console.log(`| ${name} | ${s.toFixed(2)} |`);
}
console.log(
  `\ncache sizes: epoch 0 ${mib(cacheSize(0))} MiB, 100 ${mib(cacheSize(100))} MiB, 300 ${mib(cacheSize(300))} MiB, 500 ${mib(cacheSize(500))} MiB`,
);
