/**
 * MLOAD's word cache: the words last stored (MSTORE) or loaded (MLOAD) at 32-byte-aligned offsets of a
 * frame's memory, as the bigints they are on the stack, so that loading a word back does not rebuild it from
 * its bytes. Turning 32 bytes into a 256-bit bigint costs ~10 bigint operations (four 64-bit reads, three
 * shifts, three ors: 110-280 ns in bench/micro/ops.ts), a hit costs two array reads. Compiled Solidity
 * reads back what it stored at aligned offsets all the time (the free memory pointer at 0x40, structs and
 * arrays it built in memory).
 *
 * Direct-mapped, WORD_CACHE_SLOTS slots by word index; a slot holds the word's index plus one (0 = empty)
 * and its value. The memory bytes stay the truth: every write to memory either refreshes the slot (an
 * aligned MSTORE) or forgets the words it touched (an unaligned MSTORE, MSTORE8, MCOPY, the copies, a
 * call's return data, an opcode override, the Runtime's memory view). A slot is only ever read for the
 * word it names, so a forgotten or never-filled slot costs a miss, never a wrong value.
 */
import type { Frame } from './frame.js';
import type { Word } from '../primitives/word/index.js';
import { wordFromBytes, wordToBytes } from '../primitives/word/index.js';

/** Slots per frame (a power of two): 1 KiB of memory, the part solc's code uses most. */
export const WORD_CACHE_SLOTS = 32;
const MASK = WORD_CACHE_SLOTS - 1;

/** A frame's empty cache: keys (word index + 1, 0 = empty) and values. */
export function newWordCacheKeys(): number[] {
  return new Array<number>(WORD_CACHE_SLOTS).fill(0);
}

export function newWordCacheValues(): Word[] {
  return new Array<Word>(WORD_CACHE_SLOTS).fill(0n);
}

/** MLOAD at `o` (memory already expanded to cover it). */
export function loadWord(f: Frame, o: number): Word {
  if ((o & 31) !== 0) return wordFromBytes(f.mem, o, 32);
  const w = o >>> 5;
  const k = w & MASK;
  const keys = f.wordKeys;
  if (keys[k] === w + 1) return f.wordValues[k]!;
  const v = wordFromBytes(f.mem, o, 32);
  keys[k] = w + 1;
  f.wordValues[k] = v;
  return v;
}

/** MSTORE of `v` at `o` (memory already expanded to cover it). */
export function storeWord(f: Frame, o: number, v: Word): void {
  wordToBytes(v, f.mem, o);
  const w = o >>> 5;
  const keys = f.wordKeys;
  if ((o & 31) === 0) {
    keys[w & MASK] = w + 1;
    f.wordValues[w & MASK] = v;
    return;
  }
  // an unaligned store overlaps the aligned words w and w + 1
  if (keys[w & MASK] === w + 1) keys[w & MASK] = 0;
  if (keys[(w + 1) & MASK] === w + 2) keys[(w + 1) & MASK] = 0;
}

/** Forgets the cached words overlapping the bytes [start, start + size) (any other write to memory). */
export function forgetWords(f: Frame, start: number, size: number): void {
  if (size <= 0) return;
  const keys = f.wordKeys;
  const first = start >>> 5;
  const last = (start + size - 1) >>> 5;
  if (last - first >= MASK) {
    keys.fill(0);
    return;
  }
  for (let w = first; w <= last; w++) if (keys[w & MASK] === w + 1) keys[w & MASK] = 0;
}

/** Forgets every cached word (memory written by code that does not say where). */
export function forgetAllWords(f: Frame): void {
  f.wordKeys.fill(0);
}
