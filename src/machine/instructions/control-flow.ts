/** Control flow: STOP, JUMP, JUMPI, PC, GAS, JUMPDEST (execution-specs `control_flow.py`). */
import { Status } from '../status.js';
import { gasLeft, type Frame } from '../frame.js';
import { SMALL } from '../../primitives/word/index.js';

export function opStop(_f: Frame): Status {
  return Status.Stop;
}

function jumpTo(f: Frame, dest: bigint): Status {
  if (dest >= 0x1000000n) return Status.InvalidJump;
  const d = Number(dest);
  if (d >= f.codeLength || f.jumpdests[d] !== 1) return Status.InvalidJump;
  f.pc = d;
  return Status.Continue;
}

export function opJump(f: Frame): Status {
  return jumpTo(f, f.stack[--f.sp]!);
}

export function opJumpi(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  if (s[sp]! === 0n) return Status.Continue;
  return jumpTo(f, s[sp + 1]!);
}

export function opPc(f: Frame): Status {
  const pc = f.pc - 1;
  f.stack[f.sp++] = pc < 257 ? SMALL[pc]! : BigInt(pc);
  return Status.Continue;
}

/** GAS: the gas left after paying for this instruction. */
export function opGas(f: Frame): Status {
  f.stack[f.sp++] = gasLeft(f);
  return Status.Continue;
}

export function opJumpdest(_f: Frame): Status {
  return Status.Continue;
}

/** INVALID (0xFE, EIP-141): an exceptional halt. */
export function opInvalid(_f: Frame): Status {
  return Status.InvalidOpcode;
}

/** Bytes that are no instruction in this fork. */
export function opUndefined(_f: Frame): Status {
  return Status.UndefinedOpcode;
}
