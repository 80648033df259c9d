/**
 * The workload of `npm run bench:node` (bench/node) against evmkit alone, for correctness (no timing): the
 * throughput workload's deployment, calls and pre-signed transfers through `createProvider()`, and the
 * viem mini suite (smaller counts) with its balance and log checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { custom } from 'viem';
import { createProvider } from '../../src/index.js';
import { ACCOUNT0, TOKEN, callParams, signedTransactions, recipient, amount } from '../../bench/node/chain.js';
import { providerRpc } from '../../bench/node/rpcClient.js';
import { callSample, deployToken, sendSample } from '../../bench/node/throughput.js';
import { expected, runSuite } from '../../bench/node/suite.js';

test('throughput workload: deploy at the shared address, calls, 130 pre-signed transfers mined with their balances', async () => {
  const rpc = providerRpc(createProvider({ fork: 'Cancun' }));
  const { deploy, transfers } = await signedTransactions(130);
  await deployToken(rpc, deploy);
  assert.equal(((await rpc.call('eth_getCode', [TOKEN, 'latest'])) as string).length > 2, true);
  assert.ok((await callSample(rpc, 10, 0)) >= 0);
  assert.ok((await sendSample(rpc, transfers.slice(0, 65))) >= 0);
  assert.ok((await sendSample(rpc, transfers.slice(65))) >= 0);
  assert.equal(await rpc.call('eth_blockNumber'), '0x83'); // the deployment and 130 transfers, a block each
  assert.equal(await rpc.call('eth_getTransactionCount', [ACCOUNT0.address, 'latest']), '0x83');
  for (const r of [0, 1, 2, 63]) {
    const want = expected(130, r).balance;
    assert.equal(BigInt((await rpc.call('eth_call', callParams(r))) as string), want, `balance of ${recipient(r)}`);
  }
  // recipient 1 got transfers 1, 65 and 129: 2 + 3 + 4.
  assert.equal(expected(130, 1).balance, amount(1) + amount(65) + amount(129));
  assert.equal(expected(130, 1).balance, 9n);
});

test('viem mini suite on createProvider(): every balance read and every Transfer log query checks out', async () => {
  const r = await runSuite(custom(createProvider({ fork: 'Cancun' })), { transfers: 128, calls: 64, getLogs: 64 });
  assert.equal(r.token.toLowerCase(), TOKEN.toLowerCase());
  // 128 transfers to 64 recipients: each got two, and the 64 log queries return all 128.
  assert.equal(r.logs, 128);
  let sum = 0n;
  for (let i = 0; i < 128; i++) sum += amount(i);
  assert.equal(r.balanceSum, sum);
});

test('viem mini suite: a wrong balance or a missing log is reported', async () => {
  const tamper = (method: string, change: (result: unknown) => unknown) => {
    const provider = createProvider({ fork: 'Cancun' });
    return custom({
      request: async (args: { method: string; params?: unknown }) => {
        const result = await provider.request(args as never);
        return args.method === method ? change(result) : result;
      },
    });
  };
  await assert.rejects(
    runSuite(
      tamper('eth_call', () => '0x' + '00'.repeat(31) + '63'),
      { transfers: 4, calls: 4, getLogs: 0 },
    ),
    /balanceOf\(0x0+be0000\) = 99, expected 1/,
  );
  await assert.rejects(
    runSuite(
      tamper('eth_getLogs', (logs) => (logs as unknown[]).slice(1)),
      { transfers: 4, calls: 0, getLogs: 1 },
    ),
    /Transfer logs to 0x0+be0000: 0 worth 0, expected 1 worth 1/,
  );
});
