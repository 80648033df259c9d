/**
 * The opcode table of a set of Rules (go-ethereum `jump_table.go`, evmone `baseline_instruction_table.cpp`):
 * static gas, stack bounds and the instruction of every byte, derived from the opcode rows of src/spec
 * whose EIP is in force and the instructions of ./handlers.ts, then frozen and cached per Rules object.
 * The loop indexes these arrays; nothing in the hot path asks which fork it is in.
 */
import { OPCODES } from '../spec/opcodes.js';
import { resolveRules, type Rules } from '../spec/rules.js';
import type { ForkLike } from '../spec/fork.js';
import { STACK_LIMIT } from './frame.js';
import { INSTRUCTIONS } from './handlers.js';
import type { Instruction } from './instruction.js';
import * as A from './instructions/arithmetic.js';
import * as C from './instructions/comparison.js';
import * as CF from './instructions/control-flow.js';
import * as M from './instructions/memory.js';
import * as ST from './instructions/stack.js';

export interface OpTable {
  readonly rules: Rules;
  /** Static gas per opcode (0 for undefined opcodes, whose handler halts). */
  readonly staticGas: Int32Array;
  /** Minimum stack height before the opcode. */
  readonly stackMin: Int32Array;
  /** Maximum stack height before the opcode (so that it ends at most at 1024). */
  readonly stackMax: Int32Array;
  /** Items pushed minus items popped (0 for undefined opcodes): what ./blocks.ts adds up along the code. */
  readonly stackDelta: Int32Array;
  readonly handlers: readonly Instruction[];
  /** Whether the byte is an instruction in this fork (for traces and tests). */
  readonly defined: Uint8Array;
  /**
   * The loop's dispatch map: the opcode itself where the loop runs this table's handler inline (see
   * loop.ts), NOT_INLINED where it must call `handlers[op]`. A table whose handler for a byte is not the
   * standard one (a fork that leaves it undefined, a user override) maps it to NOT_INLINED.
   */
  readonly inline: Uint8Array;
}

/** `inline` value for bytes the loop dispatches through `handlers`. 0xFF (SELFDESTRUCT) is never inlined. */
export const NOT_INLINED = 0xff;

/** The instructions loop.ts implements inline, by opcode (checked against it by test/machine/inline-dispatch). */
const INLINED = new Map<number, Instruction>([
  [0x00, CF.opStop],
  [0x01, A.opAdd],
  [0x02, A.opMul],
  [0x03, A.opSub],
  [0x04, A.opDiv],
  [0x05, A.opSdiv],
  [0x06, A.opMod],
  [0x07, A.opSmod],
  [0x08, A.opAddmod],
  [0x09, A.opMulmod],
  [0x0b, A.opSignextend],
  [0x10, C.opLt],
  [0x11, C.opGt],
  [0x12, C.opSlt],
  [0x13, C.opSgt],
  [0x14, C.opEq],
  [0x15, C.opIszero],
  [0x16, C.opAnd],
  [0x17, C.opOr],
  [0x18, C.opXor],
  [0x19, C.opNot],
  [0x1a, C.opByte],
  [0x1b, C.opShl],
  [0x1c, C.opShr],
  [0x1d, C.opSar],
  [0x50, ST.opPop],
  [0x51, M.opMload],
  [0x52, M.opMstore],
  [0x56, CF.opJump],
  [0x57, CF.opJumpi],
  [0x5b, CF.opJumpdest],
  [0x5f, ST.opPush0],
]);
// PUSH1..PUSH32, DUP1..DUP16, SWAP1..SWAP16.
for (let op = 0x60; op <= 0x9f; op++) INLINED.set(op, INSTRUCTIONS[op]!);

/** The dispatch map for handlers (see OpTable.inline). */
function inlineMap(handlers: readonly Instruction[], defined: Uint8Array): Uint8Array {
  const m = new Uint8Array(256).fill(NOT_INLINED);
  for (let op = 0; op < 256; op++) if (defined[op] && INLINED.get(op) === handlers[op]) m[op] = op;
  return m;
}

/**
 * A table derived from `base` with other handlers (and static gas): the loop's inline map is rebuilt, so
 * a replaced or wrapped byte is always dispatched through its handler. Used by overrides and overlays.
 */
export function derivedTable(
  base: OpTable,
  handlers: readonly Instruction[],
  defined: Uint8Array,
  staticGas: Int32Array = base.staticGas,
): OpTable {
  return Object.freeze({ ...base, staticGas, handlers: Object.freeze(handlers.slice()), defined, inline: inlineMap(handlers, defined) });
}

/** A copy of `table` with the handler (and optionally the static gas) of one byte replaced: the opcode override hook. */
export function withHandler(table: OpTable, op: number, handler: Instruction, gas?: number): OpTable {
  const handlers = table.handlers.slice();
  handlers[op] = handler;
  const staticGas = table.staticGas.slice();
  if (gas !== undefined) staticGas[op] = gas;
  const defined = table.defined.slice();
  defined[op] = 1;
  return derivedTable(table, handlers, defined, staticGas);
}

function build(rules: Rules): OpTable {
  const staticGas = new Int32Array(256);
  const stackMin = new Int32Array(256);
  const stackMax = new Int32Array(256).fill(STACK_LIMIT);
  const stackDelta = new Int32Array(256);
  const handlers: Instruction[] = new Array(256).fill(CF.opUndefined);
  const defined = new Uint8Array(256);
  for (let op = 0; op < 256; op++) {
    const row = OPCODES[op];
    if (row === undefined || !rules.eips.has(row.eip)) continue;
    const fn = INSTRUCTIONS[op];
    if (fn === undefined) throw new Error(`opcode table: ${row.name} (0x${op.toString(16)}) has no instruction (src/machine/handlers.ts)`);
    const gas = row.gas(rules);
    if (!Number.isInteger(gas) || gas < 0) throw new Error(`opcode table: ${row.name} static gas ${gas} under ${rules.name}`);
    staticGas[op] = gas;
    handlers[op] = fn;
    defined[op] = 1;
    stackMin[op] = row.stackIn;
    const growth = row.stackOut - row.stackIn;
    stackMax[op] = growth > 0 ? STACK_LIMIT - growth : STACK_LIMIT;
    stackDelta[op] = growth;
  }
  const frozen = Object.freeze(handlers);
  return Object.freeze({ rules, staticGas, stackMin, stackMax, stackDelta, handlers: frozen, defined, inline: inlineMap(frozen, defined) });
}

const TABLES = new WeakMap<Rules, OpTable>();

/** The opcode table of a fork (or of any Rules: a fork with EIPs switched on by themselves). Cached. */
export function tableFor(rules: Rules | ForkLike): OpTable {
  const r = typeof rules === 'object' ? rules : resolveRules(rules, 'tableFor: rules');
  let t = TABLES.get(r);
  if (t === undefined) TABLES.set(r, (t = build(r)));
  return t;
}
