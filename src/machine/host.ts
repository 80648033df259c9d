/**
 * The Host: everything an instruction may ask of the world outside its frame (rust-evm's `Handler`,
 * EVMC's host interface, go-ethereum's `StateDB` + `BlockContext` + `TxContext` as the interpreter sees
 * them). Instructions reach accounts, storage, logs and the block only through it; the executor
 * (src/exec/executor.ts) implements it over the journaled state. CALL and CREATE are not host calls: they
 * trap out of the frame with a Message the executor resolves.
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word/index.js';
import type { Rules } from '../spec/rules.js';
import type { BlockEnv } from '../state/env.js';

import type { Access } from '../state/journal.js';

export type { Access };

/** Per-transaction context (go-ethereum `vm.TxContext`). */
export interface TxContext {
  readonly origin: Address;
  readonly gasPrice: bigint;
  /** EIP-4844 versioned hashes as words. */
  readonly blobHashes: readonly bigint[];
  /** EIP-7516: the block's blob base fee. */
  readonly blobBaseFee: bigint;
}

export interface Host {
  readonly rules: Rules;
  readonly block: BlockEnv;
  readonly tx: TxContext;
  readonly chainId: bigint;

  // ---- accounts ----
  balance(a: Address): bigint;
  code(a: Address): Uint8Array;
  /** EXTCODEHASH: the code hash as a word, 0 for an absent or EIP-161-empty account. */
  codeHash(a: Address): Word;
  exists(a: Address): boolean;
  /** Absent, or no code, zero nonce and zero balance (EIP-161). */
  isEmpty(a: Address): boolean;

  // ---- EIP-2929 access lists ----
  /** Marks the account warm; says whether it was cold. */
  accessAccount(a: Address): Access;
  /** Marks the slot warm; says whether it was cold. */
  accessSlot(a: Address, key: bigint): Access;
  /** Whether the account is warm, without marking it (tracers report costs before the access). */
  isWarmAccount(a: Address): boolean;

  // ---- storage ----
  sload(a: Address, key: bigint): bigint;
  /** The slot's value at the start of the transaction (EIP-1283/2200 original value). */
  originalStorage(a: Address, key: bigint): bigint;
  sstore(a: Address, key: bigint, value: bigint): void;
  /** EIP-1153 transient storage. */
  tload(a: Address, key: bigint): bigint;
  tstore(a: Address, key: bigint, value: bigint): void;

  // ---- effects ----
  log(address: Address, topics: readonly bigint[], data: Uint8Array): void;
  addRefund(gas: number): void;
  subRefund(gas: number): void;
  /**
   * SELFDESTRUCT's effect on the world, once its gas is paid: the balance moves to the beneficiary and the
   * account is scheduled for deletion (EIP-6780: only when created in this transaction). True the first
   * time the account self-destructs in the transaction (the refund before EIP-3529 is paid once).
   */
  selfDestruct(self: Address, beneficiary: Address): boolean;

  // ---- block ----
  /** BLOCKHASH of block `n`, one of the 256 before the current one (the instruction checks the range). */
  blockHash(n: bigint): Word;

  // ---- calls ----
  /**
   * Whether a call to `a` may take its input as a view of the caller's memory rather than a copy: true
   * only for a built-in precompile (it runs before the caller can write its memory again, keeps nothing
   * and returns fresh bytes) while no tracer is attached (a tracer may keep the message).
   */
  viewsInput(a: Address): boolean;
}
