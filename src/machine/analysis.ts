/**
 * Code analysis, done once per code and cached (evmone `baseline_analysis.cpp`): the code padded with
 * STOPs so the loop needs no bounds check (a PUSH at the end reads zeros, running off the end stops),
 * the JUMPDEST bitmap (a 0x5b inside PUSH data is not a destination), and the PUSH immediates
 * pre-decoded into words so PUSH never converts bytes at run time, and the destinations of the JUMPs and
 * JUMPIs whose destination is the PUSH1/PUSH2 just before them (what compilers emit for nearly every jump).
 */
import { wordFromBytes, type Word } from '../primitives/word/index.js';
import type { OpTable } from './table.js';
import type { Blocks } from './blocks.js';

export interface CodeAnalysis {
  /** The code followed by 33 zero bytes (STOP). */
  readonly padded: Uint8Array;
  /** Length of the real code. */
  readonly length: number;
  /** 1 where a JUMPDEST instruction starts. */
  readonly jumpdests: Uint8Array;
  /** PUSH1..PUSH32 immediates by the pc of the PUSH (holes elsewhere). */
  readonly pushValues: Word[];
  /**
   * By the pc of a JUMP or JUMPI whose previous instruction is a PUSH1 or PUSH2: its destination (the pc
   * of a JUMPDEST), or JUMP_INVALID; 0 (JUMP_DYNAMIC) for every other byte, and for a destination of 0,
   * which then takes the dynamic path. Such a jump is reached only by falling through from that PUSH (a
   * jump may only land on a JUMPDEST), so the destination it pops is always the PUSH's immediate, when the
   * PUSH runs as the standard instruction (loop.ts checks its table). Empty (length 0) when the code has
   * no such jump: large initcodes (often mostly zeros) are analysed on every CREATE, and then cost no
   * array of their length (nor a pass to fill one).
   */
  readonly jumpTargets: Int32Array;
  /** The run checks of this code for the last opcode table that ran it (./blocks.ts), or null. */
  blocks: { readonly table: OpTable; readonly blocks: Blocks } | null;
}

/** `jumpTargets` entry: the destination is not known before the jump runs. */
export const JUMP_DYNAMIC = 0;
/** `jumpTargets` entry: the destination is not a JUMPDEST of the code. */
export const JUMP_INVALID = -1;

const NO_JUMP_TARGETS = new Int32Array(0);

const cache = new WeakMap<Uint8Array, CodeAnalysis>();

export function analyze(code: Uint8Array): CodeAnalysis {
  let a = cache.get(code);
  if (a === undefined) {
    a = analyzeUncached(code);
    cache.set(code, a);
  }
  return a;
}

function analyzeUncached(code: Uint8Array): CodeAnalysis {
  const n = code.length;
  const padded = new Uint8Array(n + 33);
  padded.set(code);
  const jumpdests = new Uint8Array(n);
  const pushValues: Word[] = new Array(n);
  /** Pairs (pc of a JUMP/JUMPI right after a PUSH1/PUSH2, its destination), resolved once jumpdests is complete. */
  const known: number[] = [];
  /** The previous instruction's pc, when it was a PUSH1 or PUSH2; else -1. */
  let push = -1;
  for (let pc = 0; pc < n; pc++) {
    const op = code[pc]!;
    if ((op === 0x56 || op === 0x57) && push >= 0) {
      known.push(pc, code[push] === 0x60 ? padded[push + 1]! : (padded[push + 1]! << 8) | padded[push + 2]!);
    }
    push = -1;
    if (op === 0x5b) {
      jumpdests[pc] = 1;
    } else if (op >= 0x60 && op <= 0x7f) {
      const len = op - 0x5f;
      pushValues[pc] = wordFromBytes(padded, pc + 1, len);
      if (len <= 2) push = pc;
      pc += len;
    }
  }
  const jumpTargets = known.length === 0 ? NO_JUMP_TARGETS : new Int32Array(n);
  for (let i = 0; i < known.length; i += 2) {
    const d = known[i + 1]!;
    jumpTargets[known[i]!] = d < n && jumpdests[d] === 1 ? d : JUMP_INVALID;
  }
  return { padded, length: n, jumpdests, pushValues, jumpTargets, blocks: null };
}
