/**
 * Transaction encoding (EIP-2718 envelopes) and hashing. The decoder is strict and canonical, so
 * encodeTx(decodeTx(b)) reproduces b byte for byte and txHash is keccak256 of the received bytes.
 */
import { keccak256 } from '../primitives/crypto/keccak.js';
import { addressItem, encodeRlp, type RlpItem, uintItem } from '../primitives/rlp/encode.js';
import { bigintToBytes } from '../primitives/hex.js';
import { TxError } from './errors.js';
import { TxType, type AccessListItem, type Authorization, type Transaction } from './types.js';

/** A transaction before signing: every field but the signature. */
export type UnsignedTransaction = Omit<Transaction, 'v' | 'r' | 's'>;

function required<T>(v: T | undefined, field: string, tx: UnsignedTransaction): T {
  if (v === undefined) throw new TxError('RLP_INVALID_FIELD', `missing, required by type ${tx.type} transactions`, field);
  return v;
}

function accessListItems(list: readonly AccessListItem[]): RlpItem[] {
  return list.map((e) => [addressItem(e.address), e.storageKeys.map((k) => bigintToBytes(k, 32))]);
}

function authorizationItems(list: readonly Authorization[]): RlpItem[] {
  return list.map((a) => [
    uintItem(a.chainId),
    addressItem(a.address),
    uintItem(a.nonce),
    uintItem(a.yParity),
    uintItem(a.r),
    uintItem(a.s),
  ]);
}

/** The fields a transaction's signature covers, in encoding order (without EIP-155's chainId, 0, 0). */
export function unsignedFields(tx: UnsignedTransaction): RlpItem[] {
  const head = [uintItem(tx.nonce)];
  const tail = [uintItem(tx.gasLimit), addressItem(tx.to), uintItem(tx.value), tx.data];
  switch (tx.type) {
    case TxType.Legacy:
      return [...head, uintItem(required(tx.gasPrice, 'gasPrice', tx)), ...tail];
    case TxType.AccessList:
      return [
        uintItem(required(tx.chainId, 'chainId', tx)),
        ...head,
        uintItem(required(tx.gasPrice, 'gasPrice', tx)),
        ...tail,
        accessListItems(tx.accessList),
      ];
    case TxType.FeeMarket:
    case TxType.Blob:
    case TxType.SetCode: {
      const fields: RlpItem[] = [
        uintItem(required(tx.chainId, 'chainId', tx)),
        ...head,
        uintItem(required(tx.maxPriorityFeePerGas, 'maxPriorityFeePerGas', tx)),
        uintItem(required(tx.maxFeePerGas, 'maxFeePerGas', tx)),
        ...tail,
        accessListItems(tx.accessList),
      ];
      if (tx.type === TxType.Blob) {
        fields.push(uintItem(required(tx.maxFeePerBlobGas, 'maxFeePerBlobGas', tx)));
        fields.push([...required(tx.blobVersionedHashes, 'blobVersionedHashes', tx)]);
      } else if (tx.type === TxType.SetCode) {
        fields.push(authorizationItems(required(tx.authorizationList, 'authorizationList', tx)));
      }
      return fields;
    }
    default:
      throw new TxError('TYPE_NOT_SUPPORTED', `cannot encode transaction type ${String((tx as { type: unknown }).type)}`);
  }
}

/** `type || payload` for typed transactions, the bare payload for legacy ones. */
export function envelope(type: TxType, payload: Uint8Array): Uint8Array {
  if (type === TxType.Legacy) return payload;
  const out = new Uint8Array(payload.length + 1);
  out[0] = type;
  out.set(payload, 1);
  return out;
}

/**
 * The encodings of the transactions encoded last (at most RECENT_ENCODINGS, oldest dropped first): a dev
 * node encodes each transaction it mines for its hash, the block's transactions root, the body checks and
 * the block's RLP, one after the other. Bounded, unlike the hashes below, so that a long chain does not keep
 * a second copy of every transaction it ever held.
 */
const ENCODINGS = new Map<Transaction, Uint8Array>();
const RECENT_ENCODINGS = 1024;

/** The canonical encoding (cached for the last transactions: immutable objects); callers must not change it. */
function encoded(tx: Transaction): Uint8Array {
  let e = ENCODINGS.get(tx);
  if (e === undefined) {
    const fields = unsignedFields(tx);
    fields.push(uintItem(tx.v), uintItem(tx.r), uintItem(tx.s));
    e = envelope(tx.type, encodeRlp(fields));
    if (ENCODINGS.size >= RECENT_ENCODINGS) ENCODINGS.delete(ENCODINGS.keys().next().value!);
    ENCODINGS.set(tx, e);
  }
  return e;
}

/** The canonical binary encoding of a signed transaction (each call returns its own copy). */
export function encodeTx(tx: Transaction): Uint8Array {
  return encoded(tx).slice();
}

const HASHES = new WeakMap<Transaction, Uint8Array>();

/** keccak256 of the canonical encoding: the transaction hash. Cached per (immutable) transaction object. */
export function txHash(tx: Transaction): Uint8Array {
  let h = HASHES.get(tx);
  if (h === undefined) {
    h = keccak256(encoded(tx));
    HASHES.set(tx, h);
  }
  return h.slice();
}
