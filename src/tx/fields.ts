/**
 * Readers from decoded RLP items to transaction fields. Each names the field it rejects and sorts the
 * fault into a TxError code: shape faults (list vs bytes, leading zeros, fixed sizes) are
 * RLP_INVALID_FIELD, integers past their width are FIELD_OVERFLOW.
 */
import type { RlpItem } from '../primitives/rlp/encode.js';
import type { Address } from '../primitives/address.js';
import { bytesToBigint } from '../primitives/hex.js';
import { TxError } from './errors.js';
import type { AccessListItem, Authorization } from './types.js';

export function bytesField(item: RlpItem, field: string): Uint8Array {
  if (!(item instanceof Uint8Array)) throw new TxError('RLP_INVALID_FIELD', 'expected a byte string, got a list', field);
  return item;
}

function listField(item: RlpItem, field: string): readonly RlpItem[] {
  if (item instanceof Uint8Array) throw new TxError('RLP_INVALID_FIELD', 'expected a list, got a byte string', field);
  return item;
}

function overflow(b: Uint8Array, field: string, maxBytes: number): TxError {
  return new TxError('FIELD_OVERFLOW', `integer of ${b.length} bytes exceeds ${maxBytes * 8} bits`, field);
}

/** A canonical unsigned integer of at most `maxBytes` bytes (8: uint64, 32: uint256). */
export function uintField(item: RlpItem, field: string, maxBytes: number): bigint {
  const b = bytesField(item, field);
  // Both faults reject the field; which one is named follows go-ethereum, which reads uint64 fields by
  // width (too many bytes first) and 256-bit integers by form (leading zeros first).
  if (maxBytes <= 8 && b.length > maxBytes) throw overflow(b, field, maxBytes);
  if (b.length > 0 && b[0] === 0) throw new TxError('RLP_INVALID_FIELD', 'integer has leading zero bytes', field);
  if (b.length > maxBytes) throw overflow(b, field, maxBytes);
  return bytesToBigint(b);
}

function fixedBytesField(item: RlpItem, field: string, size: number): Uint8Array {
  const b = bytesField(item, field);
  if (b.length !== size)
    throw new TxError('RLP_INVALID_FIELD', `expected ${size} bytes, got ${b.length} (too ${b.length < size ? 'short' : 'long'})`, field);
  return b;
}

function addressField(item: RlpItem, field: string): Address {
  return bytesToBigint(fixedBytesField(item, field, 20));
}

/** `to`: 20 bytes, or empty for contract creation. */
export function toField(item: RlpItem, field = 'to'): Address | null {
  const b = bytesField(item, field);
  return b.length === 0 ? null : addressField(b, field);
}

/** EIP-2930 access list: [[address, [storageKey, ...]], ...] with 20-byte addresses and 32-byte keys. */
export function accessListField(item: RlpItem): AccessListItem[] {
  const entries = listField(item, 'accessList');
  const out: AccessListItem[] = new Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const where = `accessList[${i}]`;
    const entry = listField(entries[i]!, where);
    if (entry.length !== 2) throw new TxError('RLP_INVALID_FIELD', `expected [address, storageKeys], got ${entry.length} elements`, where);
    const keys = listField(entry[1]!, `${where}.storageKeys`);
    const storageKeys: bigint[] = new Array(keys.length);
    for (let j = 0; j < keys.length; j++) storageKeys[j] = bytesToBigint(fixedBytesField(keys[j]!, `${where}.storageKeys[${j}]`, 32));
    out[i] = { address: addressField(entry[0]!, `${where}.address`), storageKeys };
  }
  return out;
}

/** EIP-4844 blob versioned hashes: 32 bytes each (the version byte is checked by validation). */
export function blobHashesField(item: RlpItem): Uint8Array[] {
  const list = listField(item, 'blobVersionedHashes');
  return list.map((h, i) => fixedBytesField(h, `blobVersionedHashes[${i}]`, 32).slice());
}

/** EIP-7702 authorization list: [[chainId, address, nonce, yParity, r, s], ...]. */
export function authorizationListField(item: RlpItem): Authorization[] {
  const list = listField(item, 'authorizationList');
  const out: Authorization[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const where = `authorizationList[${i}]`;
    const a = listField(list[i]!, where);
    if (a.length !== 6)
      throw new TxError('RLP_INVALID_FIELD', `expected [chainId, address, nonce, yParity, r, s], got ${a.length} elements`, where);
    out[i] = {
      chainId: uintField(a[0]!, `${where}.chainId`, 32),
      address: addressField(a[1]!, `${where}.address`),
      nonce: uintField(a[2]!, `${where}.nonce`, 8),
      yParity: uintField(a[3]!, `${where}.yParity`, 1),
      r: uintField(a[4]!, `${where}.r`, 32),
      s: uintField(a[5]!, `${where}.s`, 32),
    };
  }
  return out;
}
