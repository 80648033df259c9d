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

/** The node's reference in its parent, computed once. */
export function refOf(node: TrieNode): Uint8Array {
  return (node.ref ??= nodeRef(node.encode()));
}
