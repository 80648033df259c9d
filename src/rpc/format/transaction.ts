/**
 * Transactions as the RPC shows them (execution-apis `TransactionInfo`, go-ethereum `RPCTransaction`):
 * eth_getTransactionByHash/ByBlock*, full blocks, eth_simulateV1 with returnFullTransactions.
 *
 * Fields by type (what the conformance fixtures carry):
 * - all: blockHash, blockNumber, blockTimestamp, from, gas, gasPrice, hash, input, nonce, to (null for a
 *   creation), transactionIndex, value, type, v, r, s; block fields null (and no blockTimestamp) while pending
 * - legacy: chainId only when EIP-155 protected
 * - 1 (EIP-2930): accessList, chainId, yParity
 * - 2 (EIP-1559), 3, 4: also maxFeePerGas, maxPriorityFeePerGas; gasPrice is the effective price paid in
 *   its block (baseFee + min(tip, feeCap - baseFee)), or the fee cap while pending
 * - 3 (EIP-4844): maxFeePerBlobGas, blobVersionedHashes
 * - 4 (EIP-7702): authorizationList [{chainId, address, nonce, yParity, r, s}]
 */
import type { Address } from '../../primitives/address.js';
import { TxType, type Authorization, type AccessListItem, type Transaction } from '../../tx/types.js';
import { address, addressOrNull, data, hash, quantity } from '../codec.js';

/** Where a transaction sits in the chain. */
export interface TxLocation {
  readonly blockHash: Uint8Array;
  readonly blockNumber: bigint;
  readonly blockTimestamp: bigint;
  readonly index: number;
  /** The block's base fee (London on): the effective gas price of fee-market transactions depends on it. */
  readonly baseFeePerGas?: bigint;
}

/** A transaction with what the RPC shows beside its fields. */
export interface TxData {
  readonly tx: Transaction;
  readonly hash: Uint8Array;
  readonly from: Address;
  /** Absent while pending. */
  readonly location?: TxLocation;
}

/** The price per gas a transaction pays in a block with `baseFee` (EIP-1559). */
export function effectiveGasPrice(tx: Transaction, baseFee: bigint | undefined): bigint {
  if (tx.type === TxType.Legacy || tx.type === TxType.AccessList) return tx.gasPrice ?? 0n;
  const cap = tx.maxFeePerGas ?? 0n;
  if (baseFee === undefined) return cap;
  const tip = tx.maxPriorityFeePerGas ?? 0n;
  return baseFee + (tip < cap - baseFee ? tip : cap - baseFee);
}

export function formatAccessList(list: readonly AccessListItem[]): { address: string; storageKeys: string[] }[] {
  return list.map((e) => ({ address: address(e.address), storageKeys: e.storageKeys.map((k) => hash(k)) }));
}

export function formatAuthorizationList(list: readonly Authorization[]): Record<string, string>[] {
  return list.map((a) => ({
    chainId: quantity(a.chainId),
    address: address(a.address),
    nonce: quantity(a.nonce),
    yParity: quantity(a.yParity),
    r: quantity(a.r),
    s: quantity(a.s),
  }));
}

export function formatTransaction(t: TxData): Record<string, unknown> {
  const { tx, location } = t;
  const out: Record<string, unknown> = {
    blockHash: location === undefined ? null : hash(location.blockHash),
    blockNumber: location === undefined ? null : quantity(location.blockNumber),
  };
  if (location !== undefined) out.blockTimestamp = quantity(location.blockTimestamp);
  out.from = address(t.from);
  out.gas = quantity(tx.gasLimit);
  const feeMarket = tx.type !== TxType.Legacy && tx.type !== TxType.AccessList;
  out.gasPrice = quantity(feeMarket && location === undefined ? (tx.maxFeePerGas ?? 0n) : effectiveGasPrice(tx, location?.baseFeePerGas));
  if (feeMarket) {
    out.maxFeePerGas = quantity(tx.maxFeePerGas ?? 0n);
    out.maxPriorityFeePerGas = quantity(tx.maxPriorityFeePerGas ?? 0n);
  }
  if (tx.type === TxType.Blob) out.maxFeePerBlobGas = quantity(tx.maxFeePerBlobGas ?? 0n);
  out.hash = hash(t.hash);
  out.input = data(tx.data);
  out.nonce = quantity(tx.nonce);
  out.to = addressOrNull(tx.to);
  out.transactionIndex = location === undefined ? null : quantity(location.index);
  out.value = quantity(tx.value);
  out.type = quantity(tx.type);
  if (tx.type !== TxType.Legacy) out.accessList = formatAccessList(tx.accessList);
  if (tx.chainId !== undefined) out.chainId = quantity(tx.chainId);
  if (tx.type === TxType.Blob) out.blobVersionedHashes = (tx.blobVersionedHashes ?? []).map((h) => hash(h));
  if (tx.type === TxType.SetCode) out.authorizationList = formatAuthorizationList(tx.authorizationList ?? []);
  out.v = quantity(tx.v);
  out.r = quantity(tx.r);
  out.s = quantity(tx.s);
  if (tx.type !== TxType.Legacy) out.yParity = quantity(tx.v);
  return out;
}
