/** The logs hash state tests compare: keccak256 of the RLP list of [address, [topics], data]. */
import { keccak256 } from '../primitives/crypto/keccak.js';
import { encodeRlp, type RlpItem } from '../primitives/rlp/index.js';
import { addressToBytes } from '../primitives/address.js';
import { bigintToBytes } from '../primitives/hex.js';
import type { Log } from '../state/journal.js';

export function logRlpItem(l: Log): RlpItem {
  return [addressToBytes(l.address), l.topics.map((t) => bigintToBytes(t, 32)), l.data];
}

export function logsHash(logs: readonly Log[]): Uint8Array {
  return keccak256(encodeRlp(logs.map(logRlpItem)));
}
