/**
 * Nibble paths and their hex-prefix encoding (Yellow Paper appendix C): a path of 4-bit nibbles packed
 * into bytes behind a flag nibble that says leaf-or-extension and odd-or-even length.
 */

/** Nibble `i` of a byte key (high nibble first). */
export function nibbleAt(key: Uint8Array, i: number): number {
  const b = key[i >> 1]!;
  return i & 1 ? b & 0x0f : b >> 4;
}

/** A byte key as one nibble per byte. */
export function bytesToNibbles(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length * 2);
  for (let i = 0; i < key.length; i++) {
    out[2 * i] = key[i]! >> 4;
    out[2 * i + 1] = key[i]! & 0x0f;
  }
  return out;
}

/** Packs an even-length nibble path back into bytes. */
export function nibblesToBytes(nibbles: ArrayLike<number>): Uint8Array {
  if (nibbles.length & 1) throw new Error(`trie: a key path of ${nibbles.length} nibbles is not whole bytes`);
  const out = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
  return out;
}

/** Hex-prefix encoding of `path` (a nibble array): flag 2 marks a leaf, flag 1 an odd length. */
export function hexPrefix(path: Uint8Array, leaf: boolean): Uint8Array {
  const n = path.length;
  const odd = n & 1;
  const out = new Uint8Array((n >> 1) + 1);
  const flag = (leaf ? 2 : 0) + odd;
  let i = 0;
  if (odd) out[0] = (flag << 4) | path[i++]!;
  else out[0] = flag << 4;
  for (let o = 1; i < n; i += 2, o++) out[o] = (path[i]! << 4) | path[i + 1]!;
  return out;
}

/** Hex-prefix encoding of nibbles [from, to) of a byte key, without materialising the nibble path. */
export function hexPrefixOfKey(key: Uint8Array, from: number, to: number, leaf: boolean): Uint8Array {
  const n = to - from;
  const odd = n & 1;
  const out = new Uint8Array((n >> 1) + 1);
  const flag = (leaf ? 2 : 0) + odd;
  let i = from;
  if (odd) out[0] = (flag << 4) | nibbleAt(key, i++);
  else out[0] = flag << 4;
  if ((i & 1) === 0) {
    // Byte-aligned: copy whole bytes.
    out.set(key.subarray(i >> 1, to >> 1), 1);
  } else {
    for (let o = 1; i < to; i += 2, o++) out[o] = (nibbleAt(key, i) << 4) | nibbleAt(key, i + 1);
  }
  return out;
}

/** Length of the common prefix of `a[aFrom..]` and `b`. */
export function commonPrefixLength(a: Uint8Array, aFrom: number, b: Uint8Array): number {
  const max = Math.min(a.length - aFrom, b.length);
  let i = 0;
  while (i < max && a[aFrom + i] === b[i]) i++;
  return i;
}

/** Concatenation of nibble paths (a prefix nibble, when given, goes between them). */
export function joinPaths(a: Uint8Array, mid: number | undefined, b: Uint8Array): Uint8Array {
  const extra = mid === undefined ? 0 : 1;
  const out = new Uint8Array(a.length + extra + b.length);
  out.set(a, 0);
  if (mid !== undefined) out[a.length] = mid;
  out.set(b, a.length + extra);
  return out;
}
