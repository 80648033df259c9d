/**
 * EIP-7516 (Cancun): BLOBBASEFEE (0x4a, 2 gas) pushes the block's blob base fee (EIP-4844:
 * fake_exponential(1, excess_blob_gas, 3338477)).
 * https://eips.ethereum.org/EIPS/eip-7516
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, RETURN_TOP, StateJournal, put, run, expectRun, outWord, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const C = 0xc0n;

test('EIP-7516: BLOBBASEFEE is undefined in Shanghai', () => {
  expectRun(run(Fork.Shanghai, 'BLOBBASEFEE', { gas: 10_000n }), Status.UndefinedOpcode, 10_000, 'Shanghai');
});

test('EIP-7516: BLOBBASEFEE costs 2 (Cancun)', () => {
  // BLOBBASEFEE (2) + RETURN_TOP (15); runCode's blob base fee is 1
  const r = run(Fork.Cancun, `BLOBBASEFEE ${RETURN_TOP}`);
  expectRun(r, Status.Return, 17, 'Cancun');
  assert.equal(outWord(r), 1n);
});

test("EIP-7516: BLOBBASEFEE follows the block's excess blob gas", () => {
  // fake_exponential(1, 3338477, 3338477): sum of 3338477 * 1/k! terms, / 3338477:
  //   3338477 + 3338477 + 1669238 + 556412 + 139103 + 27820 + 4636 + 662 + 82 + 9 = 9074916; / 3338477 = 2
  // fake_exponential(1, 0, _) = 1.
  // Code: BLOBBASEFEE (2) PUSH0 (2) SSTORE (2100 + 20000): 22104; 21000 + 22104 = 43104
  for (const [excess, fee] of [
    [0n, 1n],
    [3338477n, 2n],
  ] as const) {
    const state = put(new StateJournal(), C, { code: 'BLOBBASEFEE PUSH0 SSTORE STOP' });
    const r = sendTx(Fork.Cancun, { to: C }, { state, env: { excessBlobGas: excess } });
    expectTx(r.receipt, Status.Stop, 43104, `excess ${excess}`);
    assert.equal(r.state.getStorage(C, 0n), fee);
  }
});

test('EIP-7516: runCode\'s block env drives BLOBBASEFEE too (BlockEnv.excessBlobGas "drives BLOBBASEFEE")', () => {
  // Same numbers as above without a transaction: excess 3338477 -> blob base fee 2. BLOBBASEFEE (2) + RETURN_TOP (15).
  const r = run(Fork.Cancun, `BLOBBASEFEE ${RETURN_TOP}`, { env: { excessBlobGas: 3338477n } });
  expectRun(r, Status.Return, 17, 'Cancun');
  assert.equal(outWord(r), 2n, 'BLOBBASEFEE must follow env.excessBlobGas');
});

test('EIP-7516 after EIP-7691 (Prague): the update fraction 5007716 makes the same excess cost 1', () => {
  // fake_exponential(1, 3338477, 5007716): 5007716 + 3338477 + 1112825 + 247294 + 41215 + 5495 + 610 + 58 + 4
  //   = 9753694; / 5007716 = 1.
  const state = put(new StateJournal(), C, { code: 'BLOBBASEFEE PUSH0 SSTORE STOP' });
  const r = sendTx(Fork.Prague, { to: C }, { state, env: { excessBlobGas: 3338477n } });
  // 21000 + 2 + 2 + 22100 = 43104 (no calldata, so the EIP-7623 floor of 21000 does not apply)
  expectTx(r.receipt, Status.Stop, 43104, 'Prague');
  assert.equal(r.state.getStorage(C, 0n), 1n);
});
