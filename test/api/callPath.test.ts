/**
 * eth_call (`evm.call`) and a committed transaction (`evm.runTransaction`) go through the same transition
 * pipeline (src/transition/pipeline.ts): the same message costs the same gas in both, for an EIP-7702
 * delegated target, with a cold and a warm access list, and for a creation, whose call returns the
 * deployed code as go-ethereum's eth_call does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEVM } from '../../src/api/evm.js';
import { asm } from '../../src/spec/asm.js';
import { bytesToHex } from '../../src/primitives/hex.js';
import { delegationCode } from '../../src/state/delegation.js';
import type { CallRequest } from '../../src/api/types.js';

const ALICE = 0xa11ce0n;
const TARGET = 0x7a67e7n;
const DELEGATED = 0xde1e6a7edn;
const STORE = 0x5707en;

function fresh() {
  const evm = createEVM({ fork: 'Prague' });
  evm.setBalance(ALICE, 10n ** 18n);
  // The delegation target reads its own balance and slot 0.
  evm.setCode(TARGET, asm(`PUSH3 ${TARGET} BALANCE POP PUSH0 SLOAD POP STOP`));
  evm.setCode(DELEGATED, delegationCode(TARGET));
  evm.setCode(STORE, asm('PUSH0 SLOAD PUSH1 1 SLOAD ADD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'));
  return evm;
}

/** gasUsed of the call, then of the same message as a committed transaction on a fresh EVM. */
function both(req: CallRequest): [bigint, bigint] {
  const c = fresh().call({ from: ALICE, ...req });
  const t = fresh().runTransaction({ from: ALICE, ...req });
  assert.equal(c.success, true, `call: ${c.error}`);
  assert.equal(t.success, true, `tx: ${t.error}`);
  return [c.gasUsed, t.gasUsed];
}

test('a call to an EIP-7702 delegated account costs what the transaction costs (the target starts warm)', () => {
  const [call, tx] = both({ to: DELEGATED });
  assert.equal(call, tx);
  // 21000 + BALANCE of the (warm) target 100 + PUSH3 3 + POP 2 + PUSH0 2 + cold SLOAD 2100 + POP 2
  assert.equal(call, 21000n + 3n + 100n + 2n + 2n + 2100n + 2n);
});

test('cold and warm access lists cost the same in a call and a transaction', () => {
  const cold = both({ to: STORE });
  assert.equal(cold[0], cold[1]);
  const warm = both({ to: STORE, accessList: [{ address: STORE, storageKeys: [0n, 1n] }] });
  assert.equal(warm[0], warm[1]);
  // The list costs 2400 + 2 x 1900 and saves 2 x (2100 - 100) on the SLOADs.
  assert.equal(warm[0] - cold[0], 2400n + 2n * 1900n - 2n * 2000n);
});

test('a creation costs the same as a call and as a transaction; the call returns the deployed code', () => {
  const code = asm('PUSH1 42 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN');
  const initcode = new Uint8Array([...asm(`PUSH1 ${code.length} DUP1 PUSH1 9 PUSH0 CODECOPY PUSH0 RETURN`), ...code]);
  const c = fresh().call({ from: ALICE, to: null, data: initcode });
  const t = fresh().deploy(initcode, { from: ALICE });
  assert.equal(c.success && t.success, true);
  assert.equal(c.gasUsed, t.gasUsed);
  assert.equal(c.returnData, bytesToHex(code));
  assert.equal(c.createdAddress, t.createdAddress);
});
