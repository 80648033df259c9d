/**
 * Transaction codec, signing and stateless validation beyond the TransactionTests vectors: the EIP-155
 * example, every type round-tripping through sign/encode/decode/recover, EIP-7702 authorizations, and
 * one check per validation rule with the error code and field it must name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork } from '../../src/spec/fork.js';
import { rulesFor } from '../../src/spec/rules.js';
import {
  TxError,
  TxType,
  type UnsignedTransaction,
  decodeTx,
  decodeTxItem,
  encodeTx,
  recoverAuthority,
  recoverSender,
  signAuthorization,
  signTx,
  signingHash,
  txHash,
  validateTx,
} from '../../src/tx/index.js';
import { type RlpItem, decodeRlp, encodeRlp } from '../../src/primitives/rlp/index.js';
import { privateKeyToAddress } from '../../src/primitives/crypto/secp256k1.js';
import { keccak256 } from '../../src/primitives/crypto/keccak.js';
import { bigintToBytes, bytesToHex, hexToBytes } from '../../src/primitives/hex.js';

const PRIV = bigintToBytes(0x4646464646464646464646464646464646464646464646464646464646464646n, 32);
const SENDER = privateKeyToAddress(PRIV);
const TO = 0x3535353535353535353535353535353535353535n;

function throwsTx(f: () => unknown, code: string, field?: string): void {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof TxError, `expected TxError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (field !== undefined) assert.equal(e.field, field, e.message);
    if (field !== undefined) assert.ok(e.message.includes(field), `message names the field: ${e.message}`);
    return;
  }
  assert.fail(`expected TxError ${code}`);
}

test('EIP-155 example transaction: signing hash, signature and encoding', () => {
  const unsigned: UnsignedTransaction = {
    type: TxType.Legacy,
    chainId: 1n,
    nonce: 9n,
    gasPrice: 20_000_000_000n,
    gasLimit: 21000n,
    to: TO,
    value: 10n ** 18n,
    data: new Uint8Array(0),
    accessList: [],
  };
  assert.equal(bytesToHex(signingHash(unsigned)), '0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53');
  const tx = signTx(unsigned, PRIV);
  assert.equal(tx.v, 37n);
  assert.equal(tx.r, 18515461264373351373200002665853028612451056578545711640558177340181847433846n);
  assert.equal(tx.s, 46948507304638947509940763649030358759909902576025900602547168820602576006531n);
  const raw =
    '0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe' +
    '537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83';
  assert.equal(bytesToHex(encodeTx(tx)), raw);
  const decoded = decodeTx(hexToBytes(raw));
  assert.deepEqual(decoded, tx);
  assert.equal(recoverSender(decoded), SENDER);
  assert.equal(bytesToHex(txHash(decoded)), bytesToHex(keccak256(hexToBytes(raw))));
});

function base(type: TxType): UnsignedTransaction {
  const common = {
    type,
    nonce: 7n,
    gasLimit: 100_000n,
    to: TO,
    value: 5n,
    data: Uint8Array.of(0, 1, 2, 0),
    accessList: [{ address: 0xaan, storageKeys: [0n, 2n ** 255n] }],
  };
  switch (type) {
    case TxType.Legacy:
      return { ...common, accessList: [], gasPrice: 10n };
    case TxType.AccessList:
      return { ...common, chainId: 1n, gasPrice: 10n };
    case TxType.FeeMarket:
      return { ...common, chainId: 1n, maxPriorityFeePerGas: 1n, maxFeePerGas: 10n };
    case TxType.Blob:
      return {
        ...common,
        chainId: 1n,
        maxPriorityFeePerGas: 1n,
        maxFeePerGas: 10n,
        maxFeePerBlobGas: 3n,
        blobVersionedHashes: [Uint8Array.of(1, ...new Uint8Array(31).fill(0xab))],
      };
    case TxType.SetCode:
      return {
        ...common,
        chainId: 1n,
        maxPriorityFeePerGas: 1n,
        maxFeePerGas: 10n,
        authorizationList: [signAuthorization({ chainId: 1n, address: 0xdeadn, nonce: 0n }, PRIV)],
      };
  }
}

const ALL_TYPES = [TxType.Legacy, TxType.AccessList, TxType.FeeMarket, TxType.Blob, TxType.SetCode];

test('every type signs, encodes, decodes, re-encodes and recovers its sender', () => {
  const osaka = rulesFor(Fork.Osaka);
  for (const type of ALL_TYPES) {
    const tx = signTx(base(type), PRIV);
    const bytes = encodeTx(tx);
    if (type !== TxType.Legacy) assert.equal(bytes[0], type);
    const decoded = decodeTx(bytes);
    assert.deepEqual(decoded, tx, `type ${type}`);
    assert.deepEqual(encodeTx(decoded), bytes);
    assert.equal(recoverSender(decoded), SENDER);
    assert.equal(validateTx(decoded, osaka, 1n), SENDER);
    // Block-body form: a typed transaction is an RLP byte string, a legacy one a list.
    const item = type === TxType.Legacy ? decodeRlp(bytes) : bytes;
    assert.deepEqual(decodeTxItem(item), tx);
    // decodeTx accepts the wrapped typed form too; a wrapped legacy list is no transaction.
    if (type === TxType.Legacy) throwsTx(() => decodeTx(encodeRlp(bytes)), 'TYPE_NOT_SUPPORTED');
    else assert.deepEqual(decodeTx(encodeRlp(bytes)), tx);
  }
});

test('EIP-7702 authorizations recover their authority; high s and bad parity do not', () => {
  const auth = signAuthorization({ chainId: 0n, address: 0x1234n, nonce: 5n }, PRIV);
  assert.equal(recoverAuthority(auth), SENDER);
  assert.equal(recoverAuthority({ ...auth, yParity: 2n }), null);
  assert.equal(recoverAuthority({ ...auth, s: 2n ** 255n }), null);
  assert.notEqual(recoverAuthority({ ...auth, nonce: 6n }), SENDER);
});

test('decoding errors name the field', () => {
  const tx = signTx(base(TxType.FeeMarket), PRIV);
  const fields = decodeRlp(encodeTx(tx).subarray(1)) as Uint8Array[];
  const reencode = (i: number, v: RlpItem) => {
    const copy: RlpItem[] = fields.slice();
    copy[i] = v;
    return Uint8Array.of(2, ...encodeRlp(copy));
  };
  throwsTx(() => decodeTx(reencode(1, Uint8Array.of(0, 7))), 'RLP_INVALID_FIELD', 'nonce');
  throwsTx(() => decodeTx(reencode(1, new Uint8Array(9).fill(1))), 'FIELD_OVERFLOW', 'nonce');
  throwsTx(() => decodeTx(reencode(4, [])), 'RLP_INVALID_FIELD', 'gasLimit');
  throwsTx(() => decodeTx(reencode(5, new Uint8Array(19))), 'RLP_INVALID_FIELD', 'to');
  throwsTx(() => decodeTx(reencode(3, new Uint8Array(33).fill(1))), 'FIELD_OVERFLOW', 'maxFeePerGas');
  throwsTx(() => decodeTx(reencode(8, [[new Uint8Array(20), [new Uint8Array(31)]]])), 'RLP_INVALID_FIELD', 'accessList[0].storageKeys[0]');
  throwsTx(() => decodeTx(Uint8Array.of(2, ...encodeRlp(fields.slice(0, 11)))), 'RLP_INVALID_FIELD');
  throwsTx(() => decodeTx(Uint8Array.of(0x05, 0xc0)), 'TYPE_NOT_SUPPORTED', 'type');
  throwsTx(() => decodeTx(encodeTx(tx).subarray(0, 40)), 'RLP_MALFORMED');
  throwsTx(() => decodeTx(new Uint8Array(0)), 'RLP_MALFORMED');
  throwsTx(() => decodeTx(encodeTx(tx), rulesFor(Fork.Berlin)), 'TYPE_NOT_SUPPORTED', 'type');
});

test('validation rules, one at a time', () => {
  const cancun = rulesFor(Fork.Cancun);
  const prague = rulesFor(Fork.Prague);
  const osaka = rulesFor(Fork.Osaka);
  const signed = (type: TxType, patch: Partial<UnsignedTransaction> = {}) => signTx({ ...base(type), ...patch }, PRIV);

  throwsTx(() => validateTx(signed(TxType.SetCode), cancun, 1n), 'TYPE_NOT_SUPPORTED', 'type');
  throwsTx(() => validateTx(signed(TxType.FeeMarket), cancun, 5n), 'INVALID_CHAINID', 'chainId');
  throwsTx(() => validateTx(signed(TxType.Legacy, { chainId: 5n }), cancun, 1n), 'INVALID_CHAINID', 'v');
  // EIP-155 v before Spurious Dragon; unprotected legacy v is fine everywhere.
  throwsTx(() => validateTx(signed(TxType.Legacy, { chainId: 1n }), rulesFor(Fork.TangerineWhistle), 1n), 'INVALID_SIGNATURE', 'v');
  assert.equal(validateTx(signed(TxType.Legacy), rulesFor(Fork.Frontier), 1n), SENDER);
  // Signature values.
  const good = signed(TxType.FeeMarket);
  throwsTx(() => validateTx({ ...good, v: 2n }, cancun, 1n), 'INVALID_SIGNATURE', 'yParity');
  throwsTx(() => validateTx({ ...good, r: 0n }, cancun, 1n), 'INVALID_SIGNATURE', 'r');
  throwsTx(() => validateTx({ ...good, s: 2n ** 255n }, cancun, 1n), 'INVALID_SIGNATURE', 's');
  assert.notEqual(recoverSender({ ...good, v: 1n - good.v }), SENDER, 'the other parity recovers another key');
  throwsTx(() => recoverSender({ ...good, r: 5n }), 'INVALID_SIGNATURE', 'signature'); // x = 5 is not on the curve
  // Ranges and limits.
  throwsTx(() => validateTx(signed(TxType.FeeMarket, { nonce: 2n ** 64n - 1n }), cancun, 1n), 'NONCE_IS_MAX', 'nonce');
  throwsTx(() => validateTx(signed(TxType.FeeMarket, { value: 2n ** 256n }), cancun, 1n), 'FIELD_OVERFLOW', 'value');
  throwsTx(
    () => validateTx(signed(TxType.FeeMarket, { to: null, data: new Uint8Array(49153) }), cancun, 1n),
    'INITCODE_SIZE_EXCEEDED',
    'data',
  );
  assert.equal(validateTx(signed(TxType.FeeMarket, { to: null, data: new Uint8Array(49152) }), cancun, 1n), SENDER);
  throwsTx(() => validateTx(signed(TxType.FeeMarket, { gasLimit: 2n ** 24n + 1n }), osaka, 1n), 'GAS_LIMIT_EXCEEDS_MAXIMUM', 'gasLimit');
  assert.equal(validateTx(signed(TxType.FeeMarket, { gasLimit: 2n ** 24n + 1n }), prague, 1n), SENDER);
  // Fees.
  throwsTx(
    () => validateTx(signed(TxType.FeeMarket, { maxPriorityFeePerGas: 11n }), cancun, 1n),
    'PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS',
    'maxPriorityFeePerGas',
  );
  throwsTx(() => validateTx(signed(TxType.Legacy, { gasPrice: 2n ** 255n, gasLimit: 2n }), cancun, 1n), 'GASLIMIT_PRICE_PRODUCT_OVERFLOW');
  // Blob transactions (EIP-4844, EIP-7594).
  const hash = (v: number) => Uint8Array.of(v, ...new Uint8Array(31));
  throwsTx(() => validateTx(signed(TxType.Blob, { to: null }), cancun, 1n), 'TYPE_3_TX_CONTRACT_CREATION', 'to');
  throwsTx(() => validateTx(signed(TxType.Blob, { blobVersionedHashes: [] }), cancun, 1n), 'TYPE_3_TX_ZERO_BLOBS');
  throwsTx(
    () => validateTx(signed(TxType.Blob, { blobVersionedHashes: [hash(2)] }), cancun, 1n),
    'TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH',
    'blobVersionedHashes[0]',
  );
  const seven = Array.from({ length: 7 }, () => hash(1));
  throwsTx(() => validateTx(signed(TxType.Blob, { blobVersionedHashes: seven }), cancun, 1n), 'TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED');
  assert.equal(validateTx(signed(TxType.Blob, { blobVersionedHashes: seven }), prague, 1n), SENDER);
  throwsTx(() => validateTx(signed(TxType.Blob, { blobVersionedHashes: seven }), osaka, 1n), 'TYPE_3_TX_BLOB_COUNT_EXCEEDED');
  // Set-code transactions (EIP-7702).
  throwsTx(() => validateTx(signed(TxType.SetCode, { to: null }), prague, 1n), 'TYPE_4_TX_CONTRACT_CREATION', 'to');
  throwsTx(() => validateTx(signed(TxType.SetCode, { authorizationList: [] }), prague, 1n), 'TYPE_4_EMPTY_AUTHORIZATION_LIST');
});

test('fuzz: mutated transactions decode canonically or throw TxError, never anything else', () => {
  let seed = 424242;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  const originals = ALL_TYPES.map((t) => encodeTx(signTx(base(t), PRIV)));
  let accepted = 0;
  for (let i = 0; i < 4000; i++) {
    const m = originals[rand(originals.length)]!.slice();
    for (let k = rand(3) + 1; k > 0; k--) m[rand(m.length)] = rand(256);
    try {
      const tx = decodeTx(m);
      assert.deepEqual(encodeTx(tx), m, 'whatever decodes re-encodes to the same bytes');
      accepted++;
    } catch (e) {
      assert.ok(e instanceof TxError, `unexpected ${String(e)}`);
    }
  }
  assert.ok(accepted > 0);
});
