/**
 * The per-fork opcode table (go-ethereum `jump_table.go`, evmone `baseline_instruction_table.cpp`):
 * static gas, stack bounds and the handler of every byte, built by folding each fork's EIP patch onto
 * the previous fork's table, then frozen. The loop indexes these arrays; nothing in the hot path asks
 * which fork it is in.
 */
import { Fork, FORK_COUNT } from '../spec/fork.js';
import { rulesFor, type Rules } from '../spec/rules.js';
import { OPCODES } from '../spec/opcodes.js';
import { STACK_LIMIT, CallKind, type Frame } from './frame.js';
import type { Status } from './status.js';
import * as A from './instructions/arithmetic.js';
import * as C from './instructions/comparison.js';
import * as CF from './instructions/control-flow.js';
import * as M from './instructions/memory.js';
import * as E from './instructions/environment.js';
import * as B from './instructions/block.js';
import * as S from './instructions/storage.js';
import * as ST from './instructions/stack.js';
import * as SYS from './instructions/system.js';
import { makeLog } from './instructions/log.js';

export type Handler = (f: Frame) => Status;

export interface OpTable {
  readonly fork: Fork;
  /** Static gas per opcode (0 for undefined opcodes, whose handler halts). */
  readonly staticGas: Int32Array;
  /** Minimum stack height before the opcode. */
  readonly stackMin: Int32Array;
  /** Maximum stack height before the opcode (so that it ends at most at 1024). */
  readonly stackMax: Int32Array;
  readonly handlers: readonly Handler[];
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

/** The handlers loop.ts implements inline, by opcode (PUSH/DUP/SWAP added where they are made). */
const INLINED = new Map<number, Handler>([
  [0x00, CF.opStop], [0x01, A.opAdd], [0x02, A.opMul], [0x03, A.opSub], [0x04, A.opDiv], [0x06, A.opMod],
  [0x08, A.opAddmod], [0x09, A.opMulmod], [0x10, C.opLt], [0x11, C.opGt], [0x12, C.opSlt], [0x13, C.opSgt],
  [0x14, C.opEq], [0x15, C.opIszero], [0x16, C.opAnd], [0x17, C.opOr], [0x18, C.opXor], [0x19, C.opNot],
  [0x1b, C.opShl], [0x1c, C.opShr], [0x50, ST.opPop], [0x51, M.opMload], [0x52, M.opMstore],
  [0x56, CF.opJump], [0x57, CF.opJumpi], [0x5b, CF.opJumpdest],
]);

/** The dispatch map for handlers (see OpTable.inline). */
export function inlineMap(handlers: readonly Handler[], defined: Uint8Array): Uint8Array {
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
  handlers: readonly Handler[],
  defined: Uint8Array,
  staticGas: Int32Array = base.staticGas,
): OpTable {
  return Object.freeze({ ...base, staticGas, handlers: Object.freeze(handlers.slice()), defined, inline: inlineMap(handlers, defined) });
}

/** A copy of `table` with the handler (and optionally the static gas) of one byte replaced: the opcode override hook. */
export function withHandler(table: OpTable, op: number, handler: Handler, gas?: number): OpTable {
  const handlers = table.handlers.slice();
  handlers[op] = handler;
  const staticGas = table.staticGas.slice();
  if (gas !== undefined) staticGas[op] = gas;
  const defined = table.defined.slice();
  defined[op] = 1;
  return derivedTable(table, handlers, defined, staticGas);
}

class TableBuilder {
  readonly staticGas = new Int32Array(256);
  readonly handlers: Handler[] = new Array(256).fill(CF.opUndefined);
  readonly defined = new Uint8Array(256);

  set(op: number, gas: number, handler: Handler): void {
    if (OPCODES[op] === undefined) throw new Error(`opcode table: 0x${op.toString(16)} has no metadata`);
    this.staticGas[op] = gas;
    this.handlers[op] = handler;
    this.defined[op] = 1;
  }

  gas(op: number, gas: number): void {
    if (!this.defined[op]) throw new Error(`opcode table: repricing undefined 0x${op.toString(16)}`);
    this.staticGas[op] = gas;
  }

  freeze(fork: Fork): OpTable {
    const stackMin = new Int32Array(256);
    const stackMax = new Int32Array(256).fill(STACK_LIMIT);
    for (let op = 0; op < 256; op++) {
      const info = OPCODES[op];
      if (!this.defined[op] || info === undefined) continue;
      stackMin[op] = info.stackIn;
      const growth = info.stackOut - info.stackIn;
      stackMax[op] = growth > 0 ? STACK_LIMIT - growth : STACK_LIMIT;
    }
    const handlers = Object.freeze(this.handlers.slice());
    const defined = this.defined.slice();
    return Object.freeze({
      fork,
      staticGas: this.staticGas.slice(),
      stackMin,
      stackMax,
      handlers,
      defined,
      inline: inlineMap(handlers, defined),
    });
  }
}

function inlined(op: number, h: Handler): Handler {
  INLINED.set(op, h);
  return h;
}

/** Frontier: the original instruction set and prices (Yellow Paper appendix G/H). */
function frontier(t: TableBuilder, r: Rules): void {
  t.set(0x00, 0, CF.opStop);
  t.set(0x01, 3, A.opAdd);
  t.set(0x02, 5, A.opMul);
  t.set(0x03, 3, A.opSub);
  t.set(0x04, 5, A.opDiv);
  t.set(0x05, 5, A.opSdiv);
  t.set(0x06, 5, A.opMod);
  t.set(0x07, 5, A.opSmod);
  t.set(0x08, 8, A.opAddmod);
  t.set(0x09, 8, A.opMulmod);
  t.set(0x0a, 10, A.opExp);
  t.set(0x0b, 5, A.opSignextend);
  t.set(0x10, 3, C.opLt);
  t.set(0x11, 3, C.opGt);
  t.set(0x12, 3, C.opSlt);
  t.set(0x13, 3, C.opSgt);
  t.set(0x14, 3, C.opEq);
  t.set(0x15, 3, C.opIszero);
  t.set(0x16, 3, C.opAnd);
  t.set(0x17, 3, C.opOr);
  t.set(0x18, 3, C.opXor);
  t.set(0x19, 3, C.opNot);
  t.set(0x1a, 3, C.opByte);
  t.set(0x20, 30, M.opKeccak256);
  t.set(0x30, 2, E.opAddress);
  t.set(0x31, r.balanceGas, E.opBalance);
  t.set(0x32, 2, E.opOrigin);
  t.set(0x33, 2, E.opCaller);
  t.set(0x34, 2, E.opCallvalue);
  t.set(0x35, 3, E.opCalldataload);
  t.set(0x36, 2, E.opCalldatasize);
  t.set(0x37, 3, E.opCalldatacopy);
  t.set(0x38, 2, E.opCodesize);
  t.set(0x39, 3, E.opCodecopy);
  t.set(0x3a, 2, E.opGasprice);
  t.set(0x3b, r.extcodeSizeGas, E.opExtcodesize);
  t.set(0x3c, r.extcodeCopyBaseGas, E.opExtcodecopy);
  t.set(0x40, 20, B.opBlockhash);
  t.set(0x41, 2, B.opCoinbase);
  t.set(0x42, 2, B.opTimestamp);
  t.set(0x43, 2, B.opNumber);
  t.set(0x44, 2, B.opDifficulty);
  t.set(0x45, 2, B.opGaslimit);
  t.set(0x50, 2, ST.opPop);
  t.set(0x51, 3, M.opMload);
  t.set(0x52, 3, M.opMstore);
  t.set(0x53, 3, M.opMstore8);
  t.set(0x54, r.sloadGas, S.opSload);
  t.set(0x55, 0, S.opSstore);
  t.set(0x56, 8, CF.opJump);
  t.set(0x57, 10, CF.opJumpi);
  t.set(0x58, 2, CF.opPc);
  t.set(0x59, 2, M.opMsize);
  t.set(0x5a, 2, CF.opGas);
  t.set(0x5b, 1, CF.opJumpdest);
  for (let n = 1; n <= 32; n++) t.set(0x5f + n, 3, inlined(0x5f + n, ST.makePush(n)));
  for (let n = 1; n <= 16; n++) t.set(0x7f + n, 3, inlined(0x7f + n, ST.makeDup(n)));
  for (let n = 1; n <= 16; n++) t.set(0x8f + n, 3, inlined(0x8f + n, ST.makeSwap(n)));
  for (let n = 0; n <= 4; n++) t.set(0xa0 + n, 375 + 375 * n, makeLog(n));
  t.set(0xf0, 32000, SYS.makeCreate(CallKind.Create));
  t.set(0xf1, r.callGas, SYS.makeCall(CallKind.Call));
  t.set(0xf2, r.callGas, SYS.makeCall(CallKind.CallCode));
  t.set(0xf3, 0, SYS.opReturn);
  t.set(0xfe, 0, CF.opInvalid);
  t.set(0xff, r.selfdestructGas, SYS.opSelfdestruct);
}

/**
 * Each fork's patch to the previous fork's table. Prices that a fork changes come from its Rules
 * (src/fork/rules.ts), so a number is written in one place.
 */
const PATCHES: readonly ((t: TableBuilder, r: Rules) => void)[] = [
  frontier,
  /** Homestead: EIP-7 DELEGATECALL. */
  (t, r) => t.set(0xf4, r.callGas, SYS.makeCall(CallKind.DelegateCall)),
  /** Tangerine Whistle: EIP-150 reprices IO-heavy opcodes. */
  (t, r) => {
    t.gas(0x31, r.balanceGas);
    t.gas(0x3b, r.extcodeSizeGas);
    t.gas(0x3c, r.extcodeCopyBaseGas);
    t.gas(0x54, r.sloadGas);
    for (const op of [0xf1, 0xf2, 0xf4]) t.gas(op, r.callGas);
    t.gas(0xff, r.selfdestructGas);
  },
  /** Spurious Dragon: EIP-160 EXP price lives in Rules; no opcode changes. */
  () => {},
  /** Byzantium: EIP-140 REVERT, EIP-211 RETURNDATASIZE/RETURNDATACOPY, EIP-214 STATICCALL. */
  (t, r) => {
    t.set(0xfd, 0, SYS.opRevert);
    t.set(0x3d, 2, E.opReturndatasize);
    t.set(0x3e, 3, E.opReturndatacopy);
    t.set(0xfa, r.callGas, SYS.makeCall(CallKind.StaticCall));
  },
  /** Constantinople: EIP-145 shifts, EIP-1014 CREATE2, EIP-1052 EXTCODEHASH. */
  (t, r) => {
    t.set(0x1b, 3, C.opShl);
    t.set(0x1c, 3, C.opShr);
    t.set(0x1d, 3, C.opSar);
    t.set(0xf5, 32000, SYS.makeCreate(CallKind.Create2));
    t.set(0x3f, r.extcodeHashGas, E.opExtcodehash);
  },
  /** Petersburg: only the SSTORE rule changes (Rules). */
  () => {},
  /** Istanbul: EIP-1884 repricing and SELFBALANCE, EIP-1344 CHAINID. */
  (t, r) => {
    t.gas(0x31, r.balanceGas);
    t.gas(0x3f, r.extcodeHashGas);
    t.gas(0x54, r.sloadGas);
    t.set(0x46, 2, B.opChainid);
    t.set(0x47, 5, E.opSelfbalance);
  },
  /** Berlin: EIP-2929 warm prices in the table, cold surcharges in the handlers. */
  (t, r) => {
    const warm = r.warmStorageReadCost;
    t.set(0x31, warm, E.opBalance2929);
    t.set(0x3b, warm, E.opExtcodesize2929);
    t.set(0x3c, warm, E.opExtcodecopy2929);
    t.set(0x3f, warm, E.opExtcodehash2929);
    t.set(0x54, warm, S.opSload2929);
    for (const op of [0xf1, 0xf2, 0xf4, 0xfa]) t.gas(op, warm);
  },
  /** London: EIP-3198 BASEFEE. */
  (t) => t.set(0x48, 2, B.opBasefee),
  /** Paris: EIP-4399 PREVRANDAO replaces DIFFICULTY. */
  (t) => t.set(0x44, 2, B.opPrevrandao),
  /** Shanghai: EIP-3855 PUSH0. */
  (t) => t.set(0x5f, 2, ST.opPush0),
  /** Cancun: EIP-1153 TLOAD/TSTORE, EIP-5656 MCOPY, EIP-4844 BLOBHASH, EIP-7516 BLOBBASEFEE. */
  (t) => {
    t.set(0x5c, 100, S.opTload);
    t.set(0x5d, 100, S.opTstore);
    t.set(0x5e, 3, M.opMcopy);
    t.set(0x49, 3, B.opBlobhash);
    t.set(0x4a, 2, B.opBlobbasefee);
  },
  /** Prague: no opcode changes (EIP-7702 changes what calls execute, in the executor). */
  () => {},
  /** Osaka: EIP-7939 CLZ. */
  (t) => t.set(0x1e, 5, C.opClz),
];

function buildAll(): readonly OpTable[] {
  if (PATCHES.length !== FORK_COUNT) throw new Error('opcode table: one patch per fork expected');
  const t = new TableBuilder();
  const out: OpTable[] = [];
  for (let f = 0; f < FORK_COUNT; f++) {
    PATCHES[f]!(t, rulesFor(f as Fork));
    out.push(t.freeze(f as Fork));
  }
  return out;
}

const TABLES = buildAll();

export function tableFor(fork: Fork): OpTable {
  return TABLES[fork]!;
}
