/** Merkle-Patricia tries (Yellow Paper appendix D): batch roots, an incremental trie, state/storage roots. */
export { trieRoot, secureTrieRoot, ordinalTrieRoot } from './root.js';
export { Trie, type TrieOptions } from './trie.js';
export { type AccountLeaf, accountRlp, storageValueRlp, storageRoot, stateRoot } from './state.js';
export { hexPrefix, bytesToNibbles, nibblesToBytes } from './nibbles.js';
