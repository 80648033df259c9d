/**
 * What a transaction signature covers, who signed it, and signing.
 * - Legacy: keccak256(RLP([nonce, gasPrice, gas, to, value, data])), or with EIP-155 (Spurious Dragon)
 *   RLP([..., chainId, 0, 0]) and v = 35 + 2 * chainId + yParity instead of 27 + yParity.
 * - Typed (EIP-2718): keccak256(type || RLP(fields without the signature)), v is the yParity (0 or 1).
 * - EIP-2 (Homestead): s <= n/2. Frontier accepted any s in [1, n-1].
 */
import { keccak256 } from '../primitives/crypto/keccak.js';
import { SECP256K1_HALF_N, SECP256K1_N, ecrecoverAddress, sign } from '../primitives/crypto/secp256k1.js';
import type { Rules } from '../spec/rules.js';
import { encodeRlp, uintItem } from '../primitives/rlp/encode.js';
import type { Address } from '../primitives/address.js';
import { legacyChainId } from './decode.js';
import { envelope, unsignedFields, type UnsignedTransaction } from './encode.js';
import { TxError } from './errors.js';
import { TxType, type Transaction } from './types.js';

/** The 32-byte hash a transaction's signature signs. */
export function signingHash(tx: UnsignedTransaction): Uint8Array {
  const fields = unsignedFields(tx);
  if (tx.type === TxType.Legacy && tx.chainId !== undefined) fields.push(uintItem(tx.chainId), new Uint8Array(0), new Uint8Array(0));
  return keccak256(envelope(tx.type, encodeRlp(fields)));
}

/** The signature rules of a fork; without rules, those of every fork since Spurious Dragon. */
export interface SignatureRules {
  /** EIP-2 (Homestead): s must be at most n/2. */
  readonly lowS: boolean;
  /** EIP-155 (Spurious Dragon): legacy v may commit to a chain id. */
  readonly eip155: boolean;
}

const LATEST: SignatureRules = { lowS: true, eip155: true };

/** The signature rules of `rules`' fork (EIP-2 low s, EIP-155 chain id). */
export function signatureRules(rules: Rules | undefined): SignatureRules {
  if (rules === undefined) return LATEST;
  return { lowS: rules.txSignatureLowS, eip155: rules.eip155 };
}

/**
 * The recovery id (y parity) of a well-formed signature, after checking v against the fork's rules
 * and the transaction's chainId; throws TxError INVALID_SIGNATURE naming v/yParity otherwise.
 */
export function recoveryId(tx: Transaction, sr: SignatureRules = LATEST): 0 | 1 {
  const v = tx.v;
  if (tx.type !== TxType.Legacy) {
    if (v !== 0n && v !== 1n) throw new TxError('INVALID_SIGNATURE', `must be 0 or 1, got ${v}`, 'yParity');
    return v === 1n ? 1 : 0;
  }
  if (v === 27n || v === 28n) {
    if (tx.chainId !== undefined) throw new TxError('INVALID_SIGNATURE', `v ${v} is unprotected but chainId is ${tx.chainId}`, 'v');
    return v === 28n ? 1 : 0;
  }
  if (v < 35n) throw new TxError('INVALID_SIGNATURE', `must be 27, 28 or 35 + 2 * chainId + yParity, got ${v}`, 'v');
  if (!sr.eip155) throw new TxError('INVALID_SIGNATURE', `${v} is an EIP-155 value, not valid before Spurious Dragon`, 'v');
  const implied = legacyChainId(v)!;
  if (tx.chainId !== implied)
    throw new TxError('INVALID_SIGNATURE', `v ${v} implies chain id ${implied} but chainId is ${tx.chainId}`, 'v');
  return (v - 35n) & 1n ? 1 : 0;
}

/** Checks r and s: 1 <= r, s < n, and s <= n/2 where EIP-2 applies. Throws TxError INVALID_SIGNATURE. */
export function checkSignatureValues(tx: Transaction, sr: SignatureRules = LATEST): void {
  if (tx.r === 0n || tx.r >= SECP256K1_N) throw new TxError('INVALID_SIGNATURE', `must be in [1, n-1], got ${tx.r}`, 'r');
  if (tx.s === 0n || tx.s >= SECP256K1_N) throw new TxError('INVALID_SIGNATURE', `must be in [1, n-1], got ${tx.s}`, 's');
  if (sr.lowS && tx.s > SECP256K1_HALF_N) throw new TxError('INVALID_SIGNATURE', 'must be at most n/2 (EIP-2, Homestead)', 's');
}

const SENDERS = new WeakMap<Transaction, Address>();

/**
 * The sender of a signed transaction under `rules` (default: the rules of every fork since Spurious
 * Dragon). Throws TxError INVALID_SIGNATURE for a bad v/yParity, r or s out of range, a high s where
 * EIP-2 forbids it, or a signature no public key recovers from. Cached per transaction object.
 */
export function recoverSender(tx: Transaction, rules?: Rules): Address {
  const sr = signatureRules(rules);
  const id = recoveryId(tx, sr);
  checkSignatureValues(tx, sr);
  const cached = SENDERS.get(tx);
  if (cached !== undefined) return cached;
  const sender = ecrecoverAddress(signingHash(tx), id, tx.r, tx.s);
  if (sender === null) throw new TxError('INVALID_SIGNATURE', 'no public key recovers from (r, s, yParity)', 'signature');
  SENDERS.set(tx, sender);
  return sender;
}

/**
 * Signs a transaction. A legacy transaction with a chainId is signed with EIP-155 (v = 35 + 2 * chainId
 * + yParity); without one, v = 27 + yParity. Typed transactions carry the yParity as v.
 */
export function signTx(unsigned: UnsignedTransaction, privateKey: Uint8Array): Transaction {
  const sig = sign(signingHash(unsigned), privateKey);
  const parity = BigInt(sig.yParity);
  let v = parity;
  if (unsigned.type === TxType.Legacy) v = unsigned.chainId === undefined ? 27n + parity : 35n + 2n * unsigned.chainId + parity;
  return { ...unsigned, v, r: sig.r, s: sig.s };
}
