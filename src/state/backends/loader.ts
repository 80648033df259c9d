/**
 * What the executor asks of lazily loaded state before an instruction touches it. Each method answers
 * "must this be fetched first?" and records the key when so; the instruction then suspends with nothing
 * mutated (Status.Suspend), the driver fetches what was recorded and runs the same instruction again.
 */
import type { Address } from '../../primitives/address.js';

export interface StateLoader {
  /** True (and recorded) when the account is not loaded yet. */
  missingAccount(addr: Address): boolean;
  /** True (and recorded) when the slot of a backend account is not loaded yet. */
  missingSlot(addr: Address, key: bigint): boolean;
  /** True (and recorded) when the hash of block n is not loaded yet. */
  missingBlockHash(n: bigint): boolean;
}
