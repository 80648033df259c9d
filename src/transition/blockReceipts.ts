/**
 * Receipts and the block's derived roots (Yellow Paper 4.3.1, EIP-658, EIP-2718): the logs bloom,
 * receipt encodings, and the transactions / receipts / withdrawals list-trie roots.
 */
import { keccak256 } from '../primitives/crypto/keccak.js';
import { encodeRlp, uintItem, addressItem } from '../primitives/rlp/encode.js';
import { ordinalTrieRoot } from '../primitives/trie/index.js';
import { logRlpItem } from './logs.js';
import { addressToBytes } from '../primitives/address.js';
import { bigintToBytes } from '../primitives/hex.js';
import type { Log } from '../state/journal.js';
import type { TxType } from '../tx/types.js';
import type { Withdrawal } from './blockEnv.js';

export const BLOOM_BYTES = 256;

/** Adds one value (an address or a topic) to a 2048-bit bloom: three bits from keccak256 of it. */
function bloomAdd(bloom: Uint8Array, value: Uint8Array): void {
  const h = keccak256(value);
  for (let i = 0; i < 6; i += 2) {
    const bit = ((h[i]! << 8) | h[i + 1]!) & 2047;
    bloom[BLOOM_BYTES - 1 - (bit >> 3)]! |= 1 << (bit & 7);
  }
}

/** The bloom of a list of logs (each log's address and topics). */
export function logsBloom(logs: readonly Log[]): Uint8Array {
  const bloom = new Uint8Array(BLOOM_BYTES);
  for (const l of logs) {
    bloomAdd(bloom, addressToBytes(l.address));
    for (const t of l.topics) bloomAdd(bloom, bigintToBytes(t, 32));
  }
  return bloom;
}

/** ORs `b` into `a`. */
export function mergeBloom(a: Uint8Array, b: Uint8Array): void {
  for (let i = 0; i < BLOOM_BYTES; i++) a[i]! |= b[i]!;
}

/** What a receipt commits to. */
export interface BlockReceipt {
  readonly type: TxType;
  /** Pre-Byzantium: the state root after the transaction; otherwise undefined and `status` is used. */
  readonly postState?: Uint8Array;
  readonly status: boolean;
  readonly cumulativeGasUsed: bigint;
  readonly bloom: Uint8Array;
  readonly logs: readonly Log[];
}

/** The consensus encoding: `type || RLP([status or root, cumulativeGasUsed, bloom, logs])` (legacy: no type byte). */
export function encodeReceipt(r: BlockReceipt): Uint8Array {
  const first = r.postState ?? (r.status ? Uint8Array.of(1) : new Uint8Array(0));
  const body = encodeRlp([first, uintItem(r.cumulativeGasUsed), r.bloom, r.logs.map(logRlpItem)]);
  if (r.type === 0) return body;
  const out = new Uint8Array(body.length + 1);
  out[0] = r.type;
  out.set(body, 1);
  return out;
}

export function receiptsRoot(receipts: readonly BlockReceipt[]): Uint8Array {
  return ordinalTrieRoot(receipts.map(encodeReceipt));
}

/** EIP-4895: RLP([index, validatorIndex, address, amount]). */
export function encodeWithdrawal(w: Withdrawal): Uint8Array {
  return encodeRlp([uintItem(w.index), uintItem(w.validatorIndex), addressItem(w.address), uintItem(w.amount)]);
}

export function withdrawalsRoot(ws: readonly Withdrawal[]): Uint8Array {
  return ordinalTrieRoot(ws.map(encodeWithdrawal));
}
