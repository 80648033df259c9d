/**
 * One instruction with its own checks (stack bounds, static gas) and its handler: Runtime.step(), and the
 * loop's way through a run whose checks failed (loop.ts), so the status is the instruction's own.
 */
import { Status } from './status.js';
import { refillGas, type Frame } from './frame.js';

export function stepChecked(f: Frame): Status {
  const t = f.table;
  const pc = f.pc;
  const op = f.code[pc]!;
  const sp = f.sp;
  if (sp < t.stackMin[op]!) return Status.StackUnderflow;
  if (sp > t.stackMax[op]!) return Status.StackOverflow;
  if ((f.gas -= t.staticGas[op]!) < 0 && !refillGas(f)) return Status.OutOfGas;
  f.pc = pc + 1;
  return t.handlers[op]!(f);
}
