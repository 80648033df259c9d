/**
 * The proof-of-work seal check behind a small interface: a chain is given a SealVerifier, or none (the
 * blockchain tests' `sealEngine: NoProof`, a dev chain), in which case every other header rule still applies.
 * Ethash light verification (./ethash/) provides the real one: `ethashSealVerifier()`.
 */
import type { Header } from './header.js';
import { sealHash } from './header.js';
import { verifySeal } from './ethash/seal.js';

/** The fields a seal check reads (go-ethereum ethash verifySeal). */
export interface SealFields {
  readonly number: bigint;
  /** keccak256 of the header's RLP without mixHash and nonce. */
  readonly sealHash: Uint8Array;
  readonly nonce: Uint8Array;
  readonly mixHash: Uint8Array;
  readonly difficulty: bigint;
}

/** Returns null for a valid seal, or why it is not. */
export type SealVerifier = (fields: SealFields) => string | null;

/** The seal fields of a header. */
export function sealFields(h: Header): SealFields {
  return { number: h.number, sealHash: sealHash(h), nonce: h.nonce, mixHash: h.mixHash, difficulty: h.difficulty };
}

/**
 * The real seal check: ethash light verification (./ethash/) of a pre-Merge header. The epoch's light cache
 * is generated on first use (16 MiB and ~1 s for epoch 0; the 3 most recently used epochs are kept); await
 * `ethashReady` first to generate it on the WebAssembly keccak-512.
 */
export function ethashSealVerifier(): SealVerifier {
  return (fields) => {
    const v = verifySeal(fields);
    return v.ok ? null : `invalid block nonce: ${v.error}`;
  };
}
