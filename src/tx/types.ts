/** Transaction shapes (EIP-2718 typed envelopes). Addresses are bigints; absent `to` means create. */
import type { Address } from '../primitives/address.js';

/** The EIP-2718 transaction types (a runtime object, with a union type of the same name). */
export const TxType = Object.freeze({
  Legacy: 0,
  /** EIP-2930 */
  AccessList: 1,
  /** EIP-1559 */
  FeeMarket: 2,
  /** EIP-4844 */
  Blob: 3,
  /** EIP-7702 */
  SetCode: 4,
} as const);
export type TxType = (typeof TxType)[keyof typeof TxType];

export interface AccessListItem {
  readonly address: Address;
  readonly storageKeys: readonly bigint[];
}

/** EIP-7702 authorization tuple. */
export interface Authorization {
  readonly chainId: bigint;
  readonly address: Address;
  readonly nonce: bigint;
  readonly yParity: bigint;
  readonly r: bigint;
  readonly s: bigint;
}

export interface Transaction {
  readonly type: TxType;
  /** Legacy: undefined when not EIP-155 protected. */
  readonly chainId?: bigint;
  readonly nonce: bigint;
  /** Legacy and EIP-2930. */
  readonly gasPrice?: bigint;
  /** EIP-1559 and later. */
  readonly maxPriorityFeePerGas?: bigint;
  readonly maxFeePerGas?: bigint;
  readonly gasLimit: bigint;
  readonly to: Address | null;
  readonly value: bigint;
  readonly data: Uint8Array;
  readonly accessList: readonly AccessListItem[];
  readonly maxFeePerBlobGas?: bigint;
  readonly blobVersionedHashes?: readonly Uint8Array[];
  readonly authorizationList?: readonly Authorization[];
  /** Signature: v for legacy (27/28 or EIP-155 value), yParity for typed. */
  readonly v: bigint;
  readonly r: bigint;
  readonly s: bigint;
}

/**
 * The fields a transaction's type carries: a Transaction object may hold a field its type does not have
 * (a t8n or API input giving `type` 0 and an `authorizationList`); consensus reads only its type's fields
 * (execution-specs: access lists from type 1, blob hashes in type 3, authorizations in type 4).
 */
export function accessListOf(tx: Transaction): readonly AccessListItem[] {
  return tx.type === TxType.Legacy ? [] : tx.accessList;
}

export function blobHashesOf(tx: Transaction): readonly Uint8Array[] {
  return tx.type === TxType.Blob ? (tx.blobVersionedHashes ?? []) : [];
}

export function authorizationsOf(tx: Transaction): readonly Authorization[] {
  return tx.type === TxType.SetCode ? (tx.authorizationList ?? []) : [];
}
