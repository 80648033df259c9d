/**
 * `npm run bench -- --hostile [--filter S] [--json] [--cpu]`: the key-collision loops (./cases.ts) on evmkit
 * and @ethereumjs/evm side by side: three warm-up runs each, then RUNS samples each interleaved (A B, B A, ...),
 * a sample being the mean of back-to-back runs lasting ~20 ms, gc() before each sample (node --expose-gc), medians. Every run must use the gas of the check run. Per case: gas, each engine's
 * time, ratio = ethereumjs/evmkit, and for the hostile shapes evmkit's time over its friendly twin's
 * (the goal: at most 2x, and faster than ethereumjs on the same code).
 */
import { prepareEvmkit } from '../run/evmkit.js';
import { prepareEthereumjs } from '../peer/ethereumjs.js';
import { type Clock, wallClock } from '../run/clock.js';
import { hostileCases } from './cases.js';
import { bytesEqual, bytesToHex } from '../../src/primitives/hex.js';
import { keccakReady } from '../../src/primitives/crypto/keccak.js';

export interface HostileResult {
  readonly name: string;
  readonly gas: number;
  readonly evmkitMs: number;
  readonly ethereumjsMs: number;
  /** ethereumjs / evmkit. */
  readonly ratio: number;
  /** evmkit's time over its friendly twin's (1 for the friendly case itself). */
  readonly vsFriendly: number;
}

export interface HostileReport {
  readonly cases: HostileResult[];
  readonly mismatches: string[];
  /** The worst evmkit hostile/friendly ratio, and the lowest ethereumjs/evmkit ratio. */
  readonly worstVsFriendly: number;
  readonly minRatio: number;
}

const RUNS = 5;
const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

type Run = () => { ms: number; gasUsed: bigint } | Promise<{ ms: number; gasUsed: bigint }>;

/** Milliseconds of back-to-back runs per sample (a case shorter than this is timed as a batch). */
const SAMPLE_MS = 20;

/**
 * Interleaved samples of two engines (A B, B A, ...), gc() before each sample: a sample is the mean of
 * back-to-back runs lasting about SAMPLE_MS (one run for a case that takes longer), so short cases are
 * timed as a workload runs them rather than one cold run after a full gc(). Each run must use its
 * engine's expected gas.
 */
async function interleave(a: Run, b: Run, gas: readonly [bigint, bigint], runs: number): Promise<[number[], number[]]> {
  const ta: number[] = [];
  const tb: number[] = [];
  const reps: [number, number] = [1, 1];
  const one = async (e: Run, i: 0 | 1): Promise<number> => {
    const r = await e();
    if (r.gasUsed !== gas[i]) throw new Error(`a timed run used ${r.gasUsed} gas, its check run ${gas[i]}`);
    return r.ms;
  };
  const sample = async (e: Run, i: 0 | 1, out: number[]) => {
    collectGarbage();
    let t = 0;
    for (let k = 0; k < reps[i]; k++) t += await one(e, i);
    out.push(t / reps[i]);
  };
  // warm-up, and the number of runs per sample from it
  for (const [e, i] of [
    [a, 0],
    [b, 1],
  ] as const) {
    let ms = 0;
    for (let k = 0; k < 3; k++) ms = await one(e, i);
    reps[i] = Math.max(1, Math.min(500, Math.round(SAMPLE_MS / Math.max(ms, 0.01))));
  }
  for (let k = 0; k < runs; k++) {
    if (k % 2 === 0) {
      await sample(a, 0, ta);
      await sample(b, 1, tb);
    } else {
      await sample(b, 1, tb);
      await sample(a, 0, ta);
    }
  }
  return [ta, tb];
}

export async function runHostile(
  opts: { filter?: string; clock?: Clock; runs?: number; onCase?: (r: HostileResult) => void } = {},
): Promise<HostileReport> {
  await keccakReady;
  const clock = opts.clock ?? wallClock;
  const cases = hostileCases(opts.filter);
  const results: HostileResult[] = [];
  const mismatches: string[] = [];
  const friendly = new Map<string, number>();
  for (const c of cases) {
    const ek = prepareEvmkit(c.vector, clock);
    const ej = prepareEthereumjs(c.vector, c.signedTx, clock);
    const a = ek.check();
    const b = await ej.check();
    if (a.gasUsed !== b.gasUsed) mismatches.push(`${c.name}: gas used: evmkit ${a.gasUsed}, ethereumjs ${b.gasUsed}`);
    if (!bytesEqual(a.stateRoot, b.stateRoot)) {
      mismatches.push(`${c.name}: state root: evmkit ${bytesToHex(a.stateRoot)}, ethereumjs ${bytesToHex(b.stateRoot)}`);
    }
    const [ta, tb] = await interleave(
      () => ek.run(),
      () => ej.run(),
      [a.gasUsed, b.gasUsed],
      opts.runs ?? RUNS,
    );
    const evmkitMs = median(ta);
    const ethereumjsMs = median(tb);
    if (c.shift === 0) friendly.set(c.op, evmkitMs);
    const base = friendly.get(c.op);
    const r: HostileResult = {
      name: c.name,
      gas: Number(a.gasUsed),
      evmkitMs,
      ethereumjsMs,
      ratio: ethereumjsMs / evmkitMs,
      vsFriendly: base === undefined ? NaN : evmkitMs / base,
    };
    results.push(r);
    opts.onCase?.(r);
  }
  const hostile = results.filter((r) => !r.name.endsWith('/friendly') && !Number.isNaN(r.vsFriendly));
  return {
    cases: results,
    mismatches,
    worstVsFriendly: hostile.length === 0 ? NaN : Math.max(...hostile.map((r) => r.vsFriendly)),
    minRatio: Math.min(...results.map((r) => r.ratio)),
  };
}

export function hostileHeader(): string {
  return `${'hostile case'.padEnd(24)} ${'gas'.padStart(10)} ${'evmkit ms'.padStart(10)} ${'ethjs ms'.padStart(10)} ${'ratio'.padStart(7)} ${'vs friendly'.padStart(11)}`;
}

export function hostileRow(r: HostileResult): string {
  return `${r.name.padEnd(24)} ${String(r.gas).padStart(10)} ${r.evmkitMs.toFixed(2).padStart(10)} ${r.ethereumjsMs.toFixed(2).padStart(10)} ${r.ratio.toFixed(2).padStart(7)} ${(Number.isNaN(r.vsFriendly) ? '-' : r.vsFriendly.toFixed(2) + 'x').padStart(11)}`;
}
