/** The wire codecs (src/rpc/codec.ts): strict quantities and data, fixed sizes, block params, storage keys. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeQuantity,
  decodeUint64,
  decodeData,
  decodeAddress,
  decodeHash,
  decodeBlockRef,
  decodeBlockNumberOrTag,
  decodeStorageKey,
  decodeBool,
  quantity,
  data,
  address,
  hash,
} from '../../src/rpc/codec.js';
import { ParamError } from '../../src/rpc/errors.js';
import { decodeLogCriteria, encodeLogCriteria } from '../../src/rpc/logFilter.js';

function rejects(fn: () => unknown, message: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ParamError, `expected ParamError, got ${String(e)}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

test('QUANTITY: minimal hex with 0x, nothing else', () => {
  assert.equal(decodeQuantity('0x0'), 0n);
  assert.equal(decodeQuantity('0x1f'), 31n);
  assert.equal(decodeQuantity('0xABCdef'), 0xabcdefn);
  assert.equal(decodeQuantity('0x' + 'f'.repeat(64)), (1n << 256n) - 1n);
  rejects(() => decodeQuantity('0x01'), 'hex number with leading zero digits');
  rejects(() => decodeQuantity('0x00'), 'hex number with leading zero digits');
  rejects(() => decodeQuantity('0x'), 'hex string "0x"');
  rejects(() => decodeQuantity('1f'), 'hex string without 0x prefix');
  rejects(() => decodeQuantity('2'), 'hex string without 0x prefix');
  rejects(() => decodeQuantity(''), 'empty hex string');
  rejects(() => decodeQuantity('0xg'), 'invalid hex string');
  rejects(() => decodeQuantity('0x1' + '0'.repeat(64)), 'hex number > 256 bits');
  rejects(() => decodeQuantity(5), 'cannot unmarshal number into quantity');
  rejects(() => decodeQuantity(null), 'cannot unmarshal null into quantity');
  rejects(() => decodeUint64('0x10000000000000000'), 'hex number > 64 bits');
  assert.equal(decodeUint64('0xffffffffffffffff'), (1n << 64n) - 1n);
});

test('DATA: whole bytes; fixed sizes exact', () => {
  assert.deepEqual(decodeData('0x'), new Uint8Array(0));
  assert.deepEqual(decodeData('0x00ff'), Uint8Array.of(0, 255));
  rejects(() => decodeData('0x0'), 'hex string of odd length');
  rejects(() => decodeData('00'), 'hex string without 0x prefix');
  rejects(() => decodeData('0xzz'), 'invalid hex string');
  assert.equal(decodeAddress('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'), 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266n);
  rejects(() => decodeAddress('0x1234'), 'hex string has length 4, want 40 for address');
  rejects(() => decodeHash('0x' + '00'.repeat(31)), 'hex string has length 62, want 64 for hash');
  rejects(() => decodeHash('1000000000000000000000000000000000000000000000000000000000000001'), 'hex string without 0x prefix');
  assert.equal(decodeBool(true), true);
  rejects(() => decodeBool('true'), 'cannot unmarshal string into bool');
});

test('block params: tags, numbers, EIP-1898 objects and bare hashes', () => {
  for (const tag of ['latest', 'earliest', 'pending', 'safe', 'finalized']) assert.deepEqual(decodeBlockNumberOrTag(tag), { tag });
  assert.deepEqual(decodeBlockNumberOrTag('0x2a'), { number: 42n });
  rejects(() => decodeBlockNumberOrTag('2'), 'hex string without 0x prefix');
  rejects(() => decodeBlockNumberOrTag('0x8000000000000000'), 'block number larger than int64');
  rejects(() => decodeBlockNumberOrTag('head'), 'hex string without 0x prefix');
  const h = '0x' + 'ab'.repeat(32);
  assert.deepEqual(decodeBlockRef(h), { hash: decodeHash(h), requireCanonical: false });
  assert.deepEqual(decodeBlockRef({ blockHash: h, requireCanonical: true }), { hash: decodeHash(h), requireCanonical: true });
  assert.deepEqual(decodeBlockRef({ blockNumber: '0x0' }), { number: 0n });
  assert.deepEqual(decodeBlockRef({ blockNumber: 'safe' }), { tag: 'safe' });
  rejects(
    () => decodeBlockRef({ blockHash: h, blockNumber: '0x1' }),
    'cannot specify both BlockHash and BlockNumber, choose one or the other',
  );
  rejects(() => decodeBlockRef({}), 'either blockNumber or blockHash must be specified');
  rejects(() => decodeBlockRef(7), 'cannot unmarshal number into block number or hash');
});

test('storage keys: go-ethereum leniency and its two error texts (conformance fixtures)', () => {
  assert.deepEqual(decodeStorageKey('0x0'), { key: 0n, byteLength: 1 });
  assert.deepEqual(decodeStorageKey('0x00'), { key: 0n, byteLength: 1 });
  assert.deepEqual(decodeStorageKey('0x' + '00'.repeat(32)), { key: 0n, byteLength: 32 });
  assert.deepEqual(decodeStorageKey('ff'), { key: 255n, byteLength: 1 });
  rejects(() => decodeStorageKey('0xasdf'), 'invalid hex in storage key: "0xasdf"');
  rejects(() => decodeStorageKey('0x' + '0'.repeat(65)), `storage key too long (want at most 32 bytes): "0x${'0'.repeat(65)}"`);
});

test('encoders: minimal quantities, lowercase data, padded addresses and hashes', () => {
  assert.equal(quantity(0n), '0x0');
  assert.equal(quantity(255), '0xff');
  assert.equal(data(Uint8Array.of(0, 1)), '0x0001');
  assert.equal(address(1n), '0x' + '0'.repeat(39) + '1');
  assert.equal(hash(1n), '0x' + '0'.repeat(63) + '1');
  assert.throws(() => hash(new Uint8Array(31)), RangeError);
});

test('log criteria: encodeLogCriteria is the inverse of decodeLogCriteria (what a forked node asks its remote)', () => {
  const filters: Record<string, unknown>[] = [
    {},
    { address: '0x' + '11'.repeat(20), fromBlock: '0x1', toBlock: 'latest' },
    { address: ['0x' + '11'.repeat(20), '0x' + '22'.repeat(20)], topics: [null, ['0x' + '33'.repeat(32), '0x' + '44'.repeat(32)]] },
    { blockHash: '0x' + '55'.repeat(32), topics: ['0x' + '66'.repeat(32)] },
    { fromBlock: 'earliest', toBlock: 'finalized' },
  ];
  for (const f of filters) {
    const c = decodeLogCriteria(f);
    assert.deepEqual(decodeLogCriteria(encodeLogCriteria(c)), c, JSON.stringify(f));
  }
  assert.deepEqual(encodeLogCriteria(decodeLogCriteria({ address: '0x' + 'aB'.repeat(20), toBlock: '0x10' })), {
    address: ['0x' + 'ab'.repeat(20)],
    toBlock: '0x10',
  });
});
