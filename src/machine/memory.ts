/**
 * Frame memory: a byte array grown by doubling, with an active size in words. Expansion gas is
 * 3 per word plus words^2/512 (Yellow Paper C_mem), charged on the difference. Bytes past the active
 * size are always zero (a grown buffer is fresh, the old contents copied in), which expansion relies on.
 *
 * Large memories are not doubled all the way: a frame's buffer usually lives long enough to be promoted to
 * old space, so every outgrown copy would stay allocated until the next mark-compact (snailtracer: 8 MB of
 * dead 4, 2, 1 MB copies). From RESERVE_FROM on, the next buffer is as large as the frame's remaining gas
 * could ever expand memory to (capped at RESERVE_MAX): a fresh allocation is zero pages the OS maps only
 * when touched, so it costs resident memory for what the contract writes, and there is no further copy.
 * When the executor pops a frame, such a buffer is zeroed where it was used and kept for the next frame
 * that grows past RESERVE_FROM (`recycleMemory`): repeated calls and transactions reuse the same pages
 * instead of mapping, faulting in and garbage-collecting a fresh buffer each time.
 * The buffer stays a plain Uint8Array, which keeps MLOAD/MSTORE monomorphic; outgrown buffers are left to
 * the GC rather than detached, since detaching any ArrayBuffer makes V8 check every typed-array access of
 * the process for detachment from then on (BENCHMARKS.md, Frame memory growth).
 */
import { EMPTY_BYTES } from '../primitives/hex.js';
import { STACK_LIMIT, useGas, type Frame } from './frame.js';
import type { Word } from '../primitives/word/index.js';
import { forgetWords, newWordCacheKeys, newWordCacheValues } from './wordCache.js';

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
  if (bytes > f.mem.length) grow(f, bytes, words);
  f.memWords = words;
  return true;
}

/** Past this buffer size, growth reserves what the frame's gas could pay for (see the file comment). */
export const RESERVE_FROM = 1 << 18;
/** The largest buffer reserved at once (past it, doubling again). */
export const RESERVE_MAX = 1 << 24;

/**
 * The most memory, in bytes, the frame could still expand to with all of its gas: the largest W words
 * with memoryCost(W) <= memoryCost(words) + gas left, i.e. W^2/512 + 3W <= c. RESERVE_MAX when the
 * frame's gas reaches past a JS number's exact range (its bigint reserve is in use).
 */
function affordableBytes(f: Frame, words: number): number {
  if (f.gasReserve !== 0n) return RESERVE_MAX;
  const c = memoryCost(words) + f.gas;
  return Math.floor((Math.sqrt(1536 * 1536 + 2048 * c) - 1536) / 2) * 32;
}

/**
 * The large buffers of an executor's frames: zeroed buffers of finished frames kept for reuse (at most
 * SPARE_MAX), and the count of reserved buffers in use (at most LIVE_MAX; past it, frames double as
 * before). A deep call chain where every frame grows past RESERVE_FROM
 * (stStaticCall/static_Call1MB1024Calldepth: 1,024 frames) would otherwise reserve 1,024 x 16 MB, and
 * allocations that size stop being fresh zero pages once freed ones are reused (calloc then zeroes, that
 * is touches, all of them). Owned by an executor (or shared by the executors of one EVM or chain), never
 * by the module: a frame that is never recycled costs its own pool a slot, nobody else's.
 */
export class MemoryPool {
  /** Zeroed reserved buffers of finished frames, most recently kept last. */
  private readonly spare: Uint8Array[] = [];
  /**
   * Stacks of finished frames. A frame's 1,024-slot stack array cost more than the rest of an empty
   * call (~0.8 us of ~2 us): frames take one from here and give it back when the executor pops them.
   * Slots above a frame's stack pointer are never read, so a stack needs no clearing.
   */
  private readonly stacks: Word[][] = [];
  /** Word caches of finished frames (keys emptied), as for stacks. */
  private readonly wordKeys: number[][] = [];
  private readonly wordValues: Word[][] = [];
  /** Zeroed small memory buffers (at most SMALL_MAX bytes) of finished frames, for new frames' first growth. */
  private readonly small: Uint8Array[] = [];
  private readonly reserved = new WeakSet<Uint8Array>();
  /** Reserved buffers held by frames now. */
  live = 0;
  /** Reservations handed out so far (new or reused buffers). */
  reservations = 0;

  /** A buffer of `cap` bytes or more for a frame growing past RESERVE_FROM, or undefined (double instead). */
  reserve(f: Frame, cap: number, words: number): Uint8Array | undefined {
    if (this.live >= LIVE_MAX) return undefined;
    let next = this.takeSpare(cap);
    if (next === undefined) {
      // Whole 64 KB pages, at least the doubled size, at most RESERVE_MAX.
      cap = Math.max(cap, Math.min(RESERVE_MAX, Math.ceil(affordableBytes(f, words) / 65536) * 65536));
      next = new Uint8Array(cap);
      this.reserved.add(next);
    }
    this.live++;
    this.reservations++;
    return next;
  }

  isReserved(b: Uint8Array): boolean {
    return this.reserved.has(b);
  }

  /** A reserved buffer outgrown past RESERVE_MAX: the frame doubles from here on. */
  release(b: Uint8Array): void {
    this.live--;
    this.reserved.delete(b);
  }

  /** Takes a finished frame's reserved buffer back, zeroed where it was used. */
  recycle(b: Uint8Array, used: number): void {
    this.live--;
    if (this.spare.length < SPARE_MAX) {
      b.fill(0, 0, used);
      this.spare.push(b);
    } else {
      this.reserved.delete(b);
    }
  }

  /** Drops the buffers kept for reuse (an embedder that wants the memory back at once; tests). */
  clear(): void {
    for (const b of this.spare) this.reserved.delete(b);
    this.spare.length = 0;
    this.stacks.length = 0;
    this.wordKeys.length = 0;
    this.wordValues.length = 0;
    this.small.length = 0;
  }

  /** A stack for a new frame (its contents are garbage: slots at or above sp are never read). */
  takeStack(): Word[] {
    return this.stacks.pop() ?? new Array<Word>(STACK_LIMIT).fill(0n);
  }

  /** A finished frame's stack, for the next frame. */
  giveStack(s: Word[]): void {
    if (this.stacks.length < STACKS_MAX) this.stacks.push(s);
  }

  /** MLOAD word-cache arrays for a new frame (./wordCache.ts): keys all empty, values never read before set. */
  takeWordKeys(): number[] {
    return this.wordKeys.pop() ?? newWordCacheKeys();
  }

  takeWordValues(): Word[] {
    return this.wordValues.pop() ?? newWordCacheValues();
  }

  /** A finished frame's word cache, emptied, for the next frame. */
  giveWordCache(keys: number[], values: Word[]): void {
    if (this.wordKeys.length >= STACKS_MAX) return;
    keys.fill(0);
    this.wordKeys.push(keys);
    this.wordValues.push(values);
  }

  /** A zeroed buffer of at least `min` bytes for a frame's first growth (at most SMALL_MAX), or undefined. */
  takeSmall(min: number): Uint8Array | undefined {
    const small = this.small;
    const b = small[small.length - 1];
    if (b === undefined || b.length < min) return undefined;
    small.pop();
    return b;
  }

  /** A finished frame's small buffer, zeroed where it was used, for the next frame. */
  giveSmall(b: Uint8Array, used: number): void {
    if (this.small.length >= SMALL_SPARES) return;
    b.fill(0, 0, used);
    this.small.push(b);
  }

  /** How many zeroed buffers are kept for reuse. */
  get spareCount(): number {
    return this.spare.length;
  }

  private takeSpare(min: number): Uint8Array | undefined {
    const spare = this.spare;
    for (let i = spare.length - 1; i >= 0; i--) {
      const b = spare[i]!;
      if (b.length >= min) {
        spare.splice(i, 1);
        return b;
      }
    }
    return undefined;
  }
}

const SPARE_MAX = 4;
const LIVE_MAX = 4;
/** Stacks kept for reuse: enough for the call depth of most transactions (deeper ones allocate). */
const STACKS_MAX = 64;
/** Small buffers kept for reuse, and the largest kept (larger ones are left to the GC as before). */
const SMALL_SPARES = 16;
const SMALL_MAX = 1 << 15;
/** The first buffer of a frame's memory. */
const FIRST_BUFFER = 1024;

function grow(f: Frame, bytes: number, words: number): void {
  const old = f.mem;
  const pool = f.pool;
  let cap = old.length === 0 ? FIRST_BUFFER : old.length * 2;
  while (cap < bytes) cap *= 2;
  let next: Uint8Array | undefined;
  if (old.length === 0 && cap <= SMALL_MAX) {
    next = pool.takeSmall(cap);
    if (next !== undefined) {
      f.mem = next;
      return;
    }
  }
  const oldReserved = old.length > RESERVE_FROM && pool.isReserved(old);
  if (cap > RESERVE_FROM && cap < RESERVE_MAX && !oldReserved) next = pool.reserve(f, cap, words);
  else if (oldReserved) pool.release(old);
  next ??= new Uint8Array(cap);
  next.set(old.subarray(0, f.memWords * 32));
  f.mem = next;
}

/**
 * A finished frame's memory, when it is a reserved buffer, goes back to its pool (zeroed where it was
 * used) for the next frame that grows past RESERVE_FROM; the frame's memory is empty afterwards. For the
 * executor's own frames only (their output and logs are copies): a Runtime driven from outside keeps its
 * memory readable after exit.
 */
export function recycleMemory(f: Frame): void {
  const m = f.mem;
  if (m.length <= RESERVE_FROM || !f.pool.isReserved(m)) return; // the length test spares most frames the lookup
  f.pool.recycle(m, f.memWords * 32);
  f.mem = EMPTY_BYTES;
  f.memWords = 0;
}

/**
 * A finished frame of the executor gives back what it took from the pool: its stack, its memory buffer
 * (reserved ones as recycleMemory does, small ones zeroed where used). The frame must not run again.
 */
export function releaseFrame(f: Frame): void {
  const m = f.mem;
  const pool = f.pool;
  if (m.length > RESERVE_FROM) recycleMemory(f);
  else if (m.length !== 0 && m.length <= SMALL_MAX) {
    pool.giveSmall(m, f.memWords * 32);
    f.mem = EMPTY_BYTES;
    f.memWords = 0;
  }
  pool.giveStack(f.stack);
  pool.giveWordCache(f.wordKeys, f.wordValues);
}

/** Copies src[srcOffset .. srcOffset+size) into memory at dst, zero-filling past the end of src. */
export function copyToMemory(f: Frame, dst: number, src: Uint8Array, srcOffset: bigint, size: number): void {
  const mem = f.mem;
  forgetWords(f, dst, size);
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
