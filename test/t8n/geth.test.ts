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
  assert.equal((r.receipts as { transactionHash: string }[])[0]!.transactionHash, '0x0557bacce3375c98d806609b8d5043072f0b6a8bae45ae5a67a00d3a1a18d673');
  assert.deepEqual((r.rejected as { index: number }[]).map((x) => x.index), [1]);
  assert.equal(r.currentDifficulty, '0x20000');
  assert.equal(r.gasUsed, '0x5208');
});
