/**
 * The in-process EIP-1193 provider (src/rpc/provider.ts) as viem's `custom` transport and as ethers v6's
 * BrowserProvider, on the methods phase 1 has; its events (connect, message, chainChanged, disconnect);
 * subscriptions and polling filters fed through NodeEvents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createPublicClient,
  createWalletClient,
  custom,
  verifyMessage,
  verifyTypedData,
  MethodNotFoundRpcError,
  InvalidParamsRpcError,
  type Hex,
} from 'viem';
import { foundry } from 'viem/chains';
import { BrowserProvider, verifyMessage as ethersVerifyMessage, verifyTypedData as ethersVerifyTypedData } from 'ethers';
import { createProvider, type ProviderMessage } from '../../src/rpc/provider.js';
import { createNode } from '../../src/rpc/node.js';
import { JsonRpcError } from '../../src/rpc/errors.js';
import { fakeBlock, fakeLog, fakePendingTx, hex32 } from './helpers.js';

const ACCOUNT0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

const domain = { name: 'evmkit', version: '1', chainId: 31337, verifyingContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3' } as const;
const types = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;
const permit = {
  owner: ACCOUNT0,
  spender: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  value: 10n ** 18n,
  nonce: 0n,
  deadline: 2n ** 255n,
} as const;

test('viem custom(provider): public and wallet clients on the phase-1 methods', async () => {
  const provider = createProvider();
  const client = createPublicClient({ chain: foundry, transport: custom(provider) });
  const wallet = createWalletClient({ chain: foundry, transport: custom(provider) });
  assert.equal(await client.getChainId(), 31337);
  assert.match(await client.request({ method: 'web3_clientVersion' }), /^evmkit\/v\d+\.\d+\.\d+$/);
  assert.equal(await client.request({ method: 'net_version' }), '31337');
  assert.equal(await client.request({ method: 'eth_syncing' } as never), false);
  assert.equal(
    await client.request({ method: 'web3_sha3', params: ['0x68656c6c6f'] }),
    '0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8',
  );
  const addresses = await wallet.getAddresses();
  assert.equal(addresses.length, 10);
  assert.equal(addresses[0], ACCOUNT0);
  assert.deepEqual(await wallet.requestAddresses(), addresses);

  const sig = await wallet.signMessage({ account: ACCOUNT0, message: 'hello evmkit' });
  assert.ok(await verifyMessage({ address: ACCOUNT0, message: 'hello evmkit', signature: sig }));
  assert.equal(await client.request({ method: 'net_listening' } as never), true);
  assert.equal(await client.request({ method: 'net_peerCount' } as never), '0x0');
  // eth_sign takes [address, data] and signs like personal_sign ([data, address]).
  const ethSign = await client.request({ method: 'eth_sign', params: [ACCOUNT0, '0x68656c6c6f2065766d6b6974'] } as never);
  assert.equal(ethSign, sig);
  const raw = await wallet.signMessage({ account: ACCOUNT0, message: { raw: '0xdeadbeef' } });
  assert.ok(await verifyMessage({ address: ACCOUNT0, message: { raw: '0xdeadbeef' }, signature: raw }));

  const tsig = await wallet.signTypedData({ account: ACCOUNT0, domain, types, primaryType: 'Permit', message: permit });
  assert.ok(await verifyTypedData({ address: ACCOUNT0, domain, types, primaryType: 'Permit', message: permit, signature: tsig }));

  await assert.rejects(client.request({ method: 'eth_nope' as never }), (e: unknown) => {
    assert.ok(e instanceof MethodNotFoundRpcError || (e as { cause?: unknown }).cause instanceof MethodNotFoundRpcError, String(e));
    return true;
  });
  await assert.rejects(client.getBlockNumber(), (e: { walk?: (f: (x: unknown) => boolean) => unknown }) => {
    assert.ok(
      e.walk?.((x) => x instanceof MethodNotFoundRpcError),
      'phase 1: no chain, -32601',
    );
    return true;
  });
  await assert.rejects(
    client.request({ method: 'web3_sha3', params: ['0x1'] } as never),
    (e: { walk?: (f: (x: unknown) => boolean) => unknown }) => {
      assert.ok(e.walk?.((x) => x instanceof InvalidParamsRpcError));
      return true;
    },
  );
  await assert.rejects(wallet.signMessage({ account: '0x0000000000000000000000000000000000000001', message: 'x' }), /unknown account/);
});

test('ethers v6 BrowserProvider over the provider: network, signer, personal_sign, signTypedData', async () => {
  const bp = new BrowserProvider(createProvider());
  try {
    assert.equal((await bp.getNetwork()).chainId, 31337n);
    const accounts = await bp.listAccounts();
    assert.equal(accounts.length, 10);
    const signer = await bp.getSigner(0);
    assert.equal(await signer.getAddress(), ACCOUNT0);
    const sig = await signer.signMessage('hello ethers');
    assert.equal(ethersVerifyMessage('hello ethers', sig), ACCOUNT0);
    const tsig = await signer.signTypedData(domain, types as never, permit);
    assert.equal(ethersVerifyTypedData(domain, types as never, permit, tsig), ACCOUNT0);
    assert.equal(await bp.send('eth_chainId', []), '0x7a69');
    await assert.rejects(bp.send('eth_nope', []), (e: { error?: { code?: number }; info?: { error?: { code?: number } } }) => {
      assert.equal(e.error?.code ?? e.info?.error?.code, -32601);
      return true;
    });
  } finally {
    bp.destroy();
  }
});

test('EIP-1193 surface: connect event, errors with code and data, bad request objects, disconnect', async () => {
  const provider = createProvider({ chainId: 1n });
  const connected = await new Promise<{ chainId: string }>((r) => provider.once('connect', r));
  assert.deepEqual(connected, { chainId: '0x1' });
  await assert.rejects(provider.request({ method: 'eth_sign', params: ['0x12'] }), (e: unknown) => {
    assert.ok(e instanceof JsonRpcError);
    assert.equal(e.code, -32602);
    return true;
  });
  await assert.rejects(provider.request(null as never), (e: JsonRpcError) => e.code === -32600);
  await assert.rejects(provider.request({ method: 5 } as never), (e: JsonRpcError) => e.code === -32600);
  let disconnected: JsonRpcError | undefined;
  provider.on('disconnect', (e) => (disconnected = e));
  provider.disconnect();
  assert.equal(disconnected?.code, 4900);
  await assert.rejects(provider.request({ method: 'eth_chainId' }), (e: JsonRpcError) => e.code === 4900);
});

test('subscriptions through the provider: newHeads, filtered logs, pending transactions, unsubscribe', async () => {
  const node = createNode();
  const provider = createProvider({ node });
  const seen: ProviderMessage[] = [];
  provider.on('message', (m) => seen.push(m));
  const heads = (await provider.request({ method: 'eth_subscribe', params: ['newHeads'] })) as string;
  const logs = (await provider.request({
    method: 'eth_subscribe',
    params: ['logs', { address: '0x00000000000000000000000000000000000000aa', topics: [null, hex32(2n)] }],
  })) as string;
  const pending = (await provider.request({ method: 'eth_subscribe', params: ['newPendingTransactions'] })) as string;
  assert.match(heads, /^0x[0-9a-f]{32}$/);
  assert.notEqual(heads, logs);

  node.ctx.events.publishBlock(fakeBlock(5n), [
    fakeLog(5n, 0xaan, [1n, 2n], 0),
    fakeLog(5n, 0xaan, [1n, 3n], 1),
    fakeLog(5n, 0xbbn, [1n, 2n], 2),
  ]);
  node.ctx.events.publishPendingTransaction(fakePendingTx(3n));
  assert.equal(seen.length, 3);
  const [h, l, p] = seen.map((m) => m.data as { subscription: string; result: any });
  assert.equal(seen[0]!.type, 'eth_subscription');
  assert.equal(h!.subscription, heads);
  assert.equal(h!.result.number, '0x5');
  assert.equal(h!.result.transactions, undefined, 'newHeads carries the header only');
  assert.equal(l!.subscription, logs);
  assert.equal(l!.result.logIndex, '0x0');
  assert.equal(p!.subscription, pending);
  assert.match(p!.result, /^0x[0-9a-f]{64}$/);

  node.ctx.events.publishRemovedLogs([fakeLog(5n, 0xaan, [1n, 2n], 0)]);
  assert.equal((seen[3]!.data as { result: { removed: boolean } }).result.removed, true);

  assert.equal(await provider.request({ method: 'eth_unsubscribe', params: [heads] }), true);
  await assert.rejects(provider.request({ method: 'eth_unsubscribe', params: [heads] }), (e: JsonRpcError) => e.code === -32000);
  await assert.rejects(
    provider.request({ method: 'eth_subscribe', params: ['syncingg'] }),
    (e: JsonRpcError) => e.code === -32601 && /no "syncingg" subscription/.test(e.message),
  );
  await assert.rejects(
    provider.request({ method: 'eth_subscribe', params: ['logs', { topics: [1] }] }),
    (e: JsonRpcError) => e.code === -32602 && /options\.topics\[0\]/.test(e.message),
  );
  seen.length = 0;
  node.ctx.events.publishBlock(fakeBlock(6n), []);
  assert.equal(seen.length, 0);
  provider.disconnect();
  assert.equal(node.ctx.subscriptions.size, 0);
});

test('polling filters: blocks, pending transactions and logs queue until polled; unknown ids are -32000', async () => {
  let now = 0;
  const node = createNode({ filters: { now: () => now, timeoutMs: 1000 } });
  const req = (method: string, params: unknown[] = []) => node.request(method, params);
  const blocks = (await req('eth_newBlockFilter')) as string;
  const txs = (await req('eth_newPendingTransactionFilter')) as string;
  const logs = (await req('eth_newFilter', [{ fromBlock: '0x2', toBlock: '0x3', topics: [[hex32(7n), hex32(8n)]] }])) as string;
  for (const n of [1n, 2n, 3n, 4n]) node.ctx.events.publishBlock(fakeBlock(n), [fakeLog(n, 1n, [n % 2n === 0n ? 7n : 8n])]);
  node.ctx.events.publishPendingTransaction(fakePendingTx(0n));
  assert.equal(((await req('eth_getFilterChanges', [blocks])) as string[]).length, 4);
  assert.deepEqual(await req('eth_getFilterChanges', [blocks]), []);
  assert.equal(((await req('eth_getFilterChanges', [txs])) as string[]).length, 1);
  const got = (await req('eth_getFilterChanges', [logs])) as { blockNumber: string }[];
  assert.deepEqual(
    got.map((l) => l.blockNumber),
    ['0x2', '0x3'],
  );
  assert.equal(await req('eth_uninstallFilter', [blocks]), true);
  assert.equal(await req('eth_uninstallFilter', [blocks]), false);
  await assert.rejects(req('eth_getFilterChanges', [blocks]), (e: JsonRpcError) => e.code === -32000 && e.message === 'filter not found');
  await assert.rejects(
    req('eth_newFilter', [{ blockHash: hex32(1n), fromBlock: '0x1' }]),
    (e: JsonRpcError) => e.code === -32602 && /cannot specify both BlockHash and FromBlock\/ToBlock/.test(e.message),
  );
  await assert.rejects(
    req('eth_newFilter', [{ topics: [null, null, null, null, null] }]),
    (e: JsonRpcError) => e.code === -32602 && /exceed max topics/.test(e.message),
  );
  // Idle filters expire (go-ethereum: 5 minutes; 1 s here).
  now = 5000;
  await assert.rejects(req('eth_getFilterChanges', [txs]), (e: JsonRpcError) => e.message === 'filter not found');
  assert.equal(node.ctx.filters.size, 0);
});

test('impersonation controls and their hardhat_ aliases', async () => {
  const node = createNode();
  const who = '0x000000000000000000000000000000000000dead';
  assert.equal(await node.request('anvil_impersonateAccount', [who]), null);
  assert.ok(node.ctx.accounts.isImpersonated(0xdeadn));
  assert.equal(await node.request('hardhat_stopImpersonatingAccount', [who]), null);
  assert.equal(node.ctx.accounts.isImpersonated(0xdeadn), false);
  await node.request('hardhat_impersonateAccount', [who]);
  assert.ok(node.ctx.accounts.canSend(0xdeadn));
  await node.request('anvil_autoImpersonateAccount', [true]);
  assert.ok(node.ctx.accounts.canSend(0xbeefn));
});

test('chainChanged follows a chain id change published by the node', async () => {
  const provider = createProvider();
  const changed = new Promise<string>((r) => provider.once('chainChanged', r));
  provider.node.ctx.events.publishChainId(10n);
  assert.equal(await changed, '0xa');
  assert.equal(await provider.request({ method: 'eth_chainId' }), '0xa');
});

test('dev account options: another mnemonic, a count, a chain id; typed data signed over the provider verifies', async () => {
  const provider = createProvider({
    mnemonic: 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
    accounts: 2,
    chainId: 5,
  });
  const accounts = (await provider.request({ method: 'eth_accounts' })) as string[];
  assert.deepEqual(accounts, ['0x9858effd232b4033e47d90003d41ec34ecaeda94', '0x6fac4d18c912343bf86fa7049364dd4e424ab9c0']);
  assert.equal(await provider.request({ method: 'eth_chainId' }), '0x5');
  const typed = {
    domain,
    types: {
      ...types,
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
    },
    primaryType: 'Permit',
    message: { ...permit, owner: accounts[0], value: '1000000000000000000', nonce: 0, deadline: '0x' + (2n ** 255n).toString(16) },
  };
  const sig = (await provider.request({ method: 'eth_signTypedData_v4', params: [accounts[0], JSON.stringify(typed)] })) as Hex;
  assert.ok(
    await verifyTypedData({
      address: accounts[0] as Hex,
      domain,
      types,
      primaryType: 'Permit',
      message: { ...permit, owner: accounts[0] as Hex },
      signature: sig,
    }),
  );
});
