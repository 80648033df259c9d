/** Stack instructions: POP, PUSH0..PUSH32, DUP1..16, SWAP1..16 (execution-specs `stack.py`). */
import { Status } from '../status.js';
import type { Frame } from '../frame.js';
import type { Instruction } from '../instruction.js';

export function opPop(f: Frame): Status {
  f.sp--;
  return Status.Continue;
}

/** PUSH0: EIP-3855 (Shanghai). */
export function opPush0(f: Frame): Status {
  f.stack[f.sp++] = 0n;
  return Status.Continue;
}

/** PUSHn: the immediate was decoded by the code analysis; PC skips it. */
export function makePush(n: number): Instruction {
  return (f: Frame): Status => {
    f.stack[f.sp++] = f.pushValues[f.pc - 1]!;
    f.pc += n;
    return Status.Continue;
  };
}

export function makeDup(n: number): Instruction {
  return (f: Frame): Status => {
    const s = f.stack;
    s[f.sp] = s[f.sp - n]!;
    f.sp++;
    return Status.Continue;
  };
}

export function makeSwap(n: number): Instruction {
  return (f: Frame): Status => {
    const s = f.stack;
    const top = f.sp - 1;
    const other = top - n;
    const t = s[top]!;
    s[top] = s[other]!;
    s[other] = t;
    return Status.Continue;
  };
}
