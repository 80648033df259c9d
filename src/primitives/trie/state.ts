/**
 * State and storage roots (Yellow Paper section 4.1): secure tries keyed by keccak256 of the address
 * or the 32-byte slot. Accounts are RLP([nonce, balance, storageRoot, codeHash]); storage values are
 * RLP(minimal big-endian bytes), and zero slots are absent.
 */
import { encodeRlp, encodeRlpBytes, uintItem } from '../rlp/encode.js';
import { addressToBytes, type Address } from '../address.js';
import { bigintToBytes, bigintToMinimalBytes } from '../hex.js';
import { secureTrieRoot } from './root.js';

/** What the state trie stores for one account. */
export interface AccountLeaf {
  readonly address: Address;
  readonly nonce: bigint;
  readonly balance: bigint;
  /** 32 bytes: the account's storage root (EMPTY_TRIE_ROOT for none). */
  readonly storageRoot: Uint8Array;
  /** 32 bytes: keccak256 of the code (KECCAK_EMPTY for none). */
  readonly codeHash: Uint8Array;
}

/** RLP([nonce, balance, storageRoot, codeHash]): an account's value in the state trie. */
export function accountRlp(a: Omit<AccountLeaf, 'address'>): Uint8Array {
  return encodeRlp([uintItem(a.nonce), uintItem(a.balance), a.storageRoot, a.codeHash]);
}

/** The value a storage slot holds in the storage trie: RLP of the value's minimal bytes. */
export function storageValueRlp(value: bigint): Uint8Array {
  return encodeRlpBytes(bigintToMinimalBytes(value));
}

/** Storage root of slot -> value; zero values are skipped (a zero slot is an absent slot). */
export function storageRoot(storage: ReadonlyMap<bigint, bigint> | Iterable<readonly [bigint, bigint]>): Uint8Array {
  const entries: [Uint8Array, Uint8Array][] = [];
  for (const [slot, value] of storage) {
    if (value !== 0n) entries.push([bigintToBytes(slot, 32), storageValueRlp(value)]);
  }
  return secureTrieRoot(entries);
}

/** State root over accounts (each address once; the caller has already removed deleted/empty accounts). */
export function stateRoot(accounts: Iterable<AccountLeaf>): Uint8Array {
  const entries: [Uint8Array, Uint8Array][] = [];
  for (const a of accounts) entries.push([addressToBytes(a.address), accountRlp(a)]);
  return secureTrieRoot(entries);
}
