/**
 * The Ethash light cache of an epoch, and a small most-recently-used set of them.
 *
 * Generation (spec `mkcache`): row 0 = keccak512(seed), row i = keccak512(row i-1), then CACHE_ROUNDS passes of
 * Sergio Demian Lerner's RandMemoHash: row j = keccak512(row j-1 XOR row (row j's first word mod rows)), in
 * place, j ascending. Rows are 16 little-endian 32-bit words in one Int32Array
 * (signed only so that V8 reads them as int32 in the hot loops: the words feed only bit operations and imul).
 *
 * Memory: a cached epoch holds exactly cacheSize(epoch) bytes of words plus a few hundred bytes of object:
 * 16.0 MiB at epoch 0, +128 KiB per epoch: 28.5 MiB at epoch 100 (block 3,000,000), 53.5 MiB at epoch 300
 * (block 9,000,000), 78.5 MiB at epoch 500 (block 15,000,000, near the Merge at 15,537,393). The default
 * manager keeps the 3 most recently used epochs (as go-ethereum keeps 3 caches in memory), so at most ~48 MiB
 * while testing near genesis and ~240 MiB at mainnet's last PoW epochs; generation allocates nothing else.
 * Generating one costs ~1M keccak-512 at epoch 0 (+0.8% per epoch): ~1.0 s on hash-wasm's keccak-512, ~4.4 s
 * on the pure-JS fallback (BENCHMARKS.md, Ethash). Await `ethashReady` before the first generation to get the
 * fast one; generating a cache also starts loading it in the background, for the next epochs.
 */
import { CACHE_ROUNDS, HASH_WORDS, cacheSize, datasetSize, seedHash } from './params.js';
import { bytesToWordsLE, ethashReady, keccak512Words, type Keccak512Words } from './keccak512.js';
import { keccak_512 } from '@noble/hashes/sha3.js';

export interface EthashCache {
  readonly epoch: number;
  /** The epoch's seed (32 bytes). */
  readonly seed: Uint8Array;
  /** Number of 64-byte rows (a prime, for real epochs). */
  readonly rows: number;
  /** The rows, 16 words each: rows * 16 words, rows * 64 bytes. */
  readonly words: Int32Array;
  /** Bytes of the epoch's full dataset, which hashimoto indexes (computed items, never stored). */
  readonly datasetSize: number;
}

/**
 * Fills a cache of `sizeBytes` (a multiple of 64) from a seed. `hash` is the keccak-512 of one row: by default
 * the fastest backend loaded (keccak512.ts; await `ethashReady` first for the WebAssembly one).
 */
export function generateCacheWords(sizeBytes: number, seed: Uint8Array, hash: Keccak512Words = keccak512Words): Int32Array {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0 || sizeBytes % 64 !== 0) {
    throw new RangeError(`ethash: cache size ${sizeBytes} is not a positive multiple of 64 bytes`);
  }
  const rows = sizeBytes / 64;
  const cache = new Int32Array(rows * HASH_WORDS);
  bytesToWordsLE(keccak_512(seed), cache, 0);
  for (let off = HASH_WORDS; off < cache.length; off += HASH_WORDS) hash(cache, off - HASH_WORDS, cache, off);
  const temp = new Int32Array(HASH_WORDS);
  for (let round = 0; round < CACHE_ROUNDS; round++) {
    for (let j = 0; j < rows; j++) {
      const dst = j * HASH_WORDS;
      const src = (j === 0 ? rows - 1 : j - 1) * HASH_WORDS;
      const other = ((cache[dst]! >>> 0) % rows) * HASH_WORDS;
      for (let k = 0; k < HASH_WORDS; k++) temp[k] = cache[src + k]! ^ cache[other + k]!;
      hash(temp, 0, cache, dst);
    }
  }
  return cache;
}

/** Generates the light cache of an epoch (uncached: see ethashCache / EthashCacheManager). */
export function generateEthashCache(epoch: number): EthashCache {
  void ethashReady.then(); // loads the WebAssembly keccak-512 for later generations, if nobody awaited it yet
  const seed = seedHash(epoch);
  const size = cacheSize(epoch);
  const words = generateCacheWords(size, seed);
  return { epoch, seed, rows: size / 64, words, datasetSize: datasetSize(epoch) };
}

/**
 * Keeps the `capacity` most recently used epochs' caches; generates a missing one synchronously (with
 * `generate`, generateEthashCache unless a test substitutes it).
 */
export class EthashCacheManager {
  private readonly caches = new Map<number, EthashCache>();

  constructor(
    readonly capacity = 3,
    private readonly generate: (epoch: number) => EthashCache = generateEthashCache,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ethash: cache capacity ${capacity} must be a positive integer`);
  }

  /** The epoch's cache, generated on first use; the least recently used beyond capacity is dropped. */
  get(epoch: number): EthashCache {
    let c = this.caches.get(epoch);
    if (c !== undefined) {
      this.caches.delete(epoch); // re-insert: Map order is the recency order
      this.caches.set(epoch, c);
      return c;
    }
    // Drop the least recently used first, so that the peak is `capacity` caches, not one more.
    while (this.caches.size >= this.capacity) this.caches.delete(this.caches.keys().next().value!);
    c = this.generate(epoch);
    this.caches.set(epoch, c);
    return c;
  }

  has(epoch: number): boolean {
    return this.caches.has(epoch);
  }

  /** Cached epochs, least recently used first. */
  epochs(): number[] {
    return [...this.caches.keys()];
  }

  /** Bytes held by the cached epochs' rows. */
  bytes(): number {
    let n = 0;
    for (const c of this.caches.values()) n += c.words.byteLength;
    return n;
  }

  clear(): void {
    this.caches.clear();
  }
}

/** The process-wide manager used by ethashCache, hashimotoLight and verifySeal. */
export const defaultEthashCaches = new EthashCacheManager(3);

/** The light cache of an epoch, from the default manager (generated once, kept while among the 3 most recently used). */
export function ethashCache(epoch: number): EthashCache {
  return defaultEthashCaches.get(epoch);
}
