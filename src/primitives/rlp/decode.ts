/**
 * Strict RLP decoding: exactly one canonical item and nothing after it. Rejects what go-ethereum's
 * `rlp` package rejects (ethereum/tests RLPTests invalidRLPTest.json):
 * - a single byte < 0x80 wrapped as 0x81 0xNN;
 * - long-form lengths below 56, or with leading zero bytes;
 * - payloads running past the input or past the list that holds them; bytes after the top-level item.
 * Iterative with an explicit stack, so hostile nesting cannot overflow the JavaScript stack.
 * Decoded byte strings are views (`subarray`) into the input: copy them if the input buffer is reused.
 */
import { RlpError } from './errors.js';
import type { RlpItem } from './encode.js';

interface Header {
  readonly list: boolean;
  /** Offset of the first payload byte. */
  readonly start: number;
  /** Payload length in bytes. */
  readonly length: number;
}

/** Reads the header at `pos`; `limit` is the end of the enclosing list (or the input). */
function readHeader(bytes: Uint8Array, pos: number, limit: number): Header {
  const b = bytes[pos]!;
  if (b < 0x80) return { list: false, start: pos, length: 1 };
  if (b < 0xb8) {
    const length = b - 0x80;
    if (length === 1) {
      if (pos + 1 >= limit) throw overrun(pos, 2, limit, bytes.length);
      if (bytes[pos + 1]! < 0x80)
        throw new RlpError(
          'non-canonical',
          `single byte 0x${bytes[pos + 1]!.toString(16).padStart(2, '0')} must be encoded as itself, not behind 0x81`,
          pos,
        );
    }
    return { list: false, start: pos + 1, length };
  }
  if (b < 0xc0) return readLongHeader(bytes, pos, limit, b - 0xb7, false);
  if (b < 0xf8) return { list: true, start: pos + 1, length: b - 0xc0 };
  return readLongHeader(bytes, pos, limit, b - 0xf7, true);
}

function readLongHeader(bytes: Uint8Array, pos: number, limit: number, lenOfLen: number, list: boolean): Header {
  const kind = list ? 'list' : 'string';
  if (pos + 1 + lenOfLen > limit) throw overrun(pos, 1 + lenOfLen, limit, bytes.length);
  if (bytes[pos + 1] === 0) throw new RlpError('non-canonical', `long ${kind} length has leading zero bytes`, pos);
  let length = 0;
  for (let i = 1; i <= lenOfLen; i++) length = length * 256 + bytes[pos + i]!;
  // A length of 2^53 or more cannot be exact in a double, and could never fit an input anyway.
  if (lenOfLen > 6 && length > Number.MAX_SAFE_INTEGER) throw overrun(pos, Infinity, limit, bytes.length);
  if (length < 56) throw new RlpError('non-canonical', `long ${kind} form used for length ${length} (< 56)`, pos);
  return { list, start: pos + 1 + lenOfLen, length };
}

function overrun(pos: number, need: number, limit: number, inputLength: number): RlpError {
  if (limit === inputLength) return new RlpError('truncated', `input ends before the item needing ${need} bytes is complete`, pos);
  return new RlpError('exceeds-list', `item needing ${need} bytes runs past the end of its list at ${limit}`, pos);
}

interface Frame {
  readonly items: RlpItem[];
  readonly end: number;
}

/** Decodes exactly one RLP item that spans all of `bytes`. Throws RlpError naming the offset of the fault. */
export function decodeRlp(bytes: Uint8Array): RlpItem {
  if (bytes.length === 0) throw new RlpError('truncated', 'empty input', 0);
  const stack: Frame[] = [];
  let result: RlpItem | undefined;
  let pos = 0;
  for (;;) {
    const limit = stack.length === 0 ? bytes.length : stack[stack.length - 1]!.end;
    const h = readHeader(bytes, pos, limit);
    const end = h.start + h.length;
    if (end > limit) throw overrun(pos, end - pos, limit, bytes.length);
    let item: RlpItem;
    if (h.list) {
      const items: RlpItem[] = [];
      item = items;
      if (h.length > 0) {
        if (stack.length === 0) result = item;
        else stack[stack.length - 1]!.items.push(item);
        stack.push({ items, end });
        pos = h.start;
        continue;
      }
    } else {
      item = bytes.subarray(h.start, end);
    }
    if (stack.length === 0) result = item;
    else stack[stack.length - 1]!.items.push(item);
    pos = end;
    while (stack.length > 0 && pos === stack[stack.length - 1]!.end) stack.pop();
    if (stack.length === 0) break;
  }
  if (pos !== bytes.length) throw new RlpError('trailing-bytes', `${bytes.length - pos} byte(s) after the top-level item`, pos);
  return result!;
}

/**
 * The offset just past the one item that starts at `pos` (header checks only, payload not descended).
 * For callers that split a concatenation of items (for instance a typed transaction inside a block).
 */
export function rlpItemEnd(bytes: Uint8Array, pos = 0): number {
  if (pos >= bytes.length) throw new RlpError('truncated', 'no item to read', pos);
  const h = readHeader(bytes, pos, bytes.length);
  const end = h.start + h.length;
  if (end > bytes.length) throw overrun(pos, end - pos, bytes.length, bytes.length);
  return end;
}
