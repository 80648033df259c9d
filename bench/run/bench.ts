/**
 * `npm run bench`: every bench case through evmkit and through @ethereumjs/vm in one process,
 * interleaved, with warm-up and medians; each engine's post state checked against the fixture once.
 */
import { keccakReady } from '../../src/primitives/crypto/keccak.js';
import { bytesEqual, bytesToHex } from '../../src/primitives/hex.js';
import { prepareEthereumjs } from '../peer/ethereumjs.js';
import { type BenchCase, loadBenchCases } from './cases.js';
import type { Clock } from './clock.js';
import { prepareEvmkit } from './evmkit.js';
import { DEFAULT_MEASURE, type MeasureOptions, geomean, measurePair, median } from './measure.js';

/** One row of the report; `ratio` = ethereumjsMs / evmkitMs (above 1: evmkit is faster). */
export interface CaseResult {
  readonly name: string;
  readonly gas: number;
  readonly evmkitMs: number;
  readonly ethereumjsMs: number;
  readonly ratio: number;
}

export interface BenchReport {
  readonly cases: CaseResult[];
  readonly geomeanRatio: number;
  /** Check failures (an engine disagreeing with the fixture or with the other engine), one line each. */
  readonly mismatches: string[];
  /** Measured runs per case (for the human table). */
  readonly runs: number[];
}

export interface BenchOptions {
  readonly dir?: string;
  readonly filter?: string;
  readonly measure?: MeasureOptions;
  /** What to time with: wall clock (default) or process CPU time. */
  readonly clock?: Clock;
  /** Called after each case (progress, the human table). */
  readonly onCase?: (r: CaseResult, runs: number) => void;
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
  if (cases.length === 0) throw new Error(`no bench case matches${opts.filter === undefined ? '' : ` --filter ${JSON.stringify(opts.filter)}`}`);
  const results: CaseResult[] = [];
  const mismatches: string[] = [];
  const runs: number[] = [];
  const report = (line: string): void => {
    mismatches.push(line);
    opts.onMismatch?.(line);
  };
  for (const c of cases) {
    const evmkit = prepareEvmkit(c.entry.vector, opts.clock);
    const ejs = prepareEthereumjs(c.entry.vector, c.signedTx, opts.clock);
    const ek = evmkit.check();
    const ej = await ejs.check();
    compare(c, 'evmkit', ek).forEach(report);
    compare(c, 'ethereumjs', ej).forEach(report);
    if (ek.gasUsed !== ej.gasUsed) report(`${c.name}: gas used differs: evmkit ${ek.gasUsed}, ethereumjs ${ej.gasUsed}`);
    const m = await measurePair(() => evmkit.run(), () => ejs.run(), [ek.gasUsed, ej.gasUsed], opts.measure ?? DEFAULT_MEASURE);
    const evmkitMs = median(m.a);
    const ethereumjsMs = median(m.b);
    const r: CaseResult = { name: c.name, gas: Number(ek.gasUsed), evmkitMs, ethereumjsMs, ratio: ethereumjsMs / evmkitMs };
    results.push(r);
    runs.push(m.a.length);
    opts.onCase?.(r, m.a.length);
  }
  return { cases: results, geomeanRatio: geomean(results.map((r) => r.ratio)), mismatches, runs };
}
