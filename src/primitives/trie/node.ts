/**
 * Merkle-Patricia trie nodes (Yellow Paper appendix D) and their RLP encodings:
 *   leaf      [hexPrefix(path, leaf), value]
 *   extension [hexPrefix(path, ext), childRef]
 *   branch    [ref0, ..., ref15, value]
 * A child whose encoding is shorter than 32 bytes is embedded as raw RLP; otherwise the parent holds
 * its keccak256. The root is always hashed. Nodes are immutable (updates copy the path from the root),
 * so each caches its reference once and a trie copy is O(1).
 */
import { keccak256 } from '../crypto/keccak.js';
import { encodeRlpBytes, encodeRlpListOfEncoded } from '../rlp/encode.js';
import { hexPrefix } from './nibbles.js';

/** RLP of the empty string: an absent child or an absent branch value. */
export const RLP_EMPTY = Uint8Array.of(0x80);

/** Header bytes of an RLP string or list payload of `len` bytes. */
function headerSize(len: number): number {
  return len < 56 ? 1 : len < 0x100 ? 2 : len < 0x10000 ? 3 : len < 0x1000000 ? 4 : 5;
}

/** Writes an RLP header (`short` = 0x80 for strings, 0xc0 for lists) at `pos`; returns the payload offset. */
function putHeader(out: Uint8Array, pos: number, len: number, short: number): number {
  if (len < 56) {
    out[pos] = short + len;
    return pos + 1;
  }
  const n = headerSize(len) - 1;
  out[pos] = short + 55 + n;
  for (let i = n; i >= 1; i--, len >>>= 8) out[pos + i] = len & 0xff;
  return pos + 1 + n;
}

/** Writes the RLP string `b` at `pos`; returns the offset after it. */
function putString(out: Uint8Array, pos: number, b: Uint8Array): number {
  if (b.length === 1 && b[0]! < 0x80) {
    out[pos] = b[0]!;
    return pos + 1;
  }
  pos = putHeader(out, pos, b.length, 0x80);
  out.set(b, pos);
  return pos + b.length;
}

function stringSize(b: Uint8Array): number {
  return b.length === 1 && b[0]! < 0x80 ? 1 : headerSize(b.length) + b.length;
}

/** RLP([hp, value]) written straight into one buffer: the hot path of every root computation. */
export function leafRlp(hp: Uint8Array, value: Uint8Array): Uint8Array {
  const payload = stringSize(hp) + stringSize(value);
  const out = new Uint8Array(headerSize(payload) + payload);
  putString(out, putString(out, putHeader(out, 0, payload, 0xc0), hp), value);
  return out;
}

/** RLP([hp, childRef]) where `childRef` is already encoded (embedded node or RLP(hash)). */
export function extensionRlp(hp: Uint8Array, childRef: Uint8Array): Uint8Array {
  const payload = stringSize(hp) + childRef.length;
  const out = new Uint8Array(headerSize(payload) + payload);
  out.set(childRef, putString(out, putHeader(out, 0, payload, 0xc0), hp));
  return out;
}

/** `refs` has 17 slots: 16 encoded child references (RLP_EMPTY for none); slot 16 is set to the value. */
export function branchRlp(refs: Uint8Array[], value: Uint8Array | null): Uint8Array {
  refs[16] = value === null || value.length === 0 ? RLP_EMPTY : encodeRlpBytes(value);
  return encodeRlpListOfEncoded(refs);
}

/** How a parent refers to a node with encoding `enc`: the raw RLP when < 32 bytes, else RLP(keccak256(enc)). */
export function nodeRef(enc: Uint8Array): Uint8Array {
  return enc.length < 32 ? enc : encodeRlpBytes(keccak256(enc));
}

export const enum NodeKind {
  Leaf = 0,
  Extension = 1,
  Branch = 2,
}

export class LeafNode {
  readonly kind = NodeKind.Leaf;
  ref: Uint8Array | undefined = undefined;
  /** `path` is the rest of the key, one nibble per byte. */
  constructor(
    readonly path: Uint8Array,
    readonly value: Uint8Array,
  ) {}
  encode(): Uint8Array {
    return leafRlp(hexPrefix(this.path, true), this.value);
  }
}

export class ExtensionNode {
  readonly kind = NodeKind.Extension;
  ref: Uint8Array | undefined = undefined;
  /** `path` is non-empty and `child` is always a branch. */
  constructor(
    readonly path: Uint8Array,
    readonly child: BranchNode,
  ) {}
  encode(): Uint8Array {
    return extensionRlp(hexPrefix(this.path, false), refOf(this.child));
  }
}

export class BranchNode {
  readonly kind = NodeKind.Branch;
  ref: Uint8Array | undefined = undefined;
  /** 16 children and the value of the key that ends here; at least two of the 17 are present. */
  constructor(
    readonly children: readonly (TrieNode | null)[],
    readonly value: Uint8Array | null,
  ) {}
  encode(): Uint8Array {
    const refs: Uint8Array[] = new Array(17);
    for (let i = 0; i < 16; i++) {
      const c = this.children[i];
      refs[i] = c ? refOf(c) : RLP_EMPTY;
    }
    return branchRlp(refs, this.value);
  }
}

export type TrieNode = LeafNode | ExtensionNode | BranchNode;

/**
 * Where `refOf` writes a node's RLP to hash it. The encoding of a node of 32 bytes or more is never kept
 * (its parent holds the hash), and a fresh Uint8Array of more than 64 bytes is an off-heap allocation in
 * V8 (a backing store, zeroed, tracked by the GC): on a dev node, that was most of what re-hashing a
 * block's changed paths allocated. Children's references are computed before a parent writes here.
 */
let scratch = new Uint8Array(2048);

function room(len: number): Uint8Array {
  if (scratch.length < len) scratch = new Uint8Array(Math.max(len, scratch.length * 2));
  return scratch;
}

/** `b` at `pos` in `out`; short ones by a loop (TypedArray.set costs more than copying 33 bytes). */
function copyInto(out: Uint8Array, pos: number, b: Uint8Array): number {
  const n = b.length;
  if (n <= 40) for (let i = 0; i < n; i++) out[pos + i] = b[i]!;
  else out.set(b, pos);
  return pos + n;
}

function putStringFast(out: Uint8Array, pos: number, b: Uint8Array): number {
  if (b.length === 1 && b[0]! < 0x80) {
    out[pos] = b[0]!;
    return pos + 1;
  }
  return copyInto(out, putHeader(out, pos, b.length, 0x80), b);
}

/** The reference of the node whose RLP is scratch[0, len): a copy of it when < 32 bytes, else RLP(keccak256). */
function refFromScratch(len: number): Uint8Array {
  if (len < 32) return scratch.slice(0, len);
  const hash = keccak256(scratch.subarray(0, len));
  const ref = new Uint8Array(33);
  ref[0] = 0xa0;
  copyInto(ref, 1, hash);
  return ref;
}

function computeRef(node: TrieNode): Uint8Array {
  switch (node.kind) {
    case NodeKind.Leaf: {
      const hp = hexPrefix(node.path, true);
      const payload = stringSize(hp) + stringSize(node.value);
      const len = headerSize(payload) + payload;
      const out = room(len);
      putStringFast(out, putStringFast(out, putHeader(out, 0, payload, 0xc0), hp), node.value);
      return refFromScratch(len);
    }
    case NodeKind.Extension: {
      const child = refOf(node.child);
      const hp = hexPrefix(node.path, false);
      const payload = stringSize(hp) + child.length;
      const len = headerSize(payload) + payload;
      const out = room(len);
      copyInto(out, putStringFast(out, putHeader(out, 0, payload, 0xc0), hp), child);
      return refFromScratch(len);
    }
    case NodeKind.Branch: {
      const refs: Uint8Array[] = new Array(16);
      let payload = 0;
      for (let i = 0; i < 16; i++) {
        const c = node.children[i];
        const r = c ? refOf(c) : RLP_EMPTY;
        refs[i] = r;
        payload += r.length;
      }
      const value = node.value;
      const hasValue = value !== null && value.length > 0;
      payload += hasValue ? stringSize(value) : 1;
      const len = headerSize(payload) + payload;
      const out = room(len);
      let pos = putHeader(out, 0, payload, 0xc0);
      for (let i = 0; i < 16; i++) pos = copyInto(out, pos, refs[i]!);
      if (hasValue) putStringFast(out, pos, value);
      else out[pos] = 0x80;
      return refFromScratch(len);
    }
  }
}

/** The node's reference in its parent, computed once (the same bytes as `nodeRef(node.encode())`). */
export function refOf(node: TrieNode): Uint8Array {
  return (node.ref ??= computeRef(node));
}
