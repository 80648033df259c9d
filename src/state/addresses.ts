/** Contract addresses: CREATE (keccak of RLP [sender, nonce]) and CREATE2 (EIP-1014). */
import { keccak256 } from '../primitives/crypto/keccak.js';
import { encodeRlp, uintItem } from '../primitives/rlp/index.js';
import { addressToBytes, addressFromBytes, type Address } from '../primitives/address.js';
import { bigintToBytes } from '../primitives/hex.js';

export function createAddress(sender: Address, nonce: bigint): Address {
  const h = keccak256(encodeRlp([addressToBytes(sender), uintItem(nonce)]));
  return addressFromBytes(h.subarray(12));
}

/** EIP-1014: keccak256(0xff ++ sender ++ salt ++ keccak256(initcode))[12:]. */
export function create2Address(sender: Address, salt: bigint, initcode: Uint8Array): Address {
  const buf = new Uint8Array(1 + 20 + 32 + 32);
  buf[0] = 0xff;
  buf.set(addressToBytes(sender), 1);
  buf.set(bigintToBytes(salt, 32), 21);
  buf.set(keccak256(initcode), 53);
  return addressFromBytes(keccak256(buf).subarray(12));
}
