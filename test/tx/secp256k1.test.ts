/** secp256k1 wrappers: known vectors, the precompile rule vs the transaction rule (EIP-2), signing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SECP256K1_HALF_N,
  SECP256K1_N,
  ecrecover,
  ecrecoverAddress,
  isValidEcrecoverSignature,
  isValidTransactionSignature,
  privateKeyToAddress,
  privateKeyToPublicKey,
  publicKeyToAddress,
  sign,
} from '../../src/primitives/crypto/secp256k1.js';
import { keccak256 } from '../../src/primitives/crypto/keccak.js';
import { addressToHex } from '../../src/primitives/address.js';
import { bigintToBytes, hexToBytes } from '../../src/primitives/hex.js';

test('private key 1 has the well-known address', () => {
  assert.equal(addressToHex(privateKeyToAddress(bigintToBytes(1n, 32))), '0x7e5f4552091a69125d5dfcb7b8c2659029395bdf');
});

test('ECRECOVER precompile vector (go-ethereum contracts_test)', () => {
  const hash = hexToBytes('0x456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3');
  const r = 0x9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608n;
  const s = 0x4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852adan;
  const addr = ecrecoverAddress(hash, 1, r, s); // v = 28
  assert.equal(addr === null ? null : addressToHex(addr), '0x7156526fbd7a3c72969b54f64e42c10fbb768c8a');
});

test('sign / recover round trip; public key forms agree', () => {
  const priv = keccak256(new TextEncoder().encode('evmkit'));
  const hash = keccak256(Uint8Array.of(1, 2, 3));
  const sig = sign(hash, priv);
  assert.ok(sig.s <= SECP256K1_HALF_N, 'signatures are low-s');
  const pub = ecrecover(hash, sig.yParity, sig.r, sig.s)!;
  assert.equal(pub.length, 64);
  assert.deepEqual(pub, privateKeyToPublicKey(priv));
  assert.equal(publicKeyToAddress(pub), privateKeyToAddress(priv));
  assert.equal(publicKeyToAddress(Uint8Array.of(4, ...pub)), privateKeyToAddress(priv));
  // The wrong recovery id recovers another key (or none), never the signer.
  assert.notEqual(ecrecoverAddress(hash, 1 - sig.yParity, sig.r, sig.s), privateKeyToAddress(priv));
});

test('precompile accepts high s, transactions since Homestead do not (EIP-2)', () => {
  const priv = bigintToBytes(0xc0ffeen, 32);
  const hash = keccak256(Uint8Array.of(9));
  const sig = sign(hash, priv);
  const highS = SECP256K1_N - sig.s; // the malleated twin, with the other recovery id
  assert.equal(ecrecoverAddress(hash, 1 - sig.yParity, sig.r, highS), privateKeyToAddress(priv));
  assert.ok(isValidEcrecoverSignature(sig.r, highS));
  assert.ok(!isValidTransactionSignature(sig.r, highS));
  assert.ok(isValidTransactionSignature(sig.r, highS, false), 'Frontier accepted any s');
  assert.ok(isValidTransactionSignature(sig.r, SECP256K1_HALF_N));
  assert.ok(!isValidTransactionSignature(sig.r, SECP256K1_HALF_N + 1n));
});

test('ecrecover returns null for out-of-range values and bad recovery ids', () => {
  const hash = keccak256(Uint8Array.of(0));
  assert.equal(ecrecover(hash, 0, 0n, 1n), null);
  assert.equal(ecrecover(hash, 0, 1n, 0n), null);
  assert.equal(ecrecover(hash, 0, SECP256K1_N, 1n), null);
  assert.equal(ecrecover(hash, 0, 1n, SECP256K1_N), null);
  assert.equal(ecrecover(hash, 2, 1n, 1n), null);
  // r = 5: x = 5 is not on secp256k1 (5^3 + 7 = 132 is a non-residue mod p)
  assert.equal(ecrecover(hash, 0, 5n, 1n), null);
  assert.throws(() => ecrecover(new Uint8Array(31), 0, 1n, 1n), /32 bytes/);
  assert.throws(() => sign(hash, new Uint8Array(32)), /private key/);
});
