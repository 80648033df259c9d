/** One state-test vector: a pre-state, a block, one transaction, under one fork. */
import type { Fork } from '../spec/fork.js';
import type { Address } from '../primitives/address.js';
import type { Transaction } from '../tx/types.js';
import type { BlockEnv, GenesisAlloc } from '../state/env.js';

export interface StateVector {
  readonly fork: Fork;
  readonly chainId: bigint;
  readonly pre: GenesisAlloc;
  readonly env: BlockEnv;
  readonly tx: Transaction;
  /** The sender: from the fixture's `sender`, or derived from `secretKey`. */
  readonly sender: Address;
}

export interface StateVectorResult {
  readonly stateRoot: Uint8Array;
  readonly logsHash: Uint8Array;
  /** Why the transaction was rejected (invalid: the state is left untouched), if it was. */
  readonly rejected?: string;
  /**
   * For a rejected transaction: the root of the untouched state with the coinbase touched by a zero-value
   * balance change, without EIP-161 clearing. The fillers of the ethereum/tests snapshots (retesteth over a
   * t8n that pays the zero block reward) wrote this root for transactions rejected before EIP-158, where a
   * touched empty coinbase persists; execution-spec-tests and go-ethereum leave the state untouched.
   */
  readonly touchedRoot?: Uint8Array;
  /** Execution outcome of an included transaction (informational). */
  readonly gasUsed?: bigint;
}
