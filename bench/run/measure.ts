/**
 * Side-by-side timing: two engines run one after the other on the same case, interleaved (A B, B A,
 * A B, ...) so load from other processes and GC pressure fall on both alike; warm-up first; medians.
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
  while (
    warmA.length < opts.maxWarmup &&
    (warmA.length < opts.minWarmup || sum(warmA) < opts.warmupMs || sum(warmB) < opts.warmupMs)
  ) {
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
