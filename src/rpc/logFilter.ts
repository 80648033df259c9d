/**
 * Log filter criteria (eth_getLogs, eth_newFilter, the `logs` subscription): decoding and matching.
 *
 * - address: one address or a list (any of them); absent or empty matches every address.
 * - topics: up to 4 positions; each null or [] (anything), a hash, or a list of hashes (any of them).
 *   A log matches when it has at least as many topics as positions given and each position matches.
 * - fromBlock/toBlock (tags or numbers) or blockHash, never both ("cannot specify both BlockHash and
 *   FromBlock/ToBlock, choose one or the other", -32602).
 * Limits as go-ethereum's: 4 topic positions, 1,000 alternatives per position, 1,000 addresses.
 */
import type { Address } from '../primitives/address.js';
import { ParamError } from './errors.js';
import { address, decodeAddress, decodeBlockNumberOrTag, decodeHash, decodeWord, hash, quantity, type BlockNumberOrTag } from './codec.js';
import { at, object, oneOrMany, optional, type Decoder } from './params.js';
import type { LogData } from './format/receipt.js';

export const MAX_TOPICS = 4;
export const MAX_SUBTOPICS = 1000;
export const MAX_ADDRESSES = 1000;

export interface LogCriteria {
  /** Empty: any address. */
  readonly addresses: readonly Address[];
  /** Per position: null for anything, else the topics that match there. */
  readonly topics: readonly (readonly bigint[] | null)[];
  readonly fromBlock?: BlockNumberOrTag;
  readonly toBlock?: BlockNumberOrTag;
  readonly blockHash?: Uint8Array;
}

const decodeTopicPosition: Decoder<bigint[] | null> = (v) => {
  if (v === null) return null;
  if (Array.isArray(v)) {
    if (v.length > MAX_SUBTOPICS) throw new ParamError(`too many topic alternatives (${v.length}), at most ${MAX_SUBTOPICS}`);
    const list = v.map((t, i) => at(i, (x) => (x === null ? null : decodeWord(x)), t));
    if (list.length === 0 || list.includes(null)) return null;
    return list as bigint[];
  }
  return [decodeWord(v)];
};

const decodeTopics: Decoder<(bigint[] | null)[]> = (v) => {
  if (!Array.isArray(v)) throw new ParamError('cannot unmarshal non-array into topics');
  if (v.length > MAX_TOPICS) throw new ParamError('exceed max topics');
  return v.map((p, i) => at(i, decodeTopicPosition, p));
};

const rawFilter = object({
  fromBlock: optional(decodeBlockNumberOrTag),
  toBlock: optional(decodeBlockNumberOrTag),
  blockHash: optional(decodeHash),
  address: optional(oneOrMany(decodeAddress, MAX_ADDRESSES)),
  topics: optional(decodeTopics),
});

export const decodeLogCriteria: Decoder<LogCriteria> = (v) => {
  const f = rawFilter(v);
  if (f.blockHash !== undefined && (f.fromBlock !== undefined || f.toBlock !== undefined)) {
    throw new ParamError('cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other');
  }
  const out: { -readonly [K in keyof LogCriteria]: LogCriteria[K] } = { addresses: f.address ?? [], topics: f.topics ?? [] };
  if (f.fromBlock !== undefined) out.fromBlock = f.fromBlock;
  if (f.toBlock !== undefined) out.toBlock = f.toBlock;
  if (f.blockHash !== undefined) out.blockHash = f.blockHash;
  return out;
};

/** Criteria as the JSON filter object eth_getLogs takes (decodeLogCriteria's inverse). */
export function encodeLogCriteria(c: LogCriteria): Record<string, unknown> {
  const block = (b: BlockNumberOrTag): string => ('number' in b ? quantity(b.number) : b.tag);
  return {
    ...(c.addresses.length === 0 ? {} : { address: c.addresses.map(address) }),
    ...(c.topics.length === 0 ? {} : { topics: c.topics.map((t) => (t === null ? null : t.map(hash))) }),
    ...(c.fromBlock === undefined ? {} : { fromBlock: block(c.fromBlock) }),
    ...(c.toBlock === undefined ? {} : { toBlock: block(c.toBlock) }),
    ...(c.blockHash === undefined ? {} : { blockHash: hash(c.blockHash) }),
  };
}

/** The subset of criteria the `logs` subscription takes (no block range). */
export const decodeLogSubscriptionCriteria: Decoder<LogCriteria> = (v) => {
  const o = object({ address: optional(oneOrMany(decodeAddress, MAX_ADDRESSES)), topics: optional(decodeTopics) })(v);
  return { addresses: o.address ?? [], topics: o.topics ?? [] };
};

/** Whether a log's address and topics match (the block range is checked by whoever knows the head). */
export function matchesLog(c: LogCriteria, log: LogData['log']): boolean {
  if (c.addresses.length > 0 && !c.addresses.includes(log.address)) return false;
  if (c.topics.length > log.topics.length) return false;
  for (let i = 0; i < c.topics.length; i++) {
    const want = c.topics[i];
    if (want !== null && want !== undefined && !want.includes(log.topics[i]!)) return false;
  }
  return true;
}

/** Whether a block number lies in [from, to], given what the tags resolve to now. */
export function inRange(n: bigint, from: bigint | undefined, to: bigint | undefined): boolean {
  return (from === undefined || n >= from) && (to === undefined || n <= to);
}
