/**
 * secp256k1 for Ethereum over @noble/curves (loaded on first use): public-key recovery, addresses, and signing.
 *
 * Two validity rules for (r, s) exist and are kept apart on purpose:
 * - the ECRECOVER precompile (0x01) accepts 1 <= r, s < n, any s (`isValidEcrecoverSignature`);
 * - transactions since Homestead (EIP-2) also require s <= n/2, against signature malleability
 *   (`isValidTransactionSignature`); EIP-7702 authorizations follow the transaction rule.
 */
import { loadSecp256k1Curve } from './secp256k1Load.js';
import { keccak256 } from './keccak.js';
import type { Address } from '../address.js';
import { bigintToBytes, bytesToBigint } from '../hex.js';

/**
 * A faster public-key recovery with the same answers (the 64-byte key, or null), or undefined when it
 * cannot run here: `installNodePrecompiles()` (src/cli/nodePrecompiles.ts) installs libsecp256k1's addon, so
 * that transaction senders recover natively in Node (the ECRECOVER precompile has its own backend).
 */
export type Secp256k1Recover = (msgHash: Uint8Array, rs: Uint8Array, recoveryId: number) => Uint8Array | null | undefined;

let fastRecover: Secp256k1Recover | undefined;

/** Installs (or, with undefined, removes) the faster recovery `ecrecover` tries first. */
export function setSecp256k1Recover(recover: Secp256k1Recover | undefined): void {
  fastRecover = recover;
}

/** @noble/curves' secp256k1, loaded on the first signature operation (./secp256k1Load.ts). */
const curve = () => loadSecp256k1Curve().secp256k1;

/** The order n of the secp256k1 group. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
/** n / 2: the largest s a transaction signature may carry since Homestead (EIP-2). */
export const SECP256K1_HALF_N = SECP256K1_N >> 1n;

/** The ECRECOVER precompile's rule: r and s in [1, n-1], any s. */
export function isValidEcrecoverSignature(r: bigint, s: bigint): boolean {
  return r > 0n && r < SECP256K1_N && s > 0n && s < SECP256K1_N;
}

/**
 * The transaction rule: r and s in [1, n-1] and, when `lowS` (Homestead and later, EIP-2), s <= n/2.
 * Frontier transactions accepted any s.
 */
export function isValidTransactionSignature(r: bigint, s: bigint, lowS = true): boolean {
  return isValidEcrecoverSignature(r, s) && (!lowS || s <= SECP256K1_HALF_N);
}

/**
 * The 64-byte uncompressed public key (x || y, without the 0x04 prefix) that signed `msgHash` with
 * recovery id `recoveryId` (0 or 1, y parity of R), or null when no such key exists: r or s out of
 * [1, n-1], r not the x of a curve point, or the recovered point at infinity.
 * Callers check the s <= n/2 rule themselves when it applies.
 */
export function ecrecover(msgHash: Uint8Array, recoveryId: number, r: bigint, s: bigint): Uint8Array | null {
  if (msgHash.length !== 32) throw new RangeError(`ecrecover: message hash must be 32 bytes, got ${msgHash.length}`);
  if (recoveryId !== 0 && recoveryId !== 1) return null;
  if (!isValidEcrecoverSignature(r, s)) return null;
  if (fastRecover !== undefined) {
    const rs = new Uint8Array(64);
    rs.set(bigintToBytes(r, 32), 0);
    rs.set(bigintToBytes(s, 32), 32);
    const key = fastRecover(msgHash, rs, recoveryId);
    if (key !== undefined) return key;
  }
  try {
    const point = new (curve().Signature)(r, s, recoveryId).recoverPublicKey(msgHash);
    return point.toBytes(false).subarray(1);
  } catch {
    return null; // r is not an x coordinate on the curve, or Q is the point at infinity
  }
}

/** The address that signed `msgHash`, or null (see `ecrecover`). */
export function ecrecoverAddress(msgHash: Uint8Array, recoveryId: number, r: bigint, s: bigint): Address | null {
  const pub = ecrecover(msgHash, recoveryId, r, s);
  return pub === null ? null : publicKeyToAddress(pub);
}

/**
 * The address of a public key: the last 20 bytes of keccak256(x || y). Accepts the 64-byte form,
 * the 65-byte 0x04-prefixed form, or a 33-byte compressed key.
 */
export function publicKeyToAddress(publicKey: Uint8Array): Address {
  let xy: Uint8Array;
  if (publicKey.length === 64) xy = publicKey;
  else if (publicKey.length === 65 && publicKey[0] === 0x04) xy = publicKey.subarray(1);
  else if (publicKey.length === 33) xy = curve().Point.fromBytes(publicKey).toBytes(false).subarray(1);
  else throw new RangeError(`publicKeyToAddress: expected a 64, 65 or 33-byte public key, got ${publicKey.length} bytes`);
  return bytesToBigint(keccak256(xy).subarray(12));
}

function checkPrivateKey(privateKey: Uint8Array): void {
  if (privateKey.length !== 32 || !curve().utils.isValidSecretKey(privateKey))
    throw new RangeError('secp256k1: private key must be 32 bytes in [1, n-1]');
}

/** The 64-byte uncompressed public key (x || y) of a 32-byte private key. */
export function privateKeyToPublicKey(privateKey: Uint8Array): Uint8Array {
  checkPrivateKey(privateKey);
  return curve().getPublicKey(privateKey, false).subarray(1);
}

export function privateKeyToAddress(privateKey: Uint8Array): Address {
  return publicKeyToAddress(privateKeyToPublicKey(privateKey));
}

export interface RecoverableSignature {
  /** Recovery id: the parity of R's y coordinate. */
  readonly yParity: 0 | 1;
  readonly r: bigint;
  readonly s: bigint;
}

/** Deterministic (RFC 6979) low-s signature of a 32-byte hash, as transactions require. */
export function sign(msgHash: Uint8Array, privateKey: Uint8Array): RecoverableSignature {
  if (msgHash.length !== 32) throw new RangeError(`sign: message hash must be 32 bytes, got ${msgHash.length}`);
  checkPrivateKey(privateKey);
  const sig = curve().sign(msgHash, privateKey, { prehash: false, lowS: true, format: 'recovered' });
  const recovered = curve().Signature.fromBytes(sig, 'recovered');
  return { yParity: recovered.recovery === 1 ? 1 : 0, r: recovered.r, s: recovered.s };
}
