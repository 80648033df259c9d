/**
 * `--dump`: the state as go-ethereum's `state.Dump` writes it (core/state/dump.go, 4-space indent):
 *   {"root": "0x…", "accounts": {"<checksummed address>": {"balance": "<decimal>", "nonce": n,
 *    "root": "0x…", "codeHash": "0x…", "code"?: "0x…", "storage"?: {"0x<64 hex>": "<minimal hex>"},
 *    "address": "0x…", "key": "0x<keccak of the address>"}}}
 */
import { addr as ethAddr } from 'micro-eth-signer';
import { computeStateRoot } from '../state/root.js';
import { storageRoot } from '../primitives/trie/index.js';
import { keccak256 } from '../primitives/crypto/keccak.js';
import { addressToBytes, addressToHex } from '../primitives/address.js';
import { bigintToMinimalBytes, bytesToHex } from '../primitives/hex.js';
import type { StateJournal } from '../state/journal.js';

/** Go's encoding/json orders map keys by their bytes. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function dumpState(state: StateJournal): string {
  const accounts: [string, Record<string, unknown>][] = [];
  for (const [address, a] of state.accounts) {
    const hex = addressToHex(address);
    const entry: Record<string, unknown> = {
      balance: a.balance.toString(),
      nonce: Number(a.nonce),
      root: bytesToHex(storageRoot(a.storage)),
      codeHash: bytesToHex(a.codeHash),
    };
    if (a.code.length > 0) entry.code = bytesToHex(a.code);
    if (a.storage.size > 0) {
      const slots = [...a.storage].map(
        ([k, v]) => ['0x' + k.toString(16).padStart(64, '0'), bytesToHex(bigintToMinimalBytes(v)).slice(2)] as const,
      );
      slots.sort((x, y) => byteOrder(x[0], y[0]));
      entry.storage = Object.fromEntries(slots);
    }
    entry.address = ethAddr.addChecksum(hex);
    entry.key = bytesToHex(keccak256(addressToBytes(address)));
    accounts.push([ethAddr.addChecksum(hex), entry]);
  }
  accounts.sort((x, y) => byteOrder(x[0], y[0]));
  return JSON.stringify({ root: bytesToHex(computeStateRoot(state)), accounts: Object.fromEntries(accounts) }, null, 4);
}
