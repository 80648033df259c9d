/**
 * An in-memory, incremental Merkle-Patricia trie: get/put/delete with the root recomputed only along
 * changed paths (unchanged subtrees keep their cached hashes), ordered iteration, and neighbour look-ups.
 * Nodes are immutable, so `copy()` is O(1) and a copy never sees later writes to the original.
 * For a one-off root over a known set of entries, `trieRoot` (root.ts) is faster.
 */
import { keccak256, EMPTY_TRIE_ROOT } from '../crypto/keccak.js';
import { bytesEqual } from '../hex.js';
import { BranchNode, ExtensionNode, LeafNode, NodeKind, type TrieNode, refOf } from './node.js';
import { bytesToNibbles, commonPrefixLength, joinPaths, nibblesToBytes } from './nibbles.js';

const NO_PATH = new Uint8Array(0);

function emptyChildren(): (TrieNode | null)[] {
  return [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null];
}

/** The trie holding `node` with `key[pos..]` set to `value` (a non-empty value). */
function insert(node: TrieNode | null, key: Uint8Array, pos: number, value: Uint8Array): TrieNode {
  if (node === null) return new LeafNode(key.subarray(pos), value);
  switch (node.kind) {
    case NodeKind.Leaf: {
      const c = commonPrefixLength(key, pos, node.path);
      const rest = key.length - pos;
      if (c === node.path.length && c === rest) return bytesEqual(node.value, value) ? node : new LeafNode(node.path, value);
      const children = emptyChildren();
      let branchValue: Uint8Array | null = null;
      if (c === node.path.length) branchValue = node.value;
      else children[node.path[c]!] = new LeafNode(node.path.subarray(c + 1), node.value);
      if (c === rest) branchValue = value;
      else children[key[pos + c]!] = new LeafNode(key.subarray(pos + c + 1), value);
      const branch = new BranchNode(children, branchValue);
      return c > 0 ? new ExtensionNode(node.path.subarray(0, c), branch) : branch;
    }
    case NodeKind.Extension: {
      const c = commonPrefixLength(key, pos, node.path);
      if (c === node.path.length) {
        const child = insert(node.child, key, pos + c, value) as BranchNode;
        return child === node.child ? node : new ExtensionNode(node.path, child);
      }
      const children = emptyChildren();
      let branchValue: Uint8Array | null = null;
      children[node.path[c]!] = c + 1 === node.path.length ? node.child : new ExtensionNode(node.path.subarray(c + 1), node.child);
      if (pos + c === key.length) branchValue = value;
      else children[key[pos + c]!] = new LeafNode(key.subarray(pos + c + 1), value);
      const branch = new BranchNode(children, branchValue);
      return c > 0 ? new ExtensionNode(node.path.subarray(0, c), branch) : branch;
    }
    case NodeKind.Branch: {
      if (pos === key.length) {
        return node.value !== null && bytesEqual(node.value, value) ? node : new BranchNode(node.children, value);
      }
      const n = key[pos]!;
      const old = node.children[n]!;
      const updated = insert(old, key, pos + 1, value);
      if (updated === old) return node;
      const children = node.children.slice();
      children[n] = updated;
      return new BranchNode(children, node.value);
    }
  }
}

/** `child` re-rooted under `prefix` (+ `mid` nibble): merges paths so no extension points at a leaf. */
function attach(prefix: Uint8Array, mid: number | undefined, child: TrieNode): TrieNode {
  switch (child.kind) {
    case NodeKind.Leaf:
      return new LeafNode(joinPaths(prefix, mid, child.path), child.value);
    case NodeKind.Extension:
      return new ExtensionNode(joinPaths(prefix, mid, child.path), child.child);
    case NodeKind.Branch:
      return new ExtensionNode(joinPaths(prefix, mid, NO_PATH), child);
  }
}

/** The trie holding `node` without `key[pos..]`. */
function remove(node: TrieNode | null, key: Uint8Array, pos: number): TrieNode | null {
  if (node === null) return null;
  switch (node.kind) {
    case NodeKind.Leaf: {
      const rest = key.length - pos;
      return rest === node.path.length && commonPrefixLength(key, pos, node.path) === rest ? null : node;
    }
    case NodeKind.Extension: {
      if (commonPrefixLength(key, pos, node.path) !== node.path.length) return node;
      const child = remove(node.child, key, pos + node.path.length);
      if (child === node.child) return node;
      return child === null ? null : attach(node.path, undefined, child);
    }
    case NodeKind.Branch: {
      let children = node.children;
      let value = node.value;
      if (pos === key.length) {
        if (value === null) return node;
        value = null;
      } else {
        const n = key[pos]!;
        const old = children[n]!;
        const updated = remove(old, key, pos + 1);
        if (updated === old) return node;
        const copy = children.slice();
        copy[n] = updated;
        children = copy;
      }
      // A branch needs two of its 17 slots; otherwise it collapses into what remains.
      let count = value === null ? 0 : 1;
      let only = -1;
      for (let i = 0; i < 16; i++) {
        if (children[i]) {
          count++;
          only = i;
        }
      }
      if (count >= 2) return new BranchNode(children, value);
      if (count === 0) return null;
      if (value !== null) return new LeafNode(NO_PATH, value);
      return attach(NO_PATH, only, children[only]!);
    }
  }
}

/** Compares `path` with `t[pos..]` as whole nibble strings. */
function compareRest(path: Uint8Array, t: Uint8Array, pos: number): number {
  const rest = t.length - pos;
  const n = Math.min(path.length, rest);
  for (let i = 0; i < n; i++) if (path[i] !== t[pos + i]) return path[i]! - t[pos + i]!;
  return path.length - rest;
}

/** Compares an extension `path` with the same stretch of `t`: -1 below, 1 above (or t ends inside), 0 prefix. */
function compareSegment(path: Uint8Array, t: Uint8Array, pos: number): number {
  for (let i = 0; i < path.length; i++) {
    if (pos + i >= t.length) return 1;
    if (path[i] !== t[pos + i]) return path[i]! < t[pos + i]! ? -1 : 1;
  }
  return 0;
}

function extend(acc: readonly number[], path: ArrayLike<number>): number[] {
  const out = acc.slice();
  for (let i = 0; i < path.length; i++) out.push(path[i]!);
  return out;
}

function minKey(node: TrieNode, acc: number[]): number[] {
  for (;;) {
    if (node.kind === NodeKind.Leaf) return extend(acc, node.path);
    if (node.kind === NodeKind.Extension) {
      acc = extend(acc, node.path);
      node = node.child;
      continue;
    }
    if (node.value !== null) return acc;
    const i = node.children.findIndex((c) => c !== null);
    acc = extend(acc, [i]);
    node = node.children[i]!;
  }
}

function maxKey(node: TrieNode, acc: number[]): number[] {
  for (;;) {
    if (node.kind === NodeKind.Leaf) return extend(acc, node.path);
    if (node.kind === NodeKind.Extension) {
      acc = extend(acc, node.path);
      node = node.child;
      continue;
    }
    let i = 15;
    while (i >= 0 && node.children[i] === null) i--;
    if (i < 0) return acc;
    acc = extend(acc, [i]);
    node = node.children[i]!;
  }
}

/** Smallest key in the subtree strictly greater than `t`. */
function successor(node: TrieNode, t: Uint8Array, pos: number, acc: number[]): number[] | null {
  switch (node.kind) {
    case NodeKind.Leaf:
      return compareRest(node.path, t, pos) > 0 ? extend(acc, node.path) : null;
    case NodeKind.Extension: {
      const s = compareSegment(node.path, t, pos);
      if (s < 0) return null;
      if (s > 0) return minKey(node, acc);
      return successor(node.child, t, pos + node.path.length, extend(acc, node.path));
    }
    case NodeKind.Branch: {
      let from = 0;
      if (pos < t.length) {
        const x = t[pos]!;
        const c = node.children[x];
        if (c) {
          const r = successor(c, t, pos + 1, extend(acc, [x]));
          if (r) return r;
        }
        from = x + 1;
      } // else t ends here: this branch's value equals t, every child is greater
      for (let i = from; i < 16; i++) {
        const c = node.children[i];
        if (c) return minKey(c, extend(acc, [i]));
      }
      return null;
    }
  }
}

/** Largest key in the subtree strictly less than `t`. */
function predecessor(node: TrieNode, t: Uint8Array, pos: number, acc: number[]): number[] | null {
  switch (node.kind) {
    case NodeKind.Leaf:
      return compareRest(node.path, t, pos) < 0 ? extend(acc, node.path) : null;
    case NodeKind.Extension: {
      const s = compareSegment(node.path, t, pos);
      if (s > 0) return null;
      if (s < 0) return maxKey(node, acc);
      return predecessor(node.child, t, pos + node.path.length, extend(acc, node.path));
    }
    case NodeKind.Branch: {
      if (pos === t.length) return null; // the value equals t, every child is greater
      const x = t[pos]!;
      const c = node.children[x];
      if (c) {
        const r = predecessor(c, t, pos + 1, extend(acc, [x]));
        if (r) return r;
      }
      for (let i = x - 1; i >= 0; i--) {
        const d = node.children[i];
        if (d) return maxKey(d, extend(acc, [i]));
      }
      return node.value !== null ? acc : null;
    }
  }
}

function* walk(node: TrieNode, acc: number[]): Generator<[Uint8Array, Uint8Array]> {
  switch (node.kind) {
    case NodeKind.Leaf:
      yield [nibblesToBytes(extend(acc, node.path)), node.value];
      return;
    case NodeKind.Extension:
      yield* walk(node.child, extend(acc, node.path));
      return;
    case NodeKind.Branch:
      if (node.value !== null) yield [nibblesToBytes(acc), node.value];
      for (let i = 0; i < 16; i++) {
        const c = node.children[i];
        if (c) yield* walk(c, extend(acc, [i]));
      }
  }
}

export interface TrieOptions {
  /** Hash every key with keccak256 before use (the state and storage tries). */
  readonly secure?: boolean;
}

export class Trie {
  #root: TrieNode | null = null;
  readonly secure: boolean;

  constructor(options: TrieOptions = {}) {
    this.secure = options.secure ?? false;
  }

  /** A trie holding `entries`, applied in order (empty values delete). */
  static from(entries: Iterable<readonly [Uint8Array, Uint8Array]>, options?: TrieOptions): Trie {
    const t = new Trie(options);
    for (const [k, v] of entries) t.put(k, v);
    return t;
  }

  #path(key: Uint8Array): Uint8Array {
    return bytesToNibbles(this.secure ? keccak256(key) : key);
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.getAt(this.#path(key));
  }

  /**
   * `get` by the key's path: its stored key (the hash, in a secure trie) split into nibbles, one per byte
   * (`bytesToNibbles`). For callers that keep the paths of keys they use again and again (the chain's state
   * tries): nodes keep slices of the path, so it must never change afterwards.
   */
  getAt(t: Uint8Array): Uint8Array | undefined {
    let node = this.#root;
    let pos = 0;
    while (node !== null) {
      switch (node.kind) {
        case NodeKind.Leaf:
          return compareRest(node.path, t, pos) === 0 ? node.value : undefined;
        case NodeKind.Extension:
          if (compareSegment(node.path, t, pos) !== 0) return undefined;
          pos += node.path.length;
          node = node.child;
          break;
        case NodeKind.Branch:
          if (pos === t.length) return node.value ?? undefined;
          node = node.children[t[pos++]!] ?? null;
      }
    }
    return undefined;
  }

  /**
   * The Merkle proof of `key` (EIP-1186, go-ethereum Trie.Prove): the RLP of every node on the path from
   * the root toward the key that is stored by hash (embedded nodes, under 32 bytes, are inside their
   * parent's encoding), root first. For a key that is absent the path ends where the key diverges.
   */
  proof(key: Uint8Array): Uint8Array[] {
    const t = this.#path(key);
    const out: Uint8Array[] = [];
    let node = this.#root;
    let pos = 0;
    let first = true;
    while (node !== null) {
      const enc = node.encode();
      if (first || enc.length >= 32) out.push(enc);
      first = false;
      switch (node.kind) {
        case NodeKind.Leaf:
          return out;
        case NodeKind.Extension:
          if (compareSegment(node.path, t, pos) !== 0) return out;
          pos += node.path.length;
          node = node.child;
          break;
        case NodeKind.Branch:
          if (pos === t.length) return out;
          node = node.children[t[pos++]!] ?? null;
      }
    }
    return out;
  }

  /** Sets `key` to `value`; an empty value deletes the key, as in every Ethereum trie. */
  put(key: Uint8Array, value: Uint8Array): void {
    this.putAt(this.#path(key), value);
  }

  /** `put` by the key's path (see `getAt`). */
  putAt(path: Uint8Array, value: Uint8Array): void {
    if (value.length === 0) this.deleteAt(path);
    else this.#root = insert(this.#root, path, 0, value);
  }

  delete(key: Uint8Array): void {
    this.deleteAt(this.#path(key));
  }

  /** `delete` by the key's path (see `getAt`). */
  deleteAt(path: Uint8Array): void {
    this.#root = remove(this.#root, path, 0);
  }

  get isEmpty(): boolean {
    return this.#root === null;
  }

  /** The 32-byte root hash (keccak256 of the root node's RLP; EMPTY_TRIE_ROOT when empty). */
  root(): Uint8Array {
    if (this.#root === null) return EMPTY_TRIE_ROOT.slice();
    const ref = refOf(this.#root);
    // A reference is the raw RLP when shorter than 32 bytes, else RLP(hash) = 0xa0 || hash.
    return ref.length < 32 ? keccak256(ref) : ref.slice(1);
  }

  /** An independent trie with the same contents (O(1): nodes are shared and immutable). */
  copy(): Trie {
    const t = new Trie({ secure: this.secure });
    t.#root = this.#root;
    return t;
  }

  /** Entries in key order. Keys are the stored keys: keccak256 hashes in a secure trie. */
  *entries(): Generator<[Uint8Array, Uint8Array]> {
    if (this.#root !== null) yield* walk(this.#root, []);
  }

  /** The smallest stored key strictly greater than `key` (stored keys: hashes in a secure trie). */
  nextKey(key: Uint8Array): Uint8Array | undefined {
    if (this.#root === null) return undefined;
    const r = successor(this.#root, bytesToNibbles(key), 0, []);
    return r === null ? undefined : nibblesToBytes(r);
  }

  /** The largest stored key strictly less than `key`. */
  prevKey(key: Uint8Array): Uint8Array | undefined {
    if (this.#root === null) return undefined;
    const r = predecessor(this.#root, bytesToNibbles(key), 0, []);
    return r === null ? undefined : nibblesToBytes(r);
  }
}
