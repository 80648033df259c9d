/**
 * Public-key recovery for transaction senders and EIP-7702 authorities (src/primitives/crypto/secp256k1.ts):
 * @noble/curves by default; under Node `installNodePrecompiles` installs ECRECOVER's backend
 * (libsecp256k1's addon, or mcl-wasm where it does not load) through `setPublicKeyRecovery`. Both give the
 * same key, or null, on random signatures of both parities, their high-s twins, r that is no x
 * coordinate, and r or s out of range; senders of signed transactions recover through the installed one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ecrecover, setPublicKeyRecovery, SECP256K1_N, type PublicKeyRecovery } from '../../src/primitives/crypto/secp256k1.js';
import { bytesToBigint, bytesToHex } from '../../src/primitives/hex.js';
import { installNodePrecompiles } from '../../src/cli/nodePrecompiles.js';
import { recoverSender } from '../../src/tx/index.js';
import { SENDER, transfer } from '../chain/builder.js';

/** Deterministic bytes (xorshift), so a failure reproduces. */
function prng(seed: number): (n: number) => Uint8Array {
  let x = seed >>> 0 || 1;
  return (n) =>
    Uint8Array.from({ length: n }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) & 0xff;
    });
}

interface Case {
  readonly hash: Uint8Array;
  readonly id: number;
  readonly r: bigint;
  readonly s: bigint;
}

function cases(): Case[] {
  const rand = prng(2026);
  const out: Case[] = [];
  for (let i = 0; i < 40; i++) {
    const hash = rand(32);
    const sig = secp256k1.Signature.fromBytes(
      secp256k1.sign(hash, secp256k1.utils.randomSecretKey(rand(48)), { prehash: false, format: 'recovered' }),
      'recovered',
    );
    const id = sig.recovery!;
    out.push({ hash, id, r: sig.r, s: sig.s });
    out.push({ hash, id: 1 - id, r: sig.r, s: SECP256K1_N - sig.s }); // the high-s twin: the same key
    out.push({ hash, id, r: bytesToBigint(rand(32)) % SECP256K1_N, s: sig.s }); // often no x coordinate
  }
  out.push({ hash: new Uint8Array(32), id: 0, r: 0n, s: 1n }, { hash: new Uint8Array(32), id: 1, r: 1n, s: SECP256K1_N });
  return out;
}

function recoverAll(all: readonly Case[]): (string | null)[] {
  return all.map((c) => {
    const k = ecrecover(c.hash, c.id, c.r, c.s);
    return k === null ? null : bytesToHex(k);
  });
}

test('the Node recovery gives @noble/curves keys and nulls, and senders recover through it', async () => {
  const all = cases();
  setPublicKeyRecovery(null);
  const noble = recoverAll(all);
  assert.ok(noble.filter((k) => k !== null).length >= 80, 'the genuine signatures and their twins recover');
  assert.ok(
    noble.some((k) => k === null),
    'some random r are no x coordinate',
  );
  assert.equal(noble[1], noble[0], 'a high-s twin recovers the same key');

  await installNodePrecompiles();
  try {
    assert.deepEqual(recoverAll(all), noble);

    // Senders go through the installed recovery.
    let calls = 0;
    const installed = (hash: Uint8Array, rs: Uint8Array, id: 0 | 1): Uint8Array | null => {
      calls++;
      const k = secp256k1.Signature.fromBytes(rs, 'compact').addRecoveryBit(id).recoverPublicKey(hash);
      return k.toBytes(false).subarray(1);
    };
    setPublicKeyRecovery(installed satisfies PublicKeyRecovery);
    assert.equal(recoverSender(transfer(0n, 1n)), SENDER);
    assert.equal(calls, 1);
  } finally {
    setPublicKeyRecovery(null);
  }
});
