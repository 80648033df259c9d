/**
 * One row per opcode (evmone `instructions_traits.hpp`, go-ethereum `jump_table.go`): mnemonic, stack
 * inputs and outputs, immediate bytes, the EIP that introduces it (0: Frontier), its static gas as a
 * function of the Rules (a fork that reprices an opcode changes a Rules field), and what it reads or does
 * that the executor's overlays must know (the lazy-state and cancellation wrappers are derived from these
 * flags, src/exec/overlay.ts). The opcode table of a fork is built from the rows whose EIP is in force and
 * the machine's handlers (src/machine/table.ts); nothing else lists opcodes.
 */
import type { Rules } from './rules.js';

/** The opcode reads an account whose address is the top stack item (lazily loaded state must have it). */
export const ACCOUNT_AT_TOP = 1;
/** The opcode reads a storage slot of the executing account whose key is the top stack item. */
export const SLOT_AT_TOP = 2;
/** CALL-like: the callee address is the second stack item; the frame traps with a message. */
export const CALL = 4;
/** CREATE-like: the frame traps with a creation message. */
export const CREATE = 8;
/** BLOCKHASH: reads a block hash by the number on top of the stack. */
export const BLOCK_HASH = 16;
/** JUMP or JUMPI: every loop passes one, so cancellation is checked there. */
export const JUMP = 32;
/** Ends the frame (STOP, RETURN, REVERT, INVALID, SELFDESTRUCT). */
export const HALTS = 64;

export interface OpInfo {
  readonly op: number;
  readonly name: string;
  readonly stackIn: number;
  readonly stackOut: number;
  readonly immediate: number;
  /** The EIP that introduces the opcode (0 = Frontier). */
  readonly eip: number;
  /** Static gas under the given Rules. */
  readonly gas: (r: Rules) => number;
  /** ACCOUNT_AT_TOP | SLOT_AT_TOP | CALL | CREATE | BLOCK_HASH | JUMP | HALTS. */
  readonly flags: number;
}

const info: (OpInfo | undefined)[] = new Array(256).fill(undefined);
const byName = new Map<string, number>();

function row(
  op: number,
  name: string,
  stackIn: number,
  stackOut: number,
  eip: number,
  gas: number | ((r: Rules) => number),
  flags: number,
  immediate = 0,
): void {
  if (info[op] !== undefined) throw new Error(`opcodes: 0x${op.toString(16)} defined twice`);
  const g = typeof gas === 'number' ? () => gas : gas;
  info[op] = Object.freeze({ op, name, stackIn, stackOut, immediate, eip, gas: g, flags });
  byName.set(name, op);
}

row(0x00, 'STOP', 0, 0, 0, 0, HALTS);
row(0x01, 'ADD', 2, 1, 0, 3, 0);
row(0x02, 'MUL', 2, 1, 0, 5, 0);
row(0x03, 'SUB', 2, 1, 0, 3, 0);
row(0x04, 'DIV', 2, 1, 0, 5, 0);
row(0x05, 'SDIV', 2, 1, 0, 5, 0);
row(0x06, 'MOD', 2, 1, 0, 5, 0);
row(0x07, 'SMOD', 2, 1, 0, 5, 0);
row(0x08, 'ADDMOD', 3, 1, 0, 8, 0);
row(0x09, 'MULMOD', 3, 1, 0, 8, 0);
row(0x0a, 'EXP', 2, 1, 0, 10, 0);
row(0x0b, 'SIGNEXTEND', 2, 1, 0, 5, 0);
row(0x10, 'LT', 2, 1, 0, 3, 0);
row(0x11, 'GT', 2, 1, 0, 3, 0);
row(0x12, 'SLT', 2, 1, 0, 3, 0);
row(0x13, 'SGT', 2, 1, 0, 3, 0);
row(0x14, 'EQ', 2, 1, 0, 3, 0);
row(0x15, 'ISZERO', 1, 1, 0, 3, 0);
row(0x16, 'AND', 2, 1, 0, 3, 0);
row(0x17, 'OR', 2, 1, 0, 3, 0);
row(0x18, 'XOR', 2, 1, 0, 3, 0);
row(0x19, 'NOT', 1, 1, 0, 3, 0);
row(0x1a, 'BYTE', 2, 1, 0, 3, 0);
row(0x1b, 'SHL', 2, 1, 145, 3, 0);
row(0x1c, 'SHR', 2, 1, 145, 3, 0);
row(0x1d, 'SAR', 2, 1, 145, 3, 0);
row(0x1e, 'CLZ', 1, 1, 7939, 5, 0);
row(0x20, 'KECCAK256', 2, 1, 0, 30, 0);
row(0x30, 'ADDRESS', 0, 1, 0, 2, 0);
row(0x31, 'BALANCE', 1, 1, 0, (r) => r.balanceGas, ACCOUNT_AT_TOP);
row(0x32, 'ORIGIN', 0, 1, 0, 2, 0);
row(0x33, 'CALLER', 0, 1, 0, 2, 0);
row(0x34, 'CALLVALUE', 0, 1, 0, 2, 0);
row(0x35, 'CALLDATALOAD', 1, 1, 0, 3, 0);
row(0x36, 'CALLDATASIZE', 0, 1, 0, 2, 0);
row(0x37, 'CALLDATACOPY', 3, 0, 0, 3, 0);
row(0x38, 'CODESIZE', 0, 1, 0, 2, 0);
row(0x39, 'CODECOPY', 3, 0, 0, 3, 0);
row(0x3a, 'GASPRICE', 0, 1, 0, 2, 0);
row(0x3b, 'EXTCODESIZE', 1, 1, 0, (r) => r.extcodeSizeGas, ACCOUNT_AT_TOP);
row(0x3c, 'EXTCODECOPY', 4, 0, 0, (r) => r.extcodeCopyBaseGas, ACCOUNT_AT_TOP);
row(0x3d, 'RETURNDATASIZE', 0, 1, 211, 2, 0);
row(0x3e, 'RETURNDATACOPY', 3, 0, 211, 3, 0);
row(0x3f, 'EXTCODEHASH', 1, 1, 1052, (r) => r.extcodeHashGas, ACCOUNT_AT_TOP);
row(0x40, 'BLOCKHASH', 1, 1, 0, 20, BLOCK_HASH);
row(0x41, 'COINBASE', 0, 1, 0, 2, 0);
row(0x42, 'TIMESTAMP', 0, 1, 0, 2, 0);
row(0x43, 'NUMBER', 0, 1, 0, 2, 0);
row(0x44, 'DIFFICULTY', 0, 1, 0, 2, 0); // PREVRANDAO from Paris (EIP-4399)
row(0x45, 'GASLIMIT', 0, 1, 0, 2, 0);
row(0x46, 'CHAINID', 0, 1, 1344, 2, 0);
row(0x47, 'SELFBALANCE', 0, 1, 1884, 5, 0);
row(0x48, 'BASEFEE', 0, 1, 3198, 2, 0);
row(0x49, 'BLOBHASH', 1, 1, 4844, 3, 0);
row(0x4a, 'BLOBBASEFEE', 0, 1, 7516, 2, 0);
row(0x50, 'POP', 1, 0, 0, 2, 0);
row(0x51, 'MLOAD', 1, 1, 0, 3, 0);
row(0x52, 'MSTORE', 2, 0, 0, 3, 0);
row(0x53, 'MSTORE8', 2, 0, 0, 3, 0);
row(0x54, 'SLOAD', 1, 1, 0, (r) => r.sloadGas, SLOT_AT_TOP);
row(0x55, 'SSTORE', 2, 0, 0, 0, SLOT_AT_TOP);
row(0x56, 'JUMP', 1, 0, 0, 8, JUMP);
row(0x57, 'JUMPI', 2, 0, 0, 10, JUMP);
row(0x58, 'PC', 0, 1, 0, 2, 0);
row(0x59, 'MSIZE', 0, 1, 0, 2, 0);
row(0x5a, 'GAS', 0, 1, 0, 2, 0);
row(0x5b, 'JUMPDEST', 0, 0, 0, 1, 0);
row(0x5c, 'TLOAD', 1, 1, 1153, 100, 0);
row(0x5d, 'TSTORE', 2, 0, 1153, 100, 0);
row(0x5e, 'MCOPY', 3, 0, 5656, 3, 0);
row(0x5f, 'PUSH0', 0, 1, 3855, 2, 0);
for (let n = 1; n <= 32; n++) row(0x5f + n, `PUSH${n}`, 0, 1, 0, 3, 0, n);
for (let n = 1; n <= 16; n++) row(0x7f + n, `DUP${n}`, n, n + 1, 0, 3, 0);
for (let n = 1; n <= 16; n++) row(0x8f + n, `SWAP${n}`, n + 1, n + 1, 0, 3, 0);
for (let n = 0; n <= 4; n++) row(0xa0 + n, `LOG${n}`, n + 2, 0, 0, 375 + 375 * n, 0);
row(0xf0, 'CREATE', 3, 1, 0, 32000, CREATE);
row(0xf1, 'CALL', 7, 1, 0, (r) => r.callGas, CALL);
row(0xf2, 'CALLCODE', 7, 1, 0, (r) => r.callGas, CALL);
row(0xf3, 'RETURN', 2, 0, 0, 0, HALTS);
row(0xf4, 'DELEGATECALL', 6, 1, 7, (r) => r.callGas, CALL);
row(0xf5, 'CREATE2', 4, 1, 1014, 32000, CREATE);
row(0xfa, 'STATICCALL', 6, 1, 214, (r) => r.callGas, CALL);
row(0xfd, 'REVERT', 2, 0, 140, 0, HALTS);
row(0xfe, 'INVALID', 0, 0, 0, 0, HALTS);
row(0xff, 'SELFDESTRUCT', 1, 0, 0, (r) => r.selfdestructGas, ACCOUNT_AT_TOP | HALTS);

export const OPCODES: readonly (OpInfo | undefined)[] = info;

/**
 * Adds an opcode row at run time, for an EIP registered with `registerEip` (src/spec/eips.ts); its
 * handler comes from `registerHandler` (src/machine/handlers.ts). A byte that has a row already is refused.
 */
export function registerOpcode(r: {
  readonly op: number;
  readonly name: string;
  readonly stackIn: number;
  readonly stackOut: number;
  readonly eip: number;
  readonly gas: number | ((r: Rules) => number);
  readonly flags?: number;
  readonly immediate?: number;
}): void {
  if (!Number.isInteger(r.op) || r.op < 0 || r.op > 255) throw new RangeError(`registerOpcode: op ${r.op} is not a byte`);
  row(r.op, r.name, r.stackIn, r.stackOut, r.eip, r.gas, r.flags ?? 0, r.immediate ?? 0);
}

/** The opcode's mnemonic, or go-ethereum's "opcode 0x.. not defined" form for unknown bytes. */
export function opName(op: number): string {
  return info[op]?.name ?? `opcode 0x${op.toString(16)} not defined`;
}

/** The byte of a mnemonic (as rows name them), or undefined. */
export function opcodeByName(name: string): number | undefined {
  return byName.get(name);
}

/** Whether the opcode has all of `flags`. */
export function opHas(op: number, flags: number): boolean {
  const i = info[op];
  return i !== undefined && (i.flags & flags) === flags;
}
