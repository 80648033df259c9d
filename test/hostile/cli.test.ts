/**
 * Malformed JSON, hex and numbers given to the CLI (run, statetest), and malformed RLP given to the
 * decoders: a clear error naming what and where, a non-zero exit, and one broken input in a batch
 * never taking the others down. Most cases go through the CLI's `main` in-process (the same code
 * bin/evmkit runs) so each takes milliseconds; one spawn per command checks the real exit codes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../fixtures.js';
import { stateTest, SENDER, TARGET } from '../statetest/fixture.js';
import { loadStateTestFile } from '../../src/statetest/files.js';
import { runStateVector } from '../../src/transition/stateTest.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/hex.js';
import { decodeRlp, RlpError } from '../../src/primitives/rlp/index.js';
import { decodeTx } from '../../src/tx/decode.js';
import { main } from '../../src/cli/main.js';
import { Readable } from 'node:stream';

const BIN = join(REPO_ROOT, 'bin', 'evmkit');
const dir = mkdtempSync(join(tmpdir(), 'evmkit-hostile-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function evmkit(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: Readable.from([]),
    stdinIsTTY: true,
  });
  return { code, stdout, stderr };
}

function write(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('evmkit run: malformed hex, numbers, fork and addresses exit 2 naming the flag', async () => {
  const cases: [string[], RegExp][] = [
    [['--code', 'zz'], /--code: invalid hex character 'z'/],
    [['--code', '0x123'], /--code: odd-length hex/],
    [['--code', '6001', '--input', '0xq1'], /--input: invalid hex character 'q'/],
    [['--code', '6001', '--gas', 'abc'], /--gas: not a hex or decimal quantity/],
    [['--code', '6001', '--gas', '0x10000000000000000'], /--gas: 0x10000000000000000 exceeds 2\^64-1/],
    [['--code', '6001', '--value', '0x1' + '00'.repeat(32)], /--value: .* exceeds 2\^256-1/],
    [['--code', '6001', '--fork', 'Nope'], /--fork: unknown fork "Nope"/],
    [['--code', '6001', '--sender', '0x1234'], /--sender: expected 20 bytes, got 2/],
    [['--code'], /--code/],
    [['--bogus'], /--bogus/],
  ];
  for (const [args, msg] of cases) {
    const r = await inProcess(['run', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: exit code (stderr ${r.stderr})`);
    assert.match(r.stderr, msg, args.join(' '));
    assert.equal(r.stdout, '', `${args.join(' ')}: nothing on stdout`);
  }
  const missing = await inProcess(['run', '--codefile', join(dir, 'absent.hex')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read --codefile .*absent\.hex/);
  // The real binary: same message, exit code 2.
  const badFile = evmkit(['run', '--codefile', write('bad.hex', '60zz')]);
  assert.equal(badFile.code, 2);
  assert.match(badFile.stderr, /--codefile \S+bad\.hex: invalid hex character 'z'/);
});

test('evmkit run: gas of 2^64-1 is accepted and exact (GAS reports it less 2)', async () => {
  const r = await inProcess(['run', '--code', '5a60005260206000f3', '--gas', '0xffffffffffffffff']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), '0x' + '00'.repeat(24) + 'fffffffffffffffd');
});

test('evmkit statetest: every malformed file is one failure naming file and field; the good file still passes', () => {
  // A good file whose expected root is what the vector produces (the point here is the batch, not the EVM).
  const goodTest = stateTest('good', (t) => {
    t.transaction.data = ['0x'];
    t.transaction.gasLimit = ['0x0186a0'];
    t.transaction.value = ['0x00'];
    t.post = { Cancun: [{ hash: '0x' + '00'.repeat(32), logs: '0x' + '00'.repeat(32), indexes: { data: 0, gas: 0, value: 0 } }] };
  });
  const probe = write('probe.json', JSON.stringify(goodTest));
  const entry = loadStateTestFile(probe)[0]!;
  assert.equal(entry.kind, 'vector');
  if (entry.kind !== 'vector') return;
  const res = runStateVector(entry.vector);
  (goodTest.good as any).post.Cancun[0].hash = bytesToHex(res.stateRoot);
  (goodTest.good as any).post.Cancun[0].logs = bytesToHex(res.logsHash);
  const good = write('good.json', JSON.stringify(goodTest));

  const broken: [string, string, RegExp][] = [
    ['notjson.json', '{not json', /notjson\.json: invalid JSON/],
    ['empty.json', '', /empty\.json: invalid JSON/],
    ['array.json', '[1,2]', /array\.json: expected an object of named state tests/],
    [
      'badcode.json',
      JSON.stringify(stateTest('t', (t) => (t.pre[TARGET].code = '0xzz'))),
      /badcode\.json: test .{1,2}t.{1,2}: pre\..*code/,
    ],
    [
      'oddhex.json',
      JSON.stringify(stateTest('t', (t) => (t.transaction.data = ['0x123']))),
      /oddhex\.json: test .{1,2}t.{1,2}: transaction\.data/,
    ],
    [
      'badaddr.json',
      JSON.stringify(stateTest('t', (t) => (t.transaction.to = '0x1234'))),
      /badaddr\.json: test .{1,2}t.{1,2}: transaction\.to/,
    ],
    [
      'badnonce.json',
      JSON.stringify(stateTest('t', (t) => (t.pre[SENDER].nonce = '0xgg'))),
      /badnonce\.json: test .{1,2}t.{1,2}: pre\..*nonce/,
    ],
    [
      'badtxbytes.json',
      JSON.stringify(stateTest('t', (t) => (t.post.Cancun[0].txbytes = '0xabc'))),
      /badtxbytes\.json: test .{1,2}t.{1,2}: .*txbytes/,
    ],
    ['nullenv.json', JSON.stringify(stateTest('t', (t) => (t.env = null))), /nullenv\.json: test .{1,2}t.{1,2}: env/],
  ];
  const files = broken.map(([name, content]) => write(name, content));
  const r = evmkit(['statetest', ...files, good, join(dir, 'absent.json')]);
  assert.equal(r.code, 1);
  for (const [name, , msg] of broken) assert.match(r.stdout, msg, name);
  assert.match(r.stdout, /absent\.json: cannot read/);
  assert.match(r.stdout, /"name": "good",\s*"pass": true/);
  const last = r.stderr.trimEnd().split('\n').pop()!;
  const m = /^(\d+) passed, (\d+) failed, (\d+) skipped$/.exec(last);
  assert.ok(m, `summary line: ${last}`);
  assert.equal(Number(m[1]), 1, 'the good vector passed');
  assert.ok(Number(m[2]) >= broken.length + 1, 'each broken file counted as failed');
});

test('malformed RLP: truncated, non-canonical and trailing bytes are RlpErrors with a reason', () => {
  const bad = [
    '0xb8', // long string without its length byte
    '0xb80100', // long form for a 1-byte length (non-canonical)
    '0x8100', // single byte < 0x80 encoded as a string (non-canonical)
    '0xc3010203ff', // trailing byte after the list
    '0xc5010203', // list shorter than its header says
    '0xb9000100', // length with a leading zero
    '0xbbffffffff', // 4 GiB string in a 5-byte input
    '0xfbffffffffffffffff', // list of 2^64-1 bytes
    '0x',
  ];
  for (const hex of bad) {
    assert.throws(
      () => decodeRlp(hexToBytes(hex)),
      (e: unknown) => e instanceof RlpError && e.message.length > 0,
      hex,
    );
  }
  // A transaction from garbage: an error that says what is wrong, not a crash or a TypeError.
  for (const hex of ['0x02', '0x02c0', '0x05c0', '0xc0', '0xf8', '0x7f00']) {
    assert.throws(
      () => decodeTx(hexToBytes(hex)),
      (e: unknown) => e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError),
      hex,
    );
  }
});
