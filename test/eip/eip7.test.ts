/**
 * EIP-7 (Homestead): DELEGATECALL (0xf4) runs another account's code in the caller's context, keeping
 * the caller's CALLER and CALLVALUE. Before Homestead the byte is undefined.
 * https://eips.ethereum.org/EIPS/eip-7
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, DEFAULT_RECEIVER, DEFAULT_SENDER, StateJournal, put, run, expectRun } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const CALLEE = 0xca11een;
// Callee: CALLER PUSH1 0 SSTORE CALLVALUE PUSH1 1 SSTORE STOP
//   (2 + 3 + SSTORE) + (2 + 3 + SSTORE); an SSTORE of non-zero into a zero slot costs 20000, of zero 5000.
const CALLEE_CODE = 'CALLER PUSH1 0 SSTORE CALLVALUE PUSH1 1 SSTORE STOP';

function state(): StateJournal {
  return put(new StateJournal(), CALLEE, { code: CALLEE_CODE });
}

test('EIP-7: DELEGATECALL is undefined in Frontier (exceptional halt, all gas used)', () => {
  const r = run(Fork.Frontier, `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH3 ${CALLEE} PUSH3 100000 DELEGATECALL STOP`, {
    gas: 200_000n,
    state: state(),
  });
  expectRun(r, Status.UndefinedOpcode, 200_000, 'Frontier DELEGATECALL');
});

test("EIP-7: DELEGATECALL keeps CALLER and CALLVALUE and writes the caller's storage (Homestead)", () => {
  // DELEGATECALL(gas 100000, CALLEE, args 0/0, ret 0/0); then PUSH1 2 SSTORE stores the success flag.
  //   6 pushes: 6 * 3 = 18
  //   DELEGATECALL: 40 (pre-EIP-150 call price); the 100000 forwarded come back minus what the callee used
  //   callee: 2 + 3 + 20000 (CALLER, non-zero) + 2 + 3 + 20000 (CALLVALUE 5, non-zero) = 40010
  //   PUSH1 2 (3) SSTORE 1 into slot 2 (20000)
  //   total 18 + 40 + 40010 + 3 + 20000 = 60071
  const r = run(Fork.Homestead, `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH3 ${CALLEE} PUSH3 100000 DELEGATECALL PUSH1 2 SSTORE STOP`, {
    gas: 200_000n,
    value: 5n,
    state: state(),
  });
  expectRun(r, Status.Stop, 60071, 'Homestead DELEGATECALL');
  const st = r.state;
  assert.equal(st.getStorage(DEFAULT_RECEIVER, 0n), DEFAULT_SENDER, 'CALLER is the original sender');
  assert.equal(st.getStorage(DEFAULT_RECEIVER, 1n), 5n, 'CALLVALUE is the original value');
  assert.equal(st.getStorage(DEFAULT_RECEIVER, 2n), 1n, 'DELEGATECALL succeeded');
  assert.equal(st.getStorage(CALLEE, 0n), 0n, "the callee's own storage is untouched");
  assert.equal(st.getBalance(CALLEE), 0n, 'no value moves');
});

test('EIP-7: CALLCODE, by contrast, makes the caller the CALLER and passes its own value (Homestead)', () => {
  // CALLCODE(gas 100000, CALLEE, value 0, args 0/0, ret 0/0): 7 pushes = 21, CALLCODE 40,
  //   callee: 2 + 3 + 20000 (CALLER = receiver, non-zero) + 2 + 3 + 5000 (CALLVALUE 0 into a zero slot) = 25010
  //   PUSH1 2 SSTORE: 3 + 20000
  //   total 21 + 40 + 25010 + 20003 = 45074
  const r = run(Fork.Homestead, `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH3 ${CALLEE} PUSH3 100000 CALLCODE PUSH1 2 SSTORE STOP`, {
    gas: 200_000n,
    value: 5n,
    state: state(),
  });
  expectRun(r, Status.Stop, 45074, 'Homestead CALLCODE');
  assert.equal(r.state.getStorage(DEFAULT_RECEIVER, 0n), DEFAULT_RECEIVER);
  assert.equal(r.state.getStorage(DEFAULT_RECEIVER, 1n), 0n);
});

test('EIP-7: DELEGATECALL static gas is 40 in Homestead, 700 from Tangerine Whistle (EIP-150), 100 warm from Berlin', () => {
  // DELEGATECALL(gas 0) to an account without code: 6 pushes (18) + the call price.
  const code = 'PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0xee PUSH1 0 DELEGATECALL STOP';
  expectRun(run(Fork.Homestead, code), Status.Stop, 18 + 40, 'Homestead');
  expectRun(run(Fork.TangerineWhistle, code), Status.Stop, 18 + 700, 'Tangerine Whistle');
  // Berlin: 0xee is cold: 100 + 2500 (EIP-2929 cold surcharge).
  expectRun(run(Fork.Berlin, code), Status.Stop, 18 + 2600, 'Berlin cold');
});
