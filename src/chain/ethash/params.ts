/**
 * Ethash parameters and per-epoch sizes (Ethash spec revision 23: the ethereum.org "Ethash" page, Yellow Paper
 * appendix J, go-ethereum consensus/ethash/algorithm.go). An epoch is 30000 blocks; its light cache and its
 * (never built here) full dataset grow linearly with the epoch and are trimmed down to a prime number of rows,
 * so that the pseudo-random row indices cover the whole structure without a cycle.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';

/** Blocks per epoch. */
export const EPOCH_LENGTH = 30000;
/** Bytes of the light cache at epoch 0, and its growth per epoch. */
export const CACHE_BYTES_INIT = 2 ** 24;
export const CACHE_BYTES_GROWTH = 2 ** 17;
/** Bytes of the full dataset at epoch 0, and its growth per epoch. */
export const DATASET_BYTES_INIT = 2 ** 30;
export const DATASET_BYTES_GROWTH = 2 ** 23;
/** Bytes of one cache row / dataset item (a keccak-512 output): 16 32-bit words. */
export const HASH_BYTES = 64;
export const HASH_WORDS = 16;
/** Width of the hashimoto mix: two dataset items, 32 words. */
export const MIX_BYTES = 128;
export const MIX_WORDS = 32;
/** Cache rows mixed into each dataset item. */
export const DATASET_PARENTS = 256;
/** RandMemoHash passes over the cache. */
export const CACHE_ROUNDS = 3;
/** Dataset reads (of MIX_BYTES each) in one hashimoto run. */
export const ACCESSES = 64;
/** The FNV prime of Ethash's FNV-like mixing (the full 32-bit word is multiplied, not one octet). */
export const FNV_PRIME = 0x01000193;

/** The epoch of a block number. */
export function epochOf(blockNumber: bigint | number): number {
  const n = typeof blockNumber === 'bigint' ? blockNumber : BigInt(blockNumber);
  if (n < 0n) throw new RangeError(`ethash: negative block number ${n}`);
  const e = n / BigInt(EPOCH_LENGTH);
  if (e > 0xffffffffn) throw new RangeError(`ethash: block number ${n} is past any epoch this implementation sizes`);
  return Number(e);
}

/** Trial division; the numbers tested are below 2^29 (dataset rows), so at most ~12,000 odd divisors. */
export function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

function checkEpoch(epoch: number): void {
  if (!Number.isSafeInteger(epoch) || epoch < 0 || epoch > 0xffffffff) throw new RangeError(`ethash: invalid epoch ${epoch}`);
}

/** Bytes of the light cache of an epoch: the largest size <= 2^24 + 2^17*epoch - 64 with a prime number of 64-byte rows. */
export function cacheSize(epoch: number): number {
  checkEpoch(epoch);
  let size = CACHE_BYTES_INIT + CACHE_BYTES_GROWTH * epoch - HASH_BYTES;
  while (!isPrime(size / HASH_BYTES)) size -= 2 * HASH_BYTES;
  return size;
}

/** Bytes of the full dataset of an epoch: the largest size <= 2^30 + 2^23*epoch - 128 with a prime number of 128-byte rows. */
export function datasetSize(epoch: number): number {
  checkEpoch(epoch);
  let size = DATASET_BYTES_INIT + DATASET_BYTES_GROWTH * epoch - MIX_BYTES;
  while (!isPrime(size / MIX_BYTES)) size -= 2 * MIX_BYTES;
  return size;
}

/** The seed of an epoch: keccak256 applied `epoch` times to 32 zero bytes. */
export function seedHash(epoch: number): Uint8Array {
  checkEpoch(epoch);
  let seed = new Uint8Array(32);
  for (let i = 0; i < epoch; i++) seed = keccak_256(seed);
  return seed;
}
