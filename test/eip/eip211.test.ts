/**
 * EIP-211 (Byzantium): RETURNDATASIZE (0x3d, 2 gas) and RETURNDATACOPY (0x3e, 3 + 3 per word + memory)
 * read the output of the last call. Copying from beyond the buffer (offset + size > RETURNDATASIZE) is an
 * exceptional halt, even when size is 0. Before Byzantium both bytes are undefined.
 * https://eips.ethereum.org/EIPS/eip-211
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, bytesToHex, run, expectRun, outWord } from './helpers.js';
import { Status } from '../../src/machine/status.js';

// Puts 0x010203 at memory 29..31 and calls the identity precompile (0x04) on it:
//   PUSH3 PUSH1 MSTORE: 3 + 3 + 3 + 3 (memory word 1) = 12
//   CALL(gas 0xffff, 0x04, 0, args 29/3, ret 0/0): 7 pushes 21 + CALL 700 + identity 15 + 3 * 1 word = 718
//   POP: 2
//   total 12 + 21 + 718 + 2 = 753; the return data buffer is now 0x010203.
const PREFIX = 'PUSH3 0x010203 PUSH1 0 MSTORE PUSH1 0 PUSH1 0 PUSH1 3 PUSH1 29 PUSH1 0 PUSH1 4 PUSH2 0xffff CALL POP';
const PREFIX_GAS = 753;

test('EIP-211: RETURNDATASIZE and RETURNDATACOPY are undefined before Byzantium', () => {
  expectRun(run(Fork.SpuriousDragon, 'RETURNDATASIZE', { gas: 50_000n }), Status.UndefinedOpcode, 50_000, 'SD RETURNDATASIZE');
  expectRun(
    run(Fork.SpuriousDragon, 'PUSH1 0 PUSH1 0 PUSH1 0 RETURNDATACOPY', { gas: 50_000n }),
    Status.UndefinedOpcode,
    50_000,
    'SD RETURNDATACOPY',
  );
});

test('EIP-211: the buffer starts empty (RETURNDATASIZE 0, 2 gas)', () => {
  const r = run(Fork.Byzantium, `RETURNDATASIZE ${RETURN_TOP}`);
  expectRun(r, Status.Return, 2 + 15, 'Byzantium');
  assert.equal(outWord(r), 0n);
});

test('EIP-211: RETURNDATASIZE and RETURNDATACOPY after a call (Byzantium)', () => {
  // RETURNDATASIZE (2) PUSH1 0 (3) PUSH1 32 (3) RETURNDATACOPY (3 + 3 * 1 word + 3 to grow memory to 2 words) = 17
  // PUSH1 3 PUSH1 32 RETURN: 6. Total 753 + 17 + 6 = 776.
  const r = run(Fork.Byzantium, `${PREFIX} RETURNDATASIZE PUSH1 0 PUSH1 32 RETURNDATACOPY PUSH1 3 PUSH1 32 RETURN`);
  expectRun(r, Status.Return, 776, 'copy');
  assert.equal(bytesToHex(r.output), '0x010203');
  // RETURNDATASIZE itself: 753 + 2 + RETURN_TOP with memory already 1 word (12) = 767.
  const s = run(Fork.Byzantium, `${PREFIX} RETURNDATASIZE ${RETURN_TOP}`);
  expectRun(s, Status.Return, 767, 'size');
  assert.equal(outWord(s), 3n);
});

test('EIP-211: reading past the end of the buffer halts and consumes all gas', () => {
  // [size, offset, in bounds?] against a 3-byte buffer
  const rows: [number, number, boolean][] = [
    [3, 0, true],
    [4, 0, false],
    [3, 1, false],
    [0, 3, true], // offset == size of the buffer, nothing to copy
    [0, 4, false], // size 0 does not excuse an offset past the end
    [1, 2, true],
  ];
  for (const [size, off, ok] of rows) {
    const r = run(Fork.Byzantium, `${PREFIX} PUSH1 ${size} PUSH1 ${off} PUSH1 32 RETURNDATACOPY STOP`, { gas: 100_000n });
    if (ok) {
      // 753 + 3 + 3 + 3 + RETURNDATACOPY 3, and for size > 0: 3 (1 word) + 3 (memory grows to 2 words)
      expectRun(r, Status.Stop, PREFIX_GAS + 12 + (size > 0 ? 6 : 0), `size ${size} offset ${off}`);
    } else {
      expectRun(r, Status.ReturnDataOutOfBounds, 100_000, `size ${size} offset ${off}`);
    }
  }
});

test('EIP-211: a later call replaces the buffer (a call to an account without code empties it)', () => {
  // After PREFIX: CALL(gas 0, 0xee, ...): 21 + 700 (EIP-161: no value, no new-account charge), POP 2,
  // RETURNDATASIZE 2, RETURN_TOP 12 (memory has a word). 753 + 721 + 2 + 2 + 12 = 1490.
  const r = run(
    Fork.Byzantium,
    `${PREFIX} PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0xee PUSH1 0 CALL POP RETURNDATASIZE ${RETURN_TOP}`,
  );
  expectRun(r, Status.Return, 1490, 'Byzantium');
  assert.equal(outWord(r), 0n);
});

test('EIP-211: after CREATE the buffer holds the revert data of a failed initcode, and is empty on success', () => {
  // Initcode PUSH2 0xabcd PUSH1 0 MSTORE PUSH1 2 PUSH1 30 REVERT (0x61abcd6000526002601efd, 11 bytes):
  //   3 + 3 + 6 + 3 + 3 + 0 = 18, reverts with 0xabcd and keeps the rest of its gas.
  // PUSH11 (3) PUSH1 0 (3) MSTORE (6) = 12; PUSH1 11 PUSH1 21 PUSH1 0 (9); CREATE 32000 + 18; POP 2;
  // RETURNDATASIZE PUSH1 0 PUSH1 0 RETURNDATACOPY: 2 + 3 + 3 + 3 + 3 (1 word, no new memory) = 14;
  // PUSH1 2 PUSH1 0 RETURN: 6. Total 12 + 9 + 32018 + 2 + 14 + 6 = 32061
  const r = run(
    Fork.Byzantium,
    'PUSH11 0x61abcd6000526002601efd PUSH1 0 MSTORE PUSH1 11 PUSH1 21 PUSH1 0 CREATE POP ' +
      'RETURNDATASIZE PUSH1 0 PUSH1 0 RETURNDATACOPY PUSH1 2 PUSH1 0 RETURN',
  );
  expectRun(r, Status.Return, 32061, 'reverted CREATE');
  assert.equal(bytesToHex(r.output), '0xabcd');
  // After the identity call (3 bytes in the buffer), a successful CREATE with empty initcode empties it:
  // 753 + 9 + 32000 + POP 2 + RETURNDATASIZE 2 + RETURN_TOP 12 = 32778
  const s = run(Fork.Byzantium, `${PREFIX} PUSH1 0 PUSH1 0 PUSH1 0 CREATE POP RETURNDATASIZE ${RETURN_TOP}`);
  expectRun(s, Status.Return, 32778, 'successful CREATE');
  assert.equal(outWord(s), 0n);
});
