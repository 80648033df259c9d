/** The state-test loader: index selection, transaction types, env, fork skipping, malformed input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStateTests, parseStateTestText, forkSelected } from '../../src/statetest/load.js';
import type { LoadedEntry, LoadedVector, MalformedEntry } from '../../src/statetest/types.js';
import { Fork } from '../../src/spec/fork.js';
import { TxType } from '../../src/tx/types.js';
import { keccak256Word } from '../../src/primitives/crypto/keccak.js';
import { bytesToHex } from '../../src/primitives/hex.js';
import { COINBASE, ROOT_A, SENDER, TARGET, stateTest } from './fixture.js';

const FILE = 'dir/sample.json';

function vectors(entries: LoadedEntry[]): LoadedVector[] {
  return entries.filter((e): e is LoadedVector => e.kind === 'vector');
}
function malformed(entries: LoadedEntry[]): MalformedEntry[] {
  return entries.filter((e): e is MalformedEntry => e.kind === 'malformed');
}

test('one vector per (fork, post index), in file order, with origin', () => {
  const entries = parseStateTests(stateTest(), FILE);
  assert.deepEqual(
    entries.map((e) => [e.kind, e.file, e.name, e.fork, e.index]),
    [
      ['vector', FILE, 'simple', 'Cancun', 0],
      ['vector', FILE, 'simple', 'Cancun', 1],
      ['vector', FILE, 'simple', 'Shanghai', 0],
    ],
  );
});

test('indexes select data, gasLimit and value', () => {
  const [a, b, c] = vectors(parseStateTests(stateTest(), FILE));
  assert.equal(bytesToHex(a!.vector.tx.data), '0x');
  assert.equal(a!.vector.tx.gasLimit, 21000n);
  assert.equal(a!.vector.tx.value, 0n);
  assert.equal(bytesToHex(b!.vector.tx.data), '0xdeadbeef');
  assert.equal(b!.vector.tx.gasLimit, 100000n);
  assert.equal(b!.vector.tx.value, 2n);
  assert.deepEqual(c!.indexes, { data: 1, gas: 0, value: 1 });
  assert.equal(c!.vector.tx.value, 1n);
  assert.equal(c!.vector.fork, Fork.Shanghai);
  assert.equal(a!.vector.fork, Fork.Cancun);
});

test('shared fields: sender, to, nonce, chain id from config, pre-state, expectation', () => {
  const [v] = vectors(parseStateTests(stateTest(), FILE));
  const { vector, expect } = v!;
  assert.equal(vector.sender, BigInt(SENDER));
  assert.equal(vector.chainId, 7n);
  assert.equal(vector.tx.to, BigInt(TARGET));
  assert.equal(vector.tx.nonce, 0n);
  assert.equal(vector.tx.type, TxType.Legacy);
  assert.equal(vector.tx.gasPrice, 10n);
  assert.equal(vector.tx.chainId, undefined, 'legacy transactions carry no chain id');
  const target = vector.pre.get(BigInt(TARGET))!;
  assert.equal(target.nonce, 1n);
  assert.equal(bytesToHex(target.code), '0x600160005500');
  assert.deepEqual(
    [...target.storage],
    [
      [0n, 1n],
      [1n, 2n],
    ],
  );
  assert.equal(vector.pre.get(BigInt(SENDER))!.balance, 10n ** 18n);
  assert.equal(bytesToHex(expect.hash), ROOT_A);
  assert.equal(bytesToHex(expect.txbytes!), '0x00');
  assert.equal(expect.expectException, undefined);
});

test('chain id defaults to 1 without config', () => {
  const [v] = vectors(
    parseStateTests(
      stateTest('t', (t) => delete t.config),
      FILE,
    ),
  );
  assert.equal(v!.vector.chainId, 1n);
});

test('env: coinbase, prevRandao from currentRandom else currentDifficulty, base fee default 0, blockhash rule', () => {
  const [v] = vectors(parseStateTests(stateTest(), FILE));
  const env = v!.vector.env;
  assert.equal(env.coinbase, BigInt(COINBASE));
  assert.equal(env.number, 1n);
  assert.equal(env.timestamp, 1000n);
  assert.equal(env.gasLimit, 100000000n);
  assert.equal(env.difficulty, 0x20000n);
  assert.equal(env.prevRandao, 0x42n);
  assert.equal(env.baseFee, 10n);
  assert.equal(env.excessBlobGas, 0n);
  // go-ethereum vmTestBlockHash: keccak256 of the decimal string.
  assert.equal(env.getBlockHash(1n), keccak256Word(new TextEncoder().encode('1')));
  assert.equal(env.getBlockHash(256n), keccak256Word(new TextEncoder().encode('256')));

  const [old] = vectors(
    parseStateTests(
      stateTest('t', (t) => {
        delete t.env.currentRandom;
        delete t.env.currentBaseFee;
        delete t.env.currentExcessBlobGas;
      }),
      FILE,
    ),
  );
  assert.equal(old!.vector.env.prevRandao, 0x20000n);
  assert.equal(old!.vector.env.baseFee, 0n);
  assert.equal(old!.vector.env.excessBlobGas, undefined);
});

test('empty `to` means contract creation', () => {
  const [v] = vectors(
    parseStateTests(
      stateTest('t', (t) => (t.transaction.to = '')),
      FILE,
    ),
  );
  assert.equal(v!.vector.tx.to, null);
});

test('absent `to` means contract creation too (go-ethereum reads it as nil; evmone fills omit it)', () => {
  const [v] = vectors(
    parseStateTests(
      stateTest('t', (t) => delete t.transaction.to),
      FILE,
    ),
  );
  assert.equal(v!.vector.tx.to, null);
});

test('sender is derived from secretKey when the fixture has no sender', () => {
  const [v] = vectors(
    parseStateTests(
      stateTest('t', (t) => delete t.transaction.sender),
      FILE,
    ),
  );
  assert.equal(v!.vector.sender, BigInt(SENDER));
});

test('transaction type follows the fields; a null accessLists[d] is legacy', () => {
  const al = [{ address: TARGET, storageKeys: ['0x' + '00'.repeat(31) + '05'] }];
  const typeOf = (edit: (t: Record<string, any>) => void) =>
    vectors(parseStateTests(stateTest('t', edit), FILE)).map((v) => v.vector.tx.type);

  // accessLists parallel to data: data 0 -> null (legacy), data 1 -> a list (EIP-2930).
  const [l0, l1] = vectors(
    parseStateTests(
      stateTest('t', (t) => (t.transaction.accessLists = [null, al])),
      FILE,
    ),
  );
  assert.equal(l0!.vector.tx.type, TxType.Legacy);
  assert.equal(l1!.vector.tx.type, TxType.AccessList);
  assert.equal(l1!.vector.tx.chainId, 7n);
  assert.deepEqual(l1!.vector.tx.accessList, [{ address: BigInt(TARGET), storageKeys: [5n] }]);

  const fee = (t: Record<string, any>) => {
    delete t.transaction.gasPrice;
    t.transaction.maxFeePerGas = '0x14';
    t.transaction.maxPriorityFeePerGas = '0x02';
  };
  assert.deepEqual(typeOf(fee), [TxType.FeeMarket, TxType.FeeMarket, TxType.FeeMarket]);
  const [f] = vectors(parseStateTests(stateTest('t', fee), FILE));
  assert.equal(f!.vector.tx.maxFeePerGas, 20n);
  assert.equal(f!.vector.tx.maxPriorityFeePerGas, 2n);
  assert.deepEqual(f!.vector.tx.accessList, []);

  const blob = (t: Record<string, any>) => {
    fee(t);
    t.transaction.maxFeePerBlobGas = '0x01';
    t.transaction.blobVersionedHashes = ['0x01' + '00'.repeat(31)];
  };
  const [b] = vectors(parseStateTests(stateTest('t', blob), FILE));
  assert.equal(b!.vector.tx.type, TxType.Blob);
  assert.equal(b!.vector.tx.maxFeePerBlobGas, 1n);
  assert.equal(b!.vector.tx.blobVersionedHashes!.length, 1);

  const setCode = (t: Record<string, any>) => {
    fee(t);
    t.transaction.authorizationList = [
      { chainId: '0x00', address: TARGET, nonce: '0x00', v: '0x01', r: '0x02', s: '0x03' },
      { chainId: '0x07', address: TARGET, nonce: '0x01', v: '0x1b', yParity: '0x00', r: '0x02', s: '0x03', signer: SENDER },
    ];
  };
  const [s] = vectors(parseStateTests(stateTest('t', setCode), FILE));
  assert.equal(s!.vector.tx.type, TxType.SetCode);
  assert.deepEqual(s!.vector.tx.authorizationList, [
    { chainId: 0n, address: BigInt(TARGET), nonce: 0n, yParity: 1n, r: 2n, s: 3n },
    { chainId: 7n, address: BigInt(TARGET), nonce: 1n, yParity: 0n, r: 2n, s: 3n },
  ]);
});

test('a value written as `0x:bigint` (wider than 256 bits) is kept for validation to reject', () => {
  const [v] = vectors(
    parseStateTests(
      stateTest('t', (t) => (t.transaction.value = ['0x:bigint 0x1' + '00'.repeat(32)])),
      FILE,
    ),
  );
  assert.equal(v!.vector.tx.value, 1n << 256n);
});

test('expectException is kept', () => {
  const [v] = vectors(
    parseStateTests(
      stateTest('t', (t) => (t.post.Cancun[0].expectException = 'TransactionException.INTRINSIC_GAS_TOO_LOW')),
      FILE,
    ),
  );
  assert.equal(v!.expect.expectException, 'TransactionException.INTRINSIC_GAS_TOO_LOW');
});

test('unknown fork names yield skipped entries, one per post entry, never vectors', () => {
  const entries = parseStateTests(
    stateTest('t', (t) => {
      t.post.Amsterdam = [t.post.Cancun[0], t.post.Cancun[1]];
    }),
    FILE,
  );
  const skipped = entries.filter((e) => e.kind === 'skipped');
  assert.equal(skipped.length, 2);
  assert.deepEqual(
    skipped.map((e) => [e.fork, e.index]),
    [
      ['Amsterdam', 0],
      ['Amsterdam', 1],
    ],
  );
  assert.match((skipped[0] as { reason: string }).reason, /unsupported fork "Amsterdam"/);
  assert.equal(vectors(entries).length, 3);
});

test('a test with only unknown forks is skipped even when the rest of it is malformed', () => {
  const entries = parseStateTests(
    stateTest('t', (t) => {
      t.post = { Amsterdam: [t.post.Cancun[0]] };
      t.pre = 'garbage';
    }),
    FILE,
  );
  assert.deepEqual(
    entries.map((e) => e.kind),
    ['skipped'],
  );
});

test('filters: --run regex on test names, --fork with aliases, --index', () => {
  const file = { ...stateTest('alpha'), ...stateTest('beta') };
  assert.deepEqual(new Set(parseStateTests(file, FILE, { run: /^be/ }).map((e) => e.name)), new Set(['beta']));
  const shanghai = parseStateTests(file, FILE, { forks: ['shanghai'] });
  assert.deepEqual(
    shanghai.map((e) => e.fork),
    ['Shanghai', 'Shanghai'],
  );
  assert.deepEqual(
    parseStateTests(file, FILE, { index: 1 }).map((e) => [e.name, e.fork, e.index]),
    [
      ['alpha', 'Cancun', 1],
      ['beta', 'Cancun', 1],
    ],
  );
  assert.ok(forkSelected('ConstantinopleFix', ['Petersburg']));
  assert.ok(forkSelected('EIP150', ['TangerineWhistle']));
  assert.ok(!forkSelected('Constantinople', ['Petersburg']));
  assert.ok(forkSelected('Amsterdam', ['amsterdam']));
});

test('malformed shared field: one failed entry naming file, test and field; other tests still load', () => {
  const file = {
    ...stateTest('broken', (t) => (t.pre[TARGET].balance = '0xzz')),
    ...stateTest('fine'),
  };
  const entries = parseStateTests(file, FILE);
  const bad = malformed(entries);
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.name, 'broken');
  assert.equal(bad[0]!.index, -1);
  assert.match(bad[0]!.error, new RegExp(`^dir/sample\\.json: test "broken": pre\\.${TARGET}\\.balance: `));
  assert.equal(vectors(entries).length, 3);
});

test('malformed fields name the field', () => {
  const cases: [string, (t: Record<string, any>) => void, RegExp][] = [
    ['missing env', (t) => delete t.env, /: env: missing$/],
    ['coinbase length', (t) => (t.env.currentCoinbase = '0x1234'), /env\.currentCoinbase: expected 20 bytes, got 2/],
    ['bad number', (t) => (t.env.currentNumber = 'twelve'), /env\.currentNumber: not a hex or decimal quantity/],
    ['to not a string', (t) => (t.transaction.to = 5), /transaction\.to: /],
    ['data not array', (t) => (t.transaction.data = '0x'), /transaction\.data: expected an array, got the string "0x"/],
    [
      'no sender nor key',
      (t) => {
        delete t.transaction.sender;
        delete t.transaction.secretKey;
      },
      /transaction\.sender: missing, and no secretKey/,
    ],
    ['storage value', (t) => (t.pre[TARGET].storage['0x02'] = 'x'), new RegExp(`pre\\.${TARGET}\\.storage\\.0x02: `)],
    ['balance too wide', (t) => (t.pre[TARGET].balance = '0x1' + '00'.repeat(32)), /balance: exceeds 256 bits/],
    ['post not object', (t) => (t.post = []), /: post: expected an object, got an array$/],
    ['post fork not array', (t) => (t.post.Cancun = {}), /post\.Cancun: expected an array of post entries/],
    ['config chainid', (t) => (t.config.chainid = {}), /config\.chainid: expected a quantity, got an object/],
  ];
  for (const [what, edit, re] of cases) {
    const bad = malformed(parseStateTests(stateTest('t', edit), FILE));
    assert.equal(bad.length, 1, what);
    assert.match(bad[0]!.error, /^dir\/sample\.json: test "t": /, what);
    assert.match(bad[0]!.error, re, what);
  }
});

test('a malformed post entry fails that vector only', () => {
  const entries = parseStateTests(
    stateTest('t', (t) => {
      t.post.Cancun[1].indexes.data = 5;
      t.post.Shanghai[0].hash = '0x1234';
    }),
    FILE,
  );
  assert.deepEqual(
    entries.map((e) => e.kind),
    ['vector', 'malformed', 'malformed'],
  );
  const [, range, hash] = entries as MalformedEntry[];
  assert.equal(range!.fork, 'Cancun');
  assert.equal(range!.index, 1);
  assert.match(range!.error, /test "t": transaction\.data\[5\]: index out of range \(transaction\.data has 2 entries\)/);
  assert.match(hash!.error, /test "t": post\.Shanghai\[0\]\.hash: expected 32 bytes, got 2/);

  const [neg] = malformed(
    parseStateTests(
      stateTest('t', (t) => (t.post.Cancun[0].indexes.gas = -1)),
      FILE,
    ),
  );
  assert.match(neg!.error, /post\.Cancun\[0\]\.indexes\.gas: expected a non-negative integer, got number -1/);
  const [data] = malformed(
    parseStateTests(
      stateTest('t', (t) => (t.transaction.data[1] = '0xabc')),
      FILE,
    ),
  );
  assert.match(data!.error, /transaction\.data\[1\]: odd-length hex/);
});

test('invalid JSON and non-object files are one failed entry naming the file', () => {
  const [bad] = parseStateTestText('{"t": ', 'x.json');
  assert.equal(bad!.kind, 'malformed');
  assert.match((bad as MalformedEntry).error, /^x\.json: invalid JSON: /);
  const [arr] = parseStateTests([1, 2], 'y.json');
  assert.match((arr as MalformedEntry).error, /^y\.json: expected an object of named state tests/);
});

test('vectors of one test share the parsed pre-state', () => {
  const [a, b] = vectors(parseStateTests(stateTest(), FILE));
  assert.equal(a!.vector.pre, b!.vector.pre);
});
