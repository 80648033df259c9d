/**
 * The chain's records (src/chain StoredBlock) as the RPC's data types (src/rpc/format): headers, blocks,
 * transactions with their location, receipts with block-wide log indexes, logs.
 */
import type { StoredBlock } from '../../chain/chain.js';
import { encodeBlock } from '../../chain/block.js';
import type { BlockData, HeaderData } from '../format/block.js';
import type { LogData, ReceiptData } from '../format/receipt.js';
import type { TxData, TxLocation } from '../format/transaction.js';

export function headerData(b: StoredBlock): HeaderData {
  return { ...b.header, hash: b.hash };
}

export function txLocation(b: StoredBlock, index: number): TxLocation {
  return {
    blockHash: b.hash,
    blockNumber: b.number,
    blockTimestamp: b.header.timestamp,
    index,
    ...(b.header.baseFeePerGas === undefined ? {} : { baseFeePerGas: b.header.baseFeePerGas }),
  };
}

export function txData(b: StoredBlock, index: number): TxData {
  return { tx: b.block.transactions[index]!, hash: b.receipts[index]!.txHash, from: b.senders[index]!, location: txLocation(b, index) };
}

/** The block's RLP (the chain keeps the genesis's header alone: its block encoding is built here). */
export function blockRlp(b: StoredBlock): Uint8Array {
  if (b.parent !== null) return b.block.rlp;
  return encodeBlock(b.header, b.block.transactions, b.block.ommers, b.block.withdrawals);
}

export function blockData(b: StoredBlock): BlockData {
  return {
    header: headerData(b),
    size: BigInt(blockRlp(b).length),
    transactions: b.block.transactions.map((_, i) => txData(b, i)),
    uncles: b.ommerHashes,
    ...(b.block.withdrawals === undefined ? {} : { withdrawals: b.block.withdrawals }),
  };
}

/** Every receipt of the block, logs numbered block-wide. */
export function receiptsData(b: StoredBlock): ReceiptData[] {
  let logIndex = 0;
  return b.receipts.map((r, i) => {
    const logs: LogData[] = r.logs.map((log) => ({
      log,
      blockHash: b.hash,
      blockNumber: b.number,
      blockTimestamp: b.header.timestamp,
      transactionHash: r.txHash,
      transactionIndex: i,
      logIndex: logIndex++,
    }));
    return {
      tx: b.block.transactions[i]!,
      transactionHash: r.txHash,
      from: r.from,
      blockHash: b.hash,
      blockNumber: b.number,
      transactionIndex: i,
      ...(r.postState === undefined ? { status: r.status } : { postState: r.postState }),
      cumulativeGasUsed: r.cumulativeGasUsed,
      gasUsed: r.gasUsed,
      effectiveGasPrice: r.effectiveGasPrice,
      logs,
      logsBloom: r.bloom,
      contractAddress: r.contractAddress ?? null,
      ...(r.blobGasPrice === undefined ? {} : { blobGasUsed: r.blobGasUsed, blobGasPrice: r.blobGasPrice }),
    };
  });
}

export function blockLogs(b: StoredBlock): LogData[] {
  return receiptsData(b).flatMap((r) => r.logs);
}
