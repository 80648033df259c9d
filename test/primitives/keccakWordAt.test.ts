/**
 * keccak256WordAt (KECCAK256 on frame memory, no subarray on the WebAssembly path): the same word as
 * @noble/hashes' keccak_256 of the same bytes, for every length 0..300 (one block by the copy loop up to
 * 64 bytes, one or more blocks past it) at offsets 0 and 7, on the WebAssembly kernel and before it loads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { createKeccakKernel } from '../../src/primitives/crypto/keccakKernel.js';
import { keccak256WordAt, keccakReady } from '../../src/primitives/crypto/keccak.js';
import { bytesToBigint } from '../../src/primitives/hex.js';

const src = Uint8Array.from({ length: 400 }, (_, i) => (i * 131 + 17) & 0xff);

test('the kernel: wordAt(src, off, len) is keccak256 of those bytes, for lengths 0-300', () => {
  const k = createKeccakKernel();
  assert.ok(k !== null, 'WebAssembly is available in Node');
  for (const off of [0, 7]) {
    for (let len = 0; len <= 300; len++) {
      const want = bytesToBigint(keccak_256(src.subarray(off, off + len)));
      assert.equal(k.wordAt(src, off, len), want, `off ${off} len ${len}`);
      // what a previous longer message left in the module's input area must not leak into a shorter one
      assert.equal(k.wordAt(src, off, len >> 1), bytesToBigint(keccak_256(src.subarray(off, off + (len >> 1)))));
    }
  }
});

test('keccak256WordAt through the module switch gives the same words', async () => {
  await keccakReady;
  for (const len of [0, 1, 32, 64, 65, 135, 136, 137, 300]) {
    assert.equal(keccak256WordAt(src, 3, len), bytesToBigint(keccak_256(src.subarray(3, 3 + len))), `len ${len}`);
  }
});
