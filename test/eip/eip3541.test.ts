/**
 * EIP-3541 (London): new code starting with 0xEF is rejected: the creation fails with an exceptional halt
 * (all its gas consumed), for creation transactions, CREATE and CREATE2 alike. Existing code and
 * initcode starting with 0xEF are not affected.
 * https://eips.ethereum.org/EIPS/eip-3541
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, DEFAULT_RECEIVER, RETURN_TOP, TX_SENDER, hexToBytes, run, expectRun, outWord, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { createAddress } from '../../src/state/addresses.js';

/** Initcode that returns one byte b: PUSH1 b PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 RETURN (10 bytes, 2 of them zero). */
const init = (b: number) => `0x60${b.toString(16).padStart(2, '0')}60005360016000f3`;
// Its gas: 3 + 3 + (3 + 3 memory) + 3 + 3 + 0 = 18, then the deposit 200 * 1.

test('EIP-3541: a creation transaction deploying 0xEF: fine in Berlin, rejected in London', () => {
  // intrinsic: 53000 + 8 non-zero * 16 + 2 zero * 4 = 53136
  const addr = createAddress(TX_SENDER, 0n);
  let r = sendTx(Fork.Berlin, { to: null, data: hexToBytes(init(0xef)), gasLimit: 100_000n });
  expectTx(r.receipt, Status.Return, 53136 + 18 + 200, 'Berlin'); // 53354
  assert.equal(r.state.getCode(addr)[0], 0xef);
  r = sendTx(Fork.London, { to: null, data: hexToBytes(init(0xef)), gasLimit: 100_000n });
  expectTx(r.receipt, Status.InvalidCodePrefix, 100_000, 'London');
  assert.equal(r.state.exists(addr), false);
  // Other first bytes are fine in London: 0xfe, 0xee, 0x00
  for (const b of [0xfe, 0xee, 0x00]) {
    const ok = sendTx(Fork.London, { to: null, data: hexToBytes(init(b)), gasLimit: 100_000n });
    // 0x00 adds a zero byte to the data: 53136 - 16 + 4
    const intrinsic = b === 0 ? 53124 : 53136;
    expectTx(ok.receipt, Status.Return, intrinsic + 18 + 200, `London 0x${b.toString(16)}`);
  }
});

test('EIP-3541: CREATE and CREATE2 returning 0xEF fail in London', () => {
  // Put the 10-byte initcode at memory 22..31: PUSH10 (3) PUSH1 0 (3) MSTORE (3 + 3) = 12;
  // CREATE:  PUSH1 10 PUSH1 22 PUSH1 0 (9) + 32000 = 32009;             then RETURN_TOP 12.
  // CREATE2: PUSH1 0 PUSH1 10 PUSH1 22 PUSH1 0 (12) + 32000 + 6 (hash) = 32018; then RETURN_TOP 12.
  const ef = init(0xef);
  const create = `PUSH10 ${ef} PUSH1 0 MSTORE PUSH1 10 PUSH1 22 PUSH1 0 CREATE ${RETURN_TOP}`;
  const create2 = `PUSH10 ${ef} PUSH1 0 MSTORE PUSH1 0 PUSH1 10 PUSH1 22 PUSH1 0 CREATE2 ${RETURN_TOP}`;
  // Berlin: the child runs 18 and deposits 200: CREATE 12 + 32009 + 218 + 12 = 32251; CREATE2 12 + 32018 + 218 + 12 = 32260
  let r = run(Fork.Berlin, create, { gas: 100_000n });
  expectRun(r, Status.Return, 32251, 'Berlin CREATE');
  assert.equal(outWord(r), createAddress(DEFAULT_RECEIVER, 0n));
  expectRun(run(Fork.Berlin, create2, { gas: 100_000n }), Status.Return, 32260, 'Berlin CREATE2');
  // London, gas 100000: CREATE leaves 100000 - 12 - 32009 = 67979; the child gets 67979 - floor(67979 / 64) =
  // 67979 - 1062 = 66917 and loses it all; 12 more: 12 + 32009 + 66917 + 12 = 98950.
  r = run(Fork.London, create, { gas: 100_000n });
  expectRun(r, Status.Return, 98950, 'London CREATE');
  assert.equal(outWord(r), 0n);
  // CREATE2: 100000 - 12 - 32018 = 67970; 67970 - floor(67970 / 64) = 67970 - 1062 = 66908: 12 + 32018 + 66908 + 12 = 98950.
  r = run(Fork.London, create2, { gas: 100_000n });
  expectRun(r, Status.Return, 98950, 'London CREATE2');
  assert.equal(outWord(r), 0n);
});

test('EIP-3541: 0xEF inside initcode or later in the code is fine (London)', () => {
  // Initcode 0x6160ef6000526002601ef3 (11 bytes, holds 0xef as PUSH data):
  //   PUSH2 0x60ef (3) PUSH1 0 (3) MSTORE (3 + 3) PUSH1 2 (3) PUSH1 30 (3) RETURN (0) = 18, deposit 200 * 2 = 400;
  //   the deployed code is 0x60ef (PUSH1 0xef): 0xef, but not first.
  const r = run(Fork.London, 'PUSH12 0x6160ef6000526002601ef3 PUSH1 0 MSTORE PUSH1 11 PUSH1 21 PUSH1 0 CREATE ' + RETURN_TOP, {
    gas: 100_000n,
  });
  // outer: PUSH12 (initcode at memory 21..31) 3 + PUSH1 3 + MSTORE 6 + 3 pushes 9 + CREATE 32000 = 32021;
  // child 18 + 400; RETURN_TOP 12: 32451
  expectRun(r, Status.Return, 32451, 'London');
  const addr = createAddress(DEFAULT_RECEIVER, 0n);
  assert.equal(outWord(r), addr);
  assert.deepEqual([...r.state.getCode(addr)], [0x60, 0xef]);
});
