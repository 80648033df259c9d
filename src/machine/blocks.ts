/**
 * Gas and stack checks by run of code instead of by instruction (evmone "advanced": a block's static gas
 * and stack bounds checked once when it is entered), computed once per code and opcode table.
 *
 * For every instruction, the *suffix* from it to the end of its run: the instructions that execute one
 * after the other from there when nothing halts, up to and including the first JUMP, STOP, RETURN,
 * REVERT, INVALID, SELFDESTRUCT, undefined byte or *barrier* (a byte whose handler is not the standard
 * instruction: an override or a wrapper, whose stack effect is not known here). JUMPDESTs and JUMPIs do
 * not end a run: a jump may land on a JUMPDEST, and the suffix from there is the tail of the same run; a
 * JUMPI that jumps hands back the static gas of what it skipped.
 *
 *  - `need[pc]`: the static gas of the suffix (the instruction's own included);
 *  - `bounds[pc]`: the stack heights before the instruction for which no instruction of the suffix
 *    underflows or overflows: `min | (max + 1) << 16`.
 *
 * loop.ts checks a suffix where execution enters one (frame start, jump destination, after a handler
 * that changed pc or could not pay the rest, after a checked step) and charges `need` at once; then the
 * instructions of the suffix run without checks. Instructions that look at the gas left (GAS, CALL*,
 * SSTORE's stipend check, memory expansion) see `need[pc] - staticGas[op]` added back, which is exactly
 * what per-instruction charging would have left. A check that fails means the suffix, run instruction by
 * instruction, halts exceptionally somewhere: the loop then steps with per-instruction checks, so the
 * status is the one that instruction gives.
 */
import type { OpTable } from './table.js';
import type { CodeAnalysis } from './analysis.js';
import { INSTRUCTIONS } from './handlers.js';

export interface Blocks {
  readonly need: Int32Array;
  readonly bounds: Int32Array;
}

/** Bytes that end a run: no instruction follows them in sequence. */
const ENDS_RUN = new Uint8Array(256);
for (const op of [0x00, 0x56, 0xf3, 0xfd, 0xfe, 0xff]) ENDS_RUN[op] = 1;

/** Stack heights stored in `bounds`: an impossible requirement stays impossible after clamping. */
const MAX_HEIGHT = 2047;
/**
 * The most static gas `need` holds. A run whose suffix costs more (over 67,000 CREATEs in a row: more gas
 * than any block has) keeps its sum unclamped while adding up, and its entries past this get impossible
 * bounds, so the loop steps through that part instruction by instruction until the suffix fits.
 */
const MAX_NEED = 0x7fffffff;

let starts = new Int32Array(1024);

/** The suffix checks of `a`'s code under `t` (cached on the analysis for the last table used). */
export function blocksFor(a: CodeAnalysis, t: OpTable): Blocks {
  const cache = a.blocks;
  if (cache !== null && cache.table === t) return cache.blocks;
  const blocks = compute(a, t);
  a.blocks = { table: t, blocks };
  return blocks;
}

function compute(a: CodeAnalysis, t: OpTable): Blocks {
  const code = a.padded;
  const n = a.length;
  const staticGas = t.staticGas;
  const stackMin = t.stackMin;
  const stackMax = t.stackMax;
  const delta = t.stackDelta;
  const handlers = t.handlers;
  const defined = t.defined;
  const need = new Int32Array(code.length);
  const bounds = new Int32Array(code.length);
  if (starts.length < n + 1) starts = new Int32Array(Math.max(n + 1, starts.length * 2));
  let m = 0;
  let pc = 0;
  while (pc < n) {
    starts[m++] = pc;
    const op = code[pc]!;
    pc += op >= 0x60 && op <= 0x7f ? op - 0x5e : 1;
  }
  // Running off the end of the code: the padding's STOP.
  let nextNeed = staticGas[0]!;
  let nextMin = stackMin[0]!;
  let nextMax = stackMax[0]!;
  need[pc] = nextNeed;
  bounds[pc] = nextMin | ((nextMax + 1) << 16);
  for (let i = m - 1; i >= 0; i--) {
    pc = starts[i]!;
    const op = code[pc]!;
    const g = staticGas[op]!;
    // Not clamped while summing (a long run of pushes must not make an impossible bound possible again).
    let lo = stackMin[op]!;
    let hi = stackMax[op]!;
    let nd = g;
    if (ENDS_RUN[op] === 0 && defined[op] === 1 && handlers[op] === INSTRUCTIONS[op]) {
      const d = delta[op]!;
      nd += nextNeed;
      if (nextMin - d > lo) lo = nextMin - d;
      if (nextMax - d < hi) hi = nextMax - d;
    }
    if (nd > MAX_NEED) {
      need[pc] = MAX_NEED;
      bounds[pc] = 0;
    } else {
      need[pc] = nd;
      bounds[pc] = (lo > MAX_HEIGHT ? MAX_HEIGHT : lo) | ((hi < -1 ? 0 : hi + 1) << 16);
    }
    nextNeed = nd;
    nextMin = lo;
    nextMax = hi;
  }
  return { need, bounds };
}
