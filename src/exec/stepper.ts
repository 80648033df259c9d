/**
 * A stepping driver for debuggers and tracers: runs a message instruction by instruction on Runtimes,
 * calling `onStep` before each instruction (pc, opcode, gas, stack, memory readable from the Runtime),
 * awaiting lazy-state loads when an instruction suspends. Same results as the executor's own driver.
 */
import { Status } from '../machine/status.js';
import { Runtime } from './runtime.js';
import type { Executor, ExecResult } from './executor.js';
import type { Message } from '../machine/frame.js';
import type { LazyState } from '../state/backends/lazy.js';

export type StepHook = (rt: Runtime) => void;

async function loaded(lazy: LazyState | null): Promise<void> {
  if (lazy === null) throw new Error('execution suspended without lazy state to load');
  const l = lazy.load();
  if (l !== true) await l;
}

export async function executeStepping(exec: Executor, msg: Message, lazy: LazyState | null, onStep: StepHook): Promise<ExecResult> {
  exec.start(msg);
  const frames: Runtime[] = [];
  let first: ExecResult | Runtime | null;
  while ((first = exec.enter(msg)) === null) await loaded(lazy);
  if (!(first instanceof Runtime)) return first;
  frames.push(first);
  let resumed = false;
  for (;;) {
    const rt = frames[frames.length - 1]!;
    const sub = rt.trap;
    if (sub !== null) {
      let r: ExecResult | Runtime | null;
      while ((r = exec.enter(sub)) === null) await loaded(lazy);
      if (r instanceof Runtime) frames.push(r);
      else rt.resolve(r);
      continue;
    }
    if (!resumed) onStep(rt);
    resumed = false;
    const s = rt.step();
    if (s === Status.Continue || s === Status.Trap) continue;
    if (s === Status.Suspend) {
      await loaded(lazy);
      resumed = true; // the same instruction runs again: report it once
      continue;
    }
    if (s === Status.Cancelled) {
      exec.state.revert(frames[0]!.frame.checkpoint);
      return { status: Status.Cancelled, gasLeft: 0n, output: new Uint8Array(0) };
    }
    frames.pop();
    const result = exec.exitFrame(rt.frame, s);
    if (frames.length === 0) return result;
    frames[frames.length - 1]!.resolve(result);
  }
}
