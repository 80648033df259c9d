/**
 * bigintToBytes, bigintToMinimalBytes and bytesToHex (src/primitives/hex.ts) against the definitions they replaced:
 * bigintToBytes byte at a time (exactly `len` big-endian bytes, high bits past `len` dropped, zeros for 0
 * and for a negative value); bigintToMinimalBytes through a hex string (0 empty, a negative value refused).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bigintToBytes, bigintToMinimalBytes, bytesToBigint, bytesToHex, hexToBytes } from '../../src/primitives/hex.js';

function reference(v: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

const EDGES = [
  0n,
  1n,
  0x7fn,
  0x80n,
  0xffn,
  0x100n,
  0xabcn,
  0xffffffffn,
  0x100000000n,
  2n ** 53n + 1n,
  2n ** 160n - 1n,
  2n ** 255n,
  2n ** 256n - 1n,
  2n ** 300n + 12345n,
  -1n,
  -(2n ** 70n),
];
const LENGTHS = [0, 1, 2, 4, 8, 20, 32, 40];

test('bigintToBytes: edge values at every length equal the byte-at-a-time definition', () => {
  for (const v of EDGES) for (const len of LENGTHS) assert.deepEqual(bigintToBytes(v, len), reference(v, len), `${v} in ${len} bytes`);
});

test('bigintToBytes: 20,000 values of every bit length, odd and even hex digit counts', () => {
  let x = 0x9e3779b97f4a7c15n;
  for (let k = 0; k < 20_000; k++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    const v = (x << BigInt(k % 250)) | BigInt(k);
    const len = LENGTHS[k % LENGTHS.length]!;
    assert.deepEqual(bigintToBytes(v, len), reference(v, len), `${v} in ${len} bytes`);
  }
});

test('bigintToBytes: round trip through bytesToBigint below 2^256', () => {
  for (const v of [1n, 0xdeadbeefn, 2n ** 64n + 7n, 2n ** 256n - 1n]) assert.equal(bytesToBigint(bigintToBytes(v, 32)), v);
  assert.equal(bytesToBigint(bigintToBytes(2n ** 256n + 5n, 32)), 5n);
});

function minimalReference(v: bigint): Uint8Array {
  if (v === 0n) return new Uint8Array(0);
  let hex = v.toString(16);
  if (hex.length & 1) hex = '0' + hex;
  return hexToBytes(hex);
}

test('bigintToMinimalBytes: every byte length around the 32-bit fast path equals the hex-string definition', () => {
  const values = [
    0n,
    1n,
    0x7fn,
    0x80n,
    0xffn,
    0x100n,
    0xffffn,
    0x10000n,
    0xffffffn,
    0x1000000n,
    0xfffffffen,
    0xffffffffn,
    0x100000000n,
    2n ** 53n,
    2n ** 255n + 3n,
  ];
  let x = 12345n;
  for (let k = 0; k < 5_000; k++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    values.push(x >> BigInt(k % 64));
  }
  for (const v of values) assert.deepEqual(bigintToMinimalBytes(v), minimalReference(v), String(v));
  assert.throws(() => bigintToMinimalBytes(-1n));
  assert.throws(() => bigintToMinimalBytes(-(2n ** 40n)));
});

test('bytesToHex: short and long inputs (digits decoded at once from 48 bytes) round-trip through hexToBytes', () => {
  for (const n of [0, 1, 20, 32, 47, 48, 49, 256, 1000, 5000]) {
    const b = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n) & 0xff);
    let want = '0x';
    for (const x of b) want += x.toString(16).padStart(2, '0');
    assert.equal(bytesToHex(b), want, `${n} bytes`);
    assert.deepEqual(hexToBytes(bytesToHex(b)), b);
    // A subarray, and the same call twice (the shared digit buffer is not part of the answer).
    const sub = b.subarray(1);
    assert.equal(bytesToHex(sub), '0x' + want.slice(4));
  }
});
