import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, HEAD, hashOf } from './server.js';
import { ALLOC, A, ALICE, REVERTER, REASONER } from './fixture.js';
import { createEVM } from '../../src/api/evm.js';
import { createForkedEVM } from '../../src/api/fork.js';
import { StateJournal } from '../../src/state/journal.js';
import { RpcError } from '../../src/state/backends/jsonRpc.js';
import { FileRpcCache } from '../../src/cli/rpcDiskCache.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/command.js';

function inMemory() {
  return createEVM({
    fork: 'Prague',
    state: StateJournal.fromAlloc(ALLOC),
    block: {
      number: HEAD.number,
      timestamp: HEAD.timestamp,
      coinbase: HEAD.miner,
      gasLimit: HEAD.gasLimit,
      baseFee: HEAD.baseFee,
      prevRandao: HEAD.mixHash,
      excessBlobGas: 0n,
      getBlockHash: hashOf,
    },
  });
}

test('forked execution over loopback JSON-RPC equals the same state in memory', async () => {
  const node = await startNode(ALLOC);
  try {
    const forked = await createForkedEVM({ url: node.url, fork: 'Prague' });
    const req = { from: ALICE, to: A };
    const f = await forked.callAsync(req);
    const m = inMemory().call(req);
    assert.ok(m.success, String(m.error));
    assert.equal(f.returnData, m.returnData);
    assert.equal(f.gasUsed, m.gasUsed);
    // storage[1]=7 + balance(B)=1000 + codesize(B)=9; B's storage[5]=99; blockhash(99)
    const w = (i: number) => BigInt('0x' + f.returnData.slice(2 + 64 * i, 2 + 64 * i + 64));
    assert.equal(w(0), 7n + 1000n + 9n);
    assert.equal(w(1), 99n);
    assert.equal(w(2), hashOf(99n));
    // a transaction commits, the same in both
    const ft = await forked.runTransactionAsync(req);
    const mem = inMemory();
    const mt = mem.runTransaction(req);
    assert.equal(ft.gasUsed, mt.gasUsed);
    assert.equal(forked.getStorage(A, 9n), 2n);
    assert.equal(forked.getBalance(ALICE), mem.getBalance(ALICE));
    // the warm cache: a second call fetches nothing more
    const before = node.httpRequests;
    const again = await forked.callAsync(req);
    assert.equal(again.returnData, f.returnData);
    assert.equal(node.httpRequests, before);
  } finally {
    await node.close();
  }
});

test('a persistent cache makes a second run fetch nothing', async () => {
  const node = await startNode(ALLOC);
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-rpc-'));
  try {
    const run = async () => {
      const evm = await createForkedEVM({ url: node.url, blockNumber: HEAD.number, cache: new FileRpcCache(dir, node.url) });
      return evm.callAsync({ from: ALICE, to: A });
    };
    const first = await run();
    const n = node.httpRequests;
    assert.ok(n > 0);
    const second = await run();
    assert.equal(node.httpRequests, n, 'second run made HTTP requests');
    assert.equal(second.returnData, first.returnData);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await node.close();
  }
});

test('a killed server gives a clear RpcError, never a result', async () => {
  const node = await startNode(ALLOC);
  const evm = await createForkedEVM({ url: node.url });
  await node.close();
  await assert.rejects(evm.callAsync({ from: ALICE, to: A }), (e: unknown) => {
    assert.ok(e instanceof RpcError);
    assert.match((e as Error).message, /127\.0\.0\.1.*failed/);
    return true;
  });
});

test('a JSON-RPC error answer is reported with the method, never a result', async () => {
  const node = await startNode(ALLOC);
  try {
    const evm = await createForkedEVM({ url: node.url });
    node.failing.add('eth_getStorageAt');
    await assert.rejects(evm.callAsync({ from: ALICE, to: A }), /eth_getStorageAt.*broken/);
    // the state is unchanged and usable once the node recovers
    node.failing.clear();
    const r = await evm.callAsync({ from: ALICE, to: A });
    assert.ok(r.success);
  } finally {
    await node.close();
  }
});

function capture(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    stdin: process.stdin,
    stdinIsTTY: false,
  };
  return io;
}

test('evmkit call: return data on stdout; revert and RPC failure on stderr with exit 1', async () => {
  const node = await startNode(ALLOC);
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-cli-'));
  try {
    const io = capture();
    const aHex = '0x' + A.toString(16).padStart(40, '0');
    const code = await main(['call', '--rpc-url', node.url, '--block', '100', '--to', aHex, '--cache-dir', dir], io);
    assert.equal(code, 0, io.err);
    const expected = inMemory().call({ to: A }).returnData;
    assert.equal(io.out.split('\n')[0], expected);

    const rv = capture();
    const revHex = '0x' + REVERTER.toString(16).padStart(40, '0');
    assert.equal(await main(['call', '--rpc-url', node.url, '--to', revHex], rv), 1);
    assert.equal(rv.out, '');
    assert.match(rv.err, /execution reverted.*0xee/);

    const why = capture();
    assert.equal(await main(['call', '--rpc-url', node.url, '--to', '0x' + REASONER.toString(16).padStart(40, '0')], why), 1);
    assert.match(why.err, /^evmkit call: execution reverted: nope \(return data 0x08c379a0/);

    const tr = capture();
    assert.equal(await main(['call', '--rpc-url', node.url, '--to', aHex, '--trace'], tr), 0);
    assert.equal(tr.out.split('\n')[0], expected);
    assert.match(tr.err, /"opName":"SLOAD"/);
  } finally {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const dead = capture();
  assert.equal(await main(['call', '--rpc-url', node.url, '--to', '0x' + 'aa'.repeat(20)], dead), 1);
  assert.equal(dead.out, '');
  assert.match(dead.err, /evmkit call: .*127\.0\.0\.1/);
});
