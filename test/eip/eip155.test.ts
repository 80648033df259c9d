/**
 * EIP-155 (Spurious Dragon): legacy signatures may commit to a chain id: the signed hash covers
 * RLP([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]) and v = 35 + 2 * chainId + yParity.
 * Before Spurious Dragon such a v is no valid signature; unprotected v = 27/28 stays valid after.
 * https://eips.ethereum.org/EIPS/eip-155 (the example below is the EIP's own)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, StateJournal, put, hexToBytes, bytesToHex, sendTx, expectTx } from './helpers.js';
import { rulesFor } from '../../src/spec/rules.js';
import { Status } from '../../src/machine/status.js';
import {
  TxError,
  TxType,
  signTx,
  signingHash,
  recoverSender,
  validateTx,
  encodeTx,
  decodeTx,
  type UnsignedTransaction,
} from '../../src/tx/index.js';
import { privateKeyToAddress } from '../../src/primitives/crypto/secp256k1.js';
import { encodeRlp } from '../../src/primitives/rlp/index.js';
import { unsignedFields } from '../../src/tx/encode.js';
import { uintItem } from '../../src/primitives/rlp/encode.js';

const KEY = hexToBytes('0x' + '46'.repeat(32));
const SIGNER = privateKeyToAddress(KEY);

// EIP-155 example: nonce 9, gas price 20 gwei, gas 21000, to 0x3535...35, value 1 ether, no data, chain 1.
const EXAMPLE: UnsignedTransaction = {
  type: TxType.Legacy,
  chainId: 1n,
  nonce: 9n,
  gasPrice: 20_000_000_000n,
  gasLimit: 21000n,
  to: BigInt('0x' + '35'.repeat(20)),
  value: 10n ** 18n,
  data: new Uint8Array(0),
  accessList: [],
};

const isCode = (code: string) => (e: unknown) => e instanceof TxError && e.code === code;

test("EIP-155: the example's signing data, signing hash, signature and encoding", () => {
  const fields = unsignedFields(EXAMPLE);
  fields.push(uintItem(1n), new Uint8Array(0), new Uint8Array(0));
  assert.equal(
    bytesToHex(encodeRlp(fields)),
    '0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080',
  );
  assert.equal(bytesToHex(signingHash(EXAMPLE)), '0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53');
  const signed = signTx(EXAMPLE, KEY);
  assert.equal(signed.v, 37n); // 35 + 2 * 1 + 0
  assert.equal(signed.r, 18515461264373351373200002665853028612451056578545711640558177340181847433846n);
  assert.equal(signed.s, 46948507304638947509940763649030358759909902576025900602547168820602576006531n);
  assert.equal(
    bytesToHex(encodeTx(signed)),
    '0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83',
  );
  const decoded = decodeTx(encodeTx(signed));
  assert.equal(decoded.chainId, 1n);
});

test('EIP-155: a chain-protected signature is invalid before Spurious Dragon and recovers the signer after', () => {
  const signed = signTx(EXAMPLE, KEY);
  assert.throws(() => recoverSender(signed, rulesFor(Fork.TangerineWhistle)), isCode('INVALID_SIGNATURE'));
  assert.throws(() => validateTx(signed, rulesFor(Fork.TangerineWhistle), 1n), isCode('INVALID_SIGNATURE'));
  assert.equal(recoverSender(signed, rulesFor(Fork.SpuriousDragon)), SIGNER);
  assert.equal(validateTx(signed, rulesFor(Fork.SpuriousDragon), 1n), SIGNER);
});

test('EIP-155: a signature for another chain is rejected; an unprotected one is valid in both forks', () => {
  const signed = signTx(EXAMPLE, KEY);
  assert.throws(() => validateTx(signed, rulesFor(Fork.SpuriousDragon), 5n), isCode('INVALID_CHAINID'));

  const { chainId: _drop, ...rest } = EXAMPLE;
  const unprotected = signTx(rest, KEY);
  assert.ok(unprotected.v === 27n || unprotected.v === 28n);
  // The unprotected signature signs a different hash (the six fields only).
  assert.notEqual(bytesToHex(signingHash(rest)), bytesToHex(signingHash(EXAMPLE)));
  assert.equal(validateTx(unprotected, rulesFor(Fork.TangerineWhistle), 1n), SIGNER);
  assert.equal(validateTx(unprotected, rulesFor(Fork.SpuriousDragon), 5n), SIGNER);
});

test('EIP-155: the recovered sender pays; the transaction itself costs 21000 in both forks', () => {
  // The example is a plain value transfer: 21000 gas, no calldata, whatever the signature form.
  const signed = signTx({ ...EXAMPLE, nonce: 0n }, KEY);
  const sender = recoverSender(signed, rulesFor(Fork.SpuriousDragon));
  const state = put(new StateJournal(), sender, { balance: 2n * 10n ** 18n });
  const { receipt } = sendTx(Fork.SpuriousDragon, signed, { sender, state });
  expectTx(receipt, Status.Stop, 21000, 'Spurious Dragon transfer');
  assert.equal(state.getBalance(EXAMPLE.to!), 10n ** 18n);
  // 2 * 10^18 start - 10^18 value - 21000 * 20 gwei
  assert.equal(state.getBalance(SIGNER), 2n * 10n ** 18n - 10n ** 18n - 21000n * 20_000_000_000n);
});
