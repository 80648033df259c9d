/**
 * The interpreter loop: synchronous, no allocation of its own, no exceptions (evmone baseline, with
 * evmone advanced's checks per block).
 *
 * pc, sp and gas live in locals. Each byte is dispatched through the fork table's `inline` map: the
 * simple, frequent instructions (arithmetic, comparison, stack, jumps, MLOAD/MSTORE) run inside the
 * `switch` below; everything else (and any instruction a table overrides) calls its handler with the
 * frame synced, then reloads the locals. The inlined cases are the same operations as the handlers in
 * instructions/ (the traced loop and custom tables use those), kept to one line each so the two stay
 * easy to compare. Runs until the frame stops, halts or traps on a CALL/CREATE (the executor resolves
 * it and calls this again to resume).
 *
 * Static gas and stack bounds are checked once per run of code (./blocks.ts): where execution enters a
 * suffix (frame start or resume, a jump, after a handler that moved pc or could not pay the rest) the
 * loop checks it and charges its static gas at once, and its instructions then run with no checks. A
 * handler or a memory expansion sees the gas per-instruction charging would have left (the rest of the
 * suffix added back). Where a check fails, the loop steps with per-instruction checks (./step.ts).
 */
import { Status } from './status.js';
import { type Frame } from './frame.js';
import { expandMemoryTo, MAX_MEMORY } from './memory.js';
import * as W from '../primitives/word/index.js';
import { loadWord, storeWord } from './wordCache.js';
import { JUMP_DYNAMIC } from './analysis.js';
import { blocksFor, type Blocks } from './blocks.js';
import { stepChecked } from './step.js';

const MAX_OFFSET = BigInt(MAX_MEMORY);
const MAX_JUMP = 0x1000000n;

/** A JUMP/JUMPI destination as a pc, or -1 when it is not a JUMPDEST of this code. */
function jumpTarget(dest: bigint, codeLength: number, jumpdests: Uint8Array): number {
  if (dest >= MAX_JUMP) return -1;
  const d = Number(dest);
  return d < codeLength && jumpdests[d] === 1 ? d : -1;
}

/** MLOAD/MSTORE's offset as a number; MAX_MEMORY (which no expansion reaches) when it is larger. */
function wordOffset(off: bigint): number {
  return off < MAX_OFFSET ? Number(off) : MAX_MEMORY;
}

/**
 * Expands memory to the word at `o` for MLOAD/MSTORE, charged from the gas per-instruction charging would
 * have left (`gas` + `rest`, the static gas of the run after the instruction). The loop's gas after it:
 * negative when the rest of the run can no longer be paid (f.gas holds what is left), -Infinity when the
 * expansion itself cannot be paid.
 */
function growForWord(f: Frame, o: number, gas: number, rest: number): number {
  f.gas = gas + rest;
  return expandMemoryTo(f, o + 32) ? f.gas - rest : -Infinity;
}

/**
 * The check where execution enters the run at `pc` (blocks.ts): the gas left after charging the run's
 * static gas, or -1 when the stack height or the gas does not pass.
 */
function enterRun(b: Blocks, pc: number, sp: number, gas: number): number {
  const k = b.bounds[pc]!;
  const cost = b.need[pc]!;
  return sp >= (k & 0xffff) && sp < k >>> 16 && gas >= cost ? gas - cost : -1;
}

export function interpret(f: Frame): Status {
  const t = f.table;
  const staticGas = t.staticGas;
  const handlers = t.handlers;
  const inline = t.inline;
  const code = f.code;
  const s = f.stack;
  const pushValues = f.pushValues;
  const jumpdests = f.jumpdests;
  const codeLength = f.codeLength;
  const blocks = blocksFor(f.analysis, t);
  const need = blocks.need;
  const jumpiGas = staticGas[0x57]!;
  // Destinations known from the code (analysis.ts: the destination, JUMP_INVALID, or JUMP_DYNAMIC), valid
  // when PUSH1 and PUSH2 run inline, that is as the standard instructions: then the value a JUMP right
  // after a PUSH pops is that PUSH's immediate.
  const jumpTargets = inline[0x60] === 0x60 && inline[0x61] === 0x61 && f.jumpTargets.length !== 0 ? f.jumpTargets : null;
  let pc = f.pc;
  let sp = f.sp;
  let gas = f.gas;
  let status: Status = Status.Continue;
  /** The byte whose handler runs at the next sync point, or -1. */
  let call = -1;
  /** Whether the run from pc is still to be checked and charged (at the next sync point). */
  let enter = true;
  for (;;) {
    // The sync point: on entry, around every handler call, and on exit. Because every call passes
    // here, these stores keep fresh type feedback even in code that otherwise runs all inline (after a
    // GC has dropped the frame's map, stale feedback on a cold exit path made V8 deoptimize every run).
    f.pc = pc;
    f.sp = sp;
    f.gas = gas;
    if (call >= 0) {
      const at = pc - 1;
      // The static gas of the run after this instruction, charged already: the handler sees it as left.
      const rest = need[at]! - staticGas[call]!;
      f.gas = gas + rest;
      status = handlers[call]!(f);
      call = -1;
      pc = f.pc;
      sp = f.sp;
      gas = f.gas - rest;
      // A handler that moved pc elsewhere, or left less than the rest of the run costs, or ended the run
      // (a barrier: rest 0), hands the next instruction back to the checks.
      if (pc !== at + 1 || gas < 0 || rest === 0) {
        gas = f.gas;
        enter = true;
      }
    }
    if (status !== Status.Continue) return status;
    while (enter) {
      const left = enterRun(blocks, pc, sp, gas);
      if (left >= 0) {
        gas = left;
        enter = false;
      } else {
        f.pc = pc;
        f.sp = sp;
        f.gas = gas;
        status = stepChecked(f);
        pc = f.pc;
        sp = f.sp;
        gas = f.gas;
        if (status !== Status.Continue) return status;
      }
    }
    for (;;) {
      const op = code[pc]!;
      pc++;
      switch (inline[op]) {
        case 0x00: // STOP
          status = Status.Stop;
          break;
        case 0x01: // ADD
          sp--;
          s[sp - 1] = W.add(s[sp]!, s[sp - 1]!);
          continue;
        case 0x02: // MUL
          sp--;
          s[sp - 1] = W.mul(s[sp]!, s[sp - 1]!);
          continue;
        case 0x03: // SUB
          sp--;
          s[sp - 1] = W.sub(s[sp]!, s[sp - 1]!);
          continue;
        case 0x04: // DIV
          sp--;
          s[sp - 1] = W.div(s[sp]!, s[sp - 1]!);
          continue;
        case 0x05: // SDIV
          sp--;
          s[sp - 1] = W.sdiv(s[sp]!, s[sp - 1]!);
          continue;
        case 0x06: // MOD
          sp--;
          s[sp - 1] = W.mod(s[sp]!, s[sp - 1]!);
          continue;
        case 0x07: // SMOD
          sp--;
          s[sp - 1] = W.smod(s[sp]!, s[sp - 1]!);
          continue;
        case 0x08: // ADDMOD
          sp -= 2;
          s[sp - 1] = W.addmod(s[sp + 1]!, s[sp]!, s[sp - 1]!);
          continue;
        case 0x09: // MULMOD
          sp -= 2;
          s[sp - 1] = W.mulmod(s[sp + 1]!, s[sp]!, s[sp - 1]!);
          continue;
        case 0x0b: // SIGNEXTEND
          sp--;
          s[sp - 1] = W.signextend(s[sp]!, s[sp - 1]!);
          continue;
        case 0x10: // LT
          sp--;
          s[sp - 1] = s[sp]! < s[sp - 1]! ? 1n : 0n;
          continue;
        case 0x11: // GT
          sp--;
          s[sp - 1] = s[sp]! > s[sp - 1]! ? 1n : 0n;
          continue;
        case 0x12: // SLT
          sp--;
          s[sp - 1] = W.slt(s[sp]!, s[sp - 1]!);
          continue;
        case 0x13: // SGT
          sp--;
          s[sp - 1] = W.sgt(s[sp]!, s[sp - 1]!);
          continue;
        case 0x14: // EQ
          sp--;
          s[sp - 1] = s[sp]! === s[sp - 1]! ? 1n : 0n;
          continue;
        case 0x15: // ISZERO
          s[sp - 1] = s[sp - 1]! === 0n ? 1n : 0n;
          continue;
        case 0x16: // AND
          sp--;
          s[sp - 1] = s[sp]! & s[sp - 1]!;
          continue;
        case 0x17: // OR
          sp--;
          s[sp - 1] = s[sp]! | s[sp - 1]!;
          continue;
        case 0x18: // XOR
          sp--;
          s[sp - 1] = s[sp]! ^ s[sp - 1]!;
          continue;
        case 0x19: // NOT
          s[sp - 1] = W.not(s[sp - 1]!);
          continue;
        case 0x1a: // BYTE
          sp--;
          s[sp - 1] = W.byte(s[sp]!, s[sp - 1]!);
          continue;
        case 0x1b: // SHL (EIP-145)
          sp--;
          s[sp - 1] = W.shl(s[sp]!, s[sp - 1]!);
          continue;
        case 0x1c: // SHR (EIP-145)
          sp--;
          s[sp - 1] = W.shr(s[sp]!, s[sp - 1]!);
          continue;
        case 0x1d: // SAR (EIP-145)
          sp--;
          s[sp - 1] = W.sar(s[sp]!, s[sp - 1]!);
          continue;
        case 0x50: // POP
          sp--;
          continue;
        case 0x51: {
          // MLOAD
          const o = wordOffset(s[sp - 1]!);
          if (o + 32 > f.memWords * 32 && (gas = growForWord(f, o, gas, need[pc - 1]! - staticGas[op]!)) < 0) {
            if (gas === -Infinity) {
              gas = f.gas;
              status = Status.OutOfGas;
              break;
            }
            // Paid, but not the rest of the run: load, then step from the next instruction.
            s[sp - 1] = loadWord(f, o);
            gas = f.gas;
            enter = true;
            break;
          }
          s[sp - 1] = loadWord(f, o);
          continue;
        }
        case 0x52: {
          // MSTORE
          sp -= 2;
          const o = wordOffset(s[sp + 1]!);
          if (o + 32 > f.memWords * 32 && (gas = growForWord(f, o, gas, need[pc - 1]! - staticGas[op]!)) < 0) {
            if (gas === -Infinity) {
              gas = f.gas;
              status = Status.OutOfGas;
              break;
            }
            storeWord(f, o, s[sp]!);
            gas = f.gas;
            enter = true;
            break;
          }
          storeWord(f, o, s[sp]!);
          continue;
        }
        case 0x56: {
          // JUMP: enters the run at the destination.
          let d = jumpTargets === null ? JUMP_DYNAMIC : jumpTargets[pc - 1]!;
          if (d === JUMP_DYNAMIC) d = jumpTarget(s[sp - 1]!, codeLength, jumpdests);
          sp--;
          if (d < 0) {
            status = Status.InvalidJump;
            break;
          }
          pc = d;
          const left = enterRun(blocks, d, sp, gas);
          if (left >= 0) {
            gas = left;
            continue;
          }
          enter = true;
          break;
        }
        case 0x57: {
          // JUMPI: falling through stays in the run; jumping hands back the rest of it and enters the
          // run at the destination.
          sp -= 2;
          if (s[sp]! === 0n) continue;
          let d = jumpTargets === null ? JUMP_DYNAMIC : jumpTargets[pc - 1]!;
          if (d === JUMP_DYNAMIC) d = jumpTarget(s[sp + 1]!, codeLength, jumpdests);
          if (d < 0) {
            status = Status.InvalidJump;
            break;
          }
          gas += need[pc - 1]! - jumpiGas;
          pc = d;
          const left = enterRun(blocks, d, sp, gas);
          if (left >= 0) {
            gas = left;
            continue;
          }
          enter = true;
          break;
        }
        case 0x5b: // JUMPDEST (checked where the jump to it ran)
          continue;
        case 0x5f: // PUSH0 (EIP-3855)
          s[sp++] = 0n;
          continue;
        case 0x60: // PUSH1
          s[sp++] = pushValues[pc - 1]!;
          pc += 1;
          continue;
        case 0x61: // PUSH2
          s[sp++] = pushValues[pc - 1]!;
          pc += 2;
          continue;
        case 0x62:
        case 0x63:
        case 0x64:
        case 0x65:
        case 0x66:
        case 0x67:
        case 0x68:
        case 0x69:
        case 0x6a:
        case 0x6b:
        case 0x6c:
        case 0x6d:
        case 0x6e:
        case 0x6f:
        case 0x70:
        case 0x71:
        case 0x72:
        case 0x73:
        case 0x74:
        case 0x75:
        case 0x76:
        case 0x77:
        case 0x78:
        case 0x79:
        case 0x7a:
        case 0x7b:
        case 0x7c:
        case 0x7d:
        case 0x7e:
        case 0x7f: // PUSH3..PUSH32
          s[sp++] = pushValues[pc - 1]!;
          pc += op - 0x5f;
          continue;
        case 0x80:
        case 0x81:
        case 0x82:
        case 0x83:
        case 0x84:
        case 0x85:
        case 0x86:
        case 0x87:
        case 0x88:
        case 0x89:
        case 0x8a:
        case 0x8b:
        case 0x8c:
        case 0x8d:
        case 0x8e:
        case 0x8f: // DUPn
          s[sp] = s[sp - (op - 0x7f)]!;
          sp++;
          continue;
        case 0x90:
        case 0x91:
        case 0x92:
        case 0x93:
        case 0x94:
        case 0x95:
        case 0x96:
        case 0x97:
        case 0x98:
        case 0x99:
        case 0x9a:
        case 0x9b:
        case 0x9c:
        case 0x9d:
        case 0x9e:
        case 0x9f: {
          // SWAPn
          const other = sp - 1 - (op - 0x8f);
          const top = s[sp - 1]!;
          s[sp - 1] = s[other]!;
          s[other] = top;
          continue;
        }
        default:
          // Everything else, and instructions this table does not inline: the handler, at the sync point.
          call = op;
      }
      break;
    }
  }
}
