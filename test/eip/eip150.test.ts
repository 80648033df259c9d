/**
 * EIP-150 (Tangerine Whistle): IO-heavy opcodes repriced (BALANCE 20 -> 400, EXTCODESIZE/EXTCODECOPY
 * 20 -> 700, SLOAD 50 -> 200, CALL/CALLCODE/DELEGATECALL 40 -> 700, SELFDESTRUCT 0 -> 5000, + 25000 when
 * it creates an account), and the 63/64 rule: a call or create gets at most all but one 64th of the gas
 * left; a CALL asking for more is capped instead of failing as it did before.
 * https://eips.ethereum.org/EIPS/eip-150
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, DEFAULT_RECEIVER, StateJournal, put, run, expectRun } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { createAddress } from '../../src/state/addresses.js';

const OTHER = 0xeen; // an existing account (balance 1, so it exists before and after EIP-161)

function state(code?: string): StateJournal {
  return put(new StateJournal(), OTHER, { balance: 1n, code });
}

test('EIP-150: repriced opcodes, Homestead vs Tangerine Whistle', () => {
  // [name, code, gas of the pushes, Homestead price, Tangerine Whistle price]
  const rows: [string, string, number, number, number][] = [
    ['BALANCE', `PUSH1 ${OTHER} BALANCE STOP`, 3, 20, 400],
    ['EXTCODESIZE', `PUSH1 ${OTHER} EXTCODESIZE STOP`, 3, 20, 700],
    ['EXTCODECOPY (size 0)', `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 ${OTHER} EXTCODECOPY STOP`, 12, 20, 700],
    ['SLOAD', 'PUSH1 0 SLOAD STOP', 3, 50, 200],
    // CALL/CALLCODE with gas 0 and no value to an existing account without code: only the base price.
    ['CALL', `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 ${OTHER} PUSH1 0 CALL STOP`, 21, 40, 700],
    ['CALLCODE', `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 ${OTHER} PUSH1 0 CALLCODE STOP`, 21, 40, 700],
    ['DELEGATECALL', `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 ${OTHER} PUSH1 0 DELEGATECALL STOP`, 18, 40, 700],
    // SELFDESTRUCT to an existing beneficiary.
    ['SELFDESTRUCT', `PUSH1 ${OTHER} SELFDESTRUCT`, 3, 0, 5000],
  ];
  for (const [name, code, pushes, before, after] of rows) {
    const h = run(Fork.Homestead, code, { state: state() });
    assert.ok(h.success, `${name} Homestead: ${h.error}`);
    assert.equal(h.gasUsed, BigInt(pushes + before), `${name} Homestead: ${pushes} + ${before}`);
    const t = run(Fork.TangerineWhistle, code, { state: state() });
    assert.ok(t.success, `${name} Tangerine Whistle: ${t.error}`);
    assert.equal(t.gasUsed, BigInt(pushes + after), `${name} Tangerine Whistle: ${pushes} + ${after}`);
  }
});

test('EIP-150: SELFDESTRUCT to an account that does not exist costs 5000 + 25000', () => {
  // Homestead: PUSH1 (3) + SELFDESTRUCT (0) = 3. Tangerine Whistle: 3 + 5000 + 25000 (new account) = 30003,
  // even with no balance to move (EIP-161 later charges the 25000 only when value moves).
  expectRun(run(Fork.Homestead, 'PUSH1 0xbb SELFDESTRUCT'), Status.SelfDestruct, 3, 'Homestead');
  expectRun(run(Fork.TangerineWhistle, 'PUSH1 0xbb SELFDESTRUCT'), Status.SelfDestruct, 30003, 'Tangerine Whistle');
});

test('EIP-150: a CALL asking for more gas than is left fails before, and is capped at 63/64 after', () => {
  // The callee records the gas it received: GAS (2, pushes gas left after itself) PUSH1 0 SSTORE (3 + 20000).
  const callee = 'GAS PUSH1 0 SSTORE STOP';
  const code = `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 ${OTHER} PUSH3 0xffffff CALL STOP`;

  // Homestead: 21 (pushes) + 40 + 16777215 asked > 100000 - 61 available: out of gas, all 100000 used.
  expectRun(run(Fork.Homestead, code, { gas: 100_000n, state: state(callee) }), Status.OutOfGas, 100_000, 'Homestead');

  // Tangerine Whistle: 21 + 700 = 721 paid, 99279 left; the callee gets 99279 - floor(99279 / 64)
  // = 99279 - 1551 = 97728, and stores 97728 - 2 = 97726. It uses 2 + 3 + 20000 = 20005.
  // Total 721 + 20005 = 20726.
  const t = run(Fork.TangerineWhistle, code, { gas: 100_000n, state: state(callee) });
  expectRun(t, Status.Stop, 20726, 'Tangerine Whistle');
  assert.equal(t.state.getStorage(OTHER, 0n), 97726n);
});

test('EIP-150: a CALL asking for less than the cap gets exactly what it asked, in both forks', () => {
  const callee = 'GAS PUSH1 0 SSTORE STOP';
  const code = `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 ${OTHER} PUSH2 50000 CALL STOP`;
  // Homestead: 21 + 40 + callee 20005 = 20066; the callee sees 50000 - 2.
  const h = run(Fork.Homestead, code, { gas: 100_000n, state: state(callee) });
  expectRun(h, Status.Stop, 20066, 'Homestead');
  assert.equal(h.state.getStorage(OTHER, 0n), 49998n);
  // Tangerine Whistle: 21 + 700 + 20005 = 20726.
  const t = run(Fork.TangerineWhistle, code, { gas: 100_000n, state: state(callee) });
  expectRun(t, Status.Stop, 20726, 'Tangerine Whistle');
  assert.equal(t.state.getStorage(OTHER, 0n), 49998n);
});

test('EIP-150: CREATE passes all the gas left before, all but one 64th after', () => {
  // Initcode GAS PUSH1 0 SSTORE STOP (0x5a60005500) stores the gas it starts with (minus 2).
  // PUSH5 (3) PUSH1 0 (3) MSTORE (3 + 3) PUSH1 5 (3) PUSH1 27 (3) PUSH1 0 (3) CREATE (32000) = 32021,
  // 100000 - 32021 = 67979 left. The initcode uses 2 + 3 + 20000 = 20005 and deploys nothing.
  const code = 'PUSH5 0x5a60005500 PUSH1 0 MSTORE PUSH1 5 PUSH1 27 PUSH1 0 CREATE STOP';
  const created = createAddress(DEFAULT_RECEIVER, 0n);
  // Homestead: the child gets 67979 and stores 67977. Total 32021 + 20005 = 52026.
  const h = run(Fork.Homestead, code, { gas: 100_000n, state: new StateJournal() });
  expectRun(h, Status.Stop, 52026, 'Homestead');
  assert.equal(h.state.getStorage(created, 0n), 67977n);
  // Tangerine Whistle: 67979 - floor(67979 / 64) = 67979 - 1062 = 66917, stores 66915. Same total.
  const t = run(Fork.TangerineWhistle, code, { gas: 100_000n, state: new StateJournal() });
  expectRun(t, Status.Stop, 52026, 'Tangerine Whistle');
  assert.equal(t.state.getStorage(created, 0n), 66915n);
});
