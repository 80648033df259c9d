/**
 * The asynchronous driver: runs a message on the executor's frame loop and, whenever execution suspends on
 * a state miss, awaits the lazy state's load and resumes the same instruction. The only await in evmkit's
 * execution path; the loop underneath stays synchronous (a warm cache never awaits). With `onStep`, the
 * loop runs in stepping mode (debuggers, step tracers).
 */
import type { Executor, ExecResult, StepHook } from './executor.js';
import type { Message } from '../machine/message.js';
import type { LazyState } from '../state/backends/lazy.js';

export async function executeAsync(
  exec: Executor,
  msg: Message,
  lazy: LazyState | null,
  onStep: StepHook | null = null,
): Promise<ExecResult> {
  const x = exec.start(msg, onStep);
  for (;;) {
    const r = exec.drive(x);
    if (r !== null) return r;
    if (lazy === null) throw new Error('execution suspended without lazy state to load');
    const l = lazy.load();
    if (l !== true) await l;
  }
}

/** Loads accounts (and what they lead to) until nothing more is wanted. */
export async function loadAll(lazy: LazyState): Promise<void> {
  while (lazy.pending) {
    const l = lazy.load();
    if (l !== true) await l;
  }
}

/** The same, synchronously: throws when the backend answers asynchronously. */
export function loadAllSync(lazy: LazyState): void {
  while (lazy.pending) {
    if (!lazy.loadSync()) {
      throw new Error(
        "this EVM's state loads asynchronously (a forked/remote backend): use the async API (callAsync, runTransactionAsync, deployAsync, load)",
      );
    }
  }
}
