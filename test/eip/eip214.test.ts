/**
 * EIP-214 (Byzantium): STATICCALL (0xfa) calls without value and makes the callee, and everything it
 * calls, unable to change state: SSTORE, LOG*, CREATE*, SELFDESTRUCT and CALL with value fail with an
 * exceptional halt (all the callee's gas is consumed). STATICCALL costs what CALL costs (700, EIP-150).
 * https://eips.ethereum.org/EIPS/eip-214
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, StateJournal, put, run, expectRun, outWord } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const CALLEE = 0xca11een;
const INNER = 0x1eafn;

// STATICCALL(gas 10000, CALLEE, args 0/0, ret 0/0), then RETURN_TOP with the flag:
//   6 pushes (18) + STATICCALL 700 + callee + RETURN_TOP 15 (first memory word)
const STATIC = `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH3 ${CALLEE} PUSH2 10000 STATICCALL ${RETURN_TOP}`;

function state(calleeCode: string): StateJournal {
  const s = put(new StateJournal(), CALLEE, { code: calleeCode, balance: 10n });
  return put(s, INNER, { balance: 1n });
}

test('EIP-214: STATICCALL is undefined before Byzantium', () => {
  expectRun(run(Fork.SpuriousDragon, STATIC, { gas: 50_000n, state: state('STOP') }), Status.UndefinedOpcode, 50_000, 'SD');
});

test('EIP-214: a read-only callee succeeds (Byzantium)', () => {
  // callee: PUSH1 0 (3) SLOAD (200) POP (2) = 205; total 18 + 700 + 205 + 15 = 938
  const r = run(Fork.Byzantium, STATIC, { state: state('PUSH1 0 SLOAD POP STOP') });
  expectRun(r, Status.Return, 938, 'read-only');
  assert.equal(outWord(r), 1n);
  // A CALL without value is allowed inside: 7 pushes 21 + CALL 700 + POP 2 = 723; total 18 + 700 + 723 + 15 = 1456
  const c = run(Fork.Byzantium, STATIC, { state: state(`PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 ${INNER} PUSH1 0 CALL POP STOP`) });
  expectRun(c, Status.Return, 1456, 'CALL without value');
  assert.equal(outWord(c), 1n);
});

test('EIP-214: state-changing instructions fail inside STATICCALL and consume the 10000 given', () => {
  const forbidden: [string, string][] = [
    ['SSTORE', 'PUSH1 1 PUSH1 0 SSTORE STOP'],
    ['LOG0', 'PUSH1 0 PUSH1 0 LOG0 STOP'],
    ['LOG4', 'PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 LOG4 STOP'],
    ['CREATE', 'PUSH1 0 PUSH1 0 PUSH1 0 CREATE STOP'],
    ['SELFDESTRUCT', `PUSH2 ${INNER} SELFDESTRUCT`],
    ['CALL with value', `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 1 PUSH2 ${INNER} PUSH1 0 CALL STOP`],
  ];
  for (const [name, code] of forbidden) {
    const r = run(Fork.Byzantium, STATIC, { state: state(code) });
    // 18 + 700 + 10000 (all of the callee's gas) + 15 = 10733
    expectRun(r, Status.Return, 10733, name);
    assert.equal(outWord(r), 0n, `${name}: STATICCALL pushes 0`);
    assert.equal(r.state.getStorage(CALLEE, 0n), 0n);
    assert.equal(r.state.getBalance(INNER), 1n);
    assert.equal(r.state.getBalance(CALLEE), 10n);
  }
});

test('EIP-214: the restriction reaches calls made from inside the static frame', () => {
  // CALLEE: CALL(gas 5000, INNER, 0, ...) and return INNER's flag. INNER writes storage, which fails.
  //   CALLEE: 7 pushes 21 + CALL 700 + 5000 (INNER fails: all consumed) + RETURN_TOP 15 = 5736
  // Outer: STATICCALL with ret area 0/32: 6 pushes 18 + 700 + 3 (ret memory) + 5736,
  //   then PUSH1 32 MSTORE (3 + 3 + 3 for word 2) and PUSH1 64 PUSH1 0 RETURN (6): 18 + 703 + 5736 + 9 + 6 = 6472
  const s = state(`PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 ${INNER} PUSH2 5000 CALL ${RETURN_TOP}`);
  put(s, INNER, { code: 'PUSH1 1 PUSH1 0 SSTORE STOP' });
  const r = run(
    Fork.Byzantium,
    `PUSH1 32 PUSH1 0 PUSH1 0 PUSH1 0 PUSH3 ${CALLEE} PUSH2 10000 STATICCALL PUSH1 32 MSTORE PUSH1 64 PUSH1 0 RETURN`,
    { state: s },
  );
  expectRun(r, Status.Return, 6472, 'nested');
  assert.equal(r.output[31], 0, 'the inner CALL failed');
  assert.equal(r.output[63], 1, 'the STATICCALL itself succeeded');
  assert.equal(r.state.getStorage(INNER, 0n), 0n);
});
