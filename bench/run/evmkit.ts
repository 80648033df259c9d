/**
 * evmkit as a bench engine: the library's transaction path on a fresh StateJournal per run.
 *
 * What is timed: `applyTransaction` plus what a state test does after it (runStateVector: the coinbase
 * touch and `finalizeTx`), i.e. validation, buying gas, the message call, refunds, the coinbase payment
 * and EIP-161 cleanup. Building the journal from the pre-state is done before the clock starts; the state
 * root is computed only in the check run.
 */
import { StateJournal } from '../../src/state/journal.js';
import { computeStateRoot } from '../../src/state/root.js';
import { applyStateVector } from '../../src/transition/stateTest.js';
import { logsHash } from '../../src/transition/logs.js';
import { MemoryPool } from '../../src/machine/memory.js';
import type { StateVector } from '../../src/transition/stateTestTypes.js';
import { type Clock, wallClock } from './clock.js';

export interface EngineOutcome {
  readonly gasUsed: bigint;
  readonly stateRoot: Uint8Array;
  readonly logsHash: Uint8Array;
  readonly error?: string;
}

export interface EvmkitCase {
  /** One timed run on fresh state. */
  run(): { ms: number; gasUsed: bigint };
  /** One untimed run that also computes the post state root and logs hash. */
  check(): EngineOutcome;
}

/** One memory pool for the benchmark process, as a long-running user (createEVM, a chain, a node) has. */
const POOL = new MemoryPool();

export function prepareEvmkit(v: StateVector, clock: Clock = wallClock): EvmkitCase {
  const execute = (state: StateJournal) => applyStateVector(state, v, { memoryPool: POOL });
  return {
    run() {
      const state = StateJournal.fromAlloc(v.pre);
      const t0 = clock();
      const receipt = execute(state);
      const ms = clock() - t0;
      return { ms, gasUsed: receipt.gasUsed };
    },
    check() {
      const state = StateJournal.fromAlloc(v.pre);
      const receipt = execute(state);
      const error = receipt.rejected ?? receipt.error;
      return {
        gasUsed: receipt.gasUsed,
        stateRoot: computeStateRoot(state),
        logsHash: logsHash(receipt.logs),
        ...(error === undefined ? {} : { error }),
      };
    },
  };
}
