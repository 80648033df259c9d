/** Memory: MLOAD, MSTORE, MSTORE8, MSIZE, MCOPY, KECCAK256 (execution-specs `memory.py`, `keccak.py`). */
import { Status } from '../status.js';
import { useGas, type Frame } from '../frame.js';
import { copyGas, expandMemory, expandMemoryTo, MAX_MEMORY } from '../memory.js';
import { SMALL, keccakWordAt } from '../../primitives/word/index.js';
import { forgetWords, loadWord, storeWord } from '../wordCache.js';

const MAX_OFFSET = BigInt(MAX_MEMORY);

export function opMload(f: Frame): Status {
  const s = f.stack;
  const i = f.sp - 1;
  const off = s[i]!;
  if (off >= MAX_OFFSET || !expandMemoryTo(f, Number(off) + 32)) return Status.OutOfGas;
  s[i] = loadWord(f, Number(off));
  return Status.Continue;
}

export function opMstore(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const off = s[sp + 1]!;
  if (off >= MAX_OFFSET || !expandMemoryTo(f, Number(off) + 32)) return Status.OutOfGas;
  storeWord(f, Number(off), s[sp]!);
  return Status.Continue;
}

export function opMstore8(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const off = s[sp + 1]!;
  if (off >= MAX_OFFSET || !expandMemoryTo(f, Number(off) + 1)) return Status.OutOfGas;
  const o = Number(off);
  f.mem[o] = Number(s[sp]! & 0xffn);
  forgetWords(f, o, 1);
  return Status.Continue;
}

export function opMsize(f: Frame): Status {
  const n = f.memWords * 32;
  f.stack[f.sp++] = n < 257 ? SMALL[n]! : BigInt(n);
  return Status.Continue;
}

/** MCOPY: EIP-5656 (Cancun). GAS 3 + 3 per word + expansion over both regions. */
export function opMcopy(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 3);
  const dst = s[sp + 2]!;
  const src = s[sp + 1]!;
  const size = s[sp]!;
  if (size === 0n) return Status.Continue;
  const far = dst > src ? dst : src;
  if (!expandMemory(f, far, size) || !useGas(f, copyGas(size))) return Status.OutOfGas;
  const n = Number(size);
  const so = Number(src);
  f.mem.copyWithin(Number(dst), so, so + n);
  forgetWords(f, Number(dst), n);
  return Status.Continue;
}

/** KECCAK256: GAS 30 + 6 per word + expansion. */
export function opKeccak256(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const off = s[sp]!;
  const size = s[sp - 1]!;
  if (!expandMemory(f, off, size)) return Status.OutOfGas;
  if (!useGas(f, 2 * copyGas(size))) return Status.OutOfGas;
  const o = size === 0n ? 0 : Number(off);
  s[sp - 1] = keccakWordAt(f.mem, o, Number(size));
  return Status.Continue;
}
