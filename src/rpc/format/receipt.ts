/**
 * Logs and receipts as the RPC shows them (execution-apis `Log`, `ReceiptInfo`; go-ethereum
 * `MarshalReceipt`): eth_getTransactionReceipt, eth_getBlockReceipts, eth_getLogs, filters, the `logs`
 * subscription, eth_simulateV1 call logs.
 *
 * A log: address, topics, data, blockNumber, transactionHash, transactionIndex, blockHash, blockTimestamp,
 * logIndex (position in the block), removed (true only when a reorg drops it).
 * A receipt: blockHash, blockNumber, contractAddress (null unless a creation), cumulativeGasUsed,
 * effectiveGasPrice, from, gasUsed, logs, logsBloom, `status` (Byzantium on) or `root` (the post-state root
 * before it), to, transactionHash, transactionIndex, type; blob transactions add blobGasUsed, blobGasPrice.
 */
import type { Address } from '../../primitives/address.js';
import type { Log } from '../../state/journal.js';
import { TxType, type Transaction } from '../../tx/types.js';
import { address, addressOrNull, data, hash, quantity } from '../codec.js';

/** A log with its position in the chain. */
export interface LogData {
  readonly log: Log;
  readonly blockHash: Uint8Array;
  readonly blockNumber: bigint;
  readonly blockTimestamp: bigint;
  readonly transactionHash: Uint8Array;
  readonly transactionIndex: number;
  /** Index of the log in its block. */
  readonly logIndex: number;
  /** True when a reorg dropped the block (filters and subscriptions report it once). */
  readonly removed?: boolean;
}

export function formatLog(l: LogData): Record<string, unknown> {
  return {
    address: address(l.log.address),
    topics: l.log.topics.map((t) => hash(t)),
    data: data(l.log.data),
    blockNumber: quantity(l.blockNumber),
    transactionHash: hash(l.transactionHash),
    transactionIndex: quantity(l.transactionIndex),
    blockHash: hash(l.blockHash),
    blockTimestamp: quantity(l.blockTimestamp),
    logIndex: quantity(l.logIndex),
    removed: l.removed === true,
  };
}

export interface ReceiptData {
  readonly tx: Transaction;
  readonly transactionHash: Uint8Array;
  readonly from: Address;
  readonly blockHash: Uint8Array;
  readonly blockNumber: bigint;
  readonly transactionIndex: number;
  /** Byzantium on: success or failure. */
  readonly status?: boolean;
  /** Before Byzantium: the state root after the transaction (shown as `root` instead of `status`). */
  readonly postState?: Uint8Array;
  readonly cumulativeGasUsed: bigint;
  readonly gasUsed: bigint;
  readonly effectiveGasPrice: bigint;
  readonly logs: readonly LogData[];
  readonly logsBloom: Uint8Array;
  /** The created contract's address for creations, else null. */
  readonly contractAddress: Address | null;
  /** Blob transactions (EIP-4844). */
  readonly blobGasUsed?: bigint;
  readonly blobGasPrice?: bigint;
}

export function formatReceipt(r: ReceiptData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.tx.type === TxType.Blob) {
    out.blobGasPrice = quantity(r.blobGasPrice ?? 0n);
    out.blobGasUsed = quantity(r.blobGasUsed ?? 0n);
  }
  out.blockHash = hash(r.blockHash);
  out.blockNumber = quantity(r.blockNumber);
  out.contractAddress = addressOrNull(r.contractAddress);
  out.cumulativeGasUsed = quantity(r.cumulativeGasUsed);
  out.effectiveGasPrice = quantity(r.effectiveGasPrice);
  out.from = address(r.from);
  out.gasUsed = quantity(r.gasUsed);
  out.logs = r.logs.map(formatLog);
  out.logsBloom = data(r.logsBloom);
  if (r.postState !== undefined) out.root = data(r.postState);
  else out.status = r.status === false ? '0x0' : '0x1';
  out.to = addressOrNull(r.tx.to);
  out.transactionHash = hash(r.transactionHash);
  out.transactionIndex = quantity(r.transactionIndex);
  out.type = quantity(r.tx.type);
  return out;
}
