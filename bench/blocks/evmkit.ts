/**
 * evmkit's side of the block-import benchmark: `Chain.importBlock` on each block's RLP, as `evmkit
 * blocktest` and `geth import` do. Per block that is: strict RLP decoding (header, transactions,
 * ommers, withdrawals) and the block hash; the header against its parent (number, timestamp, gas limit
 * bounds, gas used <= limit, extraData length, difficulty with the bomb delays before the Merge and the
 * Merge's constants after it, base fee, excess blob gas and blob gas used, withdrawals root, beacon root
 * and requests hash presence, EIP-7934 block size); the body (transactions root, ommers hash and each
 * ommer's header against its own parent, withdrawals root); every transaction's validity in block
 * context (signature and sender recovery, nonce, balance, gas and fee caps, blob rules); execution with
 * system calls, rewards and withdrawals; then gas used, logs bloom, receipts root, requests hash and
 * state root against the header; and storing the block with its receipts, the changed state-trie nodes
 * and the fork choice (total difficulty before the Merge). Seals are not checked (NoProof fixtures;
 * chain.rlp is sealed by go-ethereum's fake ethash), as on the ethereumjs side.
 *
 * Untimed: the Chain and its genesis state (the allocation hashed into the genesis root).
 */
import { Chain } from '../../src/chain/chain.js';
import type { MemoryPool } from '../../src/machine/memory.js';
import { bytesToHex } from '../../src/primitives/hex.js';
import type { BlockBenchCase } from './cases.js';
import { wallClock, type Clock } from '../run/clock.js';

export interface ImportRun {
  /** Wall milliseconds of the import of every block. */
  readonly ms: number;
  /** Gas used by the imported blocks (their headers' gasUsed, each checked against execution). */
  readonly gasUsed: bigint;
  /** The canonical head after the import (0x-hex hash) and its state root. */
  readonly head: string;
  readonly stateRoot: string;
}

/** Imports every block of the case into a new Chain; throws on a rejected block. */
export function evmkitImport(c: BlockBenchCase, memoryPool?: MemoryPool, clock: Clock = wallClock): ImportRun {
  const chain = new Chain({
    config: c.config,
    alloc: c.alloc,
    genesis: c.genesis,
    ...(memoryPool === undefined ? {} : { memoryPool }),
  });
  let gasUsed = 0n;
  const t0 = clock();
  for (const rlp of c.blocks) {
    const r = chain.importBlock(rlp);
    if (r.status === 'invalid') throw new Error(`evmkit: ${c.name}: ${r.error}`);
    gasUsed += chain.blockByHash(r.hash!)!.header.gasUsed;
  }
  const ms = clock() - t0;
  // The root of the head's state trie as evmkit holds it (checked against the header during the import).
  return { ms, gasUsed, head: chain.head.id, stateRoot: bytesToHex(chain.head.state.root()) };
}
