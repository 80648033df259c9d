/**
 * Host options: what a user can plug into execution (go-ethereum `BlockContext`
 * with CanTransfer/Transfer/GetHash). State comes from the StateJournal (optionally over a lazily loaded
 * backend, see src/state/backends); the block context, including the BLOCKHASH source, is a BlockEnv.
 */
import type { StateJournal } from '../state/journal.js';
import type { Precompile } from '../precompiles/types.js';
import type { Instruction } from '../machine/instruction.js';
import type { Address } from '../primitives/address.js';

/** go-ethereum `CanTransferFunc`: may `from` send `value`? Default: balance >= value. */
export type CanTransfer = (state: StateJournal, from: Address, value: bigint) => boolean;
/** go-ethereum `TransferFunc`: move `value` (already checked). Default: sub from, add to. */
export type Transfer = (state: StateJournal, from: Address, to: Address, value: bigint) => void;

export interface HostOptions {
  /** Value-transfer rule of message calls and creates (the transaction's value included). */
  readonly canTransfer?: CanTransfer;
  readonly transfer?: Transfer;
  /**
   * Extra precompiles by address (a Precompile is a gas function plus a run function); they replace a
   * built-in precompile at the same address. They are warm from the start of a transaction, as built-ins.
   * `null` removes the built-in precompile at that address (eth_simulateV1's movePrecompileToAddress).
   */
  readonly precompiles?: ReadonlyMap<Address, Precompile | null>;
  /**
   * Opcode override hook: byte -> handler replacing the fork's. The fork's static gas and stack bounds
   * still apply before it (undefined opcodes have 0 gas and no stack bounds: check them yourself).
   * A handler returns Status.Continue or an exit status and must advance nothing but the frame.
   */
  readonly opcodes?: Readonly<Record<number, Instruction>>;
  /** Cancels execution from outside (checked every 1024 jumps and at every call boundary). */
  readonly signal?: AbortSignal;
  /**
   * A wall-clock budget in milliseconds for one execution (checked like `signal`). Note that a synchronous
   * run cannot see an AbortSignal fired by a timer; use this for eth_call-style timeouts.
   */
  readonly timeoutMs?: number;
}

export const defaultCanTransfer: CanTransfer = (state, from, value) => value === 0n || state.getBalance(from) >= value;

export const defaultTransfer: Transfer = (state, from, to, value) => {
  state.subBalance(from, value);
  state.addBalance(to, value);
};
