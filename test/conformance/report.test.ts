/** The conformance runner's pieces: the worker pool, the per-fork table, CONFORMANCE.md writing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFilesInPool } from '../../tools/vectorPool.js';
import { BEGIN_MARK, END_MARK, failureLines, markdownTable, summarize, writeConformanceSection } from '../../tools/conformanceReport.js';
import type { FileReport } from '../../src/statetest/fileReport.js';
import { stableHash, stableSample } from '../../src/statetest/sample.js';
import { stateTest } from '../statetest/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'evmkit-conformance-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function report(file: string, byFork: FileReport['byFork'], failures: FileReport['failures'] = []): FileReport {
  return { file, byFork, failures, ms: 1 };
}

test('summarize: per-fork tallies in fork order, whole-test failures last', () => {
  const s = summarize([
    report('a.json', { Cancun: { passed: 3, failed: 1, skipped: 0 }, Frontier: { passed: 2, failed: 0, skipped: 0 } }),
    report('b.json', {
      Amsterdam: { passed: 0, failed: 0, skipped: 4 },
      '': { passed: 0, failed: 1, skipped: 0 },
      Cancun: { passed: 1, failed: 0, skipped: 0 },
    }),
  ]);
  assert.deepEqual([...s.byFork.keys()], ['Frontier', 'Cancun', 'Amsterdam', '']);
  assert.deepEqual(s.byFork.get('Cancun'), { passed: 4, failed: 1, skipped: 0 });
  assert.deepEqual(s.total, { passed: 6, failed: 2, skipped: 4 });
  const table = markdownTable(s);
  assert.match(table, /^\| Fork \| Passed \| Failed \| Skipped \| Pass rate \|\n\|---\|/);
  assert.match(table, /^\| Cancun \| 4 \| 1 \| 0 \| 80\.00% \|$/m);
  assert.match(table, /^\| Amsterdam \| 0 \| 0 \| 4 \| - \|$/m);
  assert.match(table, /^\| \(whole test or file\) \| 0 \| 1 \| 0 \| 0\.00% \|$/m);
  assert.match(table, /^\| \*\*Total\*\* \| \*\*6\*\* \| \*\*2\*\* \| \*\*4\*\* \| \*\*75\.00%\*\* \|$/m);
});

test('failure lines are tab-separated with a header', () => {
  const text = failureLines([{ file: 'f.json', name: 't', fork: 'Cancun', index: 2, reason: 'post state root\nmismatch' }]);
  assert.equal(text, '# file\ttest\tfork\tindex\treason\nf.json\tt\tCancun\t2\tpost state root mismatch\n');
});

test('writeConformanceSection creates the file, then replaces only the marked section', () => {
  const md = join(dir, 'CONFORMANCE.md');
  writeConformanceSection(md, 'first\n');
  assert.match(
    readFileSync(md, 'utf8'),
    new RegExp(`^# evmkit conformance\\n[^]*${BEGIN_MARK.replace(/[()`]/g, '.')}\\nfirst\\n${END_MARK}\\n$`),
  );
  writeFileSync(md, `# Title\n\nintro\n\n${BEGIN_MARK}\nold\n${END_MARK}\n\n## Notes\nkeep me\n`);
  writeConformanceSection(md, 'second\n');
  assert.equal(readFileSync(md, 'utf8'), `# Title\n\nintro\n\n${BEGIN_MARK}\nsecond\n${END_MARK}\n\n## Notes\nkeep me\n`);
  const plain = join(dir, 'PLAIN.md');
  writeFileSync(plain, '# Plain\n');
  writeConformanceSection(plain, 'table\n');
  assert.equal(readFileSync(plain, 'utf8'), `# Plain\n\n${BEGIN_MARK}\ntable\n${END_MARK}\n`);
});

test('stable sampling is deterministic and keeps the original order', () => {
  assert.equal(stableHash('abc'), stableHash('abc'));
  assert.notEqual(stableHash('abc'), stableHash('abd'));
  const items = Array.from({ length: 50 }, (_, i) => `item${i}`);
  const a = stableSample(items, 5, (x) => x);
  assert.deepEqual(
    a,
    stableSample(items, 5, (x) => x),
  );
  assert.equal(a.length, 5);
  assert.deepEqual(
    a,
    [...a].sort((x, y) => items.indexOf(x) - items.indexOf(y)),
  );
  assert.deepEqual(
    stableSample(items.slice(0, 3), 5, (x) => x),
    items.slice(0, 3),
  );
});

test('pool: every file reported in input order, failures carried back, options reach the workers', async () => {
  // Expected roots 0xaa../0xbb.. are not produced by any EVM: every executed vector fails.
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  writeFileSync(a, JSON.stringify(stateTest('t', (t) => (t.post.Amsterdam = [t.post.Cancun[0]]))));
  writeFileSync(b, '{ not json');
  const missing = join(dir, 'missing.json');
  const reports = await runFilesInPool([a, b, missing], { jobs: 2 });
  assert.deepEqual(
    reports.map((r) => r.file),
    [a, b, missing],
  );
  assert.deepEqual(reports[0]!.byFork, {
    Cancun: { passed: 0, failed: 2, skipped: 0 },
    Shanghai: { passed: 0, failed: 1, skipped: 0 },
    Amsterdam: { passed: 0, failed: 0, skipped: 1 },
  });
  assert.deepEqual(
    reports[0]!.failures.map((f) => [f.name, f.fork, f.index]),
    [
      ['t', 'Cancun', 0],
      ['t', 'Cancun', 1],
      ['t', 'Shanghai', 0],
    ],
  );
  assert.match(reports[1]!.failures[0]!.reason, /invalid JSON/);
  assert.match(reports[2]!.failures[0]!.reason, /cannot read/);

  const [onlyShanghai] = await runFilesInPool([a], { jobs: 1, forks: ['Shanghai'] });
  assert.deepEqual(Object.keys(onlyShanghai!.byFork), ['Shanghai']);
  const [sampled] = await runFilesInPool([a], { vectorsPerFile: 2 });
  assert.equal(
    Object.values(sampled!.byFork).reduce((n, t) => n + t.passed + t.failed + t.skipped, 0),
    2,
  );
  const [none] = await runFilesInPool([a], { run: '^nomatch$' });
  assert.deepEqual(none!.byFork, {});
});

test('pool: vectors of one file are shared by the workers, each counted once; a vector past the timeout is one failure', async () => {
  // 12 vectors; the gas index 2 one loops until its 1e12 gas are gone (it would take hours): timed out.
  const many = join(dir, 'many.json');
  writeFileSync(
    many,
    JSON.stringify(
      stateTest('loop', (t) => {
        t.pre['0x1000000000000000000000000000000000000001'].code = '0x5b5f56'; // JUMPDEST PUSH0 JUMP
        t.env.currentGasLimit = '0xe8d4a51000';
        t.transaction.gasLimit = ['0x5208', '0x0186a0', '0xe8d4a51000'];
        t.transaction.gasPrice = '0x0a';
        t.pre['0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'].balance = '0xffffffffffffffffffff';
        t.post = {
          Cancun: Array.from({ length: 12 }, (_, i) => ({
            hash: '0x' + 'aa'.repeat(32),
            logs: '0x' + '00'.repeat(32),
            indexes: { data: 0, gas: i === 5 ? 2 : i % 2, value: 0 },
          })),
        };
      }),
    ),
  );
  const [r] = await runFilesInPool([many], { jobs: 2, timeoutMs: 1500 });
  const total = Object.values(r!.byFork).reduce((n, t) => n + t.passed + t.failed + t.skipped, 0);
  assert.equal(total, 12);
  const timedOut = r!.failures.filter((f) => /timed out/.test(f.reason));
  assert.equal(timedOut.length, 1);
  assert.match(timedOut[0]!.reason, /^vector #5: /);
  assert.equal(r!.failures.length, 12, 'the other 11 fail on the made-up root');
});
