/**
 * Frame memory: a byte array grown by doubling, with an active size in words. Expansion gas is
 * 3 per word plus words^2/512 (Yellow Paper C_mem), charged on the difference. Bytes past the active
 * size are always zero (a grown buffer is fresh, the old contents copied in), which expansion relies on.
 *
 * Large buffers are freed as soon as they are outgrown (and when their frame ends in the executor):
 * a frame's buffer usually lives long enough to be promoted to old space, so an outgrown one would stay
 * allocated until the next mark-compact (snailtracer: 8 MB of dead 4 MB, 2 MB, ... copies). The buffer
 * stays a plain Uint8Array, which keeps MLOAD/MSTORE monomorphic (see BENCHMARKS.md, Frame memory growth).
 */
import { EMPTY_BYTES } from '../util/hex.js';
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
  if (bytes > f.mem.length) grow(f, bytes);
  f.memWords = words;
  return true;
}

/** Outgrown buffers from this size up are freed at once; smaller ones are left to the GC. */
export const RELEASE_FROM = 1 << 18;

function grow(f: Frame, bytes: number): void {
  const old = f.mem;
  let cap = old.length === 0 ? 1024 : old.length * 2;
  while (cap < bytes) cap *= 2;
  const next = new Uint8Array(cap);
  next.set(old.subarray(0, f.memWords * 32));
  f.mem = next;
  if (old.length >= RELEASE_FROM) release(old);
}

/**
 * Frees a finished frame's memory now rather than at the next mark-compact (buffers from RELEASE_FROM
 * up); the frame's memory is empty afterwards. For the executor's own frames only: a Runtime driven
 * from outside keeps its memory readable after exit.
 */
export function releaseMemory(f: Frame): void {
  const m = f.mem;
  if (m.length < RELEASE_FROM) return;
  f.mem = EMPTY_BYTES;
  f.memWords = 0;
  release(m);
}

interface Detachable {
  transfer?: (this: ArrayBuffer, length?: number) => ArrayBuffer;
}
type StructuredClone = (value: unknown, options: { transfer: ArrayBuffer[] }) => unknown;
const structuredCloneFn = (globalThis as { structuredClone?: StructuredClone }).structuredClone;

/**
 * Frees a memory buffer nothing uses any more by detaching its ArrayBuffer (ES2024
 * `ArrayBuffer.prototype.transfer`, else a structured clone that transfers it, node 17+ and browsers):
 * V8 drops a detached backing store at once (the clone's, young, at the next scavenge). Only buffers
 * grow() allocated reach here; a view that does not own its whole buffer is left alone.
 */
function release(m: Uint8Array): void {
  const buf = m.buffer as ArrayBuffer;
  if (m.byteOffset !== 0 || buf.byteLength !== m.length) return;
  const transfer = (buf as Detachable).transfer;
  if (transfer !== undefined) transfer.call(buf, 0);
  else if (structuredCloneFn !== undefined) structuredCloneFn(buf, { transfer: [buf] });
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
