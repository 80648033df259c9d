/**
 * `npm run bench` and `evmkit statetest --bench` on a tiny generated case: the output shapes, the case
 * selection (newest common fork, one case per post index), and that both engines agree with the
 * fixture (whose expectations come from evmkit, so this is a differential check against ethereumjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadBenchCases, newestCommonFork } from '../../bench/run/cases.js';
import { geomean, median } from '../../bench/run/measure.js';
import { loadEdr } from '../../bench/peer/edr.js';
import { makeStatetestCommand } from '../../src/cli/statetest.js';
import { runStateVector } from '../../src/transition/stateTest.js';
import { REPO_ROOT } from '../fixtures.js';
import { writeTinyBench } from './tinyBench.js';

const root = mkdtempSync(join(tmpdir(), 'evmkit-bench-'));
test.after(() => rmSync(root, { recursive: true, force: true }));
const file = writeTinyBench(root);

test('median and geometric mean', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Math.abs(geomean([2, 8]) - 4) < 1e-12);
});

test('cases: the newest fork both engines run, one case per post index', () => {
  assert.equal(newestCommonFork(['Berlin', 'London', 'Amsterdam']), 'London');
  assert.equal(newestCommonFork(['Amsterdam']), undefined);
  const cases = loadBenchCases(join(root, 'bench'));
  assert.deepEqual(
    cases.map((c) => c.name),
    ['micro/tiny_loop/d0g0v0', 'micro/tiny_loop/d1g0v0'],
  );
  assert.ok(cases.every((c) => c.entry.fork === 'London'));
  assert.deepEqual(
    loadBenchCases(join(root, 'bench'), 'd1').map((c) => c.name),
    ['micro/tiny_loop/d1g0v0'],
  );
});

test('npm run bench -- --json prints only the JSON report, both engines matching the fixture', () => {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'bench', 'run', 'main.js'), '--json', '--runs', '2'], {
    encoding: 'utf8',
    env: { ...process.env, EVMKIT_FIXTURES: root },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /MISMATCH/);
  const report = JSON.parse(r.stdout) as {
    cases: Record<string, unknown>[];
    geomeanRatio: number;
    geomeanRatioEdr?: number;
    edrCallOverheadMs?: number;
  };
  const withEdr = loadEdr() !== undefined;
  assert.deepEqual(
    Object.keys(report),
    withEdr ? ['cases', 'geomeanRatio', 'geomeanRatioEdr', 'edrCallOverheadMs'] : ['cases', 'geomeanRatio'],
  );
  assert.equal(report.cases.length, 2);
  for (const c of report.cases) {
    const edrKeys = withEdr ? ['edrMs', 'edrOverheadMs', 'ratioEdr'] : [];
    assert.deepEqual(Object.keys(c), ['name', 'gas', 'evmkitMs', 'ethereumjsMs', 'ratio', ...edrKeys]);
    assert.equal(typeof c.name, 'string');
    assert.ok(Number.isInteger(c.gas) && (c.gas as number) > 21000, `gas ${c.gas}`);
    for (const k of ['evmkitMs', 'ethereumjsMs', 'ratio', ...edrKeys]) assert.ok((c[k] as number) > 0, `${k} ${c[k]}`);
    assert.ok(Math.abs((c.ratio as number) - (c.ethereumjsMs as number) / (c.evmkitMs as number)) < 1e-9);
    if (withEdr) assert.ok(Math.abs((c.ratioEdr as number) - (c.edrMs as number) / (c.evmkitMs as number)) < 1e-9);
  }
  const expected = geomean(report.cases.map((c) => c.ratio as number));
  assert.ok(Math.abs(report.geomeanRatio - expected) < 1e-9);
  if (withEdr) assert.ok(Math.abs(report.geomeanRatioEdr! - geomean(report.cases.map((c) => c.ratioEdr as number))) < 1e-9);
});

test('a case whose post state disagrees with the fixture is reported loudly and fails the run', () => {
  const bad = join(root, 'bad');
  mkdirSync(join(bad, 'bench', 'micro'), { recursive: true });
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.tiny_loop.post.London[0].hash = '0x' + '11'.repeat(32);
  writeFileSync(join(bad, 'bench', 'micro', 'tiny_loop.json'), JSON.stringify(json));
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'bench', 'run', 'main.js'), '--json', '--runs', '1', '--filter', 'd0'], {
    encoding: 'utf8',
    env: { ...process.env, EVMKIT_FIXTURES: bad },
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /MISMATCH micro\/tiny_loop\/d0g0v0: evmkit: post state root/);
  assert.match(r.stderr, /MISMATCH micro\/tiny_loop\/d0g0v0: ethereumjs: post state root/);
  if (loadEdr() !== undefined) assert.match(r.stderr, /MISMATCH micro\/tiny_loop\/d0g0v0: EDR: post state root/);
  assert.equal(JSON.parse(r.stdout).cases.length, 1); // stdout stays JSON
});

test('statetest --bench adds benchStats {time, gasUsed} to each result', async () => {
  let stdout = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: () => {}, stdin: Readable.from([]), stdinIsTTY: true };
  const cmd = makeStatetestCommand(runStateVector, { warmupMs: 0, measureMs: 0, minRuns: 3, maxRuns: 3 });
  assert.equal(await cmd.run(['--bench', '--fork', 'London', file], io), 0);
  const results = JSON.parse(stdout) as Record<string, any>[];
  assert.equal(results.length, 2);
  for (const r of results) {
    assert.deepEqual(Object.keys(r), ['name', 'pass', 'stateRoot', 'fork', 'benchStats']);
    assert.equal(r.pass, true);
    assert.deepEqual(Object.keys(r.benchStats), ['time', 'gasUsed']);
    assert.ok(Number.isInteger(r.benchStats.time) && r.benchStats.time > 0);
    assert.ok(Number.isInteger(r.benchStats.gasUsed) && r.benchStats.gasUsed > 21000);
  }
  stdout = '';
  assert.equal(await cmd.run(['--fork', 'London', file], io), 0);
  for (const r of JSON.parse(stdout) as Record<string, unknown>[]) assert.equal('benchStats' in r, false);
});
