/**
 * Side-by-side timing: the engines run the same case in turn, interleaved (the order rotates every round)
 * so load from other processes and GC pressure fall on all alike; warm-up first; medians.
 *
 * A sample is a batch of back-to-back runs of one engine, as a user's workload runs many calls in a row:
 * as many runs as fill `sampleMs` (by the warm-up's estimate; one run for a slow case), timed run by
 * run and averaged. `gc()` comes before each sample, never inside one. The reported time is the median
 * over the samples of the per-run average.
 */

/** One timed execution: wall milliseconds of the engine's work and the gas it used. */
export interface RunSample {
  readonly ms: number;
  readonly gasUsed: bigint;
}

export type Runner = () => RunSample | Promise<RunSample>;

export interface MeasureOptions {
  /** Exact number of measured runs per engine; when absent it follows from `budgetMs`. */
  readonly runs?: number;
  /** Time per engine for the measured runs, estimated from the slower engine's warm-up (ms). */
  readonly budgetMs: number;
  readonly minRuns: number;
  readonly maxRuns: number;
  /** Warm-up: at least `minWarmup` runs each and until each engine spent `warmupMs` (at most `maxWarmup` runs). */
  readonly warmupMs: number;
  readonly minWarmup: number;
  readonly maxWarmup: number;
}

export const DEFAULT_MEASURE: MeasureOptions = {
  budgetMs: 1500,
  minRuns: 3,
  maxRuns: 40,
  warmupMs: 400,
  minWarmup: 1,
  maxWarmup: 20,
};

export interface SampleOptions {
  /** A sample's length: its batch of back-to-back runs fills about this (ms); 0: one run per sample. */
  readonly sampleMs: number;
  /** At most this many runs in one sample. */
  readonly maxBatch: number;
}

export const DEFAULT_SAMPLE: SampleOptions = { sampleMs: 10, maxBatch: 500 };

export interface EnginesResult {
  /** Per engine: each sample's per-run average (ms). */
  readonly samples: readonly (readonly number[])[];
  /** Per engine: runs per sample. */
  readonly batch: readonly number[];
}

export interface PairResult {
  readonly a: readonly number[];
  readonly b: readonly number[];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of no samples');
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function geomean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  return Math.exp(xs.reduce((acc, x) => acc + Math.log(x), 0) / xs.length);
}

const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * Runs `a` and `b` interleaved. Every run must use the gas of its engine's check run (`expectGas`), so
 * repeated runs measure the same work; a run that does not throws.
 */
export async function measurePair(
  a: Runner,
  b: Runner,
  expectGas: readonly [bigint, bigint],
  opts: MeasureOptions = DEFAULT_MEASURE,
  names: readonly [string, string] = ['evmkit', 'ethereumjs'],
): Promise<PairResult> {
  const one = async (r: Runner, i: 0 | 1): Promise<number> => {
    collectGarbage();
    const s = await r();
    if (s.gasUsed !== expectGas[i]) throw new Error(`${names[i]}: a repeated run used ${s.gasUsed} gas, its check run ${expectGas[i]}`);
    return s.ms;
  };
  const warmA: number[] = [];
  const warmB: number[] = [];
  const sum = (xs: number[]): number => xs.reduce((x, y) => x + y, 0);
  while (warmA.length < opts.maxWarmup && (warmA.length < opts.minWarmup || sum(warmA) < opts.warmupMs || sum(warmB) < opts.warmupMs)) {
    warmA.push(await one(a, 0));
    warmB.push(await one(b, 1));
  }
  const slowest = Math.max(warmA[warmA.length - 1]!, warmB[warmB.length - 1]!);
  const runs = opts.runs ?? Math.min(opts.maxRuns, Math.max(opts.minRuns, Math.floor(opts.budgetMs / Math.max(slowest, 1e-3))));
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      ta.push(await one(a, 0));
      tb.push(await one(b, 1));
    } else {
      tb.push(await one(b, 1));
      ta.push(await one(a, 0));
    }
  }
  return { a: ta, b: tb };
}

/**
 * Runs every engine on the same case, interleaved, in samples of back-to-back runs (see above). Every
 * run must use the gas of its engine's check run (`expectGas`), so repeated runs measure the same work;
 * a run that does not throws. The number of samples per engine follows from `opts` as runs did in
 * measurePair (budget over the slowest engine's sample, `minRuns`..`maxRuns`, or exactly `runs`).
 */
export async function measureEngines(
  engines: readonly Runner[],
  expectGas: readonly bigint[],
  names: readonly string[],
  opts: MeasureOptions = DEFAULT_MEASURE,
  sample: SampleOptions = DEFAULT_SAMPLE,
): Promise<EnginesResult> {
  const n = engines.length;
  const one = async (i: number): Promise<number> => {
    const s = await engines[i]!();
    if (s.gasUsed !== expectGas[i]) throw new Error(`${names[i]}: a repeated run used ${s.gasUsed} gas, its check run ${expectGas[i]}`);
    return s.ms;
  };
  const warm: number[][] = engines.map(() => []);
  const sum = (xs: number[]): number => xs.reduce((x, y) => x + y, 0);
  while (warm[0]!.length < opts.maxWarmup && (warm[0]!.length < opts.minWarmup || warm.some((w) => sum(w) < opts.warmupMs))) {
    for (let i = 0; i < n; i++) {
      collectGarbage();
      warm[i]!.push(await one(i));
    }
  }
  // Per-run estimate: the median of the last warm-up runs.
  const est = warm.map((w) => median(w.slice(-5)));
  const batch = est.map((t) =>
    sample.sampleMs <= 0 ? 1 : Math.max(1, Math.min(sample.maxBatch, Math.floor(sample.sampleMs / Math.max(t, 1e-4)))),
  );
  const slowest = Math.max(...est.map((t, i) => t * batch[i]!));
  const rounds = opts.runs ?? Math.min(opts.maxRuns, Math.max(opts.minRuns, Math.floor(opts.budgetMs / Math.max(slowest, 1e-3))));
  const samples: number[][] = engines.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < n; j++) {
      const i = (j + r) % n;
      collectGarbage();
      let total = 0;
      for (let k = 0; k < batch[i]!; k++) total += await one(i);
      samples[i]!.push(total / batch[i]!);
    }
  }
  return { samples, batch };
}
