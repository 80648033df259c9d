/**
 * The implementations the harness compares, behind one signature: run a case, return a RunResult.
 * - baseline: evmkit itself (runCode: executor, journal, frame, London), i.e. bigint words today;
 * - the prototypes in this folder, which share one mini-interpreter shell and differ in the word.
 */
import { runCode, DEFAULT_RECEIVER, DEFAULT_SENDER } from '../../src/transition/runCode.js';
import { Fork } from '../../src/fork/fork.js';
import type { BenchCase } from './cases.js';
import type { RunResult } from './shell/status.js';
import type { MiniMessage } from './shell/env.js';
import { runBigint } from './bigint/interp.js';
import { runLimbs, runLimbsBigintDiv, runLimbsWasm, countLimbs } from './limbs/interp.js';
import { runHybrid } from './hybrid/interp.js';
import { runMixed } from './mixed/interp.js';

export interface Impl {
  /** Short column name. */
  readonly key: string;
  readonly description: string;
  readonly run: (c: BenchCase, msg: MiniMessage) => RunResult;
}

/** evmkit's Status numbers: 1 stop, 2 return, 3 revert, >= 16 exceptional halts (as in the prototypes). */
function baselineStatus(s: number): string {
  return s === 1 ? 'stop' : s === 2 ? 'return' : s === 3 ? 'revert' : `halt:${s}`;
}

export function runBaseline(c: BenchCase, _msg: MiniMessage): RunResult {
  const r = runCode(c.code, { fork: Fork.London, input: c.input, gas: c.gas, value: c.value });
  return { status: baselineStatus(r.status), output: r.output, gasUsed: r.gasUsed };
}

/** The message runCode builds, for the prototypes. */
export function messageFor(c: BenchCase): MiniMessage {
  return { input: c.input, gas: c.gas, value: c.value, address: DEFAULT_RECEIVER, caller: DEFAULT_SENDER, origin: DEFAULT_SENDER, gasPrice: 0n };
}

export const IMPLS: readonly Impl[] = [
  { key: 'evmkit', description: 'baseline: evmkit runCode (bigint words, full executor)', run: runBaseline },
  { key: 'C:bigint', description: 'control: mini interpreter, bigint words (evmkit src/word functions)', run: (c, m) => runBigint(c.code, m) },
  { key: 'A:limbs', description: 'prototype A: Uint32Array stack, 8x32-bit limbs, native limb DIV/MOD (Knuth D)', run: (c, m) => runLimbs(c.code, m) },
  { key: 'A:limbs+bigdiv', description: 'prototype A, DIV/SDIV/MOD/SMOD/ADDMOD/MULMOD via bigint conversion', run: (c, m) => runLimbsBigintDiv(c.code, m) },
  { key: 'A:limbs+wasm', description: 'prototype A, MULMOD/ADDMOD in WebAssembly on a stack in wasm memory', run: (c, m) => runLimbsWasm(c.code, m) },
  { key: 'B:f64+bigint', description: 'prototype B: values < 2^53 unboxed in a Float64Array, larger ones in a bigint side array', run: (c, m) => runHybrid(c.code, m) },
  { key: 'B2:mixed', description: 'prototype B2: one JS array of number (< 2^53) | bigint', run: (c, m) => runMixed(c.code, m) },
];

export function countInstructions(c: BenchCase, msg: MiniMessage): number | undefined {
  return countLimbs(c.code, msg).instructions;
}
