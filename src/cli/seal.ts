/**
 * The proof-of-work seal check the command line and the conformance runners give to blockchain tests with
 * `sealEngine: Ethash`: ethash light verification (src/chain/ethash/) of every pre-Merge header and ommer.
 * Await `sealVerifierReady` first so the epoch caches are generated on the WebAssembly keccak-512 (the pure
 * JavaScript fallback gives the same answers, ~3x slower).
 */
import { ethashSealVerifier, type SealVerifier } from '../chain/seal.js';
import { ethashReady } from '../chain/ethash/index.js';

/** Resolves once the fast keccak-512 backend of ethash is loaded. */
export const sealVerifierReady: PromiseLike<void> = ethashReady;

export function blocktestSealVerifier(): SealVerifier {
  return ethashSealVerifier();
}
