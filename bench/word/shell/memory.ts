/**
 * Representation-independent memory helpers (the same rules as src/interpreter/memory.ts): expansion
 * cost 3 per word + words^2/512, buffers grown by doubling. Each prototype keeps `mem`/`memWords` on its
 * own frame (as evmkit does) and calls these with plain numbers, so no helper here sees more than one
 * frame class (keeps V8's inline caches monomorphic while several prototypes run in one process).
 */

/** Offsets or sizes at or past this are out of gas (as in evmkit: keeps words^2 exact in a double). */
export const MAX_MEMORY = 2 ** 31;

export function memoryCost(words: number): number {
  return 3 * words + Math.floor((words * words) / 512);
}

/** A buffer of at least `needBytes`, holding the first `usedBytes` of `buf`. */
export function growBuffer(buf: Uint8Array, usedBytes: number, needBytes: number): Uint8Array {
  let cap = buf.length === 0 ? 1024 : buf.length * 2;
  while (cap < needBytes) cap *= 2;
  const next = new Uint8Array(cap);
  next.set(buf.subarray(0, usedBytes));
  return next;
}

/** Copy gas: 3 per word of `size` bytes (CALLDATACOPY, CODECOPY). */
export function copyGas(size: number): number {
  return 3 * ((size + 31) >>> 5);
}

/** Copies src[srcOffset .. srcOffset+size) to mem at dst, zero-filling past the end of src. */
export function copyPadded(mem: Uint8Array, dst: number, src: Uint8Array, srcOffset: number, size: number): void {
  if (srcOffset >= src.length) {
    mem.fill(0, dst, dst + size);
    return;
  }
  const avail = Math.min(size, src.length - srcOffset);
  mem.set(src.subarray(srcOffset, srcOffset + avail), dst);
  if (avail < size) mem.fill(0, dst + avail, dst + size);
}
