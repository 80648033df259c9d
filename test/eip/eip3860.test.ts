/**
 * EIP-3860 (Shanghai): initcode is limited to 49152 bytes (2 * 24576) and costs 2 gas per 32-byte word,
 * in creation transactions (intrinsic gas; a longer one is an invalid transaction) and in CREATE/CREATE2
 * (a longer one is an exceptional halt).
 * https://eips.ethereum.org/EIPS/eip-3860
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, DEFAULT_RECEIVER, run, expectRun, sendTx, expectTx, memCost } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { createAddress } from '../../src/state/addresses.js';

test('EIP-3860: creation transaction intrinsic gas: + 2 per initcode word', () => {
  // 33 zero bytes (STOP first): 33 * 4 = 132 of calldata. Paris 53000 + 132 = 53132; Shanghai + 2 * 2 words = 53136.
  const data = new Uint8Array(33);
  expectTx(sendTx(Fork.Paris, { to: null, data }).receipt, Status.Stop, 53132, 'Paris');
  expectTx(sendTx(Fork.Shanghai, { to: null, data }).receipt, Status.Stop, 53136, 'Shanghai');
  // A call transaction with the same data pays no word gas: 21000 + 132.
  expectTx(sendTx(Fork.Shanghai, { to: 0xeen, data }).receipt, Status.Stop, 21132, 'Shanghai call');
});

test('EIP-3860: creation transactions with 49152 bytes are valid, 49153 are not (Shanghai)', () => {
  // 49152 zero bytes: 53000 + 49152 * 4 (196608) + 1536 words * 2 (3072) = 252680
  expectTx(sendTx(Fork.Shanghai, { to: null, data: new Uint8Array(49152) }).receipt, Status.Stop, 252680, 'Shanghai 49152');
  const r = sendTx(Fork.Shanghai, { to: null, data: new Uint8Array(49153) });
  assert.match(r.receipt.rejected ?? '', /initcode size/);
  // Paris: no limit, no word gas: 53000 + 49153 * 4 = 249612
  expectTx(sendTx(Fork.Paris, { to: null, data: new Uint8Array(49153) }).receipt, Status.Stop, 249612, 'Paris 49153');
});

test('EIP-3860: CREATE with more than 49152 bytes of initcode halts in Shanghai', () => {
  // PUSH2 size PUSH1 0 PUSH1 0 (9) CREATE 32000 + memory for the initcode (zeros: it just STOPs).
  // 49153 bytes = 1537 words: memCost 3 * 1537 + floor(1537^2 / 512) = 4611 + 4614 = 9225.
  assert.equal(memCost(1537), 9225);
  const over = 'PUSH2 49153 PUSH1 0 PUSH1 0 CREATE STOP';
  expectRun(run(Fork.Paris, over), Status.Stop, 9 + 32000 + 9225, 'Paris 49153'); // 41234
  expectRun(run(Fork.Shanghai, over, { gas: 100_000n }), Status.MaxInitcodeSizeExceeded, 100_000, 'Shanghai 49153');
  // 49152 bytes = 1536 words: memCost 4608 + 4608 = 9216, word gas 2 * 1536 = 3072: 9 + 32000 + 9216 + 3072 = 44297
  assert.equal(memCost(1536), 9216);
  const r = run(Fork.Shanghai, 'PUSH2 49152 PUSH1 0 PUSH1 0 CREATE STOP');
  expectRun(r, Status.Stop, 44297, 'Shanghai 49152');
  assert.equal(r.state.getNonce(createAddress(DEFAULT_RECEIVER, 0n)), 1n);
  // CREATE2 over the limit halts too.
  expectRun(
    run(Fork.Shanghai, 'PUSH1 0 PUSH2 49153 PUSH1 0 PUSH1 0 CREATE2 STOP', { gas: 100_000n }),
    Status.MaxInitcodeSizeExceeded,
    100_000,
    'Shanghai CREATE2 49153',
  );
});

test('EIP-3860: CREATE pays 2 per word, CREATE2 6 + 2 per word', () => {
  // 33 bytes = 2 words, memory 2 words (6).
  // CREATE:  9 + 32000 + 6 = 32015 in Paris; + 2 * 2 = 32019 in Shanghai
  expectRun(run(Fork.Paris, 'PUSH1 33 PUSH1 0 PUSH1 0 CREATE STOP'), Status.Stop, 32015, 'Paris CREATE');
  expectRun(run(Fork.Shanghai, 'PUSH1 33 PUSH1 0 PUSH1 0 CREATE STOP'), Status.Stop, 32019, 'Shanghai CREATE');
  // CREATE2: 12 + 32000 + 6 + 6 * 2 = 32030 in Paris; + 2 * 2 = 32034 in Shanghai
  expectRun(run(Fork.Paris, 'PUSH1 0 PUSH1 33 PUSH1 0 PUSH1 0 CREATE2 STOP'), Status.Stop, 32030, 'Paris CREATE2');
  expectRun(run(Fork.Shanghai, 'PUSH1 0 PUSH1 33 PUSH1 0 PUSH1 0 CREATE2 STOP'), Status.Stop, 32034, 'Shanghai CREATE2');
});
