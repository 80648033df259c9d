/**
 * A state backend: where the pre-state of accounts, storage slots and block hashes comes from when the
 * in-memory journal has not seen them yet (go-ethereum `state.Database`, revm `Database`). Each method
 * may answer synchronously or with a Promise; a synchronous backend never makes execution wait.
 */
import type { Address } from '../../primitives/address.js';

export type MaybePromise<T> = T | Promise<T>;

export interface AccountData {
  readonly balance: bigint;
  readonly nonce: bigint;
  readonly code: Uint8Array;
}

export interface StateBackend {
  /** The account, or null when it does not exist. */
  getAccount(addr: Address): MaybePromise<AccountData | null>;
  getStorage(addr: Address, key: bigint): MaybePromise<bigint>;
  /** The hash of block n as a word (only asked for the 256 blocks BLOCKHASH can see). */
  getBlockHash(n: bigint): MaybePromise<bigint>;
}
