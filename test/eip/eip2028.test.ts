/**
 * EIP-2028 (Istanbul): transaction calldata costs 16 gas per non-zero byte (was 68); zero bytes stay at 4.
 * https://eips.ethereum.org/EIPS/eip-2028
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, hexToBytes, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { intrinsicGas } from '../../src/transition/intrinsic.js';
import { rulesFor } from '../../src/spec/rules.js';
import { TxType } from '../../src/tx/types.js';

// 2 zero bytes, 3 non-zero bytes.
const DATA = hexToBytes('0x0001ff0002');

test('EIP-2028: intrinsic gas of calldata, Petersburg vs Istanbul', () => {
  // Petersburg: 21000 + 2 * 4 + 3 * 68 = 21212; Istanbul: 21000 + 2 * 4 + 3 * 16 = 21056.
  const t = {
    type: TxType.Legacy,
    nonce: 0n,
    gasPrice: 1n,
    gasLimit: 0n,
    to: 0xeen,
    value: 0n,
    data: DATA,
    accessList: [],
    v: 27n,
    r: 1n,
    s: 1n,
  };
  assert.equal(intrinsicGas(t, rulesFor(Fork.Petersburg)), 21212n);
  assert.equal(intrinsicGas(t, rulesFor(Fork.Istanbul)), 21056n);
  // A transfer with that data to an account without code is charged exactly its intrinsic gas.
  expectTx(sendTx(Fork.Petersburg, { to: 0xeen, data: DATA }).receipt, Status.Stop, 21212, 'Petersburg');
  expectTx(sendTx(Fork.Istanbul, { to: 0xeen, data: DATA }).receipt, Status.Stop, 21056, 'Istanbul');
});

test('EIP-2028: a gas limit between the two prices is valid only in Istanbul', () => {
  const r = sendTx(Fork.Petersburg, { to: 0xeen, data: DATA, gasLimit: 21211n }).receipt;
  assert.match(r.rejected ?? '', /intrinsic gas too low/);
  expectTx(sendTx(Fork.Istanbul, { to: 0xeen, data: DATA, gasLimit: 21211n }).receipt, Status.Stop, 21056, 'Istanbul');
  // Exactly the Istanbul intrinsic gas is enough; one less is not.
  expectTx(sendTx(Fork.Istanbul, { to: 0xeen, data: DATA, gasLimit: 21056n }).receipt, Status.Stop, 21056, 'Istanbul exact');
  assert.match(sendTx(Fork.Istanbul, { to: 0xeen, data: DATA, gasLimit: 21055n }).receipt.rejected ?? '', /intrinsic gas too low/);
});

test("EIP-2028: a creation transaction's initcode is calldata too (53000 + 4/16 per byte)", () => {
  // initcode 0x00ff: STOP, then a byte never reached; 1 zero and 1 non-zero byte.
  // Petersburg 53000 + 4 + 68 = 53072; Istanbul 53000 + 4 + 16 = 53020.
  const init = hexToBytes('0x00ff');
  expectTx(sendTx(Fork.Petersburg, { to: null, data: init }).receipt, Status.Stop, 53072, 'Petersburg');
  expectTx(sendTx(Fork.Istanbul, { to: null, data: init }).receipt, Status.Stop, 53020, 'Istanbul');
});

test('EIP-2028 after EIP-7623 (Prague): a data-heavy transaction pays at least the calldata floor', () => {
  // tokens = zero bytes + 4 * non-zero bytes = 2 + 4 * 3 = 14; floor = 21000 + 10 * 14 = 21140 > 21056.
  expectTx(sendTx(Fork.Prague, { to: 0xeen, data: DATA }).receipt, Status.Stop, 21140, 'Prague');
  // Cancun has no floor: 21056.
  expectTx(sendTx(Fork.Cancun, { to: 0xeen, data: DATA }).receipt, Status.Stop, 21056, 'Cancun');
});
