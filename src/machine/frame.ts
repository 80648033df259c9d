/**
 * A call frame (go-ethereum `Contract` + `ScopeContext`, evmone `ExecutionState`): code and its analysis,
 * pc, gas, stack, memory, the return-data buffer, and the message that started it.
 */
import { analyze } from './analysis.js';
import { EMPTY_BYTES } from '../primitives/hex.js';
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word/index.js';
import type { Executor } from '../exec/executor.js';
import type { OpTable } from './table.js';

export const enum CallKind {
  Call = 0,
  CallCode = 1,
  DelegateCall = 2,
  StaticCall = 3,
  Create = 4,
  Create2 = 5,
}

/** A request to run code: the top-level message of a transaction, or what a CALL/CREATE traps with. */
export interface Message {
  kind: CallKind;
  /** Depth of the frame this message would run in (0 = the transaction's own frame). */
  depth: number;
  gas: bigint;
  /** msg.sender of the new frame. */
  caller: Address;
  /** The account whose storage and balance the frame acts on (for creates: filled in by the executor). */
  recipient: Address;
  /** Where the code comes from (differs from recipient for CALLCODE/DELEGATECALL). */
  codeAddress: Address;
  /** CALLVALUE of the frame (DELEGATECALL: the parent's). */
  value: bigint;
  /** Whether value moves from caller to recipient (CALL and creates with non-zero value). */
  transfersValue: boolean;
  input: Uint8Array;
  isStatic: boolean;
  /** CREATE2 salt. */
  salt: bigint;
  /** Where the caller wants the output in its memory (CALL*). */
  retOffset: number;
  retSize: number;
}

/** Gas above this is kept in `gasReserve` so `gas` stays an exact JS number (see useGas). */
export const GAS_CHUNK = 2 ** 50;
const GAS_CHUNK_BIG = BigInt(GAS_CHUNK);

export const STACK_LIMIT = 1024;

export class Frame {
  // ---- code ----
  readonly code: Uint8Array;
  readonly codeLength: number;
  readonly jumpdests: Uint8Array;
  readonly pushValues: Word[];
  readonly table: OpTable;
  // ---- machine ----
  pc = 0;
  gas = 0;
  /** Gas beyond GAS_CHUNK; moved into `gas` only when `gas` runs out (exact for 64-bit gas limits). */
  gasReserve = 0n;
  readonly stack: Word[];
  sp = 0;
  mem: Uint8Array = EMPTY_BYTES;
  /** Active memory size in 32-byte words. */
  memWords = 0;
  returnData: Uint8Array = EMPTY_BYTES;
  /** RETURN/REVERT data. */
  output: Uint8Array = EMPTY_BYTES;
  // ---- message ----
  readonly msg: Message;
  readonly address: Address;
  readonly caller: Address;
  readonly value: bigint;
  readonly input: Uint8Array;
  readonly isStatic: boolean;
  readonly depth: number;
  readonly evm: Executor;
  // ---- executor bookkeeping ----
  /** Set when the frame traps on CALL/CREATE. */
  pending: Message | null = null;
  /** Journal checkpoint taken when the frame started. */
  checkpoint = 0;
  /** The address a create frame deploys to. */
  createAddress: Address = 0n;

  constructor(evm: Executor, msg: Message, code: Uint8Array, table: OpTable) {
    const a = analyze(code);
    this.code = a.padded;
    this.codeLength = a.length;
    this.jumpdests = a.jumpdests;
    this.pushValues = a.pushValues;
    this.table = table;
    this.stack = new Array<Word>(STACK_LIMIT).fill(0n);
    this.msg = msg;
    this.address = msg.recipient;
    this.caller = msg.caller;
    this.value = msg.value;
    this.input = msg.input;
    this.isStatic = msg.isStatic;
    this.depth = msg.depth;
    this.evm = evm;
    setGas(this, msg.gas);
  }
}

/** Sets a frame's gas from a bigint, splitting off the part above GAS_CHUNK into the reserve. */
export function setGas(f: Frame, g: bigint): void {
  if (g <= GAS_CHUNK_BIG) {
    f.gas = Number(g);
    f.gasReserve = 0n;
  } else {
    f.gas = GAS_CHUNK;
    f.gasReserve = g - GAS_CHUNK_BIG;
  }
}

/** All gas the frame has left, exactly. */
export function gasLeft(f: Frame): bigint {
  return f.gasReserve === 0n ? BigInt(f.gas) : BigInt(f.gas) + f.gasReserve;
}

/**
 * After `f.gas` went negative: refill it from the reserve. True when the charge is now covered.
 * The hot loop only reaches this on its out-of-gas path, so 64-bit gas costs nothing when unused.
 */
export function refillGas(f: Frame): boolean {
  if (f.gasReserve === 0n) return false;
  setGas(f, BigInt(f.gas) + f.gasReserve);
  return f.gas >= 0;
}

/** Charges `cost` (a safe integer); false when it cannot be paid. */
export function useGas(f: Frame, cost: number): boolean {
  f.gas -= cost;
  return f.gas >= 0 || refillGas(f);
}

/** Charges a bigint cost (for prices that may exceed 2^53). */
export function useGasBig(f: Frame, cost: bigint): boolean {
  const total = gasLeft(f);
  if (cost > total) return false;
  setGas(f, total - cost);
  return true;
}
