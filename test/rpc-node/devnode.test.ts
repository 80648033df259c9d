/**
 * The chain-backed dev node with real clients: viem (public, wallet and test clients) against the
 * in-process provider, ethers v6 against the HTTP server. A committed contract (hand-assembled, source
 * below) is deployed, called, sent to, its receipts and logs read, gas estimated, a transaction traced,
 * the chain snapshotted and reverted, state set, time warped.
 *
 * Counter (runtime): with empty calldata, slot 0 += 1, LOG1(topic 0x2a, data = the new value), returns the
 * new value; with any calldata, REVERT with no data.
 *   CALLDATASIZE ISZERO PUSH1 0x0a JUMPI PUSH1 0 PUSH1 0 REVERT
 *   JUMPDEST PUSH1 0 SLOAD PUSH1 1 ADD DUP1 PUSH1 0 SSTORE DUP1 PUSH1 0 MSTORE POP
 *   PUSH1 0x2a PUSH1 0x20 PUSH1 0 LOG1 PUSH1 0x20 PUSH1 0 RETURN
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, createTestClient, createWalletClient, custom, http, parseEther, type Hex, type Log } from 'viem';
import WebSocket from 'ws';
import { foundry } from 'viem/chains';
import { JsonRpcProvider } from 'ethers';
import { createProvider } from '../../src/rpc/provider.js';
import { createNode } from '../../src/rpc/node.js';
import { startRpcServer } from '../../src/cli/rpcServer.js';
import { MAX_POOL } from '../../src/rpc/backend/nodeChain.js';

const RUNTIME = '3615600a5760006000fd5b600054600101806000558060005250602a60206000a160206000f3';
const len = (RUNTIME.length / 2).toString(16).padStart(2, '0');
const INIT = `0x60${len}600c60003960${len}6000f3${RUNTIME}` as Hex;
const DEV0 = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const DEV1 = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const WORD1 = ('0x' + '1'.padStart(64, '0')) as Hex;

test('viem in-process: deploy, call, send, receipt, logs, estimate, trace, snapshot/revert, set state, time', async () => {
  const provider = createProvider();
  const transport = custom(provider);
  const pub = createPublicClient({ chain: foundry, transport, cacheTime: 0, pollingInterval: 10 });
  const wallet = createWalletClient({ chain: foundry, transport, account: DEV0 });
  const testClient = createTestClient({ chain: foundry, transport, mode: 'anvil' });

  assert.equal(await pub.getBlockNumber(), 0n);
  assert.equal(await pub.getBalance({ address: DEV0 }), parseEther('10000'));

  // Deploy: automine puts it in block 1.
  const deployHash = await wallet.sendTransaction({ data: INIT });
  const deployed = await pub.waitForTransactionReceipt({ hash: deployHash });
  assert.equal(deployed.status, 'success');
  assert.equal(deployed.blockNumber, 1n);
  const counter = deployed.contractAddress!;
  assert.equal(await pub.getCode({ address: counter }), `0x${RUNTIME}`);
  // The deployment's gas: 21000 + 32000 + calldata + init execution + 200 per byte of code.
  assert.ok(deployed.gasUsed > 53000n && deployed.gasUsed < 100000n, String(deployed.gasUsed));

  // A call sees the would-be value and changes nothing.
  assert.equal((await pub.call({ to: counter })).data, WORD1);
  assert.equal(await pub.getStorageAt({ address: counter, slot: '0x0' }), ('0x' + '0'.repeat(64)) as Hex);

  // Estimate, then send with exactly that gas.
  const gas = await pub.estimateGas({ account: DEV0, to: counter });
  assert.ok(gas > 21000n + 20000n, String(gas));
  const hash = await wallet.sendTransaction({ to: counter, gas });
  const receipt = await pub.waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, 'success');
  assert.equal(receipt.blockNumber, 2n);
  assert.equal(receipt.logs.length, 1);
  assert.equal(receipt.logs[0]!.data, WORD1);
  assert.equal(receipt.logs[0]!.topics[0], ('0x' + '2a'.padStart(64, '0')) as Hex);
  assert.equal(await pub.getStorageAt({ address: counter, slot: '0x0' }), WORD1);
  const logs = await pub.getLogs({ address: counter, fromBlock: 0n, toBlock: 'latest' });
  assert.equal(logs.length, 1);
  assert.equal(logs[0]!.transactionHash, hash);
  assert.equal(await pub.getTransactionCount({ address: DEV0 }), 2);

  // A reverting call: code 3, execution reverted.
  await assert.rejects(pub.call({ to: counter, data: '0x01' }), /execution reverted/);

  // callTracer over debug_traceTransaction.
  const trace = (await provider.request({ method: 'debug_traceTransaction', params: [hash, { tracer: 'callTracer' }] })) as {
    type: string;
    to: string;
    output: string;
  };
  assert.equal(trace.type, 'CALL');
  assert.equal(trace.to, counter.toLowerCase());
  assert.equal(trace.output, WORD1);

  // Snapshot, change things, revert.
  const snap = await testClient.snapshot();
  await wallet.sendTransaction({ to: counter });
  await testClient.setBalance({ address: DEV1, value: 5n });
  assert.equal(await pub.getBlockNumber(), 3n);
  assert.equal(await pub.getBalance({ address: DEV1 }), 5n);
  await testClient.revert({ id: snap });
  assert.equal(await pub.getBlockNumber(), 2n);
  assert.equal(await pub.getStorageAt({ address: counter, slot: '0x0' }), WORD1);
  assert.equal(await pub.getBalance({ address: DEV1 }), parseEther('10000'));

  // setCode / setStorageAt / setNonce, then mine and warp time.
  await testClient.setStorageAt({ address: counter, index: 0, value: ('0x' + '7'.padStart(64, '0')) as Hex });
  assert.equal((await pub.call({ to: counter })).data, ('0x' + '8'.padStart(64, '0')) as Hex);
  await testClient.setNonce({ address: DEV1, nonce: 9 });
  assert.equal(await pub.getTransactionCount({ address: DEV1 }), 9);
  const before = await pub.getBlock();
  await testClient.increaseTime({ seconds: 3600 });
  await testClient.mine({ blocks: 2 });
  const after2 = await pub.getBlock();
  assert.equal(after2.number, before.number + 2n);
  assert.ok(after2.timestamp >= before.timestamp + 3600n, `${after2.timestamp} vs ${before.timestamp}`);

  // No automine: the transaction waits in the pool until a block is mined.
  await testClient.setAutomine(false);
  const pending = await wallet.sendTransaction({ to: DEV1, value: 1n });
  assert.equal(await pub.getBlockNumber(), after2.number);
  assert.deepEqual(await provider.request({ method: 'txpool_status' }), { pending: '0x1', queued: '0x0' });
  await testClient.mine({ blocks: 1 });
  const r = await pub.getTransactionReceipt({ hash: pending });
  assert.equal(r.blockNumber, after2.number + 1n);
  await testClient.setAutomine(true);

  // Impersonation: an address without a key sends (unsigned; the node executes it as from that address).
  const whale = '0x00000000000000000000000000000000000f00d5';
  await testClient.setBalance({ address: whale, value: parseEther('2') });
  await testClient.impersonateAccount({ address: whale });
  const asWhale = createWalletClient({ chain: foundry, transport, account: whale });
  const imp = await asWhale.sendTransaction({ to: DEV1, value: parseEther('1') });
  const impReceipt = await pub.waitForTransactionReceipt({ hash: imp });
  assert.equal(impReceipt.status, 'success');
  assert.equal(impReceipt.from, whale);
  assert.equal((await pub.getTransaction({ hash: imp })).from, whale);
  assert.ok((await pub.getBalance({ address: whale })) < parseEther('1'));
  await testClient.stopImpersonatingAccount({ address: whale });
  await assert.rejects(asWhale.sendTransaction({ to: DEV1, value: 1n }), /unknown account/);

  // Timestamp interval, then reset to genesis.
  await testClient.setBlockTimestampInterval({ interval: 100 });
  const t0 = (await pub.getBlock()).timestamp;
  await testClient.mine({ blocks: 1 });
  assert.equal((await pub.getBlock()).timestamp, t0 + 100n);
  await testClient.removeBlockTimestampInterval();
  const pool = (await provider.request({ method: 'txpool_inspect' })) as { pending: object };
  assert.deepEqual(pool.pending, {});
  await testClient.reset();
  assert.equal(await pub.getBlockNumber(), 0n);
  assert.equal(await pub.getCode({ address: counter }), undefined);
  assert.equal(await pub.getBalance({ address: DEV0 }), parseEther('10000'));
});

test('viem test client: setNextBlockBaseFeePerGas and setBlockGasLimit shape the blocks mined next (modes anvil, hardhat)', async () => {
  for (const mode of ['anvil', 'hardhat'] as const) {
    const provider = createProvider();
    const transport = custom(provider);
    const pub = createPublicClient({ chain: foundry, transport, cacheTime: 0 });
    const wallet = createWalletClient({ chain: foundry, transport, account: DEV0 });
    const testClient = createTestClient({ chain: foundry, transport, mode });
    // The base fee: as set for the next block, then EIP-1559 from it (an empty block: 7/8 of it).
    await testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: 10n ** 9n });
    assert.equal(BigInt((await provider.request({ method: 'eth_baseFee' })) as string), 10n ** 9n, mode);
    await testClient.mine({ blocks: 1 });
    assert.equal((await pub.getBlock()).baseFeePerGas, 10n ** 9n, mode);
    await testClient.mine({ blocks: 1 });
    assert.equal((await pub.getBlock()).baseFeePerGas, 875_000_000n, mode);
    // A transaction paying a fee cap only the lowered base fee lets in.
    const cheap = await wallet.sendTransaction({ to: DEV1, value: 1n, maxFeePerGas: 900_000_000n, maxPriorityFeePerGas: 1n });
    assert.equal((await pub.waitForTransactionReceipt({ hash: cheap })).status, 'success', mode);
    // The gas limit: three times the current one at once (beyond the 1/1024 step), kept block after block.
    const before = (await pub.getBlock()).gasLimit;
    await testClient.setBlockGasLimit({ gasLimit: before * 3n });
    await testClient.mine({ blocks: 2 });
    assert.equal((await pub.getBlock()).gasLimit, before * 3n, mode);
    assert.equal((await pub.getBlock({ blockNumber: (await pub.getBlockNumber()) - 1n })).gasLimit, before * 3n, mode);
    // Down to 50,000: two 21,000-gas transfers fit in a block, the third waits for the next one.
    await testClient.setBlockGasLimit({ gasLimit: 50_000n });
    await testClient.setAutomine(false);
    for (let i = 0; i < 3; i++) await wallet.sendTransaction({ to: DEV1, value: 1n, gas: 21_000n });
    await testClient.mine({ blocks: 1 });
    const full = await pub.getBlock();
    assert.deepEqual([full.gasLimit, full.gasUsed, full.transactions.length], [50_000n, 42_000n, 2], mode);
    await testClient.mine({ blocks: 1 });
    assert.equal((await pub.getBlock()).transactions.length, 1, mode);
    // One no block could hold is refused at once (go-ethereum's pool).
    await assert.rejects(wallet.sendTransaction({ to: DEV1, value: 1n, gas: 60_000n }), /exceeds block gas limit/);
    await assert.rejects(
      provider.request({ method: 'evm_setBlockGasLimit', params: ['0x3e8'] }),
      (e: { code?: number; message?: string }) => e.code === -32602 && /out of range/.test(e.message ?? ''),
    );
  }
});

test('automine with a nonce gap: the later transaction waits queued, then both are mined once the gap fills', async () => {
  const provider = createProvider();
  const transport = custom(provider);
  const pub = createPublicClient({ chain: foundry, transport, cacheTime: 0 });
  const wallet = createWalletClient({ chain: foundry, transport, account: DEV0 });
  const nonce = await pub.getTransactionCount({ address: DEV0 });
  const later = await wallet.sendTransaction({ to: DEV1, value: 2n, nonce: nonce + 1, gas: 21_000n });
  assert.deepEqual(await provider.request({ method: 'txpool_status' }), { pending: '0x0', queued: '0x1' });
  assert.equal(await provider.request({ method: 'eth_getTransactionReceipt', params: [later] }), null);
  const first = await wallet.sendTransaction({ to: DEV1, value: 1n, nonce, gas: 21_000n });
  const [r1, r2] = await Promise.all([pub.waitForTransactionReceipt({ hash: first }), pub.waitForTransactionReceipt({ hash: later })]);
  assert.deepEqual([r1.status, r2.status, r1.blockNumber], ['success', 'success', r2.blockNumber]);
  assert.deepEqual(await provider.request({ method: 'txpool_status' }), { pending: '0x0', queued: '0x0' });
});

test('the pool is bounded: past MAX_POOL transactions a new one is refused, a replacement still taken', async () => {
  const provider = createProvider();
  const send = (nonce: number, value: number) =>
    provider.request({
      method: 'eth_sendTransaction',
      params: [{ from: whale, to: DEV1, value: `0x${value.toString(16)}`, nonce: `0x${nonce.toString(16)}`, gas: '0x5208' }],
    });
  await provider.request({ method: 'evm_setAutomine', params: [false] });
  // An impersonated sender: its transactions are pooled unsigned (no signing cost per transaction).
  const whale = '0x00000000000000000000000000000000000f00d5';
  await provider.request({ method: 'anvil_setBalance', params: [whale, '0xde0b6b3a7640000'] });
  await provider.request({ method: 'anvil_impersonateAccount', params: [whale] });
  // Nonces from 1 on: the gap at 0 keeps every one of them queued.
  for (let n = 1; n <= MAX_POOL; n++) await send(n, 1);
  assert.deepEqual(await provider.request({ method: 'txpool_status' }), { pending: '0x0', queued: `0x${MAX_POOL.toString(16)}` });
  await assert.rejects(send(MAX_POOL + 1, 1), /txpool is full/);
  await send(5, 2); // same sender and nonce: replaces
  assert.deepEqual(await provider.request({ method: 'txpool_status' }), { pending: '0x0', queued: `0x${MAX_POOL.toString(16)}` });
});

test('ethers over HTTP: a transfer from a dev account, its receipt, the balances', async () => {
  const node = createNode({ chain: 'dev' });
  const server = await startRpcServer(node, { port: 0 });
  after(() => server.close());
  const provider = new JsonRpcProvider(`http://127.0.0.1:${server.port}`, 31337, { staticNetwork: true });
  after(() => provider.destroy());
  const signer = await provider.getSigner(0);
  assert.equal((await signer.getAddress()).toLowerCase(), DEV0);
  const tx = await signer.sendTransaction({ to: DEV1, value: 10n ** 18n });
  const rc = await tx.wait();
  assert.equal(rc!.status, 1);
  assert.equal(rc!.gasUsed, 21000n);
  assert.equal(await provider.getBalance(DEV1), parseEther('10001'));
  const block = await provider.getBlock(rc!.blockNumber);
  assert.equal(block!.transactions[0], tx.hash);
  // The sender paid the value and 21000 gas at the effective price.
  assert.equal(await provider.getBalance(DEV0), parseEther('9999') - 21000n * rc!.gasPrice);
});

test('state dumps: anvil_dumpState into another node with anvil_loadState; --dump-state on exit, --load-state at start', async () => {
  const a = createProvider();
  const ta = createTestClient({ chain: foundry, transport: custom(a), mode: 'anvil' });
  const pa = createPublicClient({ chain: foundry, transport: custom(a), cacheTime: 0 });
  const wa = createWalletClient({ chain: foundry, transport: custom(a), account: DEV0 });
  const deployed = await pa.waitForTransactionReceipt({ hash: await wa.sendTransaction({ data: INIT }) });
  const counter = deployed.contractAddress!;
  await wa.sendTransaction({ to: counter });
  const dump = await ta.dumpState();

  const b = createProvider();
  const tb = createTestClient({ chain: foundry, transport: custom(b), mode: 'anvil' });
  const pb = createPublicClient({ chain: foundry, transport: custom(b), cacheTime: 0 });
  await tb.loadState({ state: dump });
  assert.equal(await pb.getCode({ address: counter }), `0x${RUNTIME}`);
  assert.equal(await pb.getStorageAt({ address: counter, slot: '0x0' }), WORD1);
  assert.equal(await pb.getTransactionCount({ address: DEV0 }), 2);
  assert.equal(await pb.getBalance({ address: DEV0 }), await pa.getBalance({ address: DEV0 }));

  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { parseNodeArgs, startNodeServer } = await import('../../src/cli/nodeCommand.js');
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-dump-'));
  try {
    const file = join(dir, 'state.json');
    const quiet = { stdout: () => {}, stderr: () => {} };
    const n1 = await startNodeServer(parseNodeArgs(['--port', '0', '--dump-state', file]), quiet);
    await n1.node.request('anvil_setBalance', [DEV1, '0x1234']);
    await n1.close();
    assert.equal(
      (JSON.parse(readFileSync(file, 'utf8')) as { accounts: Record<string, { balance: string }> }).accounts[DEV1]!.balance,
      '0x1234',
    );
    const n2 = await startNodeServer(parseNodeArgs(['--port', '0', '--load-state', file]), quiet);
    try {
      assert.equal(await n2.node.request('eth_getBalance', [DEV1, 'latest']), '0x1234');
    } finally {
      await n2.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('subscriptions and filters on the dev node: newHeads and logs over WebSocket, a polled log filter over HTTP', async () => {
  const node = createNode({ chain: 'dev' });
  const server = await startRpcServer(node, { port: 0 });
  const polled = createPublicClient({ chain: foundry, transport: http(server.url), pollingInterval: 20, cacheTime: 0 });
  const wallet = createWalletClient({ chain: foundry, transport: http(server.url), account: DEV0 });
  const socket = new WebSocket(server.wsUrl);
  try {
    await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
    const answers = new Map<number, (r: { result: string }) => void>();
    const notes: { subscription: string; result: Record<string, string> }[] = [];
    let noteArrived: () => void = () => {};
    socket.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { id?: number; method?: string; params?: (typeof notes)[number]; result?: string };
      if (m.method === 'eth_subscription') {
        notes.push(m.params!);
        noteArrived();
      } else answers.get(m.id!)?.(m as { result: string });
    });
    const call = (id: number, method: string, params: unknown[]) =>
      new Promise<{ result: string }>((r) => (answers.set(id, r), socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))));

    const deployed = await polled.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ data: INIT }) });
    const counter = deployed.contractAddress!;
    const heads = (await call(1, 'eth_subscribe', ['newHeads'])).result;
    const logs = (await call(2, 'eth_subscribe', ['logs', { address: counter }])).result;
    const polledLogs: Log[] = [];
    const gotPolled = new Promise<void>((resolve) => {
      const stop = polled.watchEvent({ address: counter, poll: true, onLogs: (l) => (polledLogs.push(...l), stop(), resolve()) });
    });
    await new Promise((r) => setTimeout(r, 100)); // the filter is installed
    const twoNotes = new Promise<void>((r) => (noteArrived = () => notes.length >= 2 && r()));
    const hash = await wallet.sendTransaction({ to: counter });
    await Promise.all([gotPolled, twoNotes]);
    const head = notes.find((n) => n.subscription === heads)!.result;
    const log = notes.find((n) => n.subscription === logs)!.result;
    assert.equal(head.number, '0x2');
    assert.equal(log.transactionHash, hash);
    assert.equal(log.data, WORD1);
    assert.equal(polledLogs[0]!.transactionHash, hash);
    assert.equal(polledLogs[0]!.blockNumber, 2n);
  } finally {
    const closed = new Promise((r) => socket.once('close', r));
    socket.close();
    await closed;
    await server.close();
  }
});
