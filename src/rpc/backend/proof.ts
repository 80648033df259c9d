/**
 * eth_getProof (EIP-1186): the account's proof in the block's account trie and each slot's proof in the
 * account's storage trie, both walks down the tries the chain keeps per block (no trie is rebuilt, so a
 * proof costs the depth of the tries, not the size of the state).
 */
import type { ChainState } from '../../chain/chain.js';
import { keccak256, EMPTY_TRIE_ROOT, KECCAK_EMPTY } from '../../primitives/crypto/keccak.js';
import { addressToBytes, type Address } from '../../primitives/address.js';
import type { Trie } from '../../primitives/trie/index.js';
import type { AccountProof } from '../context.js';

export function accountProof(accounts: Trie, state: ChainState, address: Address, slots: readonly bigint[]): AccountProof {
  const proof = accounts.proof(keccak256(addressToBytes(address)));
  const a = state.getAccount(address);
  return {
    balance: a?.balance ?? 0n,
    nonce: a?.nonce ?? 0n,
    codeHash: a?.codeHash ?? KECCAK_EMPTY,
    storageHash: a?.storageRoot ?? EMPTY_TRIE_ROOT,
    accountProof: proof,
    storageProof: slots.map((key) => ({
      key,
      value: a === undefined ? 0n : state.getStorage(address, key),
      proof: a === undefined ? [] : state.storageProof(address, key),
    })),
  };
}
