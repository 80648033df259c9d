/**
 * The hook points the chain calls when something happens that clients may be waiting for. Subscriptions
 * (eth_subscribe over WebSocket and the in-process provider) and filters (eth_newFilter & co.) listen here;
 * the chain never needs to know who is listening.
 *
 *   ctx.events.publishBlock(block, logs)        // after a block becomes the new head (mined or imported;
 *                                               // publishBlockLazily: the data made only if a listener reads it)
 *   ctx.events.publishRemovedLogs(logs)         // logs of blocks a reorg dropped (sent with removed: true)
 *   ctx.events.publishPendingTransaction(tx)    // a transaction entered the pool
 *   ctx.events.publishChainId(chainId)          // anvil_setChainId: EIP-1193 chainChanged
 */
import { Emitter } from './emitter.js';
import type { BlockData } from './format/block.js';
import type { LogData } from './format/receipt.js';
import type { TxData } from './format/transaction.js';

/** A new head's data, made on first read: most nodes have no subscription or filter that reads it. */
export interface NewHead {
  readonly block: BlockData;
  readonly logs: readonly LogData[];
}

export interface NodeEventMap {
  block: (head: NewHead) => void;
  removedLogs: (logs: readonly LogData[]) => void;
  pendingTransaction: (tx: TxData) => void;
  chainId: (chainId: bigint) => void;
}

export class NodeEvents extends Emitter<NodeEventMap> {
  /** A new head: `newHeads` subscribers get its header, `logs` subscribers the matching logs, filters queue both. */
  publishBlock(block: BlockData, logs: readonly LogData[]): void {
    this.emit('block', { block, logs });
  }

  /** `publishBlock` with the block's data made only if a listener reads it (once). */
  publishBlockLazily(block: () => BlockData, logs: () => readonly LogData[]): void {
    let b: BlockData | undefined;
    let l: readonly LogData[] | undefined;
    this.emit('block', {
      get block() {
        return (b ??= block());
      },
      get logs() {
        return (l ??= logs());
      },
    });
  }

  /** Logs undone by a reorg (delivered with `removed: true`). */
  publishRemovedLogs(logs: readonly LogData[]): void {
    this.emit(
      'removedLogs',
      logs.map((l) => ({ ...l, removed: true })),
    );
  }

  publishPendingTransaction(tx: TxData): void {
    this.emit('pendingTransaction', tx);
  }

  publishChainId(chainId: bigint): void {
    this.emit('chainId', chainId);
  }
}
