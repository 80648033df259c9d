/**
 * 0x0a POINT_EVALUATION (EIP-4844). Vectors: vectors/pointEvaluation.json, the precompile inputs of the
 * execution-spec-tests Cancun eip4844_blobs point-evaluation state tests (their external vectors are the
 * c-kzg-4844 verify_kzg_proof reference cases), with success taken from each test id.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, call, hexToBytes, loadVectors, precompileAt, w } from './helpers.js';
import { BLS_MODULUS, kzgToVersionedHash } from '../../src/precompiles/0a-pointEvaluation.js';
import { bytesToHex } from '../../src/primitives/hex.js';

interface Vector {
  name: string;
  input: string;
  success: boolean;
}
const vectors = loadVectors<{ vectors: Vector[] }>('pointEvaluation.json').vectors;
const SUCCESS = w(4096n) + w(BLS_MODULUS);

test('point evaluation: execution-spec-tests / c-kzg reference vectors, exact gas and output', () => {
  assert.ok(vectors.length > 100);
  assert.ok(vectors.some((v) => v.success) && vectors.some((v) => !v.success));
  for (const v of vectors) {
    const [gas, out] = call(0x0an, Fork.Cancun, v.input);
    assert.equal(gas, 50000n, v.name);
    assert.equal(out, v.success ? SUCCESS : null, v.name);
  }
});

test('point evaluation: output constants', () => {
  assert.equal(
    SUCCESS,
    '0000000000000000000000000000000000000000000000000000000000001000' + '73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001',
  );
});

const valid = vectors.find((v) => v.success && v.input.length === 384)!;

test('point evaluation: versioned hash must be 0x01 || sha256(commitment)[1:]', () => {
  const input = hexToBytes(valid.input);
  assert.equal(bytesToHex(kzgToVersionedHash(input.subarray(96, 144))), bytesToHex(input.subarray(0, 32)));
  for (const version of ['00', '02', 'ff']) {
    assert.equal(call(0x0an, Fork.Cancun, version + valid.input.slice(2))[1], null, `version ${version}`);
  }
  const flipped = valid.input.slice(0, 62) + (valid.input.slice(62, 64) === '00' ? '01' : '00') + valid.input.slice(64);
  assert.equal(call(0x0an, Fork.Cancun, flipped)[1], null, 'hash body');
});

test('point evaluation: input must be exactly 192 bytes', () => {
  assert.equal(call(0x0an, Fork.Cancun, valid.input + '00')[1], null);
  assert.equal(call(0x0an, Fork.Cancun, valid.input.slice(0, -2))[1], null);
  assert.equal(call(0x0an, Fork.Cancun, '')[1], null);
  assert.equal(call(0x0an, Fork.Cancun, valid.input)[1], SUCCESS);
});

test('point evaluation: the zero polynomial (commitment and proof at infinity) opens to 0 anywhere', () => {
  const infinity = 'c0' + '00'.repeat(47);
  const hash = bytesToHex(kzgToVersionedHash(hexToBytes(infinity))).slice(2);
  assert.equal(call(0x0an, Fork.Cancun, hash + w(12345n) + w(0n) + infinity + infinity)[1], SUCCESS);
  assert.equal(call(0x0an, Fork.Cancun, hash + w(12345n) + w(1n) + infinity + infinity)[1], null);
  // z and y must be canonical field elements
  assert.equal(call(0x0an, Fork.Cancun, hash + w(BLS_MODULUS) + w(0n) + infinity + infinity)[1], null);
  assert.equal(call(0x0an, Fork.Cancun, hash + w(0n) + w(BLS_MODULUS) + infinity + infinity)[1], null);
});

test('point evaluation: from Cancun only; same in Prague and Osaka', () => {
  assert.throws(() => precompileAt(0x0an, Fork.Shanghai));
  for (const fork of [Fork.Prague, Fork.Osaka]) assert.deepEqual(call(0x0an, fork, valid.input), [50000n, SUCCESS]);
});
