/**
 * `evmkit node --fork-url` (src/rpc/backend/fork.ts, forkNode.ts; src/state/backends/forkCache.ts) against a
 * real upstream: anvil (@foundry-rs/anvil) on loopback, given state (a contract with storage and a log,
 * transfers, mined blocks), then changed after the pin. The forked node, in-process (createForkedNode +
 * createProvider, viem over `custom`) and as `bin/evmkit node --fork-url`, must show the remote at the
 * pinned block and nothing later, run local transactions on it, and answer history from the remote.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { dirname, join } from 'node:path';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createPublicClient, createTestClient, createWalletClient, custom, http, type Hex, type PublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { createForkedNode } from '../../src/rpc/node.js';
import { forkConfig, type ForkSource } from '../../src/rpc/backend/fork.js';
import { rulesAt } from '../../src/chain/config.js';
import { FileRpcCache } from '../../src/cli/rpcDiskCache.js';
import { createProvider } from '../../src/rpc/provider.js';
import { asm } from '../../src/spec/asm.js';
import { bytesToHex } from '../../src/primitives/hex.js';
import { runBin } from './bin.js';

const DEV0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const DEV1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
/** An address only the upstream's transfers fund. */
const PAYEE = '0x00000000000000000000000000000000000ba5e0';

/**
 * The test contract: 64 bytes of calldata -> BLOCKHASH(second word); 32 bytes -> slot 0 = the word and
 * LOG1(topic = the word); otherwise -> slot 0.
 */
const RUNTIME = asm(`
  CALLDATASIZE PUSH1 0x40 EQ PUSH1 25 JUMPI
  CALLDATASIZE PUSH1 0x20 EQ PUSH1 38 JUMPI
  PUSH1 0 SLOAD PUSH1 0 MSTORE PUSH1 0x20 PUSH1 0 RETURN
  JUMPDEST PUSH1 0x20 CALLDATALOAD BLOCKHASH PUSH1 0 MSTORE PUSH1 0x20 PUSH1 0 RETURN
  JUMPDEST PUSH1 0 CALLDATALOAD DUP1 PUSH1 0 SSTORE PUSH1 0 PUSH1 0 LOG1 STOP
`);
const INITCODE = (() => {
  const copy = asm(`PUSH1 ${RUNTIME.length} DUP1 PUSH1 11 PUSH1 0 CODECOPY PUSH1 0 RETURN`);
  assert.equal(copy.length, 11);
  return bytesToHex(new Uint8Array([...copy, ...RUNTIME]));
})();

const word = (n: bigint): Hex => `0x${n.toString(16).padStart(64, '0')}`;

/** Returns the sum of slots 1..WIDE_SLOTS: reads that do not depend on each other. */
const WIDE_SLOTS = 200;
const WIDE = asm(`
  PUSH1 0 PUSH1 1
  JUMPDEST DUP1 SLOAD DUP3 ADD SWAP2 POP PUSH1 1 ADD DUP1 PUSH1 ${WIDE_SLOTS + 1} GT PUSH1 4 JUMPI
  POP PUSH1 0 MSTORE PUSH1 0x20 PUSH1 0 RETURN
`);
const WIDE_ADDR = '0x00000000000000000000000000000000000a1de0';
/** Walks the list slot 0 -> k1 -> k2 ... -> 0 held in its storage; returns its length: each read depends on the last. */
const LIST_LENGTH = 100;
const LIST = asm(`
  PUSH1 0 PUSH1 0 SLOAD
  JUMPDEST DUP1 ISZERO PUSH1 20 JUMPI SLOAD SWAP1 PUSH1 1 ADD SWAP1 PUSH1 5 JUMP
  JUMPDEST POP PUSH1 0 MSTORE PUSH1 0x20 PUSH1 0 RETURN
`);
const LIST_ADDR = '0x00000000000000000000000000000000001157e0';
/** The list's i-th key (i = 1..LIST_LENGTH; slot 0 holds the first). */
const listKey = (i: number): bigint => BigInt(i) << 128n;

/**
 * The anvil binary itself (the platform package's), not node_modules/.bin/anvil: that one is a Node wrapper
 * that spawns it, and killing the wrapper would leave anvil running.
 */
function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const pkg = require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/package.json`);
  const bin = join(dirname(pkg), 'bin', 'anvil');
  if (!existsSync(bin)) throw new Error(`anvil is not installed at ${bin}: npm ci installs @foundry-rs/anvil (a devDependency)`);
  return bin;
}

/** Stops a child and waits for it. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

let anvil: ChildProcess;
let upstream: string;
let remote: PublicClient;
/** The pinned block and what the upstream held there. */
let pin: bigint;
let pinHash: Hex;
let store: Hex;
let setTx: Hex;
let laterTx: Hex;
let payeeAtPin: bigint;

before(async () => {
  const port = await freePort();
  anvil = spawn(anvilBinary(), ['--port', String(port), '--silent'], { stdio: 'ignore' });
  upstream = `http://127.0.0.1:${port}`;
  remote = createPublicClient({ chain: foundry, cacheTime: 0, transport: http(upstream, { retryCount: 0 }) });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await remote.getChainId();
      break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const wallet = createWalletClient({ chain: foundry, account: DEV1, transport: http(upstream, { retryCount: 0 }) });
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(upstream, { retryCount: 0 }) });
  const deploy = await wallet.sendTransaction({ data: INITCODE });
  store = (await remote.waitForTransactionReceipt({ hash: deploy })).contractAddress!;
  setTx = await wallet.sendTransaction({ to: store, data: word(42n) });
  await remote.waitForTransactionReceipt({ hash: setTx });
  await remote.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ to: PAYEE, value: 5n * 10n ** 17n }) });
  await testClient.setCode({ address: WIDE_ADDR, bytecode: bytesToHex(WIDE) });
  await testClient.setCode({ address: LIST_ADDR, bytecode: bytesToHex(LIST) });
  await Promise.all([
    ...Array.from({ length: WIDE_SLOTS }, (_, i) =>
      testClient.setStorageAt({ address: WIDE_ADDR, index: word(BigInt(i + 1)), value: word(BigInt(1000 + i)) }),
    ),
    ...Array.from({ length: LIST_LENGTH }, (_, i) =>
      testClient.setStorageAt({ address: LIST_ADDR, index: word(i === 0 ? 0n : listKey(i)), value: word(listKey(i + 1)) }),
    ),
    testClient.setStorageAt({ address: LIST_ADDR, index: word(listKey(LIST_LENGTH)), value: word(0n) }),
  ]);
  await testClient.mine({ blocks: 3 });
  pin = await remote.getBlockNumber();
  pinHash = (await remote.getBlock({ blockNumber: pin })).hash;
  payeeAtPin = await remote.getBalance({ address: PAYEE });
  // After the pin: none of this may show on a fork at `pin`.
  laterTx = await wallet.sendTransaction({ to: store, data: word(99n) });
  await remote.waitForTransactionReceipt({ hash: laterTx });
  await remote.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ to: PAYEE, value: 10n ** 18n }) });
});

after(async () => {
  if (anvil !== undefined) await stop(anvil);
});

async function forked(blockNumber?: bigint, accounts?: number) {
  const node = await createForkedNode({
    forkUrl: upstream,
    ...(blockNumber === undefined ? {} : { forkBlockNumber: blockNumber }),
    ...(accounts === undefined ? {} : { accounts }),
  });
  const provider = createProvider({ node });
  const client = createPublicClient({ chain: foundry, cacheTime: 0, transport: custom(provider) });
  const wallet = createWalletClient({ chain: foundry, account: DEV0, transport: custom(provider) });
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: custom(provider) });
  return { node, provider, client, wallet, testClient, close: () => node.ctx.chain?.close() };
}

test('a fork at a block: chain id, head, state and code as the remote had them there, not later', { timeout: 60_000 }, async () => {
  const f = await forked(pin);
  try {
    assert.equal(await f.client.getChainId(), 31337);
    assert.equal(await f.client.getBlockNumber(), pin);
    assert.equal(await f.client.getBalance({ address: PAYEE }), payeeAtPin);
    assert.notEqual(await remote.getBalance({ address: PAYEE }), payeeAtPin, 'the upstream moved on after the pin');
    assert.equal(await f.client.getCode({ address: store }), bytesToHex(RUNTIME));
    assert.equal(await f.client.getStorageAt({ address: store, slot: word(0n) }), word(42n));
    assert.equal(await remote.getStorageAt({ address: store, slot: word(0n) }), word(99n));
    assert.equal(
      await f.client.getTransactionCount({ address: DEV1 }),
      await remote.getTransactionCount({ address: DEV1, blockNumber: pin }),
    );
    // The dev accounts are funded on top of the remote state (their remote nonce kept).
    assert.equal(await f.client.getBalance({ address: DEV1 }), 10_000n * 10n ** 18n);
    assert.equal((await f.client.call({ to: store })).data, word(42n));
  } finally {
    f.close();
  }
});

test('local transactions run on the forked state; history at and below the fork block is the remote one', { timeout: 60_000 }, async () => {
  const f = await forked(pin);
  try {
    const hash = await f.wallet.sendTransaction({ to: store, data: word(7n) });
    const receipt = await f.client.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, 'success');
    assert.equal(receipt.blockNumber, pin + 1n);
    assert.equal((await f.client.call({ to: store })).data, word(7n));
    // eth_call at a block before the fork block: the remote's answer (before the set to 42: 0).
    const deployBlock = (await remote.getTransactionReceipt({ hash: setTx })).blockNumber - 1n;
    assert.equal((await f.client.call({ to: store, blockNumber: deployBlock })).data, word(0n));
    assert.equal(await f.client.getBalance({ address: PAYEE, blockNumber: deployBlock }), 0n);
    // Blocks below, at and after the fork block.
    const below = await f.client.getBlock({ blockNumber: pin - 1n });
    assert.equal(below.hash, (await remote.getBlock({ blockNumber: pin - 1n })).hash);
    const at = await f.client.getBlock({ blockNumber: pin });
    assert.equal(at.hash, pinHash);
    const first = await f.client.getBlock({ blockNumber: pin + 1n });
    assert.equal(first.parentHash, pinHash);
    assert.equal(first.hash, receipt.blockHash);
    assert.ok(first.timestamp > at.timestamp);
    assert.equal(first.gasLimit, at.gasLimit);
    assert.equal((await f.client.getBlock({ blockHash: below.hash })).number, pin - 1n);
    // eth_getProof: below the fork block the remote's proof; on a local block none (the fork's local tries
    // hold only local writes, so no proof against them would verify).
    const proofOf = { address: store, storageKeys: [word(0n)] };
    assert.deepEqual(
      await f.client.getProof({ ...proofOf, blockNumber: pin - 1n }),
      await remote.getProof({ ...proofOf, blockNumber: pin - 1n }),
    );
    await assert.rejects(f.client.getProof({ ...proofOf, blockTag: 'latest' }), /not available for the local blocks of a forked chain/);
    // A remote transaction before the pin is found; one after it is not this chain's.
    assert.equal((await f.client.getTransactionReceipt({ hash: setTx })).status, 'success');
    assert.equal((await f.client.getTransaction({ hash: setTx })).to, store);
    assert.equal(await f.provider.request({ method: 'eth_getTransactionReceipt', params: [laterTx] }), null);
    // Logs: the remote's up to the fork block, then the local ones (the upstream's later set is not here).
    const logs = await f.client.getLogs({ address: store, fromBlock: 0n, toBlock: 'latest' });
    assert.deepEqual(
      logs.map((l) => [l.topics[0], l.blockNumber]),
      [
        [word(42n), (await remote.getTransactionReceipt({ hash: setTx })).blockNumber],
        [word(7n), pin + 1n],
      ],
    );
    // A log filter over the same range: eth_getFilterLogs the same two logs.
    const filter = await f.client.createEventFilter({ address: store, fromBlock: 0n, toBlock: 'latest' });
    assert.deepEqual(
      (await f.client.getFilterLogs({ filter })).map((l) => [l.topics[0], l.blockNumber]),
      logs.map((l) => [l.topics[0], l.blockNumber]),
    );
    const setBlock = (await remote.getTransactionReceipt({ hash: setTx })).blockHash;
    const byHash = await f.client.getLogs({ address: store, blockHash: setBlock });
    assert.deepEqual(
      byHash.map((l) => l.topics[0]),
      [word(42n)],
    );
    const receipts = (await f.provider.request({ method: 'eth_getBlockReceipts', params: [setBlock] })) as { transactionHash: Hex }[];
    assert.deepEqual(
      receipts.map((r) => r.transactionHash),
      [setTx],
    );
    // BLOCKHASH of forked blocks (below and at the fork block) comes from the remote.
    for (const n of [pin - 2n, pin]) {
      const r = await f.client.call({ to: store, data: `0x${'00'.repeat(32)}${word(n).slice(2)}` });
      assert.equal(r.data, (await remote.getBlock({ blockNumber: n })).hash, `BLOCKHASH(${n})`);
    }
    // A mined local transaction sees BLOCKHASH of the fork block too.
    const bh = await f.wallet.sendTransaction({ to: store, data: word(pin) });
    assert.equal((await f.client.waitForTransactionReceipt({ hash: bh })).status, 'success');
  } finally {
    f.close();
  }
});

test(
  'test controls on a fork: set storage/balance of remote accounts, snapshot and revert, reset to another block and back',
  { timeout: 60_000 },
  async () => {
    const f = await forked(pin);
    try {
      await f.testClient.setBalance({ address: PAYEE, value: 123n });
      assert.equal(await f.client.getBalance({ address: PAYEE }), 123n);
      const snap = await f.testClient.snapshot();
      await f.testClient.setStorageAt({ address: store, index: 0, value: word(5n) });
      assert.equal(await f.client.getStorageAt({ address: store, slot: word(0n) }), word(5n));
      await f.testClient.mine({ blocks: 2 });
      await f.testClient.revert({ id: snap });
      assert.equal(await f.client.getStorageAt({ address: store, slot: word(0n) }), word(42n));
      assert.equal(await f.client.getBlockNumber(), pin);
      // A slot cleared locally reads 0, not the remote's value.
      await f.wallet.sendTransaction({ to: store, data: word(0n) });
      assert.equal(await f.client.getStorageAt({ address: store, slot: word(0n) }), word(0n));

      const later = await remote.getBlockNumber();
      await f.provider.request({ method: 'anvil_reset', params: [{ forking: { jsonRpcUrl: upstream, blockNumber: Number(later) } }] });
      assert.equal(await f.client.getBlockNumber(), later);
      assert.equal(await f.client.getStorageAt({ address: store, slot: word(0n) }), word(99n));
      assert.equal(await f.client.getBalance({ address: PAYEE }), await remote.getBalance({ address: PAYEE }));
      const laterBlock = await remote.getBlock({ blockNumber: later });
      assert.equal((await f.client.getBlock({ blockNumber: later })).hash, laterBlock.hash);
      // The fork block by its hash: the remote's, with its transactions (the local chain holds only its header).
      assert.equal(laterBlock.transactions.length, 1);
      assert.deepEqual((await f.client.getBlock({ blockHash: laterBlock.hash })).transactions, laterBlock.transactions);
      assert.equal((await f.client.getLogs({ blockHash: laterBlock.hash })).length, 0);
      const laterSet = (await remote.getTransactionReceipt({ hash: laterTx })).blockHash;
      assert.equal((await f.client.getLogs({ blockHash: laterSet }))[0]!.topics[0], word(99n));

      await f.provider.request({ method: 'hardhat_reset', params: [] });
      assert.equal(await f.client.getBlockNumber(), pin);
      assert.equal(await f.client.getStorageAt({ address: store, slot: word(0n) }), word(42n));
      assert.equal(await f.client.getBalance({ address: PAYEE }), payeeAtPin);
    } finally {
      f.close();
    }
  },
);

test('calls from a remote account the node has not loaded yet see its remote balance, call after call', { timeout: 60_000 }, async () => {
  const f = await forked(pin);
  try {
    // The first call meets PAYEE unloaded: it runs again once loaded, and leaves no trace of the first try.
    assert.equal((await f.client.call({ account: PAYEE, to: store })).data, word(42n));
    assert.equal((await f.client.call({ account: PAYEE, to: store, value: 1n })).data, word(42n));
    assert.equal((await f.client.estimateGas({ account: PAYEE, to: store, value: 1n })) > 21_000n, true);
    assert.equal(await f.client.getBalance({ address: PAYEE }), payeeAtPin);
  } finally {
    f.close();
  }
});

test("traces and raw encodings of remote history are the remote's; of local blocks, local", { timeout: 60_000 }, async () => {
  const f = await forked(pin);
  try {
    const ask = (method: string, params: unknown[]) => f.provider.request({ method, params }) as Promise<unknown>;
    const upstreamAsk = async (method: string, params: unknown[]) => {
      const r = (await (
        await fetch(upstream, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
        })
      ).json()) as { result?: unknown; error?: unknown };
      assert.equal(r.error, undefined, `${method} on the upstream`);
      return r.result;
    };
    const call = { tracer: 'callTracer' };
    const setBlock = (await remote.getTransactionReceipt({ hash: setTx })).blockNumber;
    assert.deepEqual(await ask('debug_traceTransaction', [setTx, call]), await upstreamAsk('debug_traceTransaction', [setTx, call]));
    assert.deepEqual(await ask('debug_getRawTransaction', [setTx]), await upstreamAsk('debug_getRawTransaction', [setTx]));
    const n = `0x${setBlock.toString(16)}`;
    assert.deepEqual(await ask('debug_traceBlockByNumber', [n, call]), await upstreamAsk('debug_traceBlockByNumber', [n, call]));
    const h = (await remote.getBlock({ blockNumber: setBlock })).hash;
    assert.deepEqual(await ask('debug_traceBlockByHash', [h, call]), await upstreamAsk('debug_traceBlockByHash', [h, call]));
    // A local transaction is traced by the node itself: its CALL carries the local value written.
    const local = await f.wallet.sendTransaction({ to: store, data: word(5n) });
    await f.client.waitForTransactionReceipt({ hash: local });
    const trace = (await ask('debug_traceTransaction', [local, call])) as { to: string; input: string; type: string };
    assert.equal(trace.type, 'CALL');
    assert.equal(trace.to.toLowerCase(), store.toLowerCase());
    assert.equal(trace.input, word(5n));
  } finally {
    f.close();
  }
});

test(
  'anvil_setRpcUrl: remote reads go to another node of the same chain; a node of another chain is refused',
  { timeout: 60_000 },
  async () => {
    // A proxy in front of the upstream: it counts what it forwards and, as `otherChain`, answers other block hashes.
    let forwarded = 0;
    let otherChain = false;
    const proxy = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const body = Buffer.concat(chunks).toString();
          forwarded++;
          const answer = await (await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
          let out = answer;
          if (otherChain) {
            const reqs = [JSON.parse(body)].flat() as { id: unknown; method: string }[];
            const answers = [JSON.parse(answer)].flat() as { id: unknown; result?: { hash?: string } | null }[];
            for (const a of answers) {
              const r = reqs.find((q) => q.id === a.id);
              if (r?.method === 'eth_getBlockByNumber' && a.result) a.result.hash = '0x' + '11'.repeat(32);
            }
            out = JSON.stringify(Array.isArray(JSON.parse(body)) ? answers : answers[0]);
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(out);
        })();
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const addr = proxy.address();
    const proxyUrl = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
    const f = await forked(pin);
    try {
      otherChain = true;
      await assert.rejects(f.testClient.setRpcUrl(proxyUrl), /anvil_setRpcUrl: .* has block \d+ as 0x1111/);
      otherChain = false;
      await f.testClient.setRpcUrl(proxyUrl);
      const before = forwarded;
      assert.equal(await f.client.getBalance({ address: PAYEE }), payeeAtPin);
      assert.equal((await f.client.call({ to: WIDE_ADDR })).data?.length, 66);
      assert.ok(forwarded > before, 'reads after anvil_setRpcUrl go to the new node');
    } finally {
      f.close();
      proxy.close();
    }
  },
);

test('a call reading 200 remote slots loads them in one round, not one round per slot', { timeout: 60_000 }, async () => {
  const sum = BigInt(WIDE_SLOTS * 1000 + (WIDE_SLOTS * (WIDE_SLOTS - 1)) / 2);
  assert.equal((await remote.call({ to: WIDE_ADDR, blockNumber: pin })).data, word(sum));
  const f = await forked(pin);
  try {
    assert.equal((await f.client.call({ to: WIDE_ADDR })).data, word(sum));
    // One attempt meets the contract unloaded, the next its 200 slots (all in one batch), the third answers.
    assert.ok(f.node.fork.reruns <= 3, `reruns: ${f.node.fork.reruns}`);
    // A transaction through it, mined: the block is built once everything is loaded, gas exact.
    const gas = await f.client.estimateGas({ account: DEV0, to: WIDE_ADDR });
    const receipt = await f.client.waitForTransactionReceipt({ hash: await f.wallet.sendTransaction({ to: WIDE_ADDR }) });
    assert.equal(receipt.status, 'success');
    assert.equal(receipt.gasUsed, gas);
  } finally {
    f.close();
  }
});

test('reads that depend on reads (a 100-entry list walked in storage) load one level per round, past 64', { timeout: 60_000 }, async () => {
  assert.equal((await remote.call({ to: LIST_ADDR, blockNumber: pin })).data, word(BigInt(LIST_LENGTH)));
  const f = await forked(pin);
  try {
    const hash = await f.wallet.sendTransaction({ to: LIST_ADDR });
    const receipt = await f.client.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, 'success');
    assert.ok(f.node.fork.reruns >= LIST_LENGTH, `reruns: ${f.node.fork.reruns}`);
    const reruns = f.node.fork.reruns;
    // Loaded now: the call answers at once.
    assert.equal((await f.client.call({ to: LIST_ADDR })).data, word(BigInt(LIST_LENGTH)));
    assert.equal(f.node.fork.reruns, reruns);
    assert.equal(receipt.gasUsed, await f.client.estimateGas({ account: DEV0, to: LIST_ADDR }));
  } finally {
    f.close();
  }
});

test('an impersonated remote account sends a transaction with its remote nonce, mined or pooled', { timeout: 60_000 }, async () => {
  for (const automine of [true, false]) {
    const f = await forked(pin, 1); // one dev account: DEV1 is the remote's only
    try {
      const nonce = await remote.getTransactionCount({ address: DEV1, blockNumber: pin });
      assert.ok(nonce > 0);
      assert.deepEqual(await f.provider.request({ method: 'eth_accounts' }), [DEV0.toLowerCase()]);
      await f.testClient.setAutomine(automine);
      await f.testClient.impersonateAccount({ address: DEV1 });
      // An account the fork has not read (gas and fees given: the node reads nothing but its nonce before
      // pooling the transaction): its nonce comes from the remote first.
      const hash = (await f.provider.request({
        method: 'eth_sendTransaction',
        params: [{ from: DEV1, to: PAYEE, value: '0x1', gas: '0x5208', maxFeePerGas: '0x174876e800', maxPriorityFeePerGas: '0x1' }],
      })) as Hex;
      if (!automine) await f.testClient.mine({ blocks: 1 });
      const tx = await f.client.getTransaction({ hash });
      assert.equal(tx.nonce, nonce, `automine ${automine}`);
      assert.equal((await f.client.waitForTransactionReceipt({ hash })).status, 'success');
      assert.equal(await f.client.getBalance({ address: PAYEE }), payeeAtPin + 1n);
      assert.equal((await f.client.getBalance({ address: DEV1 })) < (await remote.getBalance({ address: DEV1, blockNumber: pin })), true);
    } finally {
      f.close();
    }
  }
});

test('a fork without a block number pins the remote latest block at start', { timeout: 60_000 }, async () => {
  const f = await forked();
  try {
    const latest = await remote.getBlockNumber();
    assert.equal(await f.client.getBlockNumber(), latest);
    assert.equal(await f.client.getStorageAt({ address: store, slot: word(0n) }), word(99n));
  } finally {
    f.close();
  }
});

test(
  'the remote going away: state it has not given yet is a clear -32000 error, the rest of the node still answers',
  { timeout: 60_000 },
  async () => {
    const port = await freePort();
    const second = spawn(anvilBinary(), ['--port', String(port), '--silent'], { stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    try {
      const probe = createPublicClient({ transport: http(url, { retryCount: 0 }) });
      for (const deadline = Date.now() + 30_000; ;) {
        try {
          await probe.getChainId();
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      const node = await createForkedNode({ forkUrl: url, forkTimeoutMs: 5_000 });
      try {
        assert.equal(await node.request('eth_getBalance', [DEV0, 'latest']), '0x21e19e0c9bab2400000');
        second.kill('SIGKILL');
        await new Promise((r) => second.once('exit', r));
        await assert.rejects(node.request('eth_getBalance', [PAYEE, 'latest']), (e: { code?: number; message?: string }) => {
          assert.equal(e.code, -32000);
          assert.match(e.message ?? '', new RegExp(`fork: http://127\\.0\\.0\\.1:${port}: request \\(eth_getBalance.*\\) failed`));
          return true;
        });
        assert.equal(await node.request('eth_getBalance', [DEV0, 'latest']), '0x21e19e0c9bab2400000', 'loaded state still answers');
        assert.equal(await node.request('eth_blockNumber', []), '0x0');
      } finally {
        node.ctx.chain?.close();
      }
    } finally {
      second.kill('SIGKILL');
    }
  },
);

test('the disk cache: a second fork at the same block asks the remote nothing it asked before', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-fork-cache-'));
  try {
    const run = async () => {
      const node = await createForkedNode({ forkUrl: upstream, forkBlockNumber: pin, forkCache: (url) => new FileRpcCache(dir, url) });
      try {
        assert.equal(await node.request('eth_getStorageAt', [store, '0x0', 'latest']), word(42n));
        assert.equal(await node.request('eth_getBalance', [PAYEE, 'latest']), `0x${payeeAtPin.toString(16)}`);
        const below = `0x${(pin - 1n).toString(16)}`;
        assert.equal(((await node.request('eth_getBlockByNumber', [below, false])) as { number: string }).number, below);
        return node.fork.source.backend.httpRequests;
      } finally {
        node.ctx.chain?.close();
      }
    };
    const first = await run();
    assert.ok(first > 0, `the first run asks the remote (${first} HTTP requests)`);
    assert.equal(await run(), 0, 'the second run is answered from the disk cache');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bin/evmkit node --fork-url --fork-block-number serves the fork and keeps a disk cache', { timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-fork-cache-'));
  try {
    const p = runBin(['--fork-url', upstream, '--fork-block-number', String(pin), '--fork-cache-dir', dir]);
    const url = await p.listening;
    const client = createPublicClient({ chain: foundry, transport: http(url, { retryCount: 0 }) });
    assert.equal(await client.getChainId(), 31337);
    assert.equal(await client.getBlockNumber(), pin);
    assert.equal(await client.getStorageAt({ address: store, slot: word(0n) }), word(42n));
    assert.equal(await client.getBalance({ address: PAYEE }), payeeAtPin);
    const wallet = createWalletClient({ chain: foundry, account: DEV0, transport: http(url, { retryCount: 0 }) });
    const hash = await wallet.sendTransaction({ to: store, data: word(8n) });
    assert.equal((await client.waitForTransactionReceipt({ hash })).blockNumber, pin + 1n);
    const first = (await client.request({
      method: 'eth_getBlockByNumber',
      params: [`0x${(pin + 1n).toString(16)}`, false],
    } as never)) as Record<string, unknown>;
    assert.equal(typeof first.requestsHash, 'string', 'the default rules (DEV_FORK) have Prague requests');
    assert.match(p.output().stdout, new RegExp(`Fork[\\s\\S]*Block number:\\s+${pin}[\\s\\S]*Block hash:\\s+${pinHash}`));
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0);
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, 1, 'one cache file for the remote');

    // A second run with --chain-id and --hardfork: the fork keeps the remote state, the node the chain id
    // and the rules given (Cancun: a mined block has no Prague requestsHash; the default rules have one).
    const q = runBin([
      '--fork-url',
      upstream,
      '--fork-block-number',
      String(pin),
      '--fork-cache-dir',
      dir,
      '--chain-id',
      '7',
      '--hardfork',
      'Cancun',
    ]);
    const url2 = await q.listening;
    const c2 = createPublicClient({ transport: http(url2, { retryCount: 0 }) });
    assert.equal(await c2.getChainId(), 7);
    assert.equal(await c2.getStorageAt({ address: store, slot: word(0n) }), word(42n));
    await c2.request({ method: 'evm_mine' } as never);
    const mined = (await c2.request({ method: 'eth_getBlockByNumber', params: ['latest', false] } as never)) as Record<string, unknown>;
    assert.equal(mined.number, `0x${(pin + 1n).toString(16)}`);
    assert.equal(mined.requestsHash, undefined);
    assert.equal(typeof mined.parentBeaconBlockRoot, 'string');
    q.child.kill('SIGTERM');
    assert.equal(await q.exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bin/evmkit node --fork-url to an unreachable node: a clear error and exit 1', { timeout: 60_000 }, async () => {
  const port = await freePort(); // nothing listens there
  const p = runBin(['--fork-url', `http://127.0.0.1:${port}`, '--fork-timeout', '5000']);
  await assert.rejects(p.listening, /exited 1/);
  assert.equal(await p.exited, 1);
  assert.match(p.output().stderr, new RegExp(`evmkit node: cannot fork from http://127\\.0\\.0\\.1:${port}: .*(ECONNREFUSED|failed)`));
  assert.doesNotMatch(p.output().stderr, /at .*\.js:\d+/, 'no stack trace');
});

test("the fork's rules: the remote chain's fork at the pinned block when evmkit knows the chain, else the dev chain's", () => {
  const at = (chainId: bigint, number: bigint, timestamp: bigint) => {
    const c = forkConfig({ chainId, number, header: { timestamp } } as unknown as ForkSource, 5n);
    assert.equal(c.chainId, 5n, 'the node keeps its own chain id');
    return rulesAt(c, number + 1n, timestamp + 12n, 0n);
  };
  // Mainnet block 20,000,000 (June 2024): Cancun; after 2025-05-07 (Prague's activation): Prague.
  const june2024 = at(1n, 20_000_000n, 1_717_281_407n);
  assert.equal(june2024.eip4844, true);
  assert.equal(june2024.eip7702, false);
  assert.equal(at(1n, 22_500_000n, 1_748_000_000n).eip7702, true);
  // Mainnet before London: no base fee.
  assert.equal(at(1n, 12_000_000n, 1_615_000_000n).eip1559, false);
  // Sepolia at a Cancun-era timestamp.
  assert.equal(at(11_155_111n, 5_500_000n, 1_710_000_000n).eip4844, true);
  // A chain evmkit has no schedule for (anvil's 31337): the dev chain's fork (DEV_FORK: Osaka with BPO2's blobs).
  const dev = at(31_337n, 10n, 1_000n);
  assert.equal(dev.eip7702, true);
  assert.equal(dev.eip7918, true);
  // --hardfork: the rules asked for, whatever the remote's chain.
  const cancun = forkConfig(
    { chainId: 1n, number: 22_500_000n, header: { timestamp: 1_748_000_000n } } as unknown as ForkSource,
    1n,
    'Cancun',
  );
  assert.equal(rulesAt(cancun, 22_500_001n, 1_748_000_012n, 0n).eip7702, false);
});
