/** An Executor over a bare journal and a top-level CALL message, as the executor tests build them. */
import { Executor, type ExecutorOptions } from '../../src/exec/executor.js';
import { CallKind, type Message } from '../../src/machine/message.js';
import { rulesFor } from '../../src/spec/rules.js';
import type { ForkLike } from '../../src/spec/fork.js';
import type { StateJournal } from '../../src/state/journal.js';
import { defaultBlockEnv } from '../../src/transition/runCode.js';
import { EMPTY_BYTES } from '../../src/primitives/hex.js';

/** An Executor on `state` with the default block, a zero gas price, chain id 1 and `fork`'s rules. */
export function testExecutor(state: StateJournal, opts: ExecutorOptions = {}, fork: ForkLike = 'Cancun'): Executor {
  return new Executor(state, defaultBlockEnv(), { origin: 1n, gasPrice: 0n, blobHashes: [], blobBaseFee: 0n }, rulesFor(fork), 1n, opts);
}

/** A depth-0 CALL from address 1 to `to`, no value, no input. */
export function callMessage(to: bigint, gas = 1_000_000n): Message {
  return {
    kind: CallKind.Call,
    depth: 0,
    gas,
    caller: 1n,
    recipient: to,
    codeAddress: to,
    value: 0n,
    input: EMPTY_BYTES,
    isStatic: false,
    salt: 0n,
    retOffset: 0,
    retSize: 0,
  };
}
