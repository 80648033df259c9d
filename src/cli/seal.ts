/**
 * The proof-of-work seal check the command line and the conformance runners give to blockchain tests with
 * `sealEngine: Ethash`. Until ethash light verification (src/chain/ethash/) is in, there is none: seals are
 * not checked (every other header rule still is).
 */
import type { SealVerifier } from '../chain/seal.js';

export function blocktestSealVerifier(): SealVerifier | undefined {
  return undefined;
}
