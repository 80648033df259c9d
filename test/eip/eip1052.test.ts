/**
 * EIP-1052 (Constantinople): EXTCODEHASH (0x3f), 400 gas, pushes keccak256 of an account's code, or 0 for
 * an account that does not exist or is empty (EIP-161). EIP-1884 (Istanbul) reprices it to 700; EIP-2929
 * (Berlin) to 2600 cold / 100 warm.
 * https://eips.ethereum.org/EIPS/eip-1052
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, DEFAULT_RECEIVER, StateJournal, put, run, expectRun, outWord, asm } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { keccak256Word } from '../../src/primitives/crypto/keccak.js';
import { createAddress } from '../../src/state/addresses.js';

const ABSENT = 0xa0n;
const EMPTY = 0xa1n;
const BALANCE_ONLY = 0xa2n;
const CONTRACT = 0xa3n;
const CONTRACT_CODE = 'PUSH1 1 PUSH1 2 ADD STOP';

function state(): StateJournal {
  const s = new StateJournal();
  put(s, EMPTY);
  put(s, BALANCE_ONLY, { balance: 1n });
  put(s, CONTRACT, { code: CONTRACT_CODE });
  return s;
}

test('EIP-1052: EXTCODEHASH is undefined in Byzantium', () => {
  expectRun(
    run(Fork.Byzantium, `PUSH1 ${CONTRACT} EXTCODEHASH STOP`, { gas: 40_000n, state: state() }),
    Status.UndefinedOpcode,
    40_000,
    'Byzantium',
  );
});

test('EIP-1052: the hash it pushes (Constantinople, 400 gas)', () => {
  const rows: [string, bigint, bigint][] = [
    ['absent', ABSENT, 0n],
    ['empty', EMPTY, 0n],
    ['balance, no code', BALANCE_ONLY, keccak256Word(new Uint8Array(0))], // 0xc5d2...a470
    ['contract', CONTRACT, keccak256Word(asm(CONTRACT_CODE))],
    ['precompile 0x01 (not in the state)', 1n, 0n],
  ];
  assert.equal(rows[2]![2], 0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470n);
  for (const [name, addr, want] of rows) {
    // PUSH1 (3) + EXTCODEHASH (400) + RETURN_TOP (15) = 418
    const r = run(Fork.Constantinople, `PUSH1 ${addr} EXTCODEHASH ${RETURN_TOP}`, { state: state() });
    expectRun(r, Status.Return, 418, name);
    assert.equal(outWord(r), want, name);
  }
});

test('EIP-1052: price by fork (400, 700 from EIP-1884, 2600 cold / 100 warm from EIP-2929)', () => {
  const code = `PUSH1 ${CONTRACT} EXTCODEHASH POP PUSH1 ${CONTRACT} EXTCODEHASH POP STOP`;
  // twice: (3 + price + 2) each
  expectRun(run(Fork.Constantinople, code, { state: state() }), Status.Stop, 2 * (3 + 400 + 2), 'Constantinople'); // 810
  expectRun(run(Fork.Petersburg, code, { state: state() }), Status.Stop, 2 * (3 + 400 + 2), 'Petersburg');
  expectRun(run(Fork.Istanbul, code, { state: state() }), Status.Stop, 2 * (3 + 700 + 2), 'Istanbul'); // 1410
  expectRun(run(Fork.Berlin, code, { state: state() }), Status.Stop, 3 + 2600 + 2 + 3 + 100 + 2, 'Berlin'); // 2710
});

test('EIP-1052: during its own initcode a contract has no code yet but exists (nonce 1): the empty-code hash', () => {
  // Initcode ADDRESS EXTCODEHASH PUSH1 0 SSTORE (0x303f600055): 2 + 400 + 3 + 20000 = 20405.
  // PUSH5 (3) PUSH1 0 (3) MSTORE (6) PUSH1 5 PUSH1 27 PUSH1 0 (9) CREATE (32000) = 32021; total 52426.
  const r = run(Fork.Constantinople, 'PUSH5 0x303f600055 PUSH1 0 MSTORE PUSH1 5 PUSH1 27 PUSH1 0 CREATE STOP');
  expectRun(r, Status.Stop, 52426, 'Constantinople');
  const created = createAddress(DEFAULT_RECEIVER, 0n);
  assert.equal(r.state.getStorage(created, 0n), keccak256Word(new Uint8Array(0)));
});
