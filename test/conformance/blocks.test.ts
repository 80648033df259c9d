/**
 * `npm run conformance:blocks` end to end (dist/tools/blockConformance.js, spawned): worker threads, the
 * per-network table on stdout, every failure in the failures file, exit 1 on a failure and 0 on none,
 * --write into a file between the blocks markers, usage errors exit 2. Runs a fixture with Ethash seals
 * (../shared/fixtures/blocks) and a broken copy of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturePath } from '../fixtures.js';

const TOOL = fileURLToPath(new URL('../../tools/blockConformance.js', import.meta.url));
const blocks = fixturePath('blocks');
const NONCE_WRONG =
  blocks === undefined ? '' : join(blocks, 'frontier-to-constantinople/InvalidBlocks/bcUncleHeaderValidity/nonceWrong.json');

function tool(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [TOOL, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test('conformance:blocks: table, failures file, --write and exit codes', { skip: blocks === undefined ? 'fixtures absent' : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-blockconf-'));
  try {
    const failures = join(dir, 'failures.log');
    const md = join(dir, 'CONFORMANCE.md');
    writeFileSync(md, '# Conformance\n\nintro\n');
    const ok = tool(['--jobs', '1', '--failures', failures, '--write', md, NONCE_WRONG]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /^\| Network \| Passed \| Failed \| Skipped \| Pass rate \|$/m);
    assert.match(ok.out, /^\| Byzantium \| 1 \| 0 \| 0 \| 100\.00% \|$/m);
    assert.match(ok.out, /^\| \*\*Total\*\* \| \*\*7\*\* \| \*\*0\*\* \| \*\*0\*\* \| \*\*100\.00%\*\* \|$/m);
    assert.equal(ok.err.trimEnd().split('\n').at(-1), '7 passed, 0 failed, 0 skipped');
    const written = readFileSync(md, 'utf8');
    assert.ok(written.startsWith('# Conformance\n\nintro\n'));
    assert.match(written, /<!-- conformance-blocks:begin[^\n]*-->\n\| Network \|[\s\S]*<!-- conformance-blocks:end -->\n$/);

    const fixture = JSON.parse(readFileSync(NONCE_WRONG, 'utf8')) as Record<string, { lastblockhash: string }>;
    const broken = join(dir, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({ ...fixture, nonceWrong_Frontier: { ...fixture.nonceWrong_Frontier!, lastblockhash: '0x' + '00'.repeat(32) } }),
    );
    writeFileSync(join(dir, 'garbage.json'), '{');
    const bad = tool(['--jobs', '2', '--failures', failures, broken, join(dir, 'garbage.json')]);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /^\| Frontier \| 0 \| 1 \| 0 \| 0\.00% \|$/m);
    const lines = readFileSync(failures, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 3, 'a header line and one line per failure');
    assert.match(lines[1]!, /nonceWrong_Frontier\tFrontier\t-1\tlast block hash mismatch/);
    assert.match(lines[2]!, /invalid JSON/);
    assert.match(bad.err, /reproduce one: bin\/evmkit blocktest --run '\^nonceWrong_Frontier\$' /);

    assert.equal(tool(['--fork', 'NoSuchFork', NONCE_WRONG]).code, 2);
    assert.equal(tool(['--run', '(', NONCE_WRONG]).code, 2);
    assert.equal(tool(['--jobs', 'x', NONCE_WRONG]).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
