/**
 * A call frame (go-ethereum `Contract` + `ScopeContext`, evmone `ExecutionState`): code and its analysis,
 * pc, gas, stack, memory, the return-data buffer, and the message that started it.
 */
import { analyze, type CodeAnalysis } from './analysis.js';
import { EMPTY_BYTES } from '../primitives/hex.js';
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word/index.js';
import type { OpTable } from './table.js';
import type { Host } from './host.js';
import type { Message } from './message.js';
import type { MemoryPool } from './memory.js';
import { newWordCacheKeys, newWordCacheValues } from './wordCache.js';

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
  /** Known JUMP/JUMPI destinations by pc (CodeAnalysis.jumpTargets). */
  readonly jumpTargets: Int32Array;
  /** The analysis the fields above come from (loop.ts takes the run checks of ./blocks.ts from it). */
  readonly analysis: CodeAnalysis;
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
  /** MLOAD's cache of aligned memory words (./wordCache.ts): word index + 1 per slot (0 = empty), and the values. */
  readonly wordKeys: number[];
  readonly wordValues: Word[];
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
  /** The world outside the frame (rust-evm's Handler). */
  readonly host: Host;
  /** Where large memory buffers come from and go back to (owned by the executor). */
  readonly pool: MemoryPool;
  // ---- executor bookkeeping ----
  /** Set when the frame traps on CALL/CREATE. */
  pending: Message | null = null;
  /** Journal checkpoint taken when the frame started. */
  checkpoint = 0;
  /** The address a create frame deploys to. */
  createAddress: Address = 0n;
  /** Traced runs: go-ethereum's words for the error of the step that ended the frame. */
  stepError: string | undefined = undefined;

  constructor(host: Host, msg: Message, code: Uint8Array, table: OpTable, pool: MemoryPool) {
    const a = analyze(code);
    this.code = a.padded;
    this.codeLength = a.length;
    this.jumpdests = a.jumpdests;
    this.pushValues = a.pushValues;
    this.jumpTargets = a.jumpTargets;
    this.analysis = a;
    this.table = table;
    // The outermost frame gets a fresh (young) array: a pooled one lives in V8's old generation, and every
    // store of a new bigint into it then goes through the generational write barrier (sha1_shifts/d1
    // 0.81-0.85x with pooled stacks everywhere); inner frames, where the per-call allocation is what
    // counts (an empty CALL 3.7 -> 0.5 us), take theirs from the pool.
    this.stack = msg.depth === 0 ? new Array<Word>(STACK_LIMIT).fill(0n) : pool.takeStack();
    this.wordKeys = msg.depth === 0 ? newWordCacheKeys() : pool.takeWordKeys();
    this.wordValues = msg.depth === 0 ? newWordCacheValues() : pool.takeWordValues();
    this.msg = msg;
    this.address = msg.recipient;
    this.caller = msg.caller;
    this.value = msg.value;
    this.input = msg.input;
    this.isStatic = msg.isStatic;
    this.depth = msg.depth;
    this.host = host;
    this.pool = pool;
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
