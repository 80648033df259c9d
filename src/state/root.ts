/** The Merkle-Patricia state root of a journaled state (Yellow Paper section 4.1). */
import { stateRoot, storageRoot, type AccountLeaf } from '../primitives/trie/index.js';
import type { StateJournal } from './journal.js';

export function computeStateRoot(state: StateJournal): Uint8Array {
  const leaves: AccountLeaf[] = [];
  for (const [address, a] of state.accounts) {
    leaves.push({ address, nonce: a.nonce, balance: a.balance, storageRoot: storageRoot(a.storage), codeHash: a.codeHash });
  }
  return stateRoot(leaves);
}
