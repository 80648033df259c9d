/**
 * `evmkit node` (src/cli/nodeCommand.ts): flags parsed and checked (usage errors exit 2), the anvil-style
 * banner and listening line, and the real binary serving requests and exiting 0 on SIGINT and SIGTERM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { main } from '../../src/cli/main.js';
import { UsageError } from '../../src/cli/command.js';
import { banner, formatEther, parseEther, parseNodeArgs, startNodeServer } from '../../src/cli/nodeCommand.js';
import { deriveAccounts, TEST_MNEMONIC } from '../../src/rpc/accounts.js';
import { runBin } from './bin.js';

const BIN = fileURLToPath(new URL('../../../bin/evmkit', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'evmkit-node-cmd-'));
const genesis = join(dir, 'genesis.json');
writeFileSync(
  genesis,
  JSON.stringify({ config: { chainId: 3503995874084926 }, alloc: { f39fd6e51aad88f6f4ce6ab8827279cfffb92266: { balance: '0x10' } } }),
);
const notJson = join(dir, 'bad.json');
writeFileSync(notJson, '{');
const blocks = join(dir, 'chain.rlp');
writeFileSync(blocks, new Uint8Array(0));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test("defaults are anvil's", () => {
  const o = parseNodeArgs([]);
  assert.equal(o.host, '127.0.0.1');
  assert.equal(o.port, 8545);
  assert.equal(o.chainId, 31337n);
  assert.equal(o.accounts, 10);
  assert.equal(o.balance, 10_000n * 10n ** 18n);
  assert.equal(o.mnemonic, TEST_MNEMONIC);
  assert.equal(o.derivationPath, "m/44'/60'/0'/0/");
  assert.equal(o.noMining, false);
  assert.equal(o.hardfork, undefined); // the dev chain's DEV_FORK: Osaka with BPO2's blob parameters
});

test('--hardfork: any fork name or alias from Paris on, canonical name kept', () => {
  assert.equal(parseNodeArgs(['--hardfork', 'cancun']).hardfork, 'Cancun');
  assert.equal(parseNodeArgs(['--hardfork', 'merge']).hardfork, 'Paris');
  assert.equal(parseNodeArgs(['--hardfork', 'BPO1']).hardfork, 'BPO1');
});

test('startNodeServer: the dev chain runs --hardfork, else Osaka + BPO2 (mainnet today)', async () => {
  const io = { stdout: () => {}, stderr: () => {} };
  const block = async (url: string) => {
    const r = await fetch(url, {
      method: 'POST',
      body: '{"jsonrpc":"2.0","id":1,"method":"eth_getBlockByNumber","params":["latest",false]}',
    });
    return ((await r.json()) as { result: Record<string, string | undefined> }).result;
  };
  const call = async (url: string, method: string) => {
    const r = await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }) });
    return (await r.json()) as { result?: string; error?: { message: string } };
  };
  const dflt = await startNodeServer(parseNodeArgs(['--port', '0']), io);
  try {
    const b = await block(dflt.server.url);
    assert.equal(typeof b.requestsHash, 'string'); // Prague and later
    // Osaka's CLZ (0x1e) is an opcode: eth_call of CLZ(1) returns 255.
    const r = await fetch(dflt.server.url, {
      method: 'POST',
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_call', params: [{ data: '0x60011e5f5260205ff3' }, 'latest'] }),
    });
    assert.equal(((await r.json()) as { result: string }).result, '0x' + 'ff'.padStart(64, '0'));
  } finally {
    await dflt.close();
  }
  const cancun = await startNodeServer(parseNodeArgs(['--port', '0', '--hardfork', 'cancun']), io);
  try {
    const b = await block(cancun.server.url);
    assert.equal(b.requestsHash, undefined); // no EIP-7685 requests before Prague
    assert.equal(typeof b.parentBeaconBlockRoot, 'string');
    assert.equal((await call(cancun.server.url, 'eth_blobBaseFee')).result, '0x1');
  } finally {
    await cancun.close();
  }
});

test('every flag parses, short forms included', () => {
  const o = parseNodeArgs([
    '--host',
    '0.0.0.0',
    '-p',
    '0',
    '--chain-id',
    '0x1',
    '-a',
    '3',
    '--balance',
    '1.5',
    '-m',
    TEST_MNEMONIC,
    '--derivation-path',
    "m/44'/60'/0'/1/",
    '-b',
    '2.5',
    '-f',
    'http://127.0.0.1:9/',
    '--fork-block-number',
    '100',
    '--import',
    blocks,
    '--dump-state',
    join(dir, 'state.json'),
    '--load-state',
    genesis,
  ]);
  assert.equal(o.port, 0);
  assert.equal(o.chainId, 1n);
  assert.equal(o.accounts, 3);
  assert.equal(o.balance, 1_500_000_000_000_000_000n);
  assert.equal(o.blockTimeSeconds, 2.5);
  assert.equal(o.forkUrl, 'http://127.0.0.1:9/');
  assert.equal(o.forkBlockNumber, 100n);
  assert.equal(o.importFile, blocks);
  // The remote's answers are kept on disk for a pinned block of a remote that is not on loopback.
  assert.equal(o.forkCacheDir, undefined, 'loopback: no disk cache');
  const remote = parseNodeArgs(['-f', 'https://rpc.example.org/', '--fork-block-number', '5']);
  assert.match(remote.forkCacheDir ?? '', /evmkit[\\/]rpc$/);
  assert.equal(remote.chainIdSet, false);
  assert.equal(parseNodeArgs(['-f', 'https://rpc.example.org/']).forkCacheDir, undefined, 'not pinned: no disk cache');
  assert.equal(
    parseNodeArgs(['-f', 'https://rpc.example.org/', '--fork-block-number', '5', '--no-storage-caching']).forkCacheDir,
    undefined,
  );
  assert.equal(parseNodeArgs(['-f', 'http://127.0.0.1:1/', '--fork-cache-dir', dir]).forkCacheDir, dir);
  const g = parseNodeArgs(['--init', genesis, '--no-mining']);
  assert.equal(g.chainId, 3503995874084926n);
  assert.equal(g.noMining, true);
});

test('bad flags are usage errors naming the flag', () => {
  const cases: [string[], RegExp][] = [
    [['--port', 'x'], /--port: not a whole number/],
    [['--port', '70000'], /--port: 70000 is out of range/],
    [['--chain-id', '0'], /--chain-id: 0 is out of range/],
    [['--accounts=-1'], /--accounts: not a whole number/],
    [['--accounts', '100001'], /--accounts: .* out of range/],
    [['--balance', 'lots'], /--balance: not an amount/],
    [['--balance', '1.0000000000000000001'], /--balance: not an amount/],
    [['--mnemonic', 'one two three'], /--mnemonic: not a valid BIP-39/],
    [['--derivation-path', 'x/1'], /--derivation-path/],
    [['--block-time', '0'], /--block-time: not a positive number/],
    [['--block-time', '1', '--no-mining'], /exclude each other/],
    [['--fork-url', 'not a url'], /--fork-url: not a URL/],
    [['--fork-url', 'ftp://x'], /--fork-url: expected an http/],
    [['--fork-block-number', '1'], /--fork-block-number needs --fork-url/],
    [['--fork-url', 'ws://127.0.0.1:8545'], /--fork-url: expected an http\(s\) URL, got ws:/],
    [['--fork-cache-dir', dir], /--fork-cache-dir needs --fork-url/],
    [['--no-storage-caching'], /--no-storage-caching needs --fork-url/],
    [['-f', 'http://x', '--fork-cache-dir', dir, '--no-storage-caching'], /exclude each other/],
    [['-f', 'http://x', '--fork-timeout', '0'], /--fork-timeout: 0 is out of range/],
    [['--init', join(dir, 'missing.json')], /--init: no such file/],
    [['--init', notJson], /--init: .* is not JSON/],
    [['--init', genesis, '--fork-url', 'http://x'], /exclude each other/],
    [['--init', genesis, '--chain-id', '5'], /--chain-id and --init exclude each other/],
    [['--hardfork', 'frobnicate'], /--hardfork: unknown fork "frobnicate"/],
    [['--hardfork', 'london'], /--hardfork: London: a dev chain starts after the merge/],
    [['--init', genesis, '--hardfork', 'cancun'], /--hardfork and --init exclude each other/],
    [['--import', dir], /--import: no such file/],
    [['--dump-state', join(dir, 'no', 'such', 'f.json')], /--dump-state: no such directory/],
    [['--load-state', join(dir, 'nope')], /--load-state: no such file/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['extra'], /unexpected argument "extra"/],
    [['--port'], /argument missing/],
  ];
  for (const [args, msg] of cases)
    assert.throws(
      () => parseNodeArgs(args),
      (e: unknown) => e instanceof UsageError && msg.test(e.message),
      args.join(' '),
    );
});

test('main: usage errors exit 2 with the usage text; --help exits 0', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), stdin: process.stdin, stdinIsTTY: false };
  assert.equal(await main(['node', '--port', 'nope'], io), 2);
  assert.match(err.join(''), /evmkit node: --port: not a whole number[\s\S]*usage: evmkit node/);
  assert.equal(await main(['node', '--help'], io), 0);
  assert.match(out.join(''), /--fork-block-number N/);
  out.length = 0;
  assert.equal(await main(['--help'], io), 0);
  assert.match(out.join(''), /\bnode\b.*JSON-RPC node/);
});

test('banner: checksummed accounts with balances, keys, wallet, chain id (genesis balances under --init)', () => {
  const o = parseNodeArgs(['--accounts', '2']);
  const b = banner(o, deriveAccounts(TEST_MNEMONIC, 2));
  assert.match(
    b,
    /Available Accounts\n==================\n\n\(0\) 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 \(10000\.000000000000000000 ETH\)\n\(1\) 0x70997970C51812dc3A010C7d01b50e0d17dc79C8/,
  );
  assert.match(b, /Private Keys\n==================\n\n\(0\) 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80/);
  assert.match(b, /Mnemonic: {10}test test test test test test test test test test test junk/);
  assert.match(b, /Chain ID\n==================\n\n31337\n/);
  const g = banner(parseNodeArgs(['--init', genesis, '--accounts', '2']), deriveAccounts(TEST_MNEMONIC, 2));
  assert.match(g, /\(0\) 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 \(0\.000000000000000016 ETH\)/);
  assert.match(g, /\(1\) 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 \(0\.000000000000000000 ETH\)/);
  assert.equal(formatEther(parseEther('balance', '0.000000000000000001')), '0.000000000000000001');
});

test('startNodeServer: banner, listening line, the --init genesis state and the --import blocks', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const n = await startNodeServer(parseNodeArgs(['--port', '0', '--init', genesis, '--import', blocks]), {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
  });
  try {
    assert.match(out.join(''), new RegExp(`Listening on 127\\.0\\.0\\.1:${n.server.port}\\n$`));
    assert.match(err.join(''), /imported 0 blocks, head 0/);
    const r = await fetch(n.server.url, { method: 'POST', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' });
    assert.equal(((await r.json()) as { result: string }).result, '0xc72dd9d5e883e');
    const b = await fetch(n.server.url, {
      method: 'POST',
      body: '{"jsonrpc":"2.0","id":1,"method":"eth_getBalance","params":["0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"]}',
    });
    assert.equal(((await b.json()) as { result: string }).result, '0x10');
  } finally {
    await n.close();
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`bin/evmkit node serves HTTP and WebSocket and exits 0 on ${signal}`, { timeout: 60_000 }, async () => {
    const p = runBin(['--accounts', '3']);
    const url = await p.listening;
    const r = await fetch(url, {
      method: 'POST',
      body: '[{"jsonrpc":"2.0","id":1,"method":"eth_accounts"},{"jsonrpc":"2.0","id":2,"method":"eth_chainId"}]',
    });
    const [accounts, chain] = (await r.json()) as { result: unknown }[];
    assert.equal((accounts!.result as string[]).length, 3);
    assert.equal(chain!.result, '0x7a69');
    const ws = new WebSocket(url.replace('http:', 'ws:'));
    const viaWs = await new Promise<string>((resolve, reject) => {
      ws.once('open', () => ws.send('{"jsonrpc":"2.0","id":1,"method":"net_version"}'));
      ws.once('message', (d) => resolve(JSON.parse(d.toString()).result));
      ws.once('error', reject);
    });
    assert.equal(viaWs, '31337');
    const wsClosed = new Promise<number>((r) => ws.once('close', (c) => r(c)));
    p.child.kill(signal);
    assert.equal(await wsClosed, 1001);
    assert.equal(await p.exited, 0);
    assert.match(p.output().stderr, new RegExp(`${signal}, shutting down`));
    assert.match(p.output().stdout, /^evmkit node v/);
  });
}

test(
  "bin/evmkit node serves from a process without the CLI's memory flags (Node's default young generation)",
  { timeout: 60_000 },
  async () => {
    const p = runBin([]);
    try {
      await p.listening;
      // bin/evmkit's shebang gives the launcher --max-semi-space-size=1; the server it starts runs without it.
      const own = execFileSync('ps', ['-o', 'args=', '-p', String(p.child.pid)], { encoding: 'utf8' });
      assert.match(own, /--max-semi-space-size=1/);
      const children = execFileSync('ps', ['-o', 'args=', '--ppid', String(p.child.pid)], { encoding: 'utf8' })
        .trim()
        .split('\n');
      assert.equal(children.length, 1, children.join('\n'));
      assert.match(children[0]!, /bin\/evmkit node --port 0/);
      assert.doesNotMatch(children[0]!, /--max-semi-space-size|--no-concurrent-osr/);
    } finally {
      p.child.kill('SIGTERM');
      assert.equal(await p.exited, 0);
    }
  },
);

test('bin/evmkit node: a port in use is an error with exit 1, not a crash', { timeout: 60_000 }, async () => {
  const first = runBin([]);
  const url = await first.listening;
  const port = new URL(url).port;
  const second = spawn(BIN, ['node', '--port', port], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  second.stderr.setEncoding('utf8').on('data', (c) => (err += c));
  const code = await new Promise<number | null>((r) => second.once('exit', r));
  first.child.kill('SIGTERM');
  await first.exited;
  assert.equal(code, 1);
  assert.match(err, /cannot listen on 127\.0\.0\.1:\d+/);
});
