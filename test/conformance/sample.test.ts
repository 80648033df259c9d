/**
 * The CI conformance sample: a deterministic slice of ../shared/fixtures/state where every fixture
 * directory is represented, each vector asserted to pass. Up to FILES_PER_DIR files per directory (those
 * with the lowest stable hash of their path, SLOW_FILES left out) and up to VECTORS_PER_FILE vectors per
 * file (stable hash of test, fork, index), of the forks in SAMPLE_FORKS, run on worker threads (the
 * `npm run conformance` pool).
 * The full run is `npm run conformance`.
 *
 * Environment overrides: EVMKIT_SAMPLE_FORKS=Cancun,Prague, EVMKIT_SAMPLE_FILES_PER_DIR=N,
 * EVMKIT_SAMPLE_VECTORS_PER_FILE=N. Absent fixtures skip this file, except under CI=true (see fixtures.ts).
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { basename, dirname, relative } from 'node:path';
import { FORK_NAMES } from '../../src/spec/fork.js';
import { collectStateTestFiles } from '../../src/statetest/files.js';
import { stableSample } from '../../src/statetest/sample.js';
import type { FileReport } from '../../src/statetest/fileReport.js';
import { runFilesInPool } from '../../tools/vectorPool.js';
import { fixturePath } from '../fixtures.js';

/**
 * The forks sampled: every fork evmkit knows (forks not implemented yet show up as failures).
 * Narrow or widen it here; EVMKIT_SAMPLE_FORKS overrides it for one run.
 */
export const SAMPLE_FORKS: readonly string[] = FORK_NAMES;
export const FILES_PER_DIR = 3;
export const VECTORS_PER_FILE = 6;
/**
 * Files the sample never picks: single vectors that take seconds to minutes (50000-call loops, 1000
 * creates, 1 MB at depth 1024, blake2f with 2^32-1 rounds, vmPerformance loops). Measured with the
 * first evmkit build (2 cores): each of these took 5-600 s for 8 vectors, the rest of the suite under 4 s
 * per file. `npm run conformance` still runs them.
 */
export const SLOW_FILES = /50000|Create1000|1MB1024Calldepth|MaxRounds|^loop(?:Mul|Exp)\.json$/;
/** A file that takes longer than this fails (a hang must not stall CI). */
const FILE_TIMEOUT_MS = 120_000;

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : fallback;
}

const forks =
  process.env.EVMKIT_SAMPLE_FORKS?.split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '') ?? SAMPLE_FORKS;
const filesPerDir = envInt('EVMKIT_SAMPLE_FILES_PER_DIR', FILES_PER_DIR);
const vectorsPerFile = envInt('EVMKIT_SAMPLE_VECTORS_PER_FILE', VECTORS_PER_FILE);

/** Directory (relative to state/) -> the sampled files in it. */
function sample(root: string): Map<string, string[]> {
  const byDir = new Map<string, string[]>();
  for (const f of collectStateTestFiles([root])) {
    if (SLOW_FILES.test(basename(f))) continue;
    const dir = relative(root, dirname(f)) || '.';
    const list = byDir.get(dir) ?? [];
    list.push(f);
    byDir.set(dir, list);
  }
  // Hash the path relative to state/ with '/' separators, so every machine picks the same files.
  const key = (f: string): string => relative(root, f).split('\\').join('/');
  return new Map([...byDir].map(([dir, files]) => [dir, stableSample(files, filesPerDir, key)]));
}

const root = fixturePath('state');

describe('conformance sample (state tests)', { skip: root === undefined ? 'fixtures absent' : false }, () => {
  const dirs = root === undefined ? new Map<string, string[]>() : sample(root);
  const reports = new Map<string, FileReport>();

  before(async () => {
    const files = [...dirs.values()].flat();
    const start = performance.now();
    for (const r of await runFilesInPool(files, { forks, vectorsPerFile, timeoutMs: FILE_TIMEOUT_MS })) reports.set(r.file, r);
    let vectors = 0;
    for (const r of reports.values()) for (const t of Object.values(r.byFork)) vectors += t.passed + t.failed + t.skipped;
    console.log(
      `sample: ${vectors} vectors from ${files.length} files in ${dirs.size} directories, ` +
        `${((performance.now() - start) / 1000).toFixed(1)} s (forks: ${forks.join(', ')})`,
    );
  });

  it('covers every fixture directory', () => {
    assert.ok(dirs.size > 0);
    for (const [dir, files] of dirs) assert.ok(files.length > 0, dir);
  });

  for (const [dir, files] of dirs) {
    it(dir, () => {
      const failures = files.flatMap((f) => reports.get(f)?.failures ?? [{ file: f, name: f, fork: '', index: -1, reason: 'not run' }]);
      const skipped = files.reduce((n, f) => n + Object.values(reports.get(f)?.byFork ?? {}).reduce((m, t) => m + t.skipped, 0), 0);
      const lines = failures.slice(0, 10).map((x) => `  ${relative(root!, x.file)} ${x.name} [${x.fork || '-'} #${x.index}]: ${x.reason}`);
      assert.equal(failures.length, 0, `${failures.length} failed vector(s) in ${dir}:\n${lines.join('\n')}`);
      assert.equal(skipped, 0, `${skipped} vector(s) of unknown forks in ${dir}`);
    });
  }
});
