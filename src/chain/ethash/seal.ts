/**
 * Proof-of-work seal check of a pre-Merge header, as go-ethereum's ethash verifySeal: the difficulty must be
 * positive, hashimoto's mix digest must equal the header's mixHash, and its result, read as a big-endian
 * 256-bit number, must not exceed 2^256 / difficulty. A failure is what blockchain tests call InvalidBlockNonce.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { encodeRlp, type RlpItem } from '../../primitives/rlp/index.js';
import { bytesToBigint } from '../../primitives/hex.js';
import { hashimotoLight, type HashimotoResult } from './hashimoto.js';
import type { EthashCacheManager } from './cache.js';

export interface SealFields {
  readonly number: bigint | number;
  /** keccak256 of the header's RLP without mixHash and nonce (see sealHashOf). */
  readonly sealHash: Uint8Array;
  /** The header's 8-byte nonce. */
  readonly nonce: Uint8Array;
  /** The header's 32-byte mixHash. */
  readonly mixHash: Uint8Array;
  readonly difficulty: bigint;
}

export const SEAL_ERRORS = {
  difficulty: 'non-positive difficulty',
  mixDigest: 'invalid mix digest',
  pow: 'invalid proof-of-work: result above the target 2^256/difficulty',
} as const;

export type SealError = (typeof SEAL_ERRORS)[keyof typeof SEAL_ERRORS];

export type SealVerdict =
  | { readonly ok: true; readonly hashimoto: HashimotoResult }
  | { readonly ok: false; readonly error: SealError; readonly hashimoto?: HashimotoResult };

const TWO_256 = 1n << 256n;

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Checks a header's seal. Returns `{ ok: true }` or `{ ok: false, error }` with the reason (no throw for a bad
 * seal; a sealHash or nonce of the wrong length is a caller error and throws). The epoch's light cache comes
 * from `caches` (the process-wide default keeps the 3 most recently used epochs).
 */
export function verifySeal(h: SealFields, caches?: EthashCacheManager): SealVerdict {
  if (h.difficulty <= 0n) return { ok: false, error: SEAL_ERRORS.difficulty };
  const r = hashimotoLight(h.number, h.sealHash, h.nonce, caches);
  if (!equalBytes(r.mixDigest, h.mixHash)) return { ok: false, error: SEAL_ERRORS.mixDigest, hashimoto: r };
  if (bytesToBigint(r.result) > TWO_256 / h.difficulty) return { ok: false, error: SEAL_ERRORS.pow, hashimoto: r };
  return { ok: true, hashimoto: r };
}

/** Index of mixHash in a header's field list; nonce follows it. */
const MIX_HASH_FIELD = 13;

/**
 * The seal hash of a header given as its RLP list items: keccak256 of the RLP of every field but mixHash (13)
 * and nonce (14): the first 13 fields before London, plus baseFee (field 15) from London on.
 */
export function sealHashOf(headerFields: readonly RlpItem[]): Uint8Array {
  if (headerFields.length < 15) throw new RangeError(`ethash: a header has at least 15 fields, got ${headerFields.length}`);
  const fields = [...headerFields.slice(0, MIX_HASH_FIELD), ...headerFields.slice(MIX_HASH_FIELD + 2)];
  return keccak_256(encodeRlp(fields));
}
