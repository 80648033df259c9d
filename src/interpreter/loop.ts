/**
 * The interpreter loop: synchronous, no allocation of its own, no exceptions. Checks stack bounds and
 * static gas from the fork's table, then dispatches through the handler array. Runs until the frame
 * stops, halts or traps on a CALL/CREATE (the executor resolves it and calls this again to resume).
 */
import { Status } from './status.js';
import { refillGas, type Frame } from './frame.js';

export function interpret(f: Frame): Status {
  const t = f.table;
  const staticGas = t.staticGas;
  const stackMin = t.stackMin;
  const stackMax = t.stackMax;
  const handlers = t.handlers;
  const code = f.code;
  for (;;) {
    const pc = f.pc;
    const op = code[pc]!;
    const sp = f.sp;
    if (sp < stackMin[op]!) return Status.StackUnderflow;
    if (sp > stackMax[op]!) return Status.StackOverflow;
    if ((f.gas -= staticGas[op]!) < 0 && !refillGas(f)) return Status.OutOfGas;
    f.pc = pc + 1;
    const status = handlers[op]!(f);
    if (status !== Status.Continue) return status;
  }
}
