/**
 * Ethash light verification of proof-of-work seals (pre-Merge headers with sealEngine Ethash): per-epoch light
 * caches (generated on first use, the 3 most recently used kept), hashimoto over the cache, and the seal check.
 * Pure TypeScript on @noble/hashes; no Node-only API, so it runs in browsers too.
 */
export { EPOCH_LENGTH, epochOf, cacheSize, datasetSize, seedHash, isPrime } from './params.js';
export {
  type EthashCache,
  EthashCacheManager,
  defaultEthashCaches,
  ethashCache,
  generateEthashCache,
  generateCacheWords,
} from './cache.js';
export { type HashimotoResult, hashimoto, hashimotoLight, calcDatasetItem } from './hashimoto.js';
export { type SealFields, type SealVerdict, type SealError, SEAL_ERRORS, verifySeal, sealHashOf } from './seal.js';
export { type Keccak512Words, keccak512Words, keccak512WordsJs, keccak512Backend, ethashReady } from './keccak512.js';
