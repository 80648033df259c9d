/**
 * EIP-1014 (Constantinople): CREATE2 (0xf5) creates at keccak256(0xff ++ sender ++ salt ++
 * keccak256(init_code))[12:] and costs CREATE's gas plus 6 per word of initcode for the hashing.
 * Creating at an address with a nonce or code fails (EIP-684) and consumes the gas given to it.
 * https://eips.ethereum.org/EIPS/eip-1014 (the address examples below are the EIP's)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, DEFAULT_RECEIVER, hexToBytes, run, expectRun, outWord } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { create2Address, createAddress } from '../../src/state/addresses.js';

const A0 = 0n;
const A_DEADBEEF_HIGH = 0xdeadbeef00000000000000000000000000000000n;
const A_DEADBEEF_LOW = 0xdeadbeefn;
const SALT_FEED = 0x000000000000000000000000feed000000000000000000000000000000000000n;

const EXAMPLES: [bigint, bigint, string, bigint][] = [
  [A0, 0n, '0x00', 0x4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38n],
  [A_DEADBEEF_HIGH, 0n, '0x00', 0xb928f69bb1d91cd65274e3c79d8986362984fda3n],
  [A_DEADBEEF_HIGH, SALT_FEED, '0x00', 0xd04116cdd17bebe565eb2422f2497e06cc1c9833n],
  [A0, 0n, '0xdeadbeef', 0x70f2b2914a2a4b783faefb75f459a580616fcb5en],
  [A_DEADBEEF_LOW, 0xcafebaben, '0xdeadbeef', 0x60f3f640a8508fc6a86d45df051962668e1e8ac7n],
  [A_DEADBEEF_LOW, 0xcafebaben, '0x' + 'deadbeef'.repeat(11), 0x1d8bfdc5d46dc4f61d6b6115972536ebe6a8854cn],
  [A0, 0n, '0x', 0xe33c0c7f7df4809055c3eba6c09cfe4baf1bd9e0n],
];

test("EIP-1014: the EIP's address examples", () => {
  for (const [sender, salt, init, want] of EXAMPLES) {
    assert.equal(create2Address(sender, salt, hexToBytes(init)), want, `${sender.toString(16)} ${salt.toString(16)} ${init}`);
  }
});

test('EIP-1014: CREATE2 is undefined in Byzantium', () => {
  expectRun(
    run(Fork.Byzantium, 'PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 CREATE2 STOP', { gas: 50_000n }),
    Status.UndefinedOpcode,
    50_000,
    'Byzantium',
  );
});

test("EIP-1014: CREATE2 from the EIP's senders lands at the EIP's addresses (Constantinople)", () => {
  // Initcode 0x00 (one byte, memory is already zero): CREATE2(value 0, offset 0, size 1, salt)
  //   4 pushes 12 + CREATE2 32000 + hashing 6 * 1 word + memory 3 (1 word) = 32021; initcode STOP: 0;
  //   RETURN_TOP with memory already 1 word: 12. Total 32033 (the EIP's "32006" is 32000 + 6, without memory).
  for (const [salt, push, want] of [
    [0n, 'PUSH1 0', 0xb928f69bb1d91cd65274e3c79d8986362984fda3n],
    [SALT_FEED, `PUSH32 ${SALT_FEED}`, 0xd04116cdd17bebe565eb2422f2497e06cc1c9833n],
  ] as const) {
    const r = run(Fork.Constantinople, `${push} PUSH1 1 PUSH1 0 PUSH1 0 CREATE2 ${RETURN_TOP}`, { receiver: A_DEADBEEF_HIGH });
    expectRun(r, Status.Return, 32033, `salt ${salt.toString(16)}`);
    assert.equal(outWord(r), want);
    assert.equal(r.state.getNonce(want), 1n, 'EIP-161 nonce of the new contract');
  }
});

test('EIP-1014: CREATE2 pays 6 gas per initcode word for the hashing, CREATE does not', () => {
  // 33 zero bytes of initcode (STOP first): 2 words, memory 2 words (6).
  // CREATE2: 4 pushes 12 + 32000 + 6 * 2 + 6 = 32030
  const c2 = run(Fork.Constantinople, `PUSH1 7 PUSH1 33 PUSH1 0 PUSH1 0 CREATE2 STOP`);
  expectRun(c2, Status.Stop, 32030, 'CREATE2 33 bytes');
  assert.equal(c2.state.getNonce(create2Address(DEFAULT_RECEIVER, 7n, new Uint8Array(33))), 1n);
  // CREATE: 3 pushes 9 + 32000 + 6 = 32015
  const c1 = run(Fork.Constantinople, `PUSH1 33 PUSH1 0 PUSH1 0 CREATE STOP`);
  expectRun(c1, Status.Stop, 32015, 'CREATE 33 bytes');
  assert.equal(c1.state.getNonce(createAddress(DEFAULT_RECEIVER, 0n)), 1n);
  // 100 bytes: 4 words: 12 + 32000 + 6 * 4 + memCost(4) = 12 = 32048
  expectRun(run(Fork.Constantinople, `PUSH1 7 PUSH1 100 PUSH1 0 PUSH1 0 CREATE2 STOP`), Status.Stop, 32048, 'CREATE2 100 bytes');
});

test('EIP-1014: a second CREATE2 with the same salt and initcode collides and consumes its gas', () => {
  // First: 12 + 32000 + 6 + 3 = 32021, POP 2: 32023.
  // Second: 12 + 32000 + 6 (memory already paid) = 32018; 128041 - 32023 - 32018 = 64000 left,
  // forwarded 64000 - 1000 = 63000 and consumed by the collision; 1000 kept; RETURN_TOP 12.
  // Total 128041 - 1000 + 12 = 127053.
  const once = 'PUSH1 0 PUSH1 1 PUSH1 0 PUSH1 0 CREATE2';
  const r = run(Fork.Constantinople, `${once} POP ${once} ${RETURN_TOP}`, { gas: 128_041n });
  expectRun(r, Status.Return, 127053, 'collision');
  assert.equal(outWord(r), 0n);
  assert.equal(r.state.getNonce(DEFAULT_RECEIVER), 2n, 'both attempts use a creator nonce');
});
