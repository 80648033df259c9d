/**
 * The block-import benchmark harness: for each case, a check (both engines import every block and end
 * at the fixture's head with the same state root), then the timing, with the method of `npm run bench`
 * (bench/run/measure.ts measureEngines): warm-up imports of each engine, then rounds in which each
 * engine takes one sample in turn (the order alternates every round; a gc() before each sample when
 * exposed). A sample is a batch of back-to-back imports lasting about `sampleMs` (one import for a large
 * case), each on a new chain built untimed, and counts the batch's mean import time. Medians over the
 * samples. Mgas/s is the case's gas over the median import time; the ratio is ethereumjs's median time
 * over evmkit's.
 */
import { MemoryPool } from '../../src/machine/memory.js';
import { keccakReady } from '../../src/primitives/crypto/keccak.js';
import { installPrecompilesFromEnv } from '../../src/cli/nodePrecompiles.js';
import { measureEngines, median, type MeasureOptions, type SampleOptions } from '../run/measure.js';
import { wallClock, type Clock } from '../run/clock.js';
import type { BlockBenchCase } from './cases.js';
import { evmkitImport, type ImportRun } from './evmkit.js';
import { ethereumjsImport, type EthereumjsOptions } from './ethereumjs.js';

/**
 * evmkit as its CLI runs (`evmkit blocktest`, `evmkit node --import`): the backend set of
 * EVMKIT_PRECOMPILE_BACKENDS (default node: senders on libsecp256k1; `noble`: on @noble/curves, as
 * before sender recovery moved), keccak loaded.
 */
export async function setUpEvmkit(): Promise<void> {
  await installPrecompilesFromEnv();
  await keccakReady;
}

export interface CaseCheck {
  readonly evmkit: ImportRun;
  readonly ethereumjs: ImportRun;
}

/** One import per engine; throws unless both reach the case's head with the same state root and gas. */
export async function checkCase(c: BlockBenchCase, pool = new MemoryPool(), peer: EthereumjsOptions = {}): Promise<CaseCheck> {
  const a = evmkitImport(c, pool);
  const b = await ethereumjsImport(c, wallClock, peer);
  const problems: string[] = [];
  if (a.head !== c.head) problems.push(`evmkit head ${a.head}, want ${c.head}`);
  if (b.head !== c.head) problems.push(`ethereumjs head ${b.head}, want ${c.head}`);
  if (a.stateRoot !== b.stateRoot) problems.push(`state roots differ: evmkit ${a.stateRoot}, ethereumjs ${b.stateRoot}`);
  if (a.gasUsed !== c.gas || b.gasUsed !== c.gas) problems.push(`gas: evmkit ${a.gasUsed}, ethereumjs ${b.gasUsed}, blocks ${c.gas}`);
  if (problems.length > 0) throw new Error(`${c.name}: ${problems.join('; ')}`);
  return { evmkit: a, ethereumjs: b };
}

export interface CaseResult {
  readonly name: string;
  readonly kind: BlockBenchCase['kind'];
  readonly network: string;
  readonly blocks: number;
  readonly transactions: number;
  readonly gas: bigint;
  readonly evmkitMs: number;
  readonly ethereumjsMs: number;
  readonly evmkitMgasPerS: number;
  readonly ethereumjsMgasPerS: number;
  /** ethereumjs median time / evmkit median time. */
  readonly ratio: number;
  /** Per-sample mean import times (ms), in run order. */
  readonly evmkitSamples: readonly number[];
  readonly ethereumjsSamples: readonly number[];
  /** Imports per sample: evmkit, ethereumjs. */
  readonly batch: readonly number[];
}

export interface BlockBenchOptions {
  /** Measured samples per engine (default 7). */
  readonly samples?: number;
  /** Warm-up: at least this many imports per engine (default 2), and until each spent `warmupMs`. */
  readonly warmup?: number;
  /** Warm-up time per engine (default 500 ms; at most 50 imports). */
  readonly warmupMs?: number;
  /** A sample's length in back-to-back imports (default 100 ms; 0: one import per sample). */
  readonly sampleMs?: number;
  readonly clock?: Clock;
  /** How the ethereumjs peer runs (default: as it ships). */
  readonly peer?: EthereumjsOptions;
}

/** Checks then times one case. */
export async function benchCase(c: BlockBenchCase, opts: BlockBenchOptions = {}, pool = new MemoryPool()): Promise<CaseResult> {
  await checkCase(c, pool, opts.peer);
  const clock = opts.clock ?? wallClock;
  const warm = opts.warmup ?? 2;
  const measure: MeasureOptions = {
    runs: opts.samples ?? 7,
    budgetMs: 0,
    minRuns: 1,
    maxRuns: 1000,
    warmupMs: opts.warmupMs ?? 500,
    minWarmup: warm,
    maxWarmup: Math.max(warm, 50),
  };
  const sample: SampleOptions = { sampleMs: opts.sampleMs ?? 100, maxBatch: 500 };
  const { samples, batch } = await measureEngines(
    [() => evmkitImport(c, pool, clock), () => ethereumjsImport(c, clock, opts.peer)],
    [c.gas, c.gas],
    ['evmkit', 'ethereumjs'],
    measure,
    sample,
  );
  const [a, b] = samples as [number[], number[]];
  const ea = median(a);
  const eb = median(b);
  const mgas = (ms: number): number => Number(c.gas) / 1e6 / (ms / 1000);
  return {
    name: c.name,
    kind: c.kind,
    network: c.network,
    blocks: c.blocks.length,
    transactions: c.transactionCount,
    gas: c.gas,
    evmkitMs: ea,
    ethereumjsMs: eb,
    evmkitMgasPerS: mgas(ea),
    ethereumjsMgasPerS: mgas(eb),
    ratio: eb / ea,
    evmkitSamples: a,
    ethereumjsSamples: b,
    batch,
  };
}
