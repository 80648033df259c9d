/**
 * `npm run conformance:t8n`: every state-test vector of Paris and later under the fixtures, converted to
 * a t8n input (t8nStateTests.ts) and run through the t8n entry function in-process; the state root and
 * logs hash must equal the fixture's, and the transaction must be rejected exactly when the fixture
 * expects an exception. `--spawn N` also pipes the first N vectors of each fork through `bin/evmkit t8n`
 * (stdin/stdout) to prove the command-line path. Prints pass/fail per fork; exits 1 on any failure.
 *
 * usage: node dist/src/cli/t8nConformance.js [--jobs N] [--spawn N] [--limit N] [--run substring] [paths...]
 * (`--jobs N`: N worker threads, files dealt round-robin; `--spawn` and `--limit` then apply per worker.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { Worker, isMainThread } from 'node:worker_threads';
import { Fork, forkFromName, forkName } from '../src/spec/fork.js';
import { collectStateTestFiles } from '../src/statetest/files.js';
import { parseStateTests } from '../src/statetest/load.js';
import { bytesToHex } from '../src/primitives/hex.js';
import { runT8n, type T8nInput, type T8nOutput } from '../src/cli/t8nRun.js';
import { t8nInputOf } from './t8nStateTests.js';
import { UsageError, parseCommandArgs } from '../src/cli/command.js';
import type { LoadedVector } from '../src/statetest/types.js';

export interface SweepOptions {
  readonly paths: readonly string[];
  /** Vectors per fork also run through `bin/evmkit t8n` as a child process. */
  readonly spawnPerFork: number;
  /** Stop after this many vectors per fork (0 = all). */
  readonly limitPerFork: number;
  /** Only files whose path contains this. */
  readonly run?: string;
  readonly onFailure?: (line: string) => void;
}

export interface ForkTally {
  passed: number;
  failed: number;
  spawned: number;
}

const BIN = fileURLToPath(new URL('../../bin/evmkit', import.meta.url));

/** Judges one t8n result against the vector's expectation; undefined on a pass. */
export function judge(v: LoadedVector, out: { result: Record<string, unknown> }): string | undefined {
  const r = out.result;
  const rejected = Array.isArray(r.rejected) && r.rejected.length > 0;
  const want = v.expect;
  if (rejected && want.expectException === undefined) return `unexpected rejection: ${JSON.stringify(r.rejected)}`;
  if (!rejected && want.expectException !== undefined) return `expected exception ${want.expectException}, transaction was included`;
  if (r.stateRoot !== bytesToHex(want.hash)) return `state root ${String(r.stateRoot)}, want ${bytesToHex(want.hash)}`;
  if (r.logsHash !== bytesToHex(want.logs)) return `logs hash ${String(r.logsHash)}, want ${bytesToHex(want.logs)}`;
  return undefined;
}

/** Runs `bin/evmkit t8n` with the input on stdin and all outputs on stdout. */
export function spawnT8n(input: T8nInput, fork: string): T8nOutput {
  const args = [
    BIN,
    't8n',
    '--input.alloc=stdin',
    '--input.env=stdin',
    '--input.txs=stdin',
    '--output.result=stdout',
    '--output.alloc=stdout',
    '--output.body=stdout',
    `--state.fork=${fork}`,
  ];
  const p = spawnSync(process.execPath, args, { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (p.status !== 0) throw new Error(`bin/evmkit t8n exited ${p.status}: ${p.stderr.trim()}`);
  return JSON.parse(p.stdout) as T8nOutput;
}

export function sweep(opts: SweepOptions): Map<string, ForkTally> {
  const tallies = new Map<string, ForkTally>();
  const tally = (fork: string): ForkTally => {
    let t = tallies.get(fork);
    if (t === undefined) tallies.set(fork, (t = { passed: 0, failed: 0, spawned: 0 }));
    return t;
  };
  const paris = (name: string): boolean => (forkFromName(name) ?? -1) >= Fork.Paris;
  for (const file of collectStateTestFiles(opts.paths)) {
    if (opts.run !== undefined && !file.includes(opts.run)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    for (const entry of parseStateTests(json, file, {})) {
      if (entry.kind === 'skipped' || !paris(entry.fork)) continue;
      const fork = forkName(forkFromName(entry.fork)!);
      const t = tally(fork);
      if (opts.limitPerFork > 0 && t.passed + t.failed >= opts.limitPerFork) continue;
      if (entry.kind === 'malformed') {
        t.failed++;
        opts.onFailure?.(`${fork} ${entry.error}`);
        continue;
      }
      let error: string | undefined;
      try {
        const input = t8nInputOf(entry, json[entry.name]!);
        error = judge(entry, runT8n(input, { fork, chainId: entry.vector.chainId }));
        if (error === undefined && t.spawned < opts.spawnPerFork) {
          t.spawned++;
          const viaCli = judge(entry, spawnT8n(input, fork));
          if (viaCli !== undefined) error = `via bin/evmkit t8n: ${viaCli}`;
        }
      } catch (e) {
        error = `exception: ${e instanceof Error ? e.message : String(e)}`;
      }
      if (error === undefined) t.passed++;
      else {
        t.failed++;
        opts.onFailure?.(`${fork} ${file} ${entry.name}[${entry.index}]: ${error}`);
      }
    }
  }
  return tallies;
}

/** Sweeps `files` on `jobs` worker threads (files dealt round-robin); merges their tallies. */
async function sweepInWorkers(
  files: readonly string[],
  jobs: number,
  opts: Omit<SweepOptions, 'paths' | 'onFailure'>,
  onFailure: (l: string) => void,
): Promise<Map<string, ForkTally>> {
  const shards = Array.from({ length: jobs }, (_, j) => files.filter((_, i) => i % jobs === j));
  const results = await Promise.all(
    shards.map(
      (paths) =>
        new Promise<{ tallies: [string, ForkTally][]; failures: string[] }>((resolveShard, reject) => {
          const w = new Worker(new URL('./t8nConformanceWorker.js', import.meta.url), { workerData: { ...opts, paths } });
          w.once('message', resolveShard);
          w.once('error', reject);
        }),
    ),
  );
  const merged = new Map<string, ForkTally>();
  for (const r of results) {
    for (const [fork, t] of r.tallies) {
      const m = merged.get(fork) ?? { passed: 0, failed: 0, spawned: 0 };
      merged.set(fork, { passed: m.passed + t.passed, failed: m.failed + t.failed, spawned: m.spawned + t.spawned });
    }
    r.failures.forEach(onFailure);
  }
  return merged;
}

const USAGE = `usage: npm run conformance:t8n -- [--spawn N] [--limit N] [--run SUBSTRING] [--jobs N] [PATH...]

Runs every Paris-and-later state-test vector under PATHs (default: the fixtures' state/ folder) through
the t8n transition tool in-process, N vectors per fork also through bin/evmkit t8n as a child process.
  --spawn N      vectors per fork also run through bin/evmkit t8n (default 3)
  --limit N      at most N vectors per fork (default 0: all)
  --run S        only tests whose name contains S
  --jobs N       worker threads (default 1)
  -h, --help     this text
`;

/** A non-negative integer flag value, or a usage error. */
function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name}: expected a non-negative integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

async function main(argv: readonly string[]): Promise<number> {
  let jobs: number;
  let spawnPerFork: number;
  let limitPerFork: number;
  let run: string | undefined;
  const paths: string[] = [];
  try {
    const { values, positionals } = parseCommandArgs(argv, {
      spawn: { type: 'string' },
      limit: { type: 'string' },
      run: { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    spawnPerFork = count(values.spawn, '--spawn', 3);
    limitPerFork = count(values.limit, '--limit', 0);
    jobs = Math.max(1, count(values.jobs, '--jobs', 1));
    run = values.run;
    for (const p of positionals) {
      if (!existsSync(p)) throw new UsageError(`${p}: no such file or directory`);
      paths.push(p);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`conformance:t8n: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (paths.length === 0) {
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    const root = process.env.EVMKIT_FIXTURES ? resolve(process.env.EVMKIT_FIXTURES) : resolve(repo, '..', 'shared', 'fixtures');
    paths.push(resolve(root, 'state'));
  }
  const started = performance.now();
  let failures = 0;
  const onFailure = (l: string): void => {
    if (failures++ < 50) process.stderr.write(l + '\n');
  };
  const common = { spawnPerFork, limitPerFork, ...(run === undefined ? {} : { run }) };
  const tallies =
    jobs === 1 ? sweep({ paths, ...common, onFailure }) : await sweepInWorkers(collectStateTestFiles(paths), jobs, common, onFailure);
  let passed = 0;
  for (const [fork, t] of tallies) {
    passed += t.passed;
    process.stdout.write(`${fork.padEnd(9)} ${t.passed} passed, ${t.failed} failed (${t.spawned} also via bin/evmkit t8n)\n`);
  }
  process.stdout.write(`total     ${passed} passed, ${failures} failed in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return failures === 0 ? 0 : 1;
}

if (isMainThread && process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = await main(process.argv.slice(2));
