/**
 * Batch Merkle-Patricia root: sort the keys once, then build bottom-up in one recursive pass over
 * the sorted range, hashing each node as it is finished. No node objects are allocated; this is the
 * path for state roots over many accounts (go-ethereum `trie.StackTrie` does the same for sorted input).
 */
import { keccak256, EMPTY_TRIE_ROOT } from '../crypto/keccak.js';
import { encodeRlpBytes } from '../rlp/encode.js';
import { bigintToMinimalBytes } from '../hex.js';
import { RLP_EMPTY, branchRlp, extensionRlp, leafRlp, nodeRef } from './node.js';
import { hexPrefixOfKey, nibbleAt } from './nibbles.js';

/** Byte keys compare like these strings (one UTF-16 unit per byte), so the built-in sort orders them. */
function keyString(key: Uint8Array): string {
  if (key.length <= 64) return String.fromCharCode.apply(null, key as unknown as number[]);
  let s = '';
  for (let i = 0; i < key.length; i++) s += String.fromCharCode(key[i]!);
  return s;
}

/** Encoding of the node holding the sorted keys [lo, hi), all sharing their first `depth` nibbles. */
function build(keys: Uint8Array[], values: Uint8Array[], lo: number, hi: number, depth: number): Uint8Array {
  const first = keys[lo]!;
  if (hi - lo === 1) return leafRlp(hexPrefixOfKey(first, depth, first.length * 2, true), values[lo]!);
  // Sorted keys share exactly the prefix their first and last share.
  const last = keys[hi - 1]!;
  const max = Math.min(first.length, last.length) * 2;
  let cp = depth;
  while (cp < max && nibbleAt(first, cp) === nibbleAt(last, cp)) cp++;
  if (cp > depth) return extensionRlp(hexPrefixOfKey(first, depth, cp, false), nodeRef(buildBranch(keys, values, lo, hi, cp)));
  return buildBranch(keys, values, lo, hi, depth);
}

function buildBranch(keys: Uint8Array[], values: Uint8Array[], lo: number, hi: number, depth: number): Uint8Array {
  let value: Uint8Array | null = null;
  let i = lo;
  if (keys[i]!.length * 2 === depth) value = values[i++]!; // the key that ends at this branch
  const refs: Uint8Array[] = new Array(17);
  for (let n = 0; n < 16; n++) {
    let j = i;
    while (j < hi && nibbleAt(keys[j]!, depth) === n) j++;
    refs[n] = j > i ? nodeRef(build(keys, values, i, j, depth + 1)) : RLP_EMPTY;
    i = j;
  }
  return branchRlp(refs, value);
}

/**
 * Root of the trie holding `entries`. A later entry for the same key replaces an earlier one, and an
 * empty value removes the key (Ethereum tries never store empty values), so a sequence of updates and
 * deletions can be passed as is.
 */
export function trieRoot(entries: Iterable<readonly [key: Uint8Array, value: Uint8Array]>): Uint8Array {
  const byKey = new Map<string, readonly [Uint8Array, Uint8Array]>();
  for (const e of entries) {
    const k = keyString(e[0]);
    if (e[1].length === 0) byKey.delete(k);
    else byKey.set(k, e);
  }
  return sortedRoot(byKey);
}

function sortedRoot(byKey: Map<string, readonly [Uint8Array, Uint8Array]>): Uint8Array {
  if (byKey.size === 0) return EMPTY_TRIE_ROOT.slice();
  const order = [...byKey.keys()].sort();
  const keys: Uint8Array[] = new Array(order.length);
  const values: Uint8Array[] = new Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const e = byKey.get(order[i]!)!;
    keys[i] = e[0];
    values[i] = e[1];
  }
  return keccak256(build(keys, values, 0, keys.length, 0));
}

/** Root of the "secure" trie: every key is replaced by its keccak256 (state and storage tries). */
export function secureTrieRoot(entries: Iterable<readonly [key: Uint8Array, value: Uint8Array]>): Uint8Array {
  const byKey = new Map<string, readonly [Uint8Array, Uint8Array]>();
  for (const [key, value] of entries) {
    const hashed = keccak256(key);
    const k = keyString(hashed);
    if (value.length === 0) byKey.delete(k);
    else byKey.set(k, [hashed, value]);
  }
  return sortedRoot(byKey);
}

/**
 * Root of a list trie (transactions, receipts, withdrawals): key i is RLP(i), value the item's encoding.
 */
export function ordinalTrieRoot(values: readonly Uint8Array[]): Uint8Array {
  if (values.length === 0) return EMPTY_TRIE_ROOT.slice(); // no withdrawals, no transactions
  const entries: [Uint8Array, Uint8Array][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) entries[i] = [encodeRlpBytes(bigintToMinimalBytes(BigInt(i))), values[i]!];
  return trieRoot(entries);
}
