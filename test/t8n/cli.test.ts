/** `evmkit t8n` on the command line: stdin/stdout, files, --version, go-ethereum's exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT } from '../fixtures.js';
import { env, richAlloc, tx } from './helpers.js';

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['t8n', ...args], {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stdin: Readable.from([Buffer.from(stdin)]),
    stdinIsTTY: false,
  });
  return { code, out, err };
}

const STDIO = [
  '--input.alloc=stdin',
  '--input.env=stdin',
  '--input.txs=stdin',
  '--output.result=stdout',
  '--output.alloc=stdout',
  '--output.body=stdout',
];

test('--version prints `evmkit t8n <version>`; --help lists the forks', async () => {
  const v = await cli(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.out, /^evmkit t8n \d+\.\d+\.\d+\n$/);
  const h = await cli(['--help']);
  for (const fork of ['Paris', 'Shanghai', 'Cancun', 'Prague', 'Osaka', 'London']) assert.ok(h.out.includes(fork), fork);
});

test('stdin in, one object {alloc, result, body} on stdout', async () => {
  const r = await cli([...STDIO, '--state.fork=Cancun'], JSON.stringify({ alloc: richAlloc(), env: env(), txs: [tx()] }));
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out) as { alloc: unknown; result: Record<string, unknown>; body: unknown };
  assert.deepEqual(Object.keys(o), ['alloc', 'result', 'body']);
  assert.equal((o.result.receipts as unknown[]).length, 1);
  assert.equal(o.result.currentExcessBlobGas, '0x0');
  assert.equal(o.result.blobGasUsed, '0x0');
});

test('files in and out under --output.basedir; a .rlp txs file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 't8n-'));
  writeFileSync(join(dir, 'alloc.json'), JSON.stringify(richAlloc()));
  writeFileSync(join(dir, 'env.json'), JSON.stringify(env()));
  writeFileSync(join(dir, 'txs.json'), JSON.stringify([tx()]));
  const a = await cli([
    `--input.alloc=${join(dir, 'alloc.json')}`,
    `--input.env=${join(dir, 'env.json')}`,
    `--input.txs=${join(dir, 'txs.json')}`,
    `--output.basedir=${join(dir, 'out')}`,
    '--output.body=body.json',
    '--state.fork=Prague',
  ]);
  assert.equal(a.code, 0, a.err);
  const result = JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8')) as Record<string, unknown>;
  const body = JSON.parse(readFileSync(join(dir, 'out', 'body.json'), 'utf8')) as string;
  assert.ok(JSON.parse(readFileSync(join(dir, 'out', 'alloc.json'), 'utf8')));
  writeFileSync(join(dir, 'txs.rlp'), JSON.stringify(body));
  const b = await cli([
    `--input.alloc=${join(dir, 'alloc.json')}`,
    `--input.env=${join(dir, 'env.json')}`,
    `--input.txs=${join(dir, 'txs.rlp')}`,
    '--output.result=stdout',
    '--output.alloc=',
    '--state.fork=Prague',
  ]);
  assert.equal(b.code, 0, b.err);
  assert.equal((JSON.parse(b.out) as { result: Record<string, unknown> }).result.stateRoot, result.stateRoot);
});

test("exit codes: 3 bad config, 10 bad JSON, 11 IO, 12 bad RLP (go-ethereum's)", async () => {
  const noRandom = env();
  delete noRandom.currentRandom;
  const cases: [string[], string, number, RegExp][] = [
    [[...STDIO, '--state.fork=Paris'], JSON.stringify({ alloc: {}, env: noRandom, txs: [] }), 3, /currentRandom/],
    [
      [...STDIO, '--state.fork=Shanghai'],
      JSON.stringify({ alloc: {}, env: { ...env(), withdrawals: undefined }, txs: [] }),
      3,
      /withdrawals/,
    ],
    [
      [...STDIO, '--state.fork=Cancun'],
      JSON.stringify({ alloc: {}, env: { ...env(), parentBeaconBlockRoot: undefined }, txs: [] }),
      3,
      /parentBeaconBlockRoot/,
    ],
    [[...STDIO, '--state.fork=NoSuchFork'], JSON.stringify({ alloc: {}, env: env(), txs: [] }), 3, /unsupported fork/],
    [[...STDIO, '--state.fork=Cancun'], '{not json', 10, /failed unmarshalling stdin/],
    [
      [...STDIO, '--state.fork=Cancun'],
      JSON.stringify({ alloc: {}, env: { ...env(), currentGasLimit: 'zz' }, txs: [] }),
      10,
      /env.currentGasLimit/,
    ],
    [[...STDIO, '--state.fork=Cancun'], JSON.stringify({ alloc: {}, env: env(), txs: [{ type: '0x2' }] }), 10, /txs\[0\]/],
    [['--input.alloc=/nonexistent/alloc.json', '--state.fork=Cancun'], '', 11, /failed reading alloc/],
    [[...STDIO, '--state.fork=Cancun'], JSON.stringify({ alloc: {}, env: env(), txsRlp: '0x01' }), 12, /txsRlp/],
  ];
  for (const [args, stdin, code, message] of cases) {
    const r = await cli(args, stdin);
    assert.equal(r.code, code, `${args.join(' ')} ${stdin.slice(0, 60)}: ${r.err}`);
    assert.match(r.err, new RegExp(`^ERROR\\(${code}\\): `));
    assert.match(r.err, message);
  }
});

test('exit code 4: BLOCKHASH of a block the env gives no hash for', async () => {
  const code = '0x600143034060005500'; // SSTORE(0, BLOCKHASH(NUMBER - 1))
  const alloc = richAlloc({ '0x00000000000000000000000000000000000000cc': { balance: '0x0', code } });
  const call = tx({ to: '0x00000000000000000000000000000000000000cc', gas: '0x10000' });
  const missing = await cli([...STDIO, '--state.fork=Cancun'], JSON.stringify({ alloc, env: env(), txs: [call] }));
  assert.equal(missing.code, 4, missing.err);
  const hash = '0x' + '11'.repeat(32);
  const given = await cli(
    [...STDIO, '--state.fork=Cancun'],
    JSON.stringify({ alloc, env: env({ blockHashes: { '0xf': hash } }), txs: [call] }),
  );
  assert.equal(given.code, 0, given.err);
  const stored = (JSON.parse(given.out).alloc['0x00000000000000000000000000000000000000cc'] as { storage: Record<string, string> }).storage;
  assert.equal(Object.values(stored)[0], hash);
});

test('bin/evmkit t8n as a process (stdin/stdout)', () => {
  const p = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'evmkit'), 't8n', ...STDIO, '--state.fork=Osaka'], {
    input: JSON.stringify({ alloc: richAlloc(), env: env(), txs: [tx()] }),
    encoding: 'utf8',
  });
  assert.equal(p.status, 0, p.stderr);
  const o = JSON.parse(p.stdout) as { result: Record<string, unknown> };
  assert.equal(o.result.gasUsed, '0x5208');
});

test("--trace writes each transaction's EIP-3155 lines to <basedir>/trace-<index>-<txhash>.jsonl", async () => {
  const dir = mkdtempSync(join(tmpdir(), 't8n-trace-'));
  const r = await cli(
    [
      '--input.alloc=stdin',
      '--input.env=stdin',
      '--input.txs=stdin',
      '--output.result=stdout',
      '--output.alloc=',
      `--output.basedir=${dir}`,
      '--state.fork=Cancun',
      '--trace',
    ],
    JSON.stringify({ alloc: richAlloc(), env: env(), txs: [tx()] }),
  );
  assert.equal(r.code, 0, r.err);
  const receipt = (JSON.parse(r.out) as { result: { receipts: { transactionHash: string; gasUsed: string }[] } }).result.receipts[0]!;
  const lines = readFileSync(join(dir, `trace-0-${receipt.transactionHash}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  // A plain transfer runs no code: only go-ethereum's closing line, with the top frame's gas (not the
  // intrinsic 21000 the receipt shows).
  assert.equal(receipt.gasUsed, '0x5208');
  assert.deepEqual(lines, [{ output: '', gasUsed: '0x0' }]);
});

test('--trace of a transaction that runs code: one line per opcode, then the closing line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 't8n-trace-'));
  const contract = '0x000000000000000000000000000000000000c0de';
  const alloc = richAlloc({ [contract]: { balance: '0x0', nonce: '0x1', code: '0x600160005500' } });
  const r = await cli(
    [
      '--input.alloc=stdin',
      '--input.env=stdin',
      '--input.txs=stdin',
      '--output.result=stdout',
      '--output.alloc=',
      `--output.basedir=${dir}`,
      '--state.fork=Cancun',
      '--trace',
    ],
    JSON.stringify({ alloc, env: env(), txs: [tx({ to: contract, gas: '0x10000', value: '0x0' })] }),
  );
  assert.equal(r.code, 0, r.err);
  const receipt = (JSON.parse(r.out) as { result: { receipts: { transactionHash: string }[] } }).result.receipts[0]!;
  const lines = readFileSync(join(dir, `trace-0-${receipt.transactionHash}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    lines.slice(0, -1).map((l) => l.opName),
    ['PUSH1', 'PUSH1', 'SSTORE', 'STOP'],
  );
  assert.deepEqual(
    lines.slice(0, -1).map((l) => l.depth),
    [1, 1, 1, 1],
  );
  // SSTORE 0 -> 1 on a cold slot: 20000 + 2100 (EIP-2929); the frame used 3 + 3 + 22100 + 0.
  assert.equal(lines[2]!.gasCost, '0x5654');
  assert.deepEqual(lines.at(-1), { output: '', gasUsed: '0x565a' });
});
