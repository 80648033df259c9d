/**
 * `npm run bench`: every bench case through evmkit, @ethereumjs/vm and EDR (when installed) in one
 * process, interleaved, with warm-up and medians of samples of back-to-back runs; each engine's post state
 * checked against the fixture once. EDR's fixed cost per eth_call is measured apart on each case's chain.
 */
import { keccakReady } from '../../src/primitives/crypto/keccak.js';
import { bytesEqual, bytesToHex } from '../../src/primitives/hex.js';
import { prepareEthereumjs } from '../peer/ethereumjs.js';
import { type BenchCase, loadBenchCases } from './cases.js';
import type { Clock } from './clock.js';
import { prepareEvmkit } from './evmkit.js';
import { DEFAULT_MEASURE, DEFAULT_SAMPLE, type MeasureOptions, type SampleOptions, geomean, measureEngines, median } from './measure.js';
import { loadEdr } from '../peer/edr.js';
import { prepareEdr } from '../peer/edrBench.js';

/**
 * One row of the report; `ratio` = ethereumjsMs / evmkitMs, `ratioEdr` = edrMs / evmkitMs (above 1:
 * evmkit is faster). `edrMs` is the whole eth_call; `edrOverheadMs` the same chain's empty eth_call.
 */
export interface CaseResult {
  readonly name: string;
  readonly gas: number;
  readonly evmkitMs: number;
  readonly ethereumjsMs: number;
  readonly ratio: number;
  readonly edrMs?: number;
  readonly edrOverheadMs?: number;
  readonly ratioEdr?: number;
}

export interface BenchReport {
  readonly cases: CaseResult[];
  readonly geomeanRatio: number;
  /** Geometric mean of `ratioEdr` (EDR in the run only). */
  readonly geomeanRatioEdr?: number;
  /** Median over the cases of EDR's empty eth_call (ms). */
  readonly edrCallOverheadMs?: number;
  /** Check failures (an engine disagreeing with the fixture or with the other engine), one line each. */
  readonly mismatches: string[];
  /** Samples per engine per case (for the human table). */
  readonly runs: number[];
  /** Runs per sample, per case: [evmkit, ethereumjs, EDR?]. */
  readonly batches: number[][];
}

export interface BenchOptions {
  readonly dir?: string;
  readonly filter?: string;
  readonly measure?: MeasureOptions;
  readonly sample?: SampleOptions;
  /** Run EDR too (default: when it is installed). */
  readonly edr?: boolean;
  /** What to time with: wall clock (default) or process CPU time. */
  readonly clock?: Clock;
  /** Called after each case (progress, the human table). */
  readonly onCase?: (r: CaseResult, runs: number, batch: readonly number[]) => void;
  /** Called for each mismatch as soon as it is found. */
  readonly onMismatch?: (line: string) => void;
}

interface Checked {
  readonly gasUsed: bigint;
  readonly stateRoot: Uint8Array;
  readonly logsHash: Uint8Array;
}

function compare(c: BenchCase, engine: string, got: Checked): string[] {
  const want = c.entry.expect;
  const out: string[] = [];
  if (!bytesEqual(got.stateRoot, want.hash)) {
    out.push(`${c.name}: ${engine}: post state root ${bytesToHex(got.stateRoot)}, fixture wants ${bytesToHex(want.hash)}`);
  }
  if (!bytesEqual(got.logsHash, want.logs)) {
    out.push(`${c.name}: ${engine}: logs hash ${bytesToHex(got.logsHash)}, fixture wants ${bytesToHex(want.logs)}`);
  }
  return out;
}

export async function runBench(opts: BenchOptions = {}): Promise<BenchReport> {
  await keccakReady; // evmkit's steady state hashes on WebAssembly (src/crypto/keccak.ts)
  const cases = loadBenchCases(opts.dir, opts.filter);
  if (cases.length === 0)
    throw new Error(`no bench case matches${opts.filter === undefined ? '' : ` --filter ${JSON.stringify(opts.filter)}`}`);
  const results: CaseResult[] = [];
  const mismatches: string[] = [];
  const runs: number[] = [];
  const report = (line: string): void => {
    mismatches.push(line);
    opts.onMismatch?.(line);
  };
  const withEdr = (opts.edr ?? true) && loadEdr() !== undefined;
  const batches: number[][] = [];
  for (const c of cases) {
    const evmkit = prepareEvmkit(c.entry.vector, opts.clock);
    const ejs = prepareEthereumjs(c.entry.vector, c.signedTx, opts.clock);
    const edr = withEdr ? await prepareEdr(c.entry.vector, c.signedTx, opts.clock) : undefined;
    const ek = evmkit.check();
    const ej = await ejs.check();
    compare(c, 'evmkit', ek).forEach(report);
    compare(c, 'ethereumjs', ej).forEach(report);
    if (ek.gasUsed !== ej.gasUsed) report(`${c.name}: gas used differs: evmkit ${ek.gasUsed}, ethereumjs ${ej.gasUsed}`);
    const engines = [() => evmkit.run(), () => ejs.run()];
    const gas = [ek.gasUsed, ej.gasUsed];
    const names = ['evmkit', 'ethereumjs'];
    if (edr !== undefined) {
      const ed = await edr.check();
      compare(c, 'EDR', ed).forEach(report);
      if (ek.gasUsed !== ed.gasUsed) report(`${c.name}: gas used differs: evmkit ${ek.gasUsed}, EDR ${ed.gasUsed}`);
      engines.push(() => edr.run());
      gas.push(ed.gasUsed);
      names.push('EDR');
    }
    const m = await measureEngines(engines, gas, names, opts.measure ?? DEFAULT_MEASURE, opts.sample ?? DEFAULT_SAMPLE);
    const evmkitMs = median(m.samples[0]!);
    const ethereumjsMs = median(m.samples[1]!);
    let r: CaseResult = { name: c.name, gas: Number(ek.gasUsed), evmkitMs, ethereumjsMs, ratio: ethereumjsMs / evmkitMs };
    if (edr !== undefined) {
      const edrMs = median(m.samples[2]!);
      // The fixed cost: empty eth_calls on the same chain, in samples like the case's.
      const o = await measureEngines(
        [async () => ({ ms: await edr.emptyCall(), gasUsed: 0n })],
        [0n],
        ['EDR empty call'],
        { ...DEFAULT_MEASURE, budgetMs: 100, minRuns: 5, maxRuns: 9, warmupMs: 20 },
        opts.sample ?? DEFAULT_SAMPLE,
      );
      r = { ...r, edrMs, edrOverheadMs: median(o.samples[0]!), ratioEdr: edrMs / evmkitMs };
    }
    results.push(r);
    runs.push(m.samples[0]!.length);
    batches.push([...m.batch]);
    opts.onCase?.(r, m.samples[0]!.length, m.batch);
  }
  const edrRatios = results.map((r) => r.ratioEdr).filter((x): x is number => x !== undefined);
  const overheads = results.map((r) => r.edrOverheadMs).filter((x): x is number => x !== undefined);
  const edrPart = withEdr ? { geomeanRatioEdr: geomean(edrRatios), edrCallOverheadMs: median(overheads) } : {};
  return { cases: results, geomeanRatio: geomean(results.map((r) => r.ratio)), ...edrPart, mismatches, runs, batches };
}
