/**
 * Nanoseconds per executed instruction on the ipsilon benchmark cases: the median time of evmkit's
 * transaction (bench/run/evmkit.ts: what `npm run bench` times, fresh state per run, the pre-state built
 * before the clock starts) divided by the instructions the transaction executes. The instructions are
 * counted once, before timing, by a tracer's onStep (the traced loop), so the timed runs are the plain loop.
 * Samples are batches of back-to-back runs filling ~20 ms each (as a workload runs many calls in a row),
 * median over the samples; process CPU time, steadier than the wall clock on a shared machine.
 *
 *   node --expose-gc dist/bench/micro/perInstruction.js [--filter SUBSTRING] [--samples N] [--json]
 */
import { parseArgs } from 'node:util';
import { loadBenchCases } from '../run/cases.js';
import { prepareEvmkit } from '../run/evmkit.js';
import { cpuClock } from '../run/clock.js';
import { median } from '../run/measure.js';
import { StateJournal } from '../../src/state/journal.js';
import { applyStateVector } from '../../src/transition/stateTest.js';
import { NoopTracer } from '../../src/machine/tracer.js';
import { keccakReady } from '../../src/primitives/crypto/keccak.js';
import type { Frame } from '../../src/machine/frame.js';

class StepCounter extends NoopTracer {
  steps = 0;
  override onStep(_f: Frame, _op: number, _gas: bigint): void {
    this.steps++;
  }
}

export interface PerInstruction {
  readonly name: string;
  readonly instructions: number;
  readonly ms: number;
  readonly nsPerInstruction: number;
}

const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { filter: { type: 'string' }, samples: { type: 'string' }, json: { type: 'boolean' } },
  });
  await keccakReady;
  const samples = Number(values.samples ?? 15);
  const out: PerInstruction[] = [];
  for (const c of loadBenchCases(undefined, values.filter)) {
    const v = c.entry.vector;
    const counter = new StepCounter();
    applyStateVector(StateJournal.fromAlloc(v.pre), v, { tracer: counter });
    const e = prepareEvmkit(v, cpuClock);
    // warm-up: 300 ms or 200 runs
    let spent = 0;
    for (let i = 0; i < 200 && spent < 300; i++) spent += e.run().ms;
    const per = spent / 200 > 0 ? Math.max(1, Math.min(500, Math.round(20 / Math.max(e.run().ms, 1e-3)))) : 1;
    const xs: number[] = [];
    for (let s = 0; s < samples; s++) {
      collectGarbage();
      let t = 0;
      for (let i = 0; i < per; i++) t += e.run().ms;
      xs.push(t / per);
    }
    const ms = median(xs);
    const r = { name: c.name, instructions: counter.steps, ms, nsPerInstruction: (ms * 1e6) / counter.steps };
    out.push(r);
    if (!values.json) {
      console.log(
        `${r.name.padEnd(44)} ${String(r.instructions).padStart(10)} instr ${r.ms.toFixed(3).padStart(10)} ms ${r.nsPerInstruction.toFixed(1).padStart(8)} ns/instr`,
      );
    }
  }
  if (values.json) console.log(JSON.stringify(out));
}

await main();
