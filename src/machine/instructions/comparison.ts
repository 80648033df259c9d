/** Comparison and bitwise logic (execution-specs `comparison.py`, `bitwise.py`). */
import { Status } from '../status.js';
import type { Frame } from '../frame.js';
import * as W from '../../primitives/word/index.js';

export function opLt(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp]! < s[sp - 1]! ? 1n : 0n;
  return Status.Continue;
}

export function opGt(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp]! > s[sp - 1]! ? 1n : 0n;
  return Status.Continue;
}

export function opSlt(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.slt(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opSgt(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.sgt(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opEq(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp]! === s[sp - 1]! ? 1n : 0n;
  return Status.Continue;
}

export function opIszero(f: Frame): Status {
  const s = f.stack;
  const i = f.sp - 1;
  s[i] = s[i]! === 0n ? 1n : 0n;
  return Status.Continue;
}

export function opAnd(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp]! & s[sp - 1]!;
  return Status.Continue;
}

export function opOr(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp]! | s[sp - 1]!;
  return Status.Continue;
}

export function opXor(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp]! ^ s[sp - 1]!;
  return Status.Continue;
}

export function opNot(f: Frame): Status {
  const s = f.stack;
  const i = f.sp - 1;
  s[i] = W.not(s[i]!);
  return Status.Continue;
}

export function opByte(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.byte(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

/** SHL, SHR, SAR: EIP-145 (Constantinople). The shift is the top item. */
export function opShl(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.shl(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opShr(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.shr(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opSar(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.sar(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

/** CLZ: EIP-7939 (Osaka). */
export function opClz(f: Frame): Status {
  const s = f.stack;
  const i = f.sp - 1;
  s[i] = W.clz(s[i]!);
  return Status.Continue;
}
