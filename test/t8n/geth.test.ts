/**
 * Cross-check against go-ethereum's own t8n test data (cmd/evm/testdata/1, run with --state.fork=Byzantium):
 * the same alloc, roots and rejection as its exp.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './helpers.js';

const signed = {
  gas: '0x5208',
  gasPrice: '0x2',
  input: '0x',
  nonce: '0x0',
  r: '0x9500e8ba27d3c33ca7764e107410f44cbd8c19794bde214d694683a7aa998cdb',
  s: '0x7235ae07e4bd6e0206d102b1f8979d6adab280466b6a82d2208ee08951f1f600',
  to: '0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192',
  v: '0x1b',
  value: '0x1',
};

test('go-ethereum cmd/evm/testdata/1 (Byzantium): one transfer, one nonce-too-low rejection', () => {
  const out = run(
    {
      alloc: {
        a94f5374fce5edbc8e2a8697c15331677e6ebf0b: { balance: '0x5ffd4878be161d74', code: '0x', nonce: '0xac', storage: {} },
        '0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192': { balance: '0xfeedbead', nonce: '0x00' },
      },
      env: {
        currentCoinbase: '0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b',
        currentDifficulty: '0x20000',
        currentGasLimit: '0x750a163df65e8a',
        currentNumber: '1',
        currentTimestamp: '1000',
      },
      txs: [signed, signed],
    },
    'Byzantium',
  );
  assert.deepEqual(out.alloc, {
    '0x8a8eafb1cf62bfbeb1741769dae1a9dd47996192': { balance: '0xfeed1a9d', nonce: '0x1' },
    '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b': { balance: '0x5ffd4878be161d74', nonce: '0xac' },
    '0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b': { balance: '0xa410' },
  });
  const r = out.result;
  assert.equal(r.stateRoot, '0x84208a19bc2b46ada7445180c1db162be5b39b9abc8c0a54b05d32943eae4e13');
  assert.equal(r.txRoot, '0xc4761fd7b87ff2364c7c60b6c5c8d02e522e815328aaea3f20e3b7b7ef52c42d');
  assert.equal(r.receiptsRoot, '0x056b23fbba480696b65fe5a59b8f2148a1299103c4f57df839233af2cf4ca2d2');
  assert.equal(r.logsHash, '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347');
  assert.equal(
    (r.receipts as { transactionHash: string }[])[0]!.transactionHash,
    '0x0557bacce3375c98d806609b8d5043072f0b6a8bae45ae5a67a00d3a1a18d673',
  );
  assert.deepEqual(
    (r.rejected as { index: number }[]).map((x) => x.index),
    [1],
  );
  assert.equal(r.currentDifficulty, '0x20000');
  assert.equal(r.gasUsed, '0x5208');
});

test('go-ethereum cmd/evm/testdata/29 (Cancun, EIP-4788): base fee from the parent, beacon-root storage, empty withdrawals root', () => {
  // The transaction of that test is not part of this check (its txs.json is not reproduced here); the
  // block-level parts are: the system call's storage, the derived base fee and the roots of empty lists.
  const beacon = '0x000f3df6d732807ef1319fb7b8bb8522d0beac02';
  const code =
    '0x3373fffffffffffffffffffffffffffffffffffffffe14604457602036146024575f5ffd5b620180005f350680545f35146037575f5ffd5b6201800001545f5260205ff35b6201800042064281555f359062018000015500';
  const out = run(
    {
      alloc: { [beacon]: { balance: '0x1', code, nonce: '0x00', storage: {} } },
      env: {
        currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba',
        currentNumber: '0x01',
        currentTimestamp: '0x079e',
        currentGasLimit: '0x7fffffffffffffff',
        parentTimestamp: '0x03b6',
        parentDifficulty: '0x00',
        parentUncleHash: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347',
        currentRandom: '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421',
        withdrawals: [],
        parentBaseFee: '0x0a',
        parentGasUsed: '0x00',
        parentGasLimit: '0x7fffffffffffffff',
        parentExcessBlobGas: '0x00',
        parentBlobGasUsed: '0x00',
        parentBeaconBlockRoot: '0x0000beac00beac00beac00beac00beac00beac00beac00beac00beac00beac00',
      },
      txs: [],
    },
    'Cancun',
  );
  assert.deepEqual(out.alloc[beacon], {
    code,
    storage: {
      '0x000000000000000000000000000000000000000000000000000000000000079e':
        '0x000000000000000000000000000000000000000000000000000000000000079e',
      '0x000000000000000000000000000000000000000000000000000000000001879e':
        '0x0000beac00beac00beac00beac00beac00beac00beac00beac00beac00beac00',
    },
    balance: '0x1',
  });
  assert.equal(out.result.currentBaseFee, '0x9');
  assert.equal(out.result.withdrawalsRoot, '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');
  assert.equal(out.result.currentDifficulty, null);
  assert.equal(out.result.currentExcessBlobGas, '0x0');
  assert.equal(out.result.blobGasUsed, '0x0');
});
