/**
 * Block body validation against the header (go-ethereum core/block_validator.go `ValidateBody`, ethash
 * `VerifyUncles`): the EIP-7934 size cap, the ommers (count, duplicates, ancestry, depth), the ommers hash,
 * the transactions root, the withdrawals list and root, and the blob count against blobGasUsed.
 */
import { keccak256 } from '../primitives/crypto/keccak.js';
import { encodeRlpListOfEncoded } from '../primitives/rlp/encode.js';
import { ordinalTrieRoot } from '../primitives/trie/index.js';
import { bytesEqual, bytesToHex } from '../primitives/hex.js';
import { encodeTx } from '../tx/index.js';
import { blobHashesOf } from '../tx/types.js';
import { withdrawalsRoot } from '../transition/blockReceipts.js';
import type { Rules } from '../spec/rules.js';
import { encodeHeader, EMPTY_OMMERS_HASH } from './header.js';
import type { Block } from './block.js';
import { BlockValidationError } from './headerRules.js';

/** go-ethereum ethash maxUncles. */
export const MAX_OMMERS = 2;
/** How many generations back an ommer's parent may be (go-ethereum ethash VerifyUncles: 7 ancestors). */
export const OMMER_GENERATIONS = 7;

function fail(b: Block, rule: string, detail: string): never {
  throw new BlockValidationError(b.header.number, rule, detail);
}

/** keccak256 of the RLP list of ommer headers. */
export function ommersHash(block: Pick<Block, 'ommers'>): Uint8Array {
  // No ommers (every post-merge block): keccak256 of the empty list.
  if (block.ommers.length === 0) return EMPTY_OMMERS_HASH.slice();
  return keccak256(encodeRlpListOfEncoded(block.ommers.map(encodeHeader)));
}

/**
 * The checks that need only the block and its rules. `transactionsRoot`: the root of `b.transactions`
 * when the caller has just computed it over the same transactions (a block its own builder made), so it
 * is not computed again.
 */
export function validateBody(b: Block, rules: Rules, transactionsRoot?: Uint8Array): void {
  const h = b.header;
  if (rules.maxBlockRlpSize > 0 && b.rlp.length > rules.maxBlockRlpSize) {
    fail(b, 'size', `${b.rlp.length} bytes of RLP exceed the limit of ${rules.maxBlockRlpSize} (EIP-7934)`);
  }
  if (rules.merged && b.ommers.length > 0) fail(b, 'ommers', `${b.ommers.length} ommers after the Merge (EIP-3675)`);
  if (b.ommers.length > MAX_OMMERS) fail(b, 'ommers', `${b.ommers.length} ommers, at most ${MAX_OMMERS}`);
  const oh = ommersHash(b);
  if (!bytesEqual(oh, h.ommersHash)) fail(b, 'ommersHash', `header ${bytesToHex(h.ommersHash)}, body ${bytesToHex(oh)}`);
  const tr = transactionsRoot ?? ordinalTrieRoot(b.transactions.map(encodeTx));
  if (!bytesEqual(tr, h.transactionsRoot)) fail(b, 'transactionsRoot', `header ${bytesToHex(h.transactionsRoot)}, body ${bytesToHex(tr)}`);
  if (h.withdrawalsRoot !== undefined) {
    if (b.withdrawals === undefined) fail(b, 'withdrawals', 'missing from the body (Shanghai, EIP-4895)');
    const wr = withdrawalsRoot(b.withdrawals);
    if (!bytesEqual(wr, h.withdrawalsRoot)) fail(b, 'withdrawalsRoot', `header ${bytesToHex(h.withdrawalsRoot)}, body ${bytesToHex(wr)}`);
  } else if (b.withdrawals !== undefined) {
    fail(b, 'withdrawals', 'present in the body before Shanghai (EIP-4895)');
  }
  let blobs = 0;
  for (const tx of b.transactions) blobs += blobHashesOf(tx).length;
  if (h.blobGasUsed !== undefined) {
    const want = BigInt(blobs * rules.blobGasPerBlob);
    if (want !== h.blobGasUsed) fail(b, 'blobGasUsed', `header ${h.blobGasUsed}, the body's ${blobs} blobs use ${want}`);
  } else if (blobs > 0) {
    fail(b, 'blobGasUsed', `${blobs} blobs in a block without blob gas fields (EIP-4844)`);
  }
}

/** An ancestor as ommer validation sees it. */
export interface Ancestor {
  readonly hash: Uint8Array;
  readonly header: Block['header'];
  /** Hashes of the ommers the ancestor included. */
  readonly ommerHashes: readonly Uint8Array[];
}

/**
 * go-ethereum ethash VerifyUncles: each ommer is new (not included by the block or one of its last 7
 * ancestors, not repeated), not an ancestor itself, and a child of one of those ancestors other than the
 * block's parent. Returns each ommer's parent header, which the caller validates the ommer against.
 * `ancestors` are the block's parent first, then older ones (up to OMMER_GENERATIONS).
 */
export function validateOmmerAncestry(b: Block, ommerHashes: readonly Uint8Array[], ancestors: readonly Ancestor[]): Block['header'][] {
  const hex = (x: Uint8Array): string => bytesToHex(x);
  const seen = new Set<string>([hex(b.hash)]);
  const byHash = new Map<string, Ancestor>();
  for (const a of ancestors) {
    byHash.set(hex(a.hash), a);
    for (const o of a.ommerHashes) seen.add(hex(o));
  }
  const parentHash = hex(b.header.parentHash);
  return b.ommers.map((o, i) => {
    const h = hex(ommerHashes[i]!);
    if (seen.has(h)) fail(b, 'ommers', `ommer ${i} (${h}) is already included in this block or an ancestor`);
    seen.add(h);
    if (byHash.has(h) || h === hex(b.hash)) fail(b, 'ommers', `ommer ${i} (${h}) is an ancestor of the block`);
    const p = byHash.get(hex(o.parentHash));
    if (p === undefined || hex(o.parentHash) === parentHash) {
      fail(
        b,
        'ommers',
        `ommer ${i}'s parent ${hex(o.parentHash)} is not an ancestor within ${OMMER_GENERATIONS} generations (other than the parent)`,
      );
    }
    return p.header;
  });
}
