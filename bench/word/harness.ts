/**
 * Word-representation benchmark: times evmkit (baseline) and the prototypes on every ipsilon
 * evm-benchmark case, after checking that each prototype computes exactly what evmkit computes.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/word/harness.js [options]
 *
 * Options:
 *   --filter <regex>   only cases whose name matches (e.g. snailtracer, 'main/')
 *   --only <k1,k2>     only these implementations (the baseline always runs: it is the reference)
 *   --target <ms>      time budget per implementation per case for the measured repetitions (200)
 *   --min-reps <n>     at least n measured repetitions (5); --max-reps <n> at most (300)
 *   --json <file>      also write the raw results
 *   --fixtures <dir>   the bench fixtures (default ../shared/fixtures/bench)
 *
 * Method: cases run one after another. For each case every implementation is first verified (status,
 * output bytes and gas used equal to the baseline's; a prototype that meets an opcode it does not
 * implement is listed as not runnable). Then all implementations are warmed up on the case, then
 * measured interleaved: each repetition runs every implementation once, in a rotating order, so
 * machine noise and GC pressure fall on all of them alike. Reported: the median per implementation.
 * Every measured run's result is checked again. Also timed: a call of the one-byte code STOP, which
 * is each implementation's fixed per-call cost (executor, journal, frame, stack allocation); the table
 * gives the geomean both of raw medians and of medians less that cost (execution alone).
 * Each prototype has its own frame class, loop and handlers (no function sees two frame shapes), so
 * running them in one process does not make V8's inline caches polymorphic.
 */
import { writeFileSync } from 'node:fs';
import { loadCases, DEFAULT_FIXTURES, type BenchCase } from './cases.js';
import { IMPLS, countInstructions, messageFor, type Impl } from './runners.js';
import type { RunResult } from './shell/status.js';
import type { MiniMessage } from './shell/env.js';

interface Options {
  filter?: RegExp;
  only?: string[];
  targetMs: number;
  minReps: number;
  maxReps: number;
  json?: string;
  fixtures: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { targetMs: 200, minReps: 5, maxReps: 300, fixtures: DEFAULT_FIXTURES };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    if (a === '--filter') o.filter = new RegExp(v());
    else if (a === '--only') o.only = v().split(',');
    else if (a === '--target') o.targetMs = Number(v());
    else if (a === '--min-reps') o.minReps = Number(v());
    else if (a === '--max-reps') o.maxReps = Number(v());
    else if (a === '--json') o.json = v();
    else if (a === '--fixtures') o.fixtures = v();
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function sameResult(a: RunResult, b: RunResult): string | null {
  if (a.status !== b.status) return `status ${a.status} != ${b.status}`;
  if (a.gasUsed !== b.gasUsed) return `gas used ${a.gasUsed} != ${b.gasUsed}`;
  if (a.output.length !== b.output.length || a.output.some((x, i) => x !== b.output[i])) return 'output differs';
  return null;
}

interface CaseReport {
  name: string;
  instructions?: number;
  reps: number;
  /** Median ms by implementation key; absent when not runnable. */
  median: Record<string, number>;
  mean: Record<string, number>;
  /** Why an implementation did not run the case. */
  notRunnable: Record<string, string>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function timeCase(c: BenchCase, impls: readonly Impl[], o: Options, count: boolean): CaseReport {
  const msg: MiniMessage = messageFor(c);
  const report: CaseReport = { name: c.name, reps: 0, median: {}, mean: {}, notRunnable: {} };
  // 1. Verify against the baseline.
  const reference = impls[0]!.run(c, msg);
  const live: Impl[] = [impls[0]!];
  for (const impl of impls.slice(1)) {
    const r = impl.run(c, msg);
    if (r.status.startsWith('unsupported')) {
      report.notRunnable[impl.key] = r.status;
      continue;
    }
    const diff = sameResult(r, reference);
    if (diff !== null) throw new Error(`${impl.key} on ${c.name}: ${diff}`);
    live.push(impl);
  }
  if (count) report.instructions = countInstructions(c, msg);
  // 2. Warm up: every implementation at least 3 runs and 50 ms (at most 20 runs).
  const warm = new Map<Impl, number[]>(live.map((i) => [i, []]));
  for (let round = 0; round < 20; round++) {
    for (const impl of live) {
      const t0 = performance.now();
      impl.run(c, msg);
      warm.get(impl)!.push(performance.now() - t0);
    }
    const done = live.every((i) => {
      const ts = warm.get(i)!;
      return ts.length >= 3 && ts.reduce((a, b) => a + b, 0) >= 50;
    });
    if (done) break;
  }
  // 3. Measure, interleaved and rotating.
  const slowest = Math.max(...live.map((i) => median(warm.get(i)!.slice(-3))));
  const reps = Math.max(o.minReps, Math.min(o.maxReps, Math.ceil(o.targetMs / Math.max(slowest, 1e-3))));
  const times = new Map<Impl, number[]>(live.map((i) => [i, []]));
  for (let r = 0; r < reps; r++) {
    for (let k = 0; k < live.length; k++) {
      const impl = live[(k + r) % live.length]!;
      const t0 = performance.now();
      const res = impl.run(c, msg);
      const t = performance.now() - t0;
      times.get(impl)!.push(t);
      const diff = sameResult(res, reference);
      if (diff !== null) throw new Error(`${impl.key} on ${c.name} (measured run): ${diff}`);
    }
  }
  report.reps = reps;
  for (const impl of live) {
    const ts = times.get(impl)!;
    report.median[impl.key] = median(ts);
    report.mean[impl.key] = ts.reduce((a, b) => a + b, 0) / ts.length;
  }
  return report;
}

// ---------------------------------------------------------------- report

function fmtMs(x: number | undefined): string {
  if (x === undefined) return 'n/a';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

function geomean(xs: number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

function table(reports: CaseReport[], overhead: CaseReport, impls: readonly Impl[]): string {
  const base = impls[0]!.key;
  const ctrl = impls.find((i) => i.key.startsWith('C:'))?.key;
  const others = impls.slice(1).map((i) => i.key);
  const head = ['case', 'instr', 'reps', ...impls.map((i) => `${i.key} ms`), ...others.map((k) => `${base}/${k}`)];
  const rows: string[][] = [];
  const ratios: Record<string, number[]> = {};
  const vsCtrl: Record<string, number[]> = {};
  /** Ratios of medians less each implementation's per-call (STOP) cost: execution alone. */
  const net: Record<string, number[]> = {};
  const netMs = (r: CaseReport, k: string): number => Math.max(r.median[k]! - (overhead.median[k] ?? 0), 1e-6);
  for (const r of reports) {
    const b = r.median[base]!;
    for (const k of others) if (r.median[k] !== undefined) (net[k] ??= []).push(netMs(r, base) / netMs(r, k));
    rows.push([
      r.name,
      r.instructions === undefined ? '' : r.instructions.toLocaleString('en-US'),
      String(r.reps),
      ...impls.map((i) => (r.median[i.key] === undefined ? `n/a` : fmtMs(r.median[i.key]))),
      ...others.map((k) => {
        const m = r.median[k];
        if (m === undefined) return 'n/a';
        (ratios[k] ??= []).push(b / m);
        if (ctrl !== undefined && r.median[ctrl] !== undefined) (vsCtrl[k] ??= []).push(r.median[ctrl]! / m);
        return `${(b / m).toFixed(2)}x`;
      }),
    ]);
  }
  rows.push(['**geomean speed-up vs evmkit**', '', '', ...impls.map(() => ''), ...others.map((k) => (ratios[k] ? `**${geomean(ratios[k]!).toFixed(2)}x**` : ''))]);
  rows.push(['geomean speed-up vs evmkit, per-call cost subtracted', '', '', ...impls.map(() => ''), ...others.map((k) => (net[k] ? `${geomean(net[k]!).toFixed(2)}x` : ''))]);
  if (ctrl !== undefined) {
    rows.push(['geomean speed-up vs control C', '', '', ...impls.map(() => ''), ...others.map((k) => (vsCtrl[k] ? `${geomean(vsCtrl[k]!).toFixed(2)}x` : ''))]);
  }
  rows.push([
    `per-call cost (code = STOP), µs`,
    '1',
    String(overhead.reps),
    ...impls.map((i) => (overhead.median[i.key] === undefined ? 'n/a' : (overhead.median[i.key]! * 1000).toFixed(1))),
    ...others.map(() => ''),
  ]);
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const impls = IMPLS.filter((i, k) => k === 0 || o.only === undefined || o.only.includes(i.key));
  const cases = loadCases(o.fixtures).filter((c) => o.filter === undefined || o.filter.test(c.name));
  const started = performance.now();
  console.log(`node ${process.version}, ${impls.length} implementations, ${cases.length} cases`);
  for (const i of impls) console.log(`  ${i.key}: ${i.description}`);
  const reports: CaseReport[] = [];
  for (const c of cases) {
    const r = timeCase(c, impls, o, true);
    reports.push(r);
    const cols = impls.map((i) => `${i.key} ${fmtMs(r.median[i.key])}`).join('  ');
    const skipped = Object.entries(r.notRunnable).map(([k, why]) => ` [${k}: ${why}]`).join('');
    console.log(`${c.name.padEnd(34)} ${String(r.reps).padStart(4)} reps  ${cols}${skipped}`);
  }
  const stop: BenchCase = { name: 'overhead/STOP', code: Uint8Array.of(0x00), input: new Uint8Array(0), gas: 1_000_000_000n, value: 0n };
  const overhead = timeCase(stop, impls, { ...o, minReps: 2000, maxReps: 20000 }, false);
  console.log(`per-call (STOP) µs: ${impls.map((i) => `${i.key} ${(overhead.median[i.key]! * 1000).toFixed(1)}`).join('  ')}`);
  console.log('');
  console.log(table(reports, overhead, impls));
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (o.json !== undefined) {
    writeFileSync(o.json, JSON.stringify({ node: process.version, impls: impls.map((i) => ({ key: i.key, description: i.description })), cases: reports, overhead }, null, 2));
  }
}

main();
