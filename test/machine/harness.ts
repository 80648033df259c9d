/**
 * Running code at depth 0 with a chosen opcode table, for the loop tests (inline dispatch, jump targets,
 * run checks), and the per-instruction reference table they compare the loop with.
 */
import { withHandler, type OpTable } from '../../src/machine/table.js';
import { StateJournal } from '../../src/state/journal.js';
import { Fork } from '../../src/spec/fork.js';
import { callMessage, testExecutor } from '../exec/harness.js';

export const RECEIVER = 0x7265636569766572n;

/**
 * `code` at RECEIVER, called with `gas` under `fork` (Cancun by default), with `table` instead of the
 * fork's when given; `others` are more accounts' code.
 */
export function executeCode(
  code: Uint8Array,
  gas: bigint,
  table?: OpTable,
  fork: Fork = Fork.Cancun,
  others: ReadonlyMap<bigint, Uint8Array> = new Map(),
) {
  const state = new StateJournal();
  state.setCode(RECEIVER, code);
  for (const [address, c] of others) state.setCode(address, c);
  const exec = testExecutor(state, {}, fork);
  if (table !== undefined) (exec as { table: OpTable }).table = table;
  return exec.execute(callMessage(RECEIVER, gas));
}

/**
 * `t` with every defined byte dispatched through a wrapper of its handler: the loop inlines a byte only for
 * the standard instruction itself, and a wrapped one is a barrier of the run checks (src/machine/blocks.ts),
 * so this table runs every instruction with its own checks: the per-instruction reference.
 */
export function perInstruction(t: OpTable): OpTable {
  let out = t;
  for (let op = 0; op < 256; op++) {
    const h = t.handlers[op]!;
    if (t.defined[op]) out = withHandler(out, op, (f) => h(f));
  }
  return out;
}
