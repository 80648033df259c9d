/**
 * Hashimoto over the light cache (spec `calc_dataset_item` and `hashimoto_light`): the 64 dataset reads of a
 * seal check are computed from the cache instead of read from the multi-GB dataset, each item from 256
 * pseudo-random cache rows. One verification computes 128 dataset items: 256 keccak-512 of rows and 512K FNV
 * word mixes (32K random cache-row reads), in fixed module-level scratch arrays: nothing is allocated per item
 * (beyond what hash-wasm's API allocates per hash, keccak512.ts), only the seed and result hashes per call.
 */
import { keccak_256, keccak_512 } from '@noble/hashes/sha3.js';
import { ACCESSES, DATASET_PARENTS, FNV_PRIME, HASH_WORDS, MIX_BYTES, MIX_WORDS, epochOf } from './params.js';
import { bytesToWordsLE, keccak512Words, wordsToBytesLE } from './keccak512.js';
import { defaultEthashCaches, type EthashCacheManager } from './cache.js';

export interface HashimotoResult {
  /** The compressed mix: what the header's mixHash must equal. */
  readonly mixDigest: Uint8Array;
  /** keccak256(seed || mixDigest): the proof-of-work value compared with 2^256 / difficulty. */
  readonly result: Uint8Array;
}

/** x mod n for integers 0 <= x, n < 2^32, in float64 (exact there): V8 compiles `%` of a uint32 by a non-constant to a slow fmod call. */
function mod(x: number, n: number): number {
  return x - Math.floor(x / n) * n;
}

/**
 * Writes dataset item `index` (16 words) to out[outOff..outOff+16), from a cache of `rows` 16-word rows.
 * The mix starts as cache row (index mod rows) with its first word XORed with the index, hashed; each of
 * DATASET_PARENTS rounds FNV-mixes in the row fnv(index ^ round, mix[round mod 16]) mod rows; it is hashed again.
 */
export function calcDatasetItem(cache: Int32Array, rows: number, index: number, out: Int32Array, outOff: number): void {
  const first = mod(index, rows) * HASH_WORDS;
  for (let k = 0; k < HASH_WORDS; k++) out[outOff + k] = cache[first + k]!;
  out[outOff] = out[outOff]! ^ index;
  keccak512Words(out, outOff, out, outOff);
  for (let j = 0; j < DATASET_PARENTS; j++) {
    const parent = mod((Math.imul(index ^ j, FNV_PRIME) ^ out[outOff + (j & 15)]!) >>> 0, rows) * HASH_WORDS;
    for (let k = 0; k < HASH_WORDS; k++) out[outOff + k] = Math.imul(out[outOff + k]!, FNV_PRIME) ^ cache[parent + k]!;
  }
  keccak512Words(out, outOff, out, outOff);
}

const seedInput = new Uint8Array(40);
const seedWords = new Int32Array(HASH_WORDS);
const mix = new Int32Array(MIX_WORDS);
const fetched = new Int32Array(MIX_WORDS);

function fnv(a: number, b: number): number {
  return (Math.imul(a, FNV_PRIME) ^ b) >>> 0;
}

function checkLength(b: Uint8Array, len: number, what: string): void {
  if (!(b instanceof Uint8Array) || b.length !== len) throw new TypeError(`ethash: ${what} must be ${len} bytes`);
}

/**
 * Hashimoto of a seal hash and nonce over a light cache (`cache` of `rows` rows) for a dataset of
 * `datasetBytes` bytes. The nonce is the header's 8 bytes (big-endian), hashed as the little-endian uint64
 * the spec appends (so reversed).
 */
export function hashimoto(cache: Int32Array, rows: number, datasetBytes: number, sealHash: Uint8Array, nonce: Uint8Array): HashimotoResult {
  checkLength(sealHash, 32, 'the seal hash');
  checkLength(nonce, 8, 'the nonce');
  if (cache.length !== rows * HASH_WORDS) throw new RangeError(`ethash: cache of ${cache.length} words is not ${rows} rows`);
  seedInput.set(sealHash, 0);
  for (let i = 0; i < 8; i++) seedInput[32 + i] = nonce[7 - i]!;
  const seed = keccak_512(seedInput);
  bytesToWordsLE(seed, seedWords, 0);
  for (let i = 0; i < MIX_WORDS; i++) mix[i] = seedWords[i & 15]!;
  const pages = Math.floor(datasetBytes / MIX_BYTES); // pairs of dataset items
  const s0 = seedWords[0]!;
  for (let i = 0; i < ACCESSES; i++) {
    const p = mod(fnv(i ^ s0, mix[i & 31]!), pages);
    calcDatasetItem(cache, rows, 2 * p, fetched, 0);
    calcDatasetItem(cache, rows, 2 * p + 1, fetched, HASH_WORDS);
    for (let k = 0; k < MIX_WORDS; k++) mix[k] = Math.imul(mix[k]!, FNV_PRIME) ^ fetched[k]!;
  }
  const tail = new Uint8Array(96); // seed || mixDigest, the input of the result hash
  tail.set(seed, 0);
  for (let i = 0; i < MIX_WORDS / 4; i++) {
    mix[i] = fnv(fnv(fnv(mix[4 * i]!, mix[4 * i + 1]!), mix[4 * i + 2]!), mix[4 * i + 3]!);
  }
  wordsToBytesLE(mix, 0, 8, tail, 64);
  return { mixDigest: tail.slice(64), result: keccak_256(tail) };
}

/**
 * Ethash light hashimoto for a block: the epoch's cache from `caches` (generated on first use) and the epoch's
 * dataset size. `sealHash` is keccak256 of the header's RLP without mixHash and nonce; `nonce` the header's 8 bytes.
 */
export function hashimotoLight(
  blockNumber: bigint | number,
  sealHash: Uint8Array,
  nonce: Uint8Array,
  caches: EthashCacheManager = defaultEthashCaches,
): HashimotoResult {
  checkLength(sealHash, 32, 'the seal hash');
  checkLength(nonce, 8, 'the nonce');
  const c = caches.get(epochOf(blockNumber));
  return hashimoto(c.words, c.rows, c.datasetSize, sealHash, nonce);
}
