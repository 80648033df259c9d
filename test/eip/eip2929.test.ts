/**
 * EIP-2929 (Berlin): the first access to an account in a transaction costs 2600 (COLD_ACCOUNT_ACCESS_COST),
 * to a storage slot 2100 (COLD_SLOAD_COST); later ones 100 (WARM_STORAGE_READ_COST). BALANCE, EXT*,
 * CALL*, SELFDESTRUCT and SLOAD/SSTORE are priced this way. The sender, the recipient and the precompiles
 * start warm; EIP-2930 access lists warm more. Warming is undone when the frame that did it reverts.
 * https://eips.ethereum.org/EIPS/eip-2929
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, StateJournal, TxType, put, run, expectRun, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const X = 0x1234n; // another account (exists, so no new-account charges anywhere)

function state(): StateJournal {
  return put(new StateJournal(), X, { balance: 1n, code: 'STOP' });
}

test('EIP-2929: account-reading opcodes, Istanbul flat price vs Berlin cold then warm', () => {
  // Each opcode twice on X, with POP: [name, code of one access, its pushes, Istanbul price]
  const rows: [string, string, number, number][] = [
    ['BALANCE', `PUSH2 ${X} BALANCE POP`, 3, 700],
    ['EXTCODESIZE', `PUSH2 ${X} EXTCODESIZE POP`, 3, 700],
    ['EXTCODEHASH', `PUSH2 ${X} EXTCODEHASH POP`, 3, 700],
    ['EXTCODECOPY', `PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 ${X} EXTCODECOPY`, 12, 700],
    ['CALL', `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 ${X} PUSH1 0 CALL POP`, 21, 700],
    ['STATICCALL', `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 ${X} PUSH1 0 STATICCALL POP`, 18, 700],
  ];
  for (const [name, once, pushes, istanbul] of rows) {
    const pop = name === 'EXTCODECOPY' ? 0 : 2;
    const code = `${once} ${once} STOP`;
    expectRun(run(Fork.Istanbul, code, { state: state() }), Status.Stop, 2 * (pushes + istanbul + pop), `Istanbul ${name}`);
    // Berlin: pushes + 2600 (cold) + pop, then pushes + 100 (warm) + pop
    expectRun(run(Fork.Berlin, code, { state: state() }), Status.Stop, pushes + 2600 + pop + pushes + 100 + pop, `Berlin ${name}`);
  }
});

test('EIP-2929: SLOAD cold 2100 then warm 100 (Istanbul: 800 each)', () => {
  const code = 'PUSH1 0 SLOAD POP PUSH1 0 SLOAD POP PUSH1 1 SLOAD POP STOP';
  expectRun(run(Fork.Istanbul, code), Status.Stop, 3 * (3 + 800 + 2), 'Istanbul'); // 2415
  // slot 0 cold, slot 0 warm, slot 1 cold: (3 + 2100 + 2) + (3 + 100 + 2) + (3 + 2100 + 2) = 4315
  expectRun(run(Fork.Berlin, code), Status.Stop, 4315, 'Berlin');
});

test('EIP-2929: SSTORE pays 2100 more on a cold slot, nothing more on a warm one', () => {
  // Istanbul: 3 + 3 + 20000 = 20006. Berlin: 3 + 3 + 2100 + 20000 = 22106.
  expectRun(run(Fork.Istanbul, 'PUSH1 1 PUSH1 0 SSTORE STOP'), Status.Stop, 20006, 'Istanbul');
  expectRun(run(Fork.Berlin, 'PUSH1 1 PUSH1 0 SSTORE STOP'), Status.Stop, 22106, 'Berlin cold');
  // After an SLOAD warmed it: 3 + 2100 + 2 (SLOAD, POP) + 3 + 3 + 20000 = 22111
  expectRun(run(Fork.Berlin, 'PUSH1 0 SLOAD POP PUSH1 1 PUSH1 0 SSTORE STOP'), Status.Stop, 22111, 'Berlin warm');
  // A no-op write to a cold slot: 2100 + 100 (warm read price replaces SLOAD_GAS): 6 + 2200 = 2206
  expectRun(run(Fork.Berlin, 'PUSH1 0 PUSH1 0 SSTORE STOP'), Status.Stop, 2206, 'Berlin no-op');
});

test('EIP-2929: SELFDESTRUCT pays 2600 for a cold beneficiary', () => {
  // Istanbul: 3 + 5000 = 5003. Berlin: 3 + 5000 + 2600 = 7603 (no balance: no new-account charge).
  expectRun(run(Fork.Istanbul, 'PUSH1 0xbb SELFDESTRUCT'), Status.SelfDestruct, 5003, 'Istanbul');
  expectRun(run(Fork.Berlin, 'PUSH1 0xbb SELFDESTRUCT'), Status.SelfDestruct, 7603, 'Berlin cold');
  // The caller is warm: CALLER (2) + 5000 = 5002.
  expectRun(run(Fork.Berlin, 'CALLER SELFDESTRUCT'), Status.SelfDestruct, 5002, 'Berlin warm');
});

test('EIP-2929: the sender, the recipient and the precompiles start warm', () => {
  // X BALANCE POP = [push] + price + 2
  expectRun(run(Fork.Berlin, 'CALLER BALANCE POP STOP'), Status.Stop, 2 + 100 + 2, 'sender');
  expectRun(run(Fork.Berlin, 'ADDRESS BALANCE POP STOP'), Status.Stop, 2 + 100 + 2, 'recipient');
  for (let p = 1; p <= 9; p++) expectRun(run(Fork.Berlin, `PUSH1 ${p} BALANCE POP STOP`), Status.Stop, 3 + 100 + 2, `precompile ${p}`);
  // 0x0a is no precompile until Cancun (EIP-4844): cold in Berlin, warm in Cancun.
  expectRun(run(Fork.Berlin, 'PUSH1 10 BALANCE POP STOP'), Status.Stop, 3 + 2600 + 2, '0x0a in Berlin');
  expectRun(run(Fork.Cancun, 'PUSH1 10 BALANCE POP STOP'), Status.Stop, 3 + 100 + 2, '0x0a in Cancun');
});

test('EIP-2929: an access list (EIP-2930) warms its addresses and slots', () => {
  const C = 0xc0n;
  const code = `PUSH2 ${X} BALANCE POP PUSH1 0 SLOAD POP STOP`;
  // Without: 21000 + (3 + 2600 + 2) + (3 + 2100 + 2) = 25710
  let r = sendTx(Fork.Berlin, { type: TxType.AccessList, chainId: 1n, to: C, v: 0n }, { state: put(state(), C, { code }) });
  expectTx(r.receipt, Status.Stop, 25710, 'no access list');
  // With [X], [C: slot 0]: 21000 + 2 * 2400 + 1900 = 27700 intrinsic; (3 + 100 + 2) + (3 + 100 + 2) = 210: 27910
  r = sendTx(
    Fork.Berlin,
    {
      type: TxType.AccessList,
      chainId: 1n,
      to: C,
      v: 0n,
      accessList: [
        { address: X, storageKeys: [] },
        { address: C, storageKeys: [0n] },
      ],
    },
    { state: put(state(), C, { code }) },
  );
  expectTx(r.receipt, Status.Stop, 27910, 'with access list');
});

test('EIP-2929: warming done by a reverted frame is undone', () => {
  const child = 0xc41dn;
  // child: PUSH2 X BALANCE POP (3 + 2600 + 2) PUSH1 0 PUSH1 0 REVERT (6) = 2611
  const s = put(state(), child, { code: `PUSH2 ${X} BALANCE POP PUSH1 0 PUSH1 0 REVERT` });
  // parent: CALL(0xffff, child): 21 + 2600 (child cold) + 2611, POP 2; PUSH2 X BALANCE POP: 3 + 2600 (cold again) + 2
  // = 21 + 2600 + 2611 + 2 + 2605 = 7839
  const r = run(Fork.Berlin, `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 ${child} PUSH2 0xffff CALL POP PUSH2 ${X} BALANCE POP STOP`, {
    state: s,
  });
  expectRun(r, Status.Stop, 7839, 'Berlin');
  // The same child ending in STOP keeps X warm: child 3 + 2600 + 2 = 2605; parent 21 + 2600 + 2605 + 2 + 3 + 100 + 2 = 5333
  const s2 = put(state(), child, { code: `PUSH2 ${X} BALANCE POP STOP` });
  const r2 = run(Fork.Berlin, `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 ${child} PUSH2 0xffff CALL POP PUSH2 ${X} BALANCE POP STOP`, {
    state: s2,
  });
  expectRun(r2, Status.Stop, 5333, 'Berlin, child stops');
});

test('EIP-2929: a cold access that does not fit is out of gas', () => {
  // PUSH2 (3) + BALANCE 100 + 2500 cold surcharge = 2603
  expectRun(run(Fork.Berlin, `PUSH2 ${X} BALANCE STOP`, { gas: 2602n, state: state() }), Status.OutOfGas, 2602, '2602');
  expectRun(run(Fork.Berlin, `PUSH2 ${X} BALANCE STOP`, { gas: 2603n, state: state() }), Status.Stop, 2603, '2603');
});

test('EIP-2929: a CALL that fails for lack of balance still pays the cold access, and the callee stays warm', () => {
  // The receiver has no balance; CALL(gas 0, X, value 1): 7 pushes 21 + 100 + 2500 (cold) + 9000 (value);
  // the call fails at once and gives back what it was given, the 2300 stipend; POP 2; then
  // PUSH2 X BALANCE POP: 3 + 100 (warm) + 2. 21 + 11600 - 2300 + 2 + 105 = 9428
  const r = run(Fork.Berlin, `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 1 PUSH2 ${X} PUSH1 0 CALL POP PUSH2 ${X} BALANCE POP STOP`, {
    state: state(),
  });
  expectRun(r, Status.Stop, 9428, 'Berlin');
  assert.equal(r.state.getBalance(X), 1n, 'no value moved');
});
