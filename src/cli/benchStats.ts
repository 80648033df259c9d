/**
 * `evmkit statetest --bench`: go-ethereum's `benchStats` (cmd/evm/runner.go `execStats`, filled by
 * `timedExec` around `RunNoVerify`), i.e. the time of one whole vector execution (pre-state, transaction,
 * state root) after a warm-up, and the gas the transaction used.
 *
 * go-ethereum reports the mean of `testing.Benchmark` (about a second of runs) and also `allocs` and
 * `bytesAllocated`; JavaScript cannot count allocations, so those two are not reported (no made-up
 * zeros) and `time` is the median, in nanoseconds, of the measured runs.
 */
import type { StateVectorResult } from '../transition/stateTestTypes.js';

export interface BenchStats {
  /** Median wall time of one execution, in nanoseconds. */
  readonly time: number;
  /** Gas used by the transaction (0 when it was rejected). */
  readonly gasUsed: number;
}

export interface BenchBudget {
  /** Warm-up: at least one run and until this many milliseconds passed. */
  readonly warmupMs: number;
  /** Measured: at least `minRuns`, then until `measureMs` passed, at most `maxRuns`. */
  readonly measureMs: number;
  readonly minRuns: number;
  readonly maxRuns: number;
}

export const DEFAULT_BENCH_BUDGET: BenchBudget = { warmupMs: 200, measureMs: 1000, minRuns: 5, maxRuns: 1000 };

function nowNs(): bigint {
  return process.hrtime.bigint();
}

/** Runs `exec` repeatedly and returns go-ethereum's benchStats for it. */
export function benchVector(exec: () => StateVectorResult, budget: BenchBudget = DEFAULT_BENCH_BUDGET): BenchStats {
  const warmEnd = nowNs() + BigInt(Math.round(budget.warmupMs * 1e6));
  let first: StateVectorResult;
  do first = exec();
  while (nowNs() < warmEnd);
  const samples: number[] = [];
  const measureEnd = nowNs() + BigInt(Math.round(budget.measureMs * 1e6));
  while (samples.length < budget.minRuns || (samples.length < budget.maxRuns && nowNs() < measureEnd)) {
    const t0 = nowNs();
    exec();
    samples.push(Number(nowNs() - t0));
  }
  samples.sort((a, b) => a - b);
  const m = samples.length >> 1;
  const time = samples.length % 2 === 1 ? samples[m]! : Math.round((samples[m - 1]! + samples[m]!) / 2);
  return { time, gasUsed: Number(first.gasUsed ?? 0n) };
}
