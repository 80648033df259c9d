/** The block context a transaction executes in (go-ethereum `vm.BlockContext`). */
import type { Address } from '../primitives/address.js';

export interface BlockEnv {
  readonly coinbase: Address;
  readonly gasLimit: bigint;
  readonly number: bigint;
  readonly timestamp: bigint;
  /** Pre-Merge DIFFICULTY. */
  readonly difficulty: bigint;
  /** Post-Merge PREVRANDAO (EIP-4399), as a word. */
  readonly prevRandao: bigint;
  /** EIP-1559 base fee; 0 before London. */
  readonly baseFee: bigint;
  /** EIP-4844 excess blob gas of this block (drives BLOBBASEFEE and blob fees); undefined before Cancun. */
  readonly excessBlobGas?: bigint;
  /** BLOCKHASH source: the hash of block `n` (already range-checked by the caller) as a word. */
  readonly getBlockHash: (n: bigint) => bigint;
}

/** An account of a pre-state (state tests' `pre`, t8n's `alloc`). */
export interface GenesisAccount {
  readonly balance: bigint;
  readonly nonce: bigint;
  readonly code: Uint8Array;
  /** Slot -> value; zero values are allowed and mean "absent". */
  readonly storage: ReadonlyMap<bigint, bigint>;
}

export type GenesisAlloc = ReadonlyMap<Address, GenesisAccount>;
