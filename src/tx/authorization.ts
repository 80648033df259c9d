/**
 * EIP-7702 authorizations: the signer ("authority") of [chainId, address, nonce] delegates its code.
 * An invalid authorization does not invalidate the transaction; processing skips it. This file
 * answers the signature part; the processor checks chainId (0 or the chain's), the nonce against the
 * authority's account, and that the authority has no code other than a delegation.
 */
import { keccak256 } from '../primitives/crypto/keccak.js';
import { SECP256K1_HALF_N, ecrecoverAddress, sign } from '../primitives/crypto/secp256k1.js';
import { addressItem, encodeRlp, uintItem } from '../primitives/rlp/encode.js';
import type { Address } from '../primitives/address.js';
import type { Authorization } from './types.js';

/** EIP-7702 MAGIC: the domain byte in front of an authorization's signed payload. */
export const SET_CODE_AUTHORIZATION_MAGIC = 0x05;

/** keccak256(0x05 || RLP([chainId, address, nonce])). */
export function authorizationSigningHash(auth: Pick<Authorization, 'chainId' | 'address' | 'nonce'>): Uint8Array {
  const payload = encodeRlp([uintItem(auth.chainId), addressItem(auth.address), uintItem(auth.nonce)]);
  const msg = new Uint8Array(payload.length + 1);
  msg[0] = SET_CODE_AUTHORIZATION_MAGIC;
  msg.set(payload, 1);
  return keccak256(msg);
}

/**
 * The authority that signed `auth`, or null when the signature is invalid under EIP-7702:
 * yParity not 0/1, r or s outside [1, n-1], s above n/2, or no recoverable key.
 */
export function recoverAuthority(auth: Authorization): Address | null {
  if (auth.yParity !== 0n && auth.yParity !== 1n) return null;
  if (auth.s > SECP256K1_HALF_N) return null;
  return ecrecoverAddress(authorizationSigningHash(auth), Number(auth.yParity), auth.r, auth.s);
}

/** Signs an authorization tuple. */
export function signAuthorization(unsigned: Pick<Authorization, 'chainId' | 'address' | 'nonce'>, privateKey: Uint8Array): Authorization {
  const sig = sign(authorizationSigningHash(unsigned), privateKey);
  return {
    chainId: unsigned.chainId,
    address: unsigned.address,
    nonce: unsigned.nonce,
    yParity: BigInt(sig.yParity),
    r: sig.r,
    s: sig.s,
  };
}
