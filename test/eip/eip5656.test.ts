/**
 * EIP-5656 (Cancun): MCOPY (0x5e) copies memory to memory (overlap allowed, as memmove) for
 * 3 + 3 per word + memory expansion of both regions; a zero length expands nothing.
 * https://eips.ethereum.org/EIPS/eip-5656
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, bytesToHex, run, expectRun } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const SEQ = 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1fn; // bytes 00..1f
const SEQ_HEX = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';

test('EIP-5656: MCOPY is undefined in Shanghai', () => {
  expectRun(run(Fork.Shanghai, 'PUSH0 PUSH0 PUSH0 MCOPY', { gas: 10_000n }), Status.UndefinedOpcode, 10_000, 'Shanghai');
});

test('EIP-5656: copy a word down (dst 0, src 32, 32 bytes)', () => {
  // PUSH32 (3) PUSH1 32 (3) MSTORE (3 + memCost(2) = 6): 15; PUSH1 32 PUSH1 32 PUSH0 (8); MCOPY 3 + 3 = 6;
  // PUSH1 64 PUSH0 RETURN (5). 15 + 8 + 6 + 5 = 34
  const r = run(Fork.Cancun, `PUSH32 ${SEQ} PUSH1 32 MSTORE PUSH1 32 PUSH1 32 PUSH0 MCOPY PUSH1 64 PUSH0 RETURN`);
  expectRun(r, Status.Return, 34, 'Cancun');
  assert.equal(bytesToHex(r.output), '0x' + SEQ_HEX + SEQ_HEX);
});

test("EIP-5656: overlapping copies move like memmove (the EIP's cases)", () => {
  // memory 00 01 02 .. 1f; MCOPY(dst, src, 8); PUSH32 (3) PUSH0 (2) MSTORE (6) = 11; PUSH1 8, PUSH1 src, PUSH1 dst (9);
  // MCOPY 6; PUSH1 32 PUSH0 RETURN (5). 11 + 9 + 6 + 5 = 31
  const cases: [number, number, string][] = [
    // dst 1, src 0: bytes 00..07 land at 1..8: 00 | 00 01 02 03 04 05 06 07 | 09 0a .. 1f
    [1, 0, '00' + '0001020304050607' + '090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'],
    // dst 0, src 1: bytes 01..08 land at 0..7: 01 02 03 04 05 06 07 08 | 08 09 .. 1f
    [0, 1, '0102030405060708' + '08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'],
  ];
  for (const [dst, src, want] of cases) {
    const r = run(Fork.Cancun, `PUSH32 ${SEQ} PUSH0 MSTORE PUSH1 8 PUSH1 ${src} PUSH1 ${dst} MCOPY PUSH1 32 PUSH0 RETURN`);
    expectRun(r, Status.Return, 31, `dst ${dst} src ${src}`);
    assert.equal(bytesToHex(r.output), '0x' + want, `dst ${dst} src ${src}`);
  }
});

test('EIP-5656: memory expansion for the destination and for the source', () => {
  // One word in memory (PUSH32 PUSH0 MSTORE: 11). MCOPY(dst 64, src 0, 32) grows memory to 3 words:
  // 3 + 3 + memCost(3) - memCost(1) = 6 + 9 - 3 = 12. Pushes PUSH1 32 PUSH0 PUSH1 64: 8. MSIZE (2) RETURN_TOP-like:
  // MSIZE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN = 2 + 2 + 3 + 3 + 2 = 12. Total 11 + 8 + 12 + 12 = 43.
  let r = run(Fork.Cancun, `PUSH32 ${SEQ} PUSH0 MSTORE PUSH1 32 PUSH0 PUSH1 64 MCOPY MSIZE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN`);
  expectRun(r, Status.Return, 43, 'destination beyond memory');
  assert.equal(BigInt(bytesToHex(r.output)), 96n);
  // MCOPY(dst 0, src 64, 32): the source region is expanded just the same (and reads zeros): 43 again;
  // MSIZE is 96 and word 0 is now zero.
  r = run(Fork.Cancun, `PUSH32 ${SEQ} PUSH0 MSTORE PUSH1 32 PUSH1 64 PUSH0 MCOPY MSIZE PUSH1 32 MSTORE PUSH1 64 PUSH0 RETURN`);
  // here the tail is MSIZE PUSH1 32 MSTORE PUSH1 64 PUSH0 RETURN = 2 + 3 + 3 + 3 + 2 = 13: 11 + 8 + 12 + 13 = 44
  expectRun(r, Status.Return, 44, 'source beyond memory');
  assert.equal(bytesToHex(r.output), '0x' + '00'.repeat(32) + (96).toString(16).padStart(64, '0'));
});

test('EIP-5656: copy length rounds up to words; zero length costs 3 and touches nothing', () => {
  // MCOPY(dst 0, src 0, 33): 3 + 3 * 2 words + memCost(2) = 3 + 6 + 6 = 15; pushes PUSH1 33 PUSH0 PUSH0 = 7: 22
  expectRun(run(Fork.Cancun, 'PUSH1 33 PUSH0 PUSH0 MCOPY STOP'), Status.Stop, 22, '33 bytes');
  // MCOPY(2^256 - 1, 2^256 - 1, 0): PUSH0 (2) PUSH32 (3) PUSH32 (3) MCOPY (3) = 11, no expansion; MSIZE (2) stays 0.
  const max = (1n << 256n) - 1n;
  const r = run(Fork.Cancun, `PUSH0 PUSH32 ${max} PUSH32 ${max} MCOPY MSIZE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN`);
  // + MSIZE 2 + PUSH0 2 + MSTORE 6 + PUSH1 3 + PUSH0 2 = 15: 26
  expectRun(r, Status.Return, 26, 'zero length');
  assert.equal(BigInt(bytesToHex(r.output)), 0n, 'MSIZE was 0');
});
