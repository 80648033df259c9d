/**
 * `evmkit blocktest` in-process (go-ethereum `evm blocktest` shape): per file a JSON array of
 * {name, pass, stateRoot?, fork, error?} on stdout, a line per file and the totals last on stderr, exit 1 on
 * any failure, a malformed or missing file reported as one failed entry while the run goes on, usage errors
 * exit 2. Uses an Ethash-sealed fixture (an ommer with a bad nonce) from ../shared/fixtures/blocks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { fixturePath } from '../fixtures.js';

interface Result {
  name: string;
  pass: boolean;
  stateRoot?: string;
  fork: string;
  error?: string;
}

async function blocktest(args: string[]): Promise<{ code: number; files: Result[][]; err: string }> {
  let out = '';
  let err = '';
  const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), stdin: Readable.from([]), stdinIsTTY: true };
  const code = await main(['blocktest', ...args], io);
  const files =
    out.trim() === '' || !out.startsWith('[')
      ? []
      : out
          .trimEnd()
          .split(/\n(?=\[)/)
          .map((s) => JSON.parse(s) as Result[]);
  return { code, files, err };
}

const blocks = fixturePath('blocks');
const NONCE_WRONG =
  blocks === undefined ? '' : join(blocks, 'frontier-to-constantinople/InvalidBlocks/bcUncleHeaderValidity/nonceWrong.json');

test(
  'blocktest: a fixture file passes; results as go-ethereum prints them',
  { skip: blocks === undefined ? 'fixtures absent' : false },
  async () => {
    const r = await blocktest([NONCE_WRONG]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.files.length, 1);
    const results = r.files[0]!;
    assert.equal(results.length, 7);
    for (const x of results) {
      assert.deepEqual(Object.keys(x), ['name', 'pass', 'stateRoot', 'fork']);
      assert.equal(x.pass, true);
      assert.match(x.stateRoot!, /^0x[0-9a-f]{64}$/);
      assert.ok(x.name.endsWith(`_${x.fork}`), x.name);
    }
    assert.equal(r.err.trimEnd().split('\n').at(-1), '7 passed, 0 failed, 0 skipped');

    const one = await blocktest(['--run', 'Byzantium$', '--fork', 'Byzantium', NONCE_WRONG]);
    assert.deepEqual(
      one.files[0]!.map((x) => x.name),
      ['nonceWrong_Byzantium'],
    );
    const none = await blocktest(['--fork', 'Cancun', NONCE_WRONG]);
    assert.equal(none.files.length, 0, 'a file with nothing selected prints nothing');
    assert.equal(none.err, '0 passed, 0 failed, 0 skipped\n');
  },
);

test(
  'blocktest: failures, malformed and missing files are reported and the run goes on (exit 1)',
  { skip: blocks === undefined ? 'fixtures absent' : false },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evmkit-blocktest-'));
    try {
      const fixture = JSON.parse(readFileSync(NONCE_WRONG, 'utf8')) as Record<string, { lastblockhash: string }>;
      const wrong = { nonceWrong_Frontier: { ...fixture.nonceWrong_Frontier!, lastblockhash: '0x' + '00'.repeat(32) } };
      writeFileSync(join(dir, 'a_wrong.json'), JSON.stringify(wrong));
      writeFileSync(join(dir, 'b_garbage.json'), '{"x": [');
      const r = await blocktest([join(dir, 'a_wrong.json'), join(dir, 'b_garbage.json'), join(dir, 'c_missing.json'), NONCE_WRONG]);
      assert.equal(r.code, 1);
      assert.equal(r.files.length, 4);
      const [a, b, c, d] = r.files;
      assert.equal(a![0]!.pass, false);
      assert.equal(a![0]!.fork, 'Frontier');
      assert.match(a![0]!.error!, /^last block hash mismatch/);
      assert.equal(a![0]!.stateRoot, undefined);
      assert.match(b![0]!.error!, /invalid JSON/);
      assert.match(c![0]!.error!, /cannot read/);
      assert.equal(d!.length, 7);
      assert.equal(r.err.trimEnd().split('\n').at(-1), '7 passed, 3 failed, 0 skipped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('blocktest: bad arguments are usage errors (exit 2)', async () => {
  assert.equal((await blocktest(['--fork', 'NoSuchFork', 'x.json'])).code, 2);
  assert.equal((await blocktest(['--run', '(', 'x.json'])).code, 2);
  assert.equal((await blocktest([])).code, 2, 'no PATH and a terminal on stdin');
  const help = await blocktest(['--help']);
  assert.equal(help.code, 0);
  assert.equal(help.files.length, 0);
});
