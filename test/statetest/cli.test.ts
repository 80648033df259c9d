/**
 * `evmkit statetest`: in-process with a stand-in runner (exact pass/fail accounting), and bin/evmkit
 * spawned on temporary files (output shape, last stderr line, exit codes; vectors whose expected roots
 * no EVM can produce, so the outcome does not depend on the EVM being right).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { makeStatetestCommand } from '../../src/cli/statetest.js';
import type { CliIO } from '../../src/cli/command.js';
import type { VectorRunner } from '../../src/statetest/check.js';
import { hexToBytes } from '../../src/primitives/hex.js';
import { REPO_ROOT } from '../fixtures.js';
import { EMPTY_LOGS, ROOT_A, stateTest } from './fixture.js';

const BIN = join(REPO_ROOT, 'bin', 'evmkit');
const SUMMARY = /^(\d+) passed, (\d+) failed, (\d+) skipped$/;

const dir = mkdtempSync(join(tmpdir(), 'evmkit-statetest-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

/** Cancun #0 and Shanghai #0 expect ROOT_A, Cancun #1 expects ROOT_B, Amsterdam is unknown; `broken` is malformed. */
const mixed = write('mixed.json', {
  ...stateTest('t', (t) => (t.post.Amsterdam = [t.post.Cancun[0]])),
  ...stateTest('broken', (t) => (t.env.currentNumber = 'x')),
});
const skippedOnly = write(
  'sub/deeper/skipped.json',
  stateTest('future', (t) => (t.post = { Amsterdam: t.post.Cancun })),
);
const allWrong = write(
  'sub/wrong.json',
  stateTest('wrong', (t) => {
    for (const es of Object.values(t.post) as { hash: string }[][]) for (const e of es) e.hash = '0x' + '00'.repeat(32);
  }),
);

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function inProcess(args: string[], runner: VectorRunner, stdin?: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: Readable.from(stdin === undefined ? [] : [stdin]),
    stdinIsTTY: stdin === undefined,
  };
  const code = await makeStatetestCommand(runner).run(args, io);
  return { code, stdout, stderr };
}

/** Always answers ROOT_A with no logs: passes exactly the entries expecting ROOT_A. */
const rootARunner: VectorRunner = () => ({ stateRoot: hexToBytes(ROOT_A), logsHash: hexToBytes(EMPTY_LOGS) });

function lastLine(s: string): string {
  const lines = s.trimEnd().split('\n');
  return lines[lines.length - 1]!;
}

/** Splits stdout made of several pretty-printed JSON arrays (one per file; each ends with a line `]` or `[]`). */
function arrays(stdout: string): unknown[][] {
  const out: unknown[][] = [];
  let buf = '';
  for (const line of stdout.split('\n')) {
    buf += line + '\n';
    if (line === ']' || line === '[]') {
      out.push(JSON.parse(buf) as unknown[]);
      buf = '';
    }
  }
  assert.equal(buf.trim(), '', 'stdout holds only JSON arrays');
  return out;
}

test('in-process: results per vector, go-ethereum keys, summary last on stderr, exit 1 on failure', async () => {
  const r = await inProcess([mixed], rootARunner);
  assert.equal(r.code, 1);
  const [results] = arrays(r.stdout) as Record<string, unknown>[][];
  assert.deepEqual(
    results!.map((x) => [x.name, x.fork, x.pass]),
    [
      ['t', 'Cancun', true],
      ['t', 'Cancun', false],
      ['t', 'Shanghai', true],
      ['t', 'Amsterdam', false],
      ['broken', '', false],
    ],
  );
  assert.deepEqual(results![0], { name: 't', pass: true, stateRoot: ROOT_A, fork: 'Cancun' });
  assert.match(String(results![1]!.error), /^post state root mismatch: got aa+, want bb+$/);
  assert.match(String(results![3]!.error), /unsupported fork "Amsterdam"/);
  assert.match(String(results![4]!.error), /mixed\.json: test "broken": env\.currentNumber: /);
  assert.equal(lastLine(r.stderr), '2 passed, 2 failed, 1 skipped');
  // go-ethereum's per-vector stateRoot lines on stderr, one per executed vector.
  assert.equal(r.stderr.split('\n').filter((l) => l === `{"stateRoot": "${ROOT_A}"}`).length, 3);
});

test('in-process: --fork (alias-aware), --run and --index select entries', async () => {
  const byFork = await inProcess(['--fork', 'cancun', '--index', '0', '--run', '^t$', mixed], rootARunner);
  assert.equal(byFork.code, 0);
  assert.deepEqual(arrays(byFork.stdout)[0]!.length, 1);
  assert.equal(lastLine(byFork.stderr), '1 passed, 0 failed, 0 skipped');
  const none = await inProcess(['--run', '^nothing$', mixed], rootARunner);
  assert.equal(none.code, 0);
  assert.deepEqual(arrays(none.stdout), [[]]);
  assert.equal(lastLine(none.stderr), '0 passed, 0 failed, 0 skipped');
});

test('in-process: a broken test is one failure when one of its forks is selected', async () => {
  const r = await inProcess(['--run', '^br', '--statetest.fork=Shanghai', mixed], rootARunner);
  assert.equal(lastLine(r.stderr), '0 passed, 1 failed, 0 skipped');
  assert.equal(r.code, 1);
  const other = await inProcess(['--run', '^br', '--fork', 'Prague', mixed], rootARunner);
  assert.equal(lastLine(other.stderr), '0 passed, 0 failed, 0 skipped');
});

test('in-process: directories recurse; each file is one JSON array', async () => {
  const r = await inProcess([join(dir, 'sub')], rootARunner);
  const out = arrays(r.stdout);
  assert.equal(out.length, 2);
  assert.equal(lastLine(r.stderr), '0 passed, 3 failed, 2 skipped');
});

test('in-process: file names from stdin, one per line; an empty line ends the batch', async () => {
  const r = await inProcess([], rootARunner, `${skippedOnly}\n${allWrong}\n\n${mixed}\n`);
  assert.equal(arrays(r.stdout).length, 2);
  assert.equal(lastLine(r.stderr), '0 passed, 3 failed, 2 skipped');
  assert.equal(r.code, 1);
});

test('in-process: only skipped entries exit 0; --human prints lines', async () => {
  const r = await inProcess(['--human', skippedOnly], rootARunner);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\[SKIP\] future, err=unsupported fork "Amsterdam", fork=Amsterdam$/m);
  assert.equal(lastLine(r.stderr), '0 passed, 0 failed, 2 skipped');
});

test('in-process: a missing file or invalid JSON is one failure', async () => {
  const bad = write('bad.json', '{"x": ');
  const r = await inProcess([bad, join(dir, 'nope.json')], rootARunner);
  assert.equal(r.code, 1);
  assert.equal(lastLine(r.stderr), '0 passed, 2 failed, 0 skipped');
  const [a, b] = arrays(r.stdout) as Record<string, unknown>[][];
  assert.match(String(a![0]!.error), /bad\.json: invalid JSON/);
  assert.match(String(b![0]!.error), /nope\.json: cannot read/);
});

test('main: usage errors exit 2 with usage on stderr', async () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    const cli: CliIO = {
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
      stdin: Readable.from([]),
      stdinIsTTY: true,
    };
    return { out, cli };
  };
  for (const argv of [
    [],
    ['frobnicate'],
    ['statetest', '--bogus', 'x.json'],
    ['statetest', '--index', 'one', 'x'],
    ['statetest', '--run', '(', 'x'],
    ['statetest'],
  ]) {
    const { out, cli } = io();
    assert.equal(await main(argv, cli), 2, argv.join(' '));
    assert.match(out.stderr, /usage: evmkit/, argv.join(' '));
    assert.equal(out.stdout, '');
  }
  const { out, cli } = io();
  assert.equal(await main(['statetest', '--help'], cli), 0);
  assert.match(out.stdout, /usage: evmkit statetest/);
});

function spawnBin(args: string[], input?: string): Captured {
  const r = spawnSync(BIN, args, { encoding: 'utf8', input: input ?? '', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('bin/evmkit: --version and usage errors', () => {
  const v = spawnBin(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^evmkit version \d+\.\d+\.\d+/);
  assert.equal(spawnBin([]).code, 2);
  const bad = spawnBin(['statetest', '--nope', mixed]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /usage: evmkit statetest/);
});

test('bin/evmkit statetest: JSON array per file, summary last, exit 1 on failures', () => {
  const r = spawnBin(['statetest', mixed]);
  assert.equal(r.code, 1, r.stderr);
  const [results] = arrays(r.stdout) as Record<string, unknown>[][];
  assert.equal(results!.length, 5);
  for (const x of results!) {
    assert.deepEqual(
      Object.keys(x).filter((k) => !['name', 'pass', 'stateRoot', 'fork', 'error'].includes(k)),
      [],
    );
    assert.equal(typeof x.name, 'string');
    assert.equal(typeof x.pass, 'boolean');
    assert.equal(typeof x.fork, 'string');
    if (x.stateRoot !== undefined) assert.match(String(x.stateRoot), /^0x[0-9a-f]{64}$/);
  }
  assert.match(lastLine(r.stderr), SUMMARY);
  // The expected roots (0xaa.., 0xbb..) are not roots any EVM produces here, so every vector fails.
  assert.equal(lastLine(r.stderr), '0 passed, 4 failed, 1 skipped');
});

test('bin/evmkit statetest: skipped-only exits 0; file names from stdin', () => {
  const s = spawnBin(['statetest', skippedOnly]);
  assert.equal(s.code, 0, s.stderr);
  assert.equal(lastLine(s.stderr), '0 passed, 0 failed, 2 skipped');
  const batch = spawnBin(['statetest'], `${skippedOnly}\n${allWrong}\n`);
  assert.equal(batch.code, 1);
  assert.equal(arrays(batch.stdout).length, 2);
  assert.equal(lastLine(batch.stderr), '0 passed, 3 failed, 2 skipped');
});
