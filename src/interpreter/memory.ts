/**
 * Frame memory: a byte array grown by doubling, with an active size in words. Expansion gas is
 * 3 per word plus words^2/512 (Yellow Paper C_mem), charged on the difference.
 */
import { useGas, type Frame } from './frame.js';

/**
 * Offsets or sizes past this are out of gas: expanding to 2^31 bytes already costs ~8.8e12 gas, and it
 * keeps words^2 exact in a double.
 */
export const MAX_MEMORY = 2 ** 31;
const MAX_MEMORY_BIG = BigInt(MAX_MEMORY);

export function memoryCost(words: number): number {
  return 3 * words + Math.floor((words * words) / 512);
}

/**
 * Makes [offset, offset+size) addressable, charging expansion gas. A zero size never expands (nor
 * checks the offset). False on out of gas (including offsets no gas could pay for).
 */
export function expandMemory(f: Frame, offset: bigint, size: bigint): boolean {
  if (size === 0n) return true;
  if (offset >= MAX_MEMORY_BIG || size >= MAX_MEMORY_BIG) return false;
  return expandMemoryTo(f, Number(offset) + Number(size));
}

/** Expands to at least `end` bytes (end > 0, below 2^32). */
export function expandMemoryTo(f: Frame, end: number): boolean {
  if (end > MAX_MEMORY) return false;
  const words = (end + 31) >>> 5;
  if (words <= f.memWords) return true;
  if (!useGas(f, memoryCost(words) - memoryCost(f.memWords))) return false;
  const bytes = words * 32;
  if (bytes > f.mem.length) {
    let cap = f.mem.length === 0 ? 1024 : f.mem.length * 2;
    while (cap < bytes) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(f.mem.subarray(0, f.memWords * 32));
    f.mem = next;
  }
  f.memWords = words;
  return true;
}

/** Copies src[srcOffset .. srcOffset+size) into memory at dst, zero-filling past the end of src. */
export function copyToMemory(f: Frame, dst: number, src: Uint8Array, srcOffset: bigint, size: number): void {
  const mem = f.mem;
  if (srcOffset >= BigInt(src.length)) {
    mem.fill(0, dst, dst + size);
    return;
  }
  const so = Number(srcOffset);
  const avail = Math.min(size, src.length - so);
  mem.set(src.subarray(so, so + avail), dst);
  if (avail < size) mem.fill(0, dst + avail, dst + size);
}

/** Gas for copying `size` bytes: 3 per word (CALLDATACOPY, CODECOPY, ...). */
export function copyGas(size: bigint): number {
  // size is below MAX_MEMORY once memory expansion succeeded.
  return 3 * ((Number(size) + 31) >>> 5);
}
