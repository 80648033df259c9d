/**
 * Blocks and headers as the RPC shows them (execution-apis `Block`, go-ethereum `RPCMarshalBlock`):
 * eth_getBlockByNumber/ByHash, the `newHeads` subscription (the header alone), eth_simulateV1 blocks.
 *
 * Every block: difficulty, extraData, gasLimit, gasUsed, hash, logsBloom, miner, mixHash, nonce, number,
 * parentHash, receiptsRoot, sha3Uncles, size, stateRoot, timestamp, transactions (hashes, or objects when
 * asked for full transactions), transactionsRoot, uncles (hashes). The fork adds what its header adds:
 * London baseFeePerGas; Shanghai withdrawals and withdrawalsRoot; Cancun blobGasUsed, excessBlobGas,
 * parentBeaconBlockRoot; Prague requestsHash. No totalDifficulty (go-ethereum dropped it after the merge).
 */
import type { Header } from '../../chain/header.js';
import type { Withdrawal } from '../../transition/blockEnv.js';
import { address, data, hash, quantity } from '../codec.js';
import { formatTransaction, type TxData } from './transaction.js';

/** A header's fields (the optional ones present from the fork that introduced them) and its hash. */
export interface HeaderData extends Header {
  readonly hash: Uint8Array;
}

export interface BlockData {
  readonly header: HeaderData;
  /** Length of the block's RLP encoding in bytes. */
  readonly size: bigint;
  readonly transactions: readonly TxData[];
  /** Ommer (uncle) header hashes. */
  readonly uncles: readonly Uint8Array[];
  /** Shanghai on. */
  readonly withdrawals?: readonly Withdrawal[];
}

export function formatWithdrawal(w: Withdrawal): Record<string, string> {
  return { index: quantity(w.index), validatorIndex: quantity(w.validatorIndex), address: address(w.address), amount: quantity(w.amount) };
}

/** The header fields of a block (the `newHeads` notification). */
export function formatHeader(h: HeaderData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (h.baseFeePerGas !== undefined) out.baseFeePerGas = quantity(h.baseFeePerGas);
  if (h.blobGasUsed !== undefined) out.blobGasUsed = quantity(h.blobGasUsed);
  out.difficulty = quantity(h.difficulty);
  if (h.excessBlobGas !== undefined) out.excessBlobGas = quantity(h.excessBlobGas);
  out.extraData = data(h.extraData);
  out.gasLimit = quantity(h.gasLimit);
  out.gasUsed = quantity(h.gasUsed);
  out.hash = hash(h.hash);
  out.logsBloom = data(h.logsBloom);
  out.miner = address(h.coinbase);
  out.mixHash = hash(h.mixHash);
  out.nonce = data(h.nonce);
  out.number = quantity(h.number);
  if (h.parentBeaconBlockRoot !== undefined) out.parentBeaconBlockRoot = hash(h.parentBeaconBlockRoot);
  out.parentHash = hash(h.parentHash);
  out.receiptsRoot = hash(h.receiptsRoot);
  if (h.requestsHash !== undefined) out.requestsHash = hash(h.requestsHash);
  out.sha3Uncles = hash(h.ommersHash);
  out.stateRoot = hash(h.stateRoot);
  out.timestamp = quantity(h.timestamp);
  out.transactionsRoot = hash(h.transactionsRoot);
  if (h.withdrawalsRoot !== undefined) out.withdrawalsRoot = hash(h.withdrawalsRoot);
  return out;
}

/** A block: its header fields, size, transactions (hashes, or full objects), uncles, withdrawals. */
export function formatBlock(b: BlockData, fullTransactions: boolean): Record<string, unknown> {
  const out = formatHeader(b.header);
  out.size = quantity(b.size);
  out.transactions = fullTransactions ? b.transactions.map(formatTransaction) : b.transactions.map((t) => hash(t.hash));
  out.uncles = b.uncles.map((u) => hash(u));
  if (b.header.withdrawalsRoot !== undefined) out.withdrawals = (b.withdrawals ?? []).map(formatWithdrawal);
  return out;
}
