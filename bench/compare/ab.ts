/**
 * A/B of two evmkit builds on the bench cases, in one process, interleaved (A B, B A, ...), medians:
 * for performance work, where the peer's speed does not matter and only the change does.
 *
 *   node --expose-gc dist/bench/compare/ab.js --base /path/to/other/checkout [--filter S] [--rounds N]
 *
 * Each build loads its own cases through its own loader (dist/bench/run/cases.js) and runs them through
 * its own engine (dist/bench/run/evmkit.js); `--min` takes the fastest sample instead of the median: the same harness as `npm run bench` (applyStateVector on a fresh
 * journal). Prints per case the median ms of each and B/A (above 1: this build, B, is faster).
 */
import { parseArgs } from 'node:util';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Build {
  readonly label: string;
  readonly cases: { name: string; entry: { vector: unknown } }[];
  readonly prepare: (v: unknown) => { run(): { ms: number; gasUsed: bigint } };
}

async function loadBuild(root: string, label: string, filter: string | undefined): Promise<Build> {
  const dist = join(root, 'dist', 'bench', 'run');
  const cases = await import(pathToFileURL(join(dist, 'cases.js')).href);
  const engine = await import(pathToFileURL(join(dist, 'evmkit.js')).href);
  const keccak = await import(pathToFileURL(join(root, 'dist', 'src', 'primitives', 'crypto', 'keccak.js')).href);
  await keccak.keccakReady;
  return { label, cases: cases.loadBenchCases(undefined, filter), prepare: engine.prepareEvmkit };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      filter: { type: 'string' },
      rounds: { type: 'string' },
      budget: { type: 'string' },
      min: { type: 'boolean' },
    },
  });
  if (values.base === undefined) throw new Error('--base DIR (the other checkout, built)');
  const here = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const a = await loadBuild(resolve(values.base), 'A', values.filter);
  const b = await loadBuild(here, 'B', values.filter);
  const rounds = Number(values.rounds ?? 7);
  const budget = Number(values.budget ?? 60);
  const ratios: number[] = [];
  console.log(`${'case'.padEnd(42)} ${'A ms'.padStart(9)} ${'B ms'.padStart(9)} ${'A/B'.padStart(6)}`);
  for (let i = 0; i < a.cases.length; i++) {
    const ca = a.cases[i]!;
    const cb = b.cases.find((c) => c.name === ca.name);
    if (cb === undefined) continue;
    const ra = a.prepare(ca.entry.vector);
    const rb = b.prepare(cb.entry.vector);
    // Warm-up: 300 ms each at least 3 runs.
    let ta = 0;
    let tb = 0;
    for (let k = 0; k < 100 && (k < 3 || ta < 300 || tb < 300); k++) {
      ta += ra.run().ms;
      tb += rb.run().ms;
    }
    const per = Math.max(ta, tb) / 100;
    // A sample is the mean of back-to-back runs lasting ~budget/rounds ms.
    const reps = Math.max(1, Math.min(200, Math.round(budget / Math.max(per, 0.001))));
    const xa: number[] = [];
    const xb: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const first = r % 2 === 0 ? ra : rb;
      const second = r % 2 === 0 ? rb : ra;
      const sample = (e: typeof ra) => {
        gc();
        let t = 0;
        for (let k = 0; k < reps; k++) t += e.run().ms;
        return t / reps;
      };
      const s1 = sample(first);
      const s2 = sample(second);
      (first === ra ? xa : xb).push(s1);
      (first === ra ? xb : xa).push(s2);
    }
    const ma = values.min ? Math.min(...xa) : median(xa);
    const mb = values.min ? Math.min(...xb) : median(xb);
    ratios.push(ma / mb);
    console.log(`${ca.name.padEnd(42)} ${ma.toFixed(3).padStart(9)} ${mb.toFixed(3).padStart(9)} ${(ma / mb).toFixed(3).padStart(6)}`);
  }
  const g = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length);
  console.log(`geomean A/B ${g.toFixed(3)} over ${ratios.length} cases`);
}

await main();
