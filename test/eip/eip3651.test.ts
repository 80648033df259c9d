/**
 * EIP-3651 (Shanghai): the coinbase address starts warm (EIP-2929) in every transaction.
 * https://eips.ethereum.org/EIPS/eip-3651
 */
import { test } from 'node:test';
import { Fork, StateJournal, put, run, expectRun, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const COINBASE = 0xc0bn;
const C = 0xc0n;

test('EIP-3651: BALANCE of the coinbase is cold in Paris, warm in Shanghai (transactions)', () => {
  // COINBASE (2) BALANCE (2600 cold / 100 warm) POP (2)
  const code = 'COINBASE BALANCE POP STOP';
  let r = sendTx(Fork.Paris, { to: C }, { state: put(new StateJournal(), C, { code }), env: { coinbase: COINBASE } });
  expectTx(r.receipt, Status.Stop, 21000 + 2 + 2600 + 2, 'Paris'); // 23604
  r = sendTx(Fork.Shanghai, { to: C }, { state: put(new StateJournal(), C, { code }), env: { coinbase: COINBASE } });
  expectTx(r.receipt, Status.Stop, 21000 + 2 + 100 + 2, 'Shanghai'); // 21104
});

test('EIP-3651: CALL to the coinbase (runCode mirrors the transaction rule)', () => {
  // CALL(gas 0, COINBASE, value 0): 7 pushes 21 + 100 [+ 2500 cold]
  const code = `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 ${COINBASE} PUSH1 0 CALL STOP`;
  expectRun(run(Fork.Paris, code, { env: { coinbase: COINBASE } }), Status.Stop, 21 + 2600, 'Paris');
  expectRun(run(Fork.Shanghai, code, { env: { coinbase: COINBASE } }), Status.Stop, 21 + 100, 'Shanghai');
});
