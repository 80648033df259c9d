/**
 * One state-test vector end to end (go-ethereum `tests/state_test_util.go`): build the pre-state, apply
 * the transaction (or see it rejected), touch the coinbase with a zero-value balance change as clients
 * do, end the transaction, and report the state root and the logs hash.
 */
import { StateJournal } from '../state/journal.js';
import { computeStateRoot } from '../state/root.js';
import { applyTransaction, type TxReceipt } from './pipeline.js';
import { logsHash } from './logs.js';
import { rulesFor } from '../spec/rules.js';
import type { StateVector, StateVectorResult } from './stateTestTypes.js';
import type { Tracer } from '../machine/tracer.js';
import type { MemoryPool } from '../machine/memory.js';

/** How a vector runs: traced or not, and the memory pool of a long-running runner (reused across vectors). */
export interface StateVectorOptions {
  readonly tracer?: Tracer;
  readonly memoryPool?: MemoryPool;
  /** When given, each phase's wall time in milliseconds is added to it (the conformance runner's --timings). */
  readonly timings?: VectorPhaseTimes;
}

/** Milliseconds spent per phase of `runStateVector`, summed over the vectors it was given to. */
export interface VectorPhaseTimes {
  /** Building the journal from the pre-state. */
  setup: number;
  /** Applying the transaction (validation, execution, the coinbase touch). */
  execute: number;
  /** The post-state root(s). */
  root: number;
  /** The logs hash. */
  logs: number;
}

export function emptyPhaseTimes(): VectorPhaseTimes {
  return { setup: 0, execute: 0, root: 0, logs: 0 };
}

/**
 * The transaction step of a state test on `state` (the pre-state): apply it, then touch the coinbase with
 * a zero-value balance change and end the transaction again (an untouched empty coinbase is deleted under
 * EIP-161), as go-ethereum's state-test runner does. A rejected transaction leaves the state exactly as it
 * was (no touch either: before EIP-161 it would create an empty coinbase). The bench and the fuzzer time
 * and compare this step.
 */
export function applyStateVector(state: StateJournal, v: StateVector, opts: StateVectorOptions = {}): TxReceipt {
  const rules = rulesFor(v.fork);
  const receipt = applyTransaction(state, v.env, v.tx, v.sender, rules, v.chainId, {
    ...(opts.tracer === undefined ? {} : { tracer: opts.tracer }),
    ...(opts.memoryPool === undefined ? {} : { executor: { memoryPool: opts.memoryPool } }),
  });
  if (receipt.rejected !== undefined) return receipt;
  state.addBalance(v.env.coinbase, 0n);
  state.finalizeTx(rules.eip161);
  return receipt;
}

export function runStateVector(v: StateVector, opts: StateVectorOptions = {}): StateVectorResult {
  const times = opts.timings;
  const t0 = times === undefined ? 0 : performance.now();
  const state = StateJournal.fromAlloc(v.pre);
  const t1 = times === undefined ? 0 : performance.now();
  const receipt = applyStateVector(state, v, opts);
  const t2 = times === undefined ? 0 : performance.now();
  const stateRoot = computeStateRoot(state);
  let touchedRoot: Uint8Array | undefined;
  if (receipt.rejected !== undefined) {
    state.addBalance(v.env.coinbase, 0n);
    touchedRoot = computeStateRoot(state);
  }
  const t3 = times === undefined ? 0 : performance.now();
  const logs = logsHash(receipt.logs);
  if (times !== undefined) {
    const t4 = performance.now();
    times.setup += t1 - t0;
    times.execute += t2 - t1;
    times.root += t3 - t2;
    times.logs += t4 - t3;
  }
  return {
    stateRoot,
    ...(touchedRoot === undefined ? {} : { touchedRoot }),
    logsHash: logs,
    rejected: receipt.rejected,
    gasUsed: receipt.gasUsed,
  };
}
