/**
 * Dev accounts and signing (src/rpc/accounts.ts, src/rpc/signing.ts): the test mnemonic gives anvil's and
 * Hardhat's accounts; EIP-191, EIP-712 and transaction signatures agree with viem's and with the EIP-712
 * specification's example; every transaction type signs and recovers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { privateKeyToAccount } from 'viem/accounts';
import { hashTypedData, recoverMessageAddress, recoverTypedDataAddress, type Hex } from 'viem';
import { Wallet, TypedDataEncoder } from 'ethers';
import { DevAccounts, TEST_MNEMONIC, deriveAccounts, isValidMnemonic } from '../../src/rpc/accounts.js';
import { signPersonalMessage, signTypedData, signTransactionRequest, decodeTypedData, type TypedData } from '../../src/rpc/signing.js';
import { inferTxType, decodeTransactionRequest, type FilledRequest } from '../../src/rpc/txRequest.js';
import { addressToHex, parseAddress } from '../../src/primitives/address.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/hex.js';
import { keccak256 } from '../../src/primitives/crypto/keccak.js';
import { encodeTx, txHash } from '../../src/tx/encode.js';
import { recoverSender } from '../../src/tx/signing.js';
import { decodeTx } from '../../src/tx/decode.js';
import { TxType } from '../../src/tx/types.js';
import { signAuthorization } from '../../src/tx/authorization.js';

const ANVIL_ADDRESSES = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
  '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
  '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
  '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
];

test('the test mnemonic gives the 10 accounts anvil and Hardhat print', () => {
  const accounts = deriveAccounts(TEST_MNEMONIC, 10);
  assert.deepEqual(
    accounts.map((a) => addressToHex(a.address)),
    ANVIL_ADDRESSES.map((a) => a.toLowerCase()),
  );
  assert.equal(bytesToHex(accounts[0]!.privateKey), '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
});

test("the precomputed test keys are what BIP-39/BIP-32 derive (m/44'/60'/0'/0/i)", () => {
  const parent = HDKey.fromMasterSeed(mnemonicToSeedSync(TEST_MNEMONIC)).derive("m/44'/60'/0'/0");
  const table = deriveAccounts(TEST_MNEMONIC, 10);
  for (let i = 0; i < 10; i++)
    assert.equal(bytesToHex(table[i]!.privateKey), bytesToHex(parent.deriveChild(i).privateKey!), `account ${i}`);
  // Past the table the keys are derived: account 10 and 11 as Hardhat's 20-account default has them.
  const twelve = deriveAccounts(TEST_MNEMONIC, 12);
  assert.equal(bytesToHex(twelve[10]!.privateKey), bytesToHex(parent.deriveChild(10).privateKey!));
  assert.equal(addressToHex(twelve[11]!.address), '0x71be63f3384f5fb98995898a86b02fb2426c5788');
});

test('other mnemonics and paths derive; invalid phrases are refused', () => {
  const other = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
  assert.ok(isValidMnemonic(other));
  const [a] = deriveAccounts(other, 1);
  assert.equal(addressToHex(a!.address), '0x9858effd232b4033e47d90003d41ec34ecaeda94');
  const viaPath = deriveAccounts(TEST_MNEMONIC, 1, "m/44'/60'/1'/0/");
  assert.notEqual(addressToHex(viaPath[0]!.address), ANVIL_ADDRESSES[0]!.toLowerCase());
  assert.equal(isValidMnemonic('test test test test test test test test test test test test'), false);
  assert.throws(() => deriveAccounts('not a mnemonic', 1), /invalid BIP-39/);
  assert.deepEqual(deriveAccounts(TEST_MNEMONIC, 0), []);
});

test('impersonation: canSend covers dev accounts, impersonated ones, and everyone under auto-impersonation', () => {
  const acc = new DevAccounts(deriveAccounts(TEST_MNEMONIC, 2));
  const stranger = 0x1234n;
  assert.ok(acc.canSend(parseAddress(ANVIL_ADDRESSES[0]!)));
  assert.equal(acc.canSend(stranger), false);
  acc.impersonate(stranger);
  assert.ok(acc.canSend(stranger) && acc.isImpersonated(stranger));
  acc.stopImpersonating(stranger);
  assert.equal(acc.canSend(stranger), false);
  acc.autoImpersonate = true;
  assert.ok(acc.canSend(stranger));
  assert.equal(acc.keyOf(stranger), undefined);
});

const key0 = hexToBytes('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const viemAccount = privateKeyToAccount(bytesToHex(key0) as Hex);

test('EIP-191 personal messages sign as viem and ethers sign them', async () => {
  const wallet = new Wallet(bytesToHex(key0));
  for (const msg of ['hello', '', 'ünïcødé ✓', 'x'.repeat(1000)]) {
    const bytes = new TextEncoder().encode(msg);
    const ours = signPersonalMessage(bytes, key0);
    assert.equal(ours, await viemAccount.signMessage({ message: msg }));
    assert.equal(ours, await wallet.signMessage(msg));
    assert.equal((await recoverMessageAddress({ message: msg, signature: ours as Hex })).toLowerCase(), ANVIL_ADDRESSES[0]!.toLowerCase());
  }
  const raw = Uint8Array.of(0, 1, 2, 255);
  assert.equal(signPersonalMessage(raw, key0), await viemAccount.signMessage({ message: { raw } }));
});

const MAIL: TypedData = {
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ],
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallet', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
};

test('EIP-712: the specification example (Mail, signed by keccak256("cow")) gives its published signature', () => {
  const cow = keccak256(new TextEncoder().encode('cow'));
  const sig = signTypedData(MAIL, cow);
  // EIP-712 test vector: v = 28, r and s as in the EIP's Example.js.
  assert.equal(sig.slice(0, 66), '0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d');
  assert.equal('0x' + sig.slice(66, 130), '0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562');
  assert.equal(sig.slice(130), '1c');
});

const COMPLEX: TypedData = {
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'salt', type: 'bytes32' },
    ],
    Order: [
      { name: 'maker', type: 'address' },
      { name: 'amounts', type: 'uint256[]' },
      { name: 'delta', type: 'int64' },
      { name: 'flags', type: 'bool[2]' },
      { name: 'payload', type: 'bytes' },
      { name: 'tag', type: 'bytes4' },
      { name: 'legs', type: 'Leg[]' },
    ],
    Leg: [
      { name: 'token', type: 'address' },
      { name: 'note', type: 'string' },
    ],
  },
  primaryType: 'Order',
  domain: { name: 'Exchange', chainId: '0x7a69', salt: '0x' + '11'.repeat(32) },
  message: {
    maker: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    amounts: [1, '2', '0x3', '115792089237316195423570985008687907853269984665640564039457584007913129639935'],
    delta: -42,
    flags: [true, false],
    payload: '0xdeadbeef',
    tag: '0x01020304',
    legs: [
      { token: '0x0000000000000000000000000000000000000001', note: 'first' },
      { token: '0x0000000000000000000000000000000000000002', note: '' },
    ],
  },
};

/** The same typed data as viem takes it (integers as bigints, no EIP712Domain type). */
function viemTyped(t: TypedData, message: Record<string, unknown>, chainId: bigint) {
  const { EIP712Domain: _, ...types } = t.types;
  return { domain: { ...t.domain, chainId }, types, primaryType: t.primaryType, message } as any;
}

const VIEM_INPUTS = [
  viemTyped(MAIL, MAIL.message, 1n),
  viemTyped(COMPLEX, { ...COMPLEX.message, amounts: [1n, 2n, 3n, (1n << 256n) - 1n], delta: -42n }, 31337n),
];

test('EIP-712: nested structs, arrays, signed ints, bytes and numbers given every way sign as viem and ethers sign them', async () => {
  for (const [i, typed] of [MAIL, COMPLEX].entries()) {
    const ours = signTypedData(typed, key0);
    const vv = VIEM_INPUTS[i];
    assert.equal(ours, await viemAccount.signTypedData(vv));
    assert.equal((await recoverTypedDataAddress({ ...vv, signature: ours as Hex })).toLowerCase(), ANVIL_ADDRESSES[0]!.toLowerCase());
    const { EIP712Domain: _d, ...etherTypes } = typed.types;
    const wallet = new Wallet(bytesToHex(key0));
    assert.equal(ours, await wallet.signTypedData(vv.domain, etherTypes as any, vv.message));
    assert.equal(hashTypedData(vv), TypedDataEncoder.hash(vv.domain, etherTypes as any, vv.message));
  }
});

test('EIP-712 params: JSON strings accepted, malformed payloads are param errors', () => {
  assert.deepEqual(decodeTypedData(JSON.stringify(MAIL)), JSON.parse(JSON.stringify(MAIL)));
  assert.throws(() => decodeTypedData('{'), /not valid JSON/);
  assert.throws(() => decodeTypedData({ ...MAIL, primaryType: 5 }), /primaryType/);
  assert.throws(() => decodeTypedData({ ...MAIL, types: { Mail: [{ name: 1 }] } }), /types\.Mail/);
  assert.throws(() => signTypedData({ ...MAIL, primaryType: 'Nope' }, key0), /typed data/);
  assert.throws(() => signTypedData({ ...MAIL, message: { ...MAIL.message, extra: 1 } }, key0), /typed data/);
  let deep: Record<string, unknown> = {};
  for (let i = 0; i < 10_000; i++) deep = { a: deep };
  assert.throws(
    () => signTypedData({ types: { A: [{ name: 'a', type: 'A' }] }, primaryType: 'A', domain: {}, message: deep }, key0),
    /nested deeper than 64/,
  );
});

const CHAIN = 31337n;
const TO = 0x70997970c51812dc3a010c7d01b50e0d17dc79c8n;

function viemTx(req: FilledRequest) {
  const base = {
    chainId: Number(req.chainId),
    nonce: Number(req.nonce),
    gas: req.gas,
    to: req.to === undefined || req.to === null ? null : addressToHex(req.to),
    value: req.value ?? 0n,
    data: bytesToHex(req.input ?? new Uint8Array(0)),
  };
  const accessList = (req.accessList ?? []).map((e) => ({
    address: addressToHex(e.address),
    storageKeys: e.storageKeys.map((k) => '0x' + k.toString(16).padStart(64, '0')),
  }));
  switch (req.type) {
    case 0:
      return { ...base, type: 'legacy', gasPrice: req.gasPrice };
    case 1:
      return { ...base, type: 'eip2930', gasPrice: req.gasPrice, accessList };
    case 2:
      return { ...base, type: 'eip1559', maxFeePerGas: req.maxFeePerGas, maxPriorityFeePerGas: req.maxPriorityFeePerGas, accessList };
    case 3:
      return {
        ...base,
        type: 'eip4844',
        maxFeePerGas: req.maxFeePerGas,
        maxPriorityFeePerGas: req.maxPriorityFeePerGas,
        accessList,
        maxFeePerBlobGas: req.maxFeePerBlobGas,
        blobVersionedHashes: req.blobVersionedHashes!.map((h) => bytesToHex(h)),
      };
    default:
      return {
        ...base,
        type: 'eip7702',
        maxFeePerGas: req.maxFeePerGas,
        maxPriorityFeePerGas: req.maxPriorityFeePerGas,
        accessList,
        authorizationList: req.authorizationList!.map((a) => ({
          address: addressToHex(a.address),
          chainId: Number(a.chainId),
          nonce: Number(a.nonce),
          yParity: Number(a.yParity),
          r: '0x' + a.r.toString(16).padStart(64, '0'),
          s: '0x' + a.s.toString(16).padStart(64, '0'),
        })),
      };
  }
}

test('eth_sendTransaction signing: every type 0-4 signs as viem signs it and recovers the dev account', async () => {
  const accessList = [{ address: TO, storageKeys: [0n, 1n] }];
  const auth = signAuthorization({ chainId: CHAIN, address: 0xc0ffeen, nonce: 1n }, key0);
  const common = { chainId: CHAIN, nonce: 7n, gas: 100_000n, to: TO, value: 10n ** 18n, input: Uint8Array.of(1, 2, 3) };
  const requests: FilledRequest[] = [
    { ...common, type: TxType.Legacy, gasPrice: 1_000_000_000n },
    { ...common, type: TxType.AccessList, gasPrice: 2_000_000_000n, accessList },
    { ...common, type: TxType.FeeMarket, maxFeePerGas: 3_000_000_000n, maxPriorityFeePerGas: 1n, accessList },
    {
      ...common,
      type: TxType.Blob,
      maxFeePerGas: 3_000_000_000n,
      maxPriorityFeePerGas: 1n,
      maxFeePerBlobGas: 5n,
      blobVersionedHashes: [hexToBytes('0x01' + '22'.repeat(31))],
    },
    { ...common, type: TxType.SetCode, maxFeePerGas: 3_000_000_000n, maxPriorityFeePerGas: 1n, authorizationList: [auth] },
    { ...common, type: TxType.FeeMarket, to: null, maxFeePerGas: 3n, maxPriorityFeePerGas: 1n },
  ];
  for (const req of requests) {
    const tx = signTransactionRequest(req, key0);
    const raw = bytesToHex(encodeTx(tx));
    assert.equal(raw, await viemAccount.signTransaction(viemTx(req) as any), `type ${req.type}`);
    const back = decodeTx(encodeTx(tx));
    assert.equal(addressToHex(recoverSender(back)), ANVIL_ADDRESSES[0]!.toLowerCase());
    assert.equal(bytesToHex(txHash(back)), bytesToHex(txHash(tx)));
  }
});

test('transaction requests: type inference as go-ethereum, decoding of every field', () => {
  const d = (o: object) => decodeTransactionRequest(o);
  assert.equal(inferTxType(d({})), TxType.FeeMarket);
  assert.equal(inferTxType(d({}), false), TxType.Legacy);
  assert.equal(inferTxType(d({ gasPrice: '0x1' })), TxType.Legacy);
  assert.equal(inferTxType(d({ gasPrice: '0x1', accessList: [] })), TxType.AccessList);
  assert.equal(inferTxType(d({ maxFeePerGas: '0x1' })), TxType.FeeMarket);
  assert.equal(inferTxType(d({ blobVersionedHashes: [] })), TxType.Blob);
  assert.equal(inferTxType(d({ authorizationList: [] })), TxType.SetCode);
  assert.equal(inferTxType(d({ type: '0x1', gasPrice: '0x1' })), TxType.AccessList);
  const r = d({
    from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    to: null,
    gas: '0x5208',
    value: '0x1',
    nonce: '0x0',
    data: '0xabcd',
    accessList: [{ address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', storageKeys: ['0x' + '00'.repeat(31) + '01'] }],
    authorizationList: [
      { chainId: '0x1', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', nonce: '0x0', yParity: '0x1', r: '0x2', s: '0x3' },
    ],
    unknownField: 'ignored',
  });
  assert.equal(r.to, undefined);
  assert.equal(bytesToHex(r.input!), '0xabcd');
  assert.deepEqual(r.accessList, [{ address: TO, storageKeys: [1n] }]);
  assert.deepEqual(r.authorizationList, [{ chainId: 1n, address: TO, nonce: 0n, yParity: 1n, r: 2n, s: 3n }]);
  assert.throws(() => d({ type: '0x5' }), /not supported/);
  assert.throws(() => d({ type: '0x0', maxFeePerGas: '0x1' }), /no maxFeePerGas/);
  assert.throws(() => d({ maxFeePerGas: '0x1', maxPriorityFeePerGas: '0x2' }), /maxFeePerGas/);
  assert.throws(
    () =>
      d({
        authorizationList: [{ chainId: '0x1', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', nonce: '0x0', r: '0x2', s: '0x3' }],
      }),
    /yParity/,
  );
});
