/**
 * The CI conformance sample of blockchain tests: a deterministic slice of ../shared/fixtures/blocks where
 * every fixture directory is represented, each test asserted to pass. Up to FILES_PER_DIR files per
 * directory (the lowest stable hash of their path, SLOW_FILES left out) plus ALWAYS (the Ethash-sealed tests
 * whose ommer has a bad nonce, so the seal check is always exercised), every test in each file, run on
 * worker threads (the `npm run conformance:blocks` pool and worker). ~5 s on 2 cores.
 * The full run is `npm run conformance:blocks`.
 *
 * Environment override: EVMKIT_SAMPLE_BLOCK_FILES_PER_DIR=N. Absent fixtures skip this file, except under
 * CI=true (see fixtures.ts).
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { basename, dirname, join, relative } from 'node:path';
import { existsSync } from 'node:fs';
import { collectStateTestFiles } from '../../src/statetest/files.js';
import { stableSample } from '../../src/statetest/sample.js';
import type { FileReport } from '../../src/statetest/fileReport.js';
import { runFilesInPool } from '../../tools/pool.js';
import { fixturePath } from '../fixtures.js';

export const FILES_PER_DIR = 1;
/**
 * The slowest files of the full run (3-8 s each on one worker), left out unless alone in their directory;
 * `npm run conformance:blocks` runs them.
 */
export const SLOW_FILES = /^(RPC_API_Test|UncleFromSideChain|ForkStressTest|bcForkUncle)\.json$/;
/** Always sampled (relative to blocks/). */
export const ALWAYS = ['frontier-to-constantinople/InvalidBlocks/bcUncleHeaderValidity/nonceWrong.json'];
const FILE_TIMEOUT_MS = 120_000;
const WORKER_URL = new URL('../../tools/blockConformanceWorker.js', import.meta.url);

const envPerDir = process.env.EVMKIT_SAMPLE_BLOCK_FILES_PER_DIR;
const filesPerDir = envPerDir !== undefined && /^\d+$/.test(envPerDir) ? Number(envPerDir) : FILES_PER_DIR;

function sample(root: string): Map<string, string[]> {
  const byDir = new Map<string, string[]>();
  for (const f of collectStateTestFiles([root])) {
    const dir = relative(root, dirname(f)) || '.';
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  // Slow files are left out, unless a directory has nothing else.
  for (const [dir, files] of byDir) {
    const quick = files.filter((f) => !SLOW_FILES.test(basename(f)));
    byDir.set(dir, quick.length > 0 ? quick : files);
  }
  const key = (f: string): string => relative(root, f).split('\\').join('/');
  const out = new Map([...byDir].map(([dir, files]) => [dir, stableSample(files, filesPerDir, key)]));
  for (const rel of ALWAYS) {
    const f = join(root, rel);
    const dir = dirname(rel);
    if (existsSync(f) && !(out.get(dir) ?? []).includes(f)) out.set(dir, [...(out.get(dir) ?? []), f]);
  }
  return out;
}

const root = fixturePath('blocks');

describe('conformance sample (blockchain tests)', { skip: root === undefined ? 'fixtures absent' : false }, () => {
  const dirs = root === undefined ? new Map<string, string[]>() : sample(root);
  const reports = new Map<string, FileReport>();

  before(async () => {
    const files = [...dirs.values()].flat();
    const start = performance.now();
    for (const r of await runFilesInPool(files, { workerUrl: WORKER_URL, timeoutMs: FILE_TIMEOUT_MS })) reports.set(r.file, r);
    let tests = 0;
    for (const r of reports.values()) for (const t of Object.values(r.byFork)) tests += t.passed + t.failed + t.skipped;
    console.log(
      `block sample: ${tests} tests from ${files.length} files in ${dirs.size} directories, ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  });

  it('covers every fixture directory', () => {
    assert.ok(dirs.size > 0);
    for (const [dir, files] of dirs) assert.ok(files.length > 0, dir);
  });

  for (const [dir, files] of dirs) {
    it(dir, () => {
      const failures = files.flatMap((f) => reports.get(f)?.failures ?? [{ file: f, name: f, fork: '', index: -1, reason: 'not run' }]);
      const ran = files.reduce((n, f) => n + Object.values(reports.get(f)?.byFork ?? {}).reduce((m, t) => m + t.passed + t.failed, 0), 0);
      const skipped = files.reduce((n, f) => n + Object.values(reports.get(f)?.byFork ?? {}).reduce((m, t) => m + t.skipped, 0), 0);
      const lines = failures.slice(0, 10).map((x) => `  ${relative(root!, x.file)} ${x.name} [${x.fork || '-'}]: ${x.reason}`);
      assert.equal(failures.length, 0, `${failures.length} failed test(s) in ${dir}:\n${lines.join('\n')}`);
      assert.equal(skipped, 0, `${skipped} test(s) of unknown networks in ${dir}`);
      assert.ok(ran > 0, `no test ran in ${dir}`);
    });
  }
});
