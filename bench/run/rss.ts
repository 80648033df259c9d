/**
 * `npm run bench:rss [-- --json] [--filter SUBSTR]`: peak memory of one bench case (snailtracer by
 * default), each measurement in its own child process, against Node's own baseline.
 *
 * Measured (peak RSS: `process.resourceUsage().maxRSS` of each child, kilobytes):
 *   - cli: `bin/evmkit statetest <fixture file>` as users run it (./rssCli.ts: the CLI's `main` under the
 *     settings and V8 flags of bin/evmkit's shebang), against a trivial script file run the same way;
 *   - library: the case run once in-process through the library (src/transition/stateTest.ts) with Node's
 *     default flags, against a trivial script with default flags;
 *   - ethereumjs: the same case on @ethereumjs/vm (context).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBenchCases } from './cases.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, '..', '..', '..', 'bin', 'evmkit'); // read for its shebang flags

interface Measured {
  readonly maxRssKb: number;
  readonly gasUsed?: number;
  readonly case?: string;
}

/** Runs node with `args` (and `env` added); its stdout and stderr, or an error naming the command. */
function node(args: string[], env: Record<string, string> = {}): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr ?? '').trim().slice(-500)}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

function child(args: string[]): Measured {
  const line = node(args).stdout.trim().split('\n').pop() ?? '';
  const m = JSON.parse(line) as Measured;
  if (typeof m.maxRssKb !== 'number') throw new Error(`child ${args.join(' ')}: no maxRssKb in ${JSON.stringify(line)}`);
  return m;
}

/** Peak RSS of a node child that prints `maxrss <KB>` last on stderr (./rssCli.ts, the trivial script). */
function processPeak(args: string[], env: Record<string, string>): { kb: number; stdout: string } {
  const r = node(args, env);
  const m = /maxrss (\d+)\s*$/.exec(r.stderr);
  if (m === null) throw new Error(`node ${args.join(' ')}: no "maxrss <KB>" line last on stderr`);
  return { kb: Number(m[1]), stdout: r.stdout };
}

/** The environment settings and node flags on bin/evmkit's shebang (`#!/usr/bin/env -S [K=V ...] node [--flag ...]`). */
function shebang(): { env: Record<string, string>; flags: string[] } {
  const first = readFileSync(BIN, 'utf8').split('\n', 1)[0]!;
  const m = /^#!\/usr\/bin\/env -S (.*)$/.exec(first);
  const words = m === null ? [] : m[1]!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i]!); i++) {
    const w = words[i]!;
    env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  }
  if (words[i] !== undefined && words[i] !== 'node') throw new Error(`bin/evmkit's shebang runs ${words[i]}, not node: ${first}`);
  return { env, flags: words.slice(i + 1) };
}

const BASELINE = 'process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }))';

function main(): number {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const fi = argv.indexOf('--filter');
  const filter = fi >= 0 ? argv[fi + 1] : 'snailtracer';
  if (filter === undefined || filter.startsWith('--')) {
    process.stderr.write('usage: npm run bench:rss -- [--json] [--filter SUBSTR]\n');
    return 2;
  }
  const cases = loadBenchCases(undefined, filter, true);
  if (cases.length !== 1) throw new Error(`--filter ${JSON.stringify(filter)} matches ${cases.length} cases, expected exactly 1`);
  const c = cases[0]!;

  // The CLI on the fixture file, and its baseline: a trivial ES module script with the same flags.
  const { env, flags } = shebang();
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-rss-'));
  let cliKb: number;
  let cliBaselineKb: number;
  try {
    const trivial = join(dir, 'trivial.mjs');
    writeFileSync(trivial, 'process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\\n`);\n');
    cliBaselineKb = processPeak([...flags, trivial], env).kb;
    const cli = processPeak(
      [...flags, join(HERE, 'rssCli.js'), 'statetest', '--fork', c.entry.fork, '--index', String(c.entry.index), c.file],
      env,
    );
    if (!/"pass": true/.test(cli.stdout))
      throw new Error(`bin/evmkit statetest ${c.file}: the vector did not pass:\n${cli.stdout.slice(0, 2000)}`);
    cliKb = cli.kb;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const childScript = join(HERE, 'rssChild.js');
  const baseline = child(['-e', BASELINE]);
  const evmkit = child([childScript, 'evmkit', filter]);
  const ethereumjs = child([childScript, 'ethereumjs', filter]);
  const mb = (kb: number): string => (kb / 1024).toFixed(1);
  const result = {
    case: evmkit.case,
    gasUsed: evmkit.gasUsed,
    cli: {
      command: `bin/evmkit statetest ${c.file}`,
      env,
      flags,
      baselineKb: cliBaselineKb,
      evmkitKb: cliKb,
      ratio: cliKb / cliBaselineKb,
    },
    library: { baselineKb: baseline.maxRssKb, evmkitKb: evmkit.maxRssKb, ratio: evmkit.maxRssKb / baseline.maxRssKb },
    ethereumjs: { kb: ethereumjs.maxRssKb, ratio: ethereumjs.maxRssKb / baseline.maxRssKb },
  };
  if (json) {
    process.stdout.write(JSON.stringify(result) + '\n');
  } else {
    process.stdout.write(
      `peak RSS, each in its own child process, node ${process.version}\n` +
        `  ${result.case} (${result.gasUsed} gas)\n` +
        `  cli:        bin/evmkit statetest (${[...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...flags].join(' ') || 'no flags'}): ${mb(cliKb)} MB = ${result.cli.ratio.toFixed(2)}x ` +
        `a trivial script run the same way (${mb(cliBaselineKb)} MB)\n` +
        `  library:    in-process run, default flags: ${mb(evmkit.maxRssKb)} MB = ${result.library.ratio.toFixed(2)}x ` +
        `node -e (${mb(baseline.maxRssKb)} MB)\n` +
        `  ethereumjs: same case, default flags (context): ${mb(ethereumjs.maxRssKb)} MB = ${result.ethereumjs.ratio.toFixed(2)}x node -e\n`,
    );
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`bench:rss: ${e instanceof Error ? e.message : e}\n`);
  process.exitCode = 1;
}
