/**
 * Shared helpers for the per-EIP tests (test/eip/eipNNN.test.ts): run bytecode in a fork, send a whole
 * transaction, lay out accounts, and the two gas formulas every hand computation needs (memory
 * expansion and words). Every expected gas figure in the EIP tests is written out by hand from the EIP's
 * numbers; these helpers only run things, they never compute an expected value except `memCost`/`words`,
 * which are the Yellow Paper formulas quoted in the comments where they are used.
 */
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { runCode, defaultBlockEnv, DEFAULT_RECEIVER, DEFAULT_SENDER, type RunCodeResult } from '../../src/transition/runCode.js';
import { applyTransaction, type TxReceipt } from '../../src/transition/pipeline.js';
import { StateJournal } from '../../src/state/journal.js';
import { Account } from '../../src/state/account.js';
import { Fork } from '../../src/spec/fork.js';
import { rulesFor } from '../../src/spec/rules.js';
import { TxType, type Transaction } from '../../src/tx/types.js';
import { bytesToBigint, bytesToHex, hexToBytes } from '../../src/primitives/hex.js';
import type { BlockEnv } from '../../src/state/env.js';
import type { Address } from '../../src/primitives/address.js';

export { asm, Fork, DEFAULT_RECEIVER, DEFAULT_SENDER, StateJournal, Account, TxType, bytesToHex, hexToBytes, bytesToBigint };

/** The tail that returns the top of the stack as a 32-byte word, valid in every fork (no PUSH0):
 *  PUSH1 0 (3) MSTORE (3 + 3 for the first memory word) PUSH1 32 (3) PUSH1 0 (3) RETURN (0) = 15 gas
 *  when memory is still empty, 12 when it already has a word. */
export const RETURN_TOP = 'PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN';

/** Memory expansion cost of `w` words (Yellow Paper C_mem): 3w + floor(w^2 / 512). */
export function memCost(w: number): number {
  return 3 * w + Math.floor((w * w) / 512);
}

/** ceil(bytes / 32). */
export function words(bytes: number): number {
  return Math.ceil(bytes / 32);
}

export interface RunOpts {
  gas?: bigint;
  input?: Uint8Array;
  value?: bigint;
  state?: StateJournal;
  env?: Partial<BlockEnv>;
  chainId?: bigint;
  receiver?: Address;
}

/** Assembles `src` and runs it as a call frame at DEFAULT_RECEIVER in `fork` (gas 1,000,000 unless given). */
export function run(fork: Fork, src: string | Uint8Array, opts: RunOpts = {}): RunCodeResult {
  const code = typeof src === 'string' ? asm(src) : src;
  return runCode(code, { fork, gas: opts.gas ?? 1_000_000n, ...withoutGas(opts) });
}

function withoutGas(opts: RunOpts): Omit<RunOpts, 'gas'> {
  const { gas: _gas, ...rest } = opts;
  return rest;
}

/** The output as an unsigned integer (0 for empty output). */
export function outWord(r: { output: Uint8Array }): bigint {
  return r.output.length === 0 ? 0n : bytesToBigint(r.output);
}

/** Asserts status and exact gas used of a run, with a message naming the case. */
export function expectRun(r: RunCodeResult, status: number, gasUsed: bigint | number, what: string): void {
  assert.equal(r.status, status, `${what}: status (error: ${r.error ?? 'none'})`);
  assert.equal(r.gasUsed, BigInt(gasUsed), `${what}: gas used`);
}

/** Puts an account into a state (code given as assembly, hex or bytes). */
export function put(
  state: StateJournal,
  addr: Address,
  a: { code?: string | Uint8Array; balance?: bigint; nonce?: bigint; storage?: Record<string, bigint> | Map<bigint, bigint> } = {},
): StateJournal {
  let code: Uint8Array = new Uint8Array(0);
  if (typeof a.code === 'string') code = a.code.startsWith('0x') ? hexToBytes(a.code) : asm(a.code);
  else if (a.code !== undefined) code = a.code;
  let storage: Map<bigint, bigint>;
  if (a.storage instanceof Map) storage = a.storage;
  else storage = new Map(Object.entries(a.storage ?? {}).map(([k, v]) => [BigInt(k), v]));
  state.accounts.set(addr, new Account(a.nonce ?? 0n, a.balance ?? 0n, code, storage));
  return state;
}

/** The default transaction sender of sendTx (funded with 10^18 wei unless the state already has it). */
export const TX_SENDER: Address = 0x5e4de4n;

export interface TxOpts {
  state?: StateJournal;
  env?: Partial<BlockEnv>;
  sender?: Address;
  chainId?: bigint;
}

/** A legacy transaction with defaults (nonce 0, gas price 1, gas limit 1,000,000, no data, dummy signature). */
export function tx(fields: Partial<Transaction>): Transaction {
  return {
    type: TxType.Legacy,
    nonce: 0n,
    gasPrice: 1n,
    gasLimit: 1_000_000n,
    to: null,
    value: 0n,
    data: new Uint8Array(0),
    accessList: [],
    v: 27n,
    r: 1n,
    s: 1n,
    ...fields,
  };
}

/** Applies a transaction in `fork` (gas limit of the block 30,000,000) and returns its receipt and the state. */
export function sendTx(fork: Fork, t: Partial<Transaction>, opts: TxOpts = {}): { receipt: TxReceipt; state: StateJournal } {
  const state = opts.state ?? new StateJournal();
  const sender = opts.sender ?? TX_SENDER;
  if (!state.exists(sender)) put(state, sender, { balance: 10n ** 18n });
  const env = defaultBlockEnv({ gasLimit: 30_000_000n, ...opts.env });
  const receipt = applyTransaction(state, env, tx(t), sender, rulesFor(fork), opts.chainId ?? 1n);
  return { receipt, state };
}

/** Asserts that a transaction was valid and ended with `status` after charging exactly `gasUsed`. */
export function expectTx(receipt: TxReceipt, status: number, gasUsed: bigint | number, what: string): void {
  assert.equal(receipt.rejected, undefined, `${what}: rejected (${receipt.rejected})`);
  assert.equal(receipt.status, status, `${what}: status (error: ${receipt.error ?? 'none'})`);
  assert.equal(receipt.gasUsed, BigInt(gasUsed), `${what}: gas used`);
}

/**
 * Initcode that returns `runtime` (any length below 64 KiB): CODECOPY the bytes after a 12-byte prefix
 * to memory 0 and RETURN them. Prefix: PUSH2 n, DUP1, PUSH1 12, PUSH1 0, CODECOPY, PUSH1 0, RETURN.
 * Gas: PUSH2 3 + DUP1 3 + PUSH1 3 + PUSH1 3 + CODECOPY (3 + 3 per word + memory) + PUSH1 3 + RETURN 0
 *    = 18 + 3 * words(n) + memCost(words(n)).
 */
export function initcodeReturning(runtime: Uint8Array): Uint8Array {
  const n = runtime.length;
  const prefix = asm(`PUSH2 ${n} DUP1 PUSH1 12 PUSH1 0 CODECOPY PUSH1 0 RETURN`);
  assert.equal(prefix.length, 12);
  const out = new Uint8Array(12 + n);
  out.set(prefix);
  out.set(runtime, 12);
  return out;
}

/** Gas of running initcodeReturning(runtime) (see there), before the code deposit. */
export function initcodeReturningGas(n: number): number {
  return 18 + 3 * words(n) + memCost(words(n));
}

/**
 * Code that calls `addr` with the run's calldata as input and returns [success flag (32 bytes) ||
 * the first `outSize` output bytes]. Legacy opcodes only, so it runs in every fork.
 *   CALLDATASIZE PUSH1 0 PUSH1 32 CALLDATACOPY          copy the input to memory 32..
 *   PUSH1 outSize PUSH1 32 CALLDATASIZE PUSH1 32 PUSH1 0 PUSH1 addr PUSH3 0x0fffff CALL
 *   PUSH1 0 MSTORE                                      the flag at memory 0
 *   PUSH1 32+outSize PUSH1 0 RETURN
 * Gas without the CALL's own price (static + cold + callee) and without memory:
 *   2+3+3+3 (CALLDATASIZE, 2 PUSH1, CALLDATACOPY) + 3+3+2+3+3+3+3 (call arguments)
 *   + 3+3 (PUSH1, MSTORE) + 3+3+0 (PUSH1, PUSH1, RETURN) = 11 + 20 + 6 + 6 = 43,
 * plus 3 * words(input) for the copy, plus memCost of the highest memory word touched.
 * The output area overlaps the input (both at 32): a call that returns nothing leaves the input there.
 * See `callerGas`.
 */
export function precompileCaller(addr: bigint, outSize: number): Uint8Array {
  assert.ok(outSize + 32 < 256);
  return asm(
    `CALLDATASIZE PUSH1 0 PUSH1 32 CALLDATACOPY ` +
      `PUSH1 ${outSize} PUSH1 32 CALLDATASIZE PUSH1 32 PUSH1 0 PUSH1 ${addr} PUSH3 0x0fffff CALL ` +
      `PUSH1 0 MSTORE PUSH1 ${32 + outSize} PUSH1 0 RETURN`,
  );
}

/**
 * Gas of precompileCaller's own instructions for an input of `inputLen` bytes and `outSize` output bytes,
 * without the CALL's price and the callee's gas:
 *   43 + 3 * words(inputLen) + memCost(max(words(32 + inputLen) if inputLen > 0, words(32 + outSize) if outSize > 0, 1)).
 * (memory ends at least at 32 because the flag is stored at 0.)
 */
export function callerGas(inputLen: number, outSize: number): number {
  const top = Math.max(inputLen > 0 ? words(32 + inputLen) : 0, outSize > 0 ? words(32 + outSize) : 0, 1);
  return 43 + 3 * words(inputLen) + memCost(top);
}

/** Splits precompileCaller's output into [flag, output hex without 0x]. */
export function callerResult(r: RunCodeResult): [bigint, string] {
  assert.ok(r.output.length >= 32, `caller output too short (status ${r.status}, ${r.error ?? ''})`);
  return [bytesToBigint(r.output.subarray(0, 32)), bytesToHex(r.output.subarray(32)).slice(2)];
}

/** hex of a 32-byte big-endian word (no 0x). */
export function w32(v: bigint): string {
  return v.toString(16).padStart(64, '0');
}

/** The alt_bn128 G2 generator in EIP-197 order: x_im, x_re, y_im, y_re. */
export const G2 =
  '198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2' +
  '1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed' +
  '090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b' +
  '12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa';
/** One pairing input pair: the G1 point at infinity (64 zero bytes) with the G2 generator; e(O, G2) = 1. */
export const PAIR_INF = w32(0n) + w32(0n) + G2;
