/**
 * EIP-170 (Spurious Dragon): a creation whose returned code is longer than 24576 (0x6000) bytes fails
 * with an exceptional halt (all its gas is consumed). Before, any size could be deployed for 200 gas a byte.
 * https://eips.ethereum.org/EIPS/eip-170
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Fork,
  DEFAULT_RECEIVER,
  RETURN_TOP,
  TX_SENDER,
  hexToBytes,
  run,
  expectRun,
  outWord,
  sendTx,
  expectTx,
  memCost,
} from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { createAddress } from '../../src/state/addresses.js';

const CREATED = createAddress(DEFAULT_RECEIVER, 0n);

/** Initcode PUSH2 size PUSH1 0 RETURN (6 bytes): returns `size` zero bytes. Gas 3 + 3 + memory. */
function initcode(size: number): string {
  return '0x61' + size.toString(16).padStart(4, '0') + '6000f3';
}

/**
 * PUSH6 initcode (3) PUSH1 0 (3) MSTORE (3 + 3) PUSH1 6 (3) PUSH1 26 (3) PUSH1 0 (3) CREATE (32000) = 32021,
 * then RETURN_TOP with memory already one word: 12.
 */
function creator(size: number): string {
  return `PUSH6 ${initcode(size)} PUSH1 0 MSTORE PUSH1 6 PUSH1 26 PUSH1 0 CREATE ${RETURN_TOP}`;
}

// 320032021 = 64 * 5000000 + 32021: after the CREATE's own 32021, 320000000 are left; the child gets
// 63/64 = 315000000 and the creator keeps 5000000.
const GAS = 320_032_021n;

test('EIP-170: 24576 bytes deploy in Spurious Dragon', () => {
  // child: 3 + 3 + memCost(768) = 6 + (2304 + 1152) = 3462; deposit 200 * 24576 = 4915200
  assert.equal(memCost(768), 3456);
  const r = run(Fork.SpuriousDragon, creator(24576), { gas: GAS });
  expectRun(r, Status.Return, 32021 + 3462 + 4915200 + 12, 'SD 24576'); // 4950695
  assert.equal(outWord(r), CREATED);
  assert.equal(r.state.getCode(CREATED).length, 24576);
});

test('EIP-170: 24577 bytes deploy in Tangerine Whistle and fail (all child gas) in Spurious Dragon', () => {
  // child: 3 + 3 + memCost(769) = 6 + (2307 + floor(591361 / 512) = 1155) = 3468; deposit 200 * 24577 = 4915400
  assert.equal(memCost(769), 3462);
  const t = run(Fork.TangerineWhistle, creator(24577), { gas: GAS });
  expectRun(t, Status.Return, 32021 + 3468 + 4915400 + 12, 'TW 24577'); // 4950901
  assert.equal(outWord(t), CREATED);
  assert.equal(t.state.getCode(CREATED).length, 24577);

  // Spurious Dragon: the child's 315000000 are consumed; the creator keeps 5000000 and pays 12 more.
  const s = run(Fork.SpuriousDragon, creator(24577), { gas: GAS });
  expectRun(s, Status.Return, 320_032_021 - 5_000_000 + 12, 'SD 24577'); // 315032033
  assert.equal(outWord(s), 0n, 'CREATE pushes 0');
  assert.equal(s.state.exists(CREATED), false);
});

test('EIP-170: a creation transaction deploying 24577 bytes fails in Spurious Dragon', () => {
  // data 0x6160016000f3: 5 non-zero bytes * 68 + 1 zero byte * 4 = 344; intrinsic 53000 + 344 = 53344.
  const data = hexToBytes(initcode(24577));
  const addr = createAddress(TX_SENDER, 0n);
  let r = sendTx(Fork.TangerineWhistle, { to: null, data, gasLimit: 6_000_000n });
  expectTx(r.receipt, Status.Return, 53344 + 3468 + 4915400, 'TW'); // 4972212
  assert.equal(r.state.getCode(addr).length, 24577);
  r = sendTx(Fork.SpuriousDragon, { to: null, data, gasLimit: 6_000_000n });
  expectTx(r.receipt, Status.MaxCodeSizeExceeded, 6_000_000, 'SD');
  assert.equal(r.state.exists(addr), false);
});
