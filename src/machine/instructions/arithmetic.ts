/** Arithmetic (execution-specs `vm/instructions/arithmetic.py`). The loop has checked stack and static gas. */
import { Status } from '../status.js';
import { useGas, type Frame } from '../frame.js';
import * as W from '../../primitives/word/index.js';

/** ADD: a + b mod 2^256. */
export function opAdd(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.add(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opMul(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.mul(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opSub(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.sub(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opDiv(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.div(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opSdiv(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.sdiv(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opMod(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.mod(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opSmod(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.smod(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opAddmod(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  s[sp - 1] = W.addmod(s[sp + 1]!, s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

export function opMulmod(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  s[sp - 1] = W.mulmod(s[sp + 1]!, s[sp]!, s[sp - 1]!);
  return Status.Continue;
}

/** EXP: GAS 10 + expByteGas (10, 50 from EIP-160) per byte of the exponent. */
export function opExp(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const e = s[sp - 1]!;
  if (e !== 0n && !useGas(f, f.host.rules.expByteGas * W.byteLength(e))) return Status.OutOfGas;
  s[sp - 1] = W.exp(s[sp]!, e);
  return Status.Continue;
}

export function opSignextend(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = W.signextend(s[sp]!, s[sp - 1]!);
  return Status.Continue;
}
