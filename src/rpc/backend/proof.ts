/**
 * eth_getProof (EIP-1186): the account's proof in the block's account trie and each slot's proof in the
 * account's storage trie (rebuilt from the account's storage: a dev chain's states are small).
 */
import type { ChainState } from '../../chain/chain.js';
import { keccak256, EMPTY_TRIE_ROOT, KECCAK_EMPTY } from '../../primitives/crypto/keccak.js';
import { addressToBytes, type Address } from '../../primitives/address.js';
import { bigintToBytes } from '../../primitives/hex.js';
import { Trie, storageValueRlp } from '../../primitives/trie/index.js';
import type { AccountProof } from '../context.js';

export function accountProof(accounts: Trie, state: ChainState, address: Address, slots: readonly bigint[]): AccountProof {
  const proof = accounts.proof(keccak256(addressToBytes(address)));
  const a = state.getAccount(address);
  let storage: Trie | undefined;
  if (a !== undefined && slots.length > 0) {
    storage = new Trie();
    for (const [addr, acct] of state.accounts()) {
      if (addr !== address) continue;
      for (const [k, v] of acct.storage) if (v !== 0n) storage.put(keccak256(bigintToBytes(k, 32)), storageValueRlp(v));
      break;
    }
  }
  return {
    balance: a?.balance ?? 0n,
    nonce: a?.nonce ?? 0n,
    codeHash: a?.codeHash ?? KECCAK_EMPTY,
    storageHash: a?.storageRoot ?? EMPTY_TRIE_ROOT,
    accountProof: proof,
    storageProof: slots.map((key) => ({
      key,
      value: a === undefined ? 0n : state.getStorage(address, key),
      proof: storage === undefined ? [] : storage.proof(keccak256(bigintToBytes(key, 32))),
    })),
  };
}
