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
  /** Why the transaction was rejected (invalid: state untouched but for the coinbase touch), if it was. */
  readonly rejected?: string;
  /** Execution outcome of an included transaction (informational). */
  readonly gasUsed?: bigint;
}
