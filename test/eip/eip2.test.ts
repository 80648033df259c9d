/**
 * EIP-2 (Homestead): contract-creating transactions cost 53000 instead of 21000; running out of gas
 * for the code deposit fails the creation (Frontier leaves the account without code and succeeds);
 * transaction signatures need s <= n/2.
 * https://eips.ethereum.org/EIPS/eip-2
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, DEFAULT_RECEIVER, StateJournal, TX_SENDER, hexToBytes, run, expectRun, sendTx, expectTx } from './helpers.js';
import { Status } from '../../src/machine/status.js';
import { createAddress } from '../../src/state/addresses.js';
import { intrinsicGas } from '../../src/transition/intrinsic.js';
import { rulesFor } from '../../src/spec/rules.js';
import { signTx, recoverSender, TxError, TxType } from '../../src/tx/index.js';
import { signatureRules } from '../../src/tx/signing.js';
import { SECP256K1_N } from '../../src/primitives/crypto/secp256k1.js';
import { privateKeyToAddress } from '../../src/primitives/crypto/secp256k1.js';

const CREATED = createAddress(TX_SENDER, 0n);

test('EIP-2: a contract-creation transaction costs 21000 in Frontier, 53000 from Homestead', () => {
  // Empty initcode: no calldata cost, no execution, no deposit: the gas used is the intrinsic gas.
  let { receipt } = sendTx(Fork.Frontier, { to: null, gasLimit: 100_000n });
  expectTx(receipt, Status.Stop, 21000, 'Frontier create');
  ({ receipt } = sendTx(Fork.Homestead, { to: null, gasLimit: 100_000n }));
  expectTx(receipt, Status.Stop, 53000, 'Homestead create');
  // A call transaction stays at 21000.
  ({ receipt } = sendTx(Fork.Homestead, { to: 0xdeadn, gasLimit: 100_000n }));
  expectTx(receipt, Status.Stop, 21000, 'Homestead call');

  // Gas limit 52999 is below the Homestead intrinsic gas: rejected; enough in Frontier.
  assert.match(sendTx(Fork.Homestead, { to: null, gasLimit: 52_999n }).receipt.rejected ?? '', /intrinsic gas too low/);
  expectTx(sendTx(Fork.Frontier, { to: null, gasLimit: 52_999n }).receipt, Status.Stop, 21000, 'Frontier create, limit 52999');

  const create = {
    type: TxType.Legacy,
    nonce: 0n,
    gasPrice: 1n,
    gasLimit: 0n,
    to: null,
    value: 0n,
    data: new Uint8Array(0),
    accessList: [],
    v: 27n,
    r: 1n,
    s: 1n,
  };
  assert.equal(intrinsicGas(create, rulesFor(Fork.Frontier)), 21000n);
  assert.equal(intrinsicGas(create, rulesFor(Fork.Homestead)), 53000n);
});

// Initcode PUSH1 32 PUSH1 0 RETURN (0x60206000f3): returns 32 zero bytes.
//   execution: PUSH1 3 + PUSH1 3 + RETURN (0 + 3 to expand memory to 1 word) = 9
//   deposit:   200 * 32 = 6400
//   calldata:  4 non-zero bytes * 68 + 1 zero byte * 4 = 276
const INIT = hexToBytes('0x60206000f3');

test('EIP-2: code-deposit out of gas in a create transaction: Frontier keeps an empty account, Homestead fails', () => {
  // Frontier: intrinsic 21000 + 276 = 21276; give 9 + 6399 more: the deposit (6400) does not fit.
  const frontierLimit = 21276n + 9n + 6399n; // 27684
  let { receipt, state } = sendTx(Fork.Frontier, { to: null, data: INIT, gasLimit: frontierLimit });
  // Success; the 6399 left are not spent on the deposit and are refunded: used 21276 + 9 = 21285.
  expectTx(receipt, Status.Return, 21285, 'Frontier, deposit out of gas');
  assert.equal(receipt.createdAddress, CREATED);
  assert.ok(state.exists(CREATED), 'Frontier: the account exists');
  assert.equal(state.getCode(CREATED).length, 0, 'Frontier: without code');

  // Frontier with one more gas: the deposit is paid, 21276 + 9 + 6400 = 27685.
  ({ receipt, state } = sendTx(Fork.Frontier, { to: null, data: INIT, gasLimit: frontierLimit + 1n }));
  expectTx(receipt, Status.Return, 27685, 'Frontier, deposit paid');
  assert.equal(state.getCode(CREATED).length, 32);

  // Homestead: intrinsic 53000 + 276 = 53276; 9 + 6399 more fails the creation and burns the whole limit.
  const homesteadLimit = 53276n + 9n + 6399n; // 59684
  ({ receipt, state } = sendTx(Fork.Homestead, { to: null, data: INIT, gasLimit: homesteadLimit }));
  expectTx(receipt, Status.OutOfGas, 59684, 'Homestead, deposit out of gas');
  assert.equal(state.exists(CREATED), false, 'Homestead: no account is left behind');
  assert.equal(state.getNonce(TX_SENDER), 1n, 'the sender nonce is still used');

  // Homestead with one more gas: 53276 + 9 + 6400 = 59685.
  ({ receipt, state } = sendTx(Fork.Homestead, { to: null, data: INIT, gasLimit: homesteadLimit + 1n }));
  expectTx(receipt, Status.Return, 59685, 'Homestead, deposit paid');
  assert.equal(state.getCode(CREATED).length, 32);
});

test('EIP-2: code-deposit out of gas in the CREATE opcode (Frontier: empty code and success; Homestead: failure)', () => {
  // PUSH5 init (3) PUSH1 0 (3) MSTORE (3 + 3 memory) PUSH1 5 (3) PUSH1 27 (3) PUSH1 0 (3) CREATE (32000) = 32021,
  // then (before EIP-150) CREATE forwards all that is left; the initcode costs 9 and wants a 6400 deposit.
  const code = 'PUSH5 0x60206000f3 PUSH1 0 MSTORE PUSH1 5 PUSH1 27 PUSH1 0 CREATE STOP';
  const gas = 32021n + 9n + 6399n; // 38429: 6399 left for a 6400 deposit
  const created = createAddress(DEFAULT_RECEIVER, 0n);

  const f = run(Fork.Frontier, code, { gas, state: new StateJournal() });
  // Frontier: the create succeeds without code and its 6399 gas come back: used 32021 + 9 = 32030.
  expectRun(f, Status.Stop, 32030, 'Frontier');
  assert.ok(f.state.exists(created));
  assert.equal(f.state.getCode(created).length, 0);

  const h = run(Fork.Homestead, code, { gas, state: new StateJournal() });
  // Homestead: the create fails and consumes all it was given (6408): the whole 38429 is used.
  expectRun(h, Status.Stop, 38429, 'Homestead');
  assert.equal(h.state.exists(created), false);
  assert.equal(h.state.getNonce(DEFAULT_RECEIVER), 1n, 'the creator nonce still increments');
});

// Deriving the key's address at load time also builds the curve's precomputed tables outside the tests.
const KEY = hexToBytes('0x' + '46'.repeat(32));
const SIGNER = privateKeyToAddress(KEY);

test('EIP-2: transaction signatures with s > n/2 are valid in Frontier only', () => {
  const key = KEY;
  const signer = SIGNER;
  const low = signTx(
    { type: TxType.Legacy, nonce: 0n, gasPrice: 1n, gasLimit: 21000n, to: 0x35n, value: 0n, data: new Uint8Array(0), accessList: [] },
    key,
  );
  assert.ok(low.s <= SECP256K1_N / 2n);
  // The same signature with s' = n - s and the other recovery id recovers the same key.
  const high = { ...low, s: SECP256K1_N - low.s, v: low.v === 27n ? 28n : 27n };
  assert.equal(recoverSender(high, rulesFor(Fork.Frontier)), signer);
  assert.equal(recoverSender(low, rulesFor(Fork.Homestead)), signer);
  assert.throws(
    () => recoverSender(high, rulesFor(Fork.Homestead)),
    (e: unknown) => e instanceof TxError && e.code === 'INVALID_SIGNATURE',
  );
});

test('EIP-2: transaction signatures must have low s from Homestead on (Rules.txSignatureLowS)', () => {
  assert.equal(signatureRules(rulesFor(Fork.Frontier)).lowS, false);
  assert.equal(signatureRules(rulesFor(Fork.Homestead)).lowS, true);
  assert.equal(signatureRules(rulesFor(Fork.Osaka)).lowS, true);
});
