/**
 * The glue the executor calls when a tracer is set: frame enter/exit with go-ethereum's error words.
 * A frame that fails ends on a step that reported the error ("stack underflow (0 <=> 1)", "invalid
 * opcode: opcode 0xc not defined"); that text is kept per depth and given to onExit. A failure that
 * comes after the last step (a create whose code cannot be deposited) has none and uses statusMessage.
 */
import { isSuccess, statusMessage } from '../machine/status.js';
import type { Executor, ExecResult } from './executor.js';
import type { Frame, Message } from '../machine/frame.js';
import type { Tracer } from '../machine/tracer.js';

const stepErrors = new WeakMap<Executor, (string | undefined)[]>();

function errorsOf(evm: Executor): (string | undefined)[] {
  let e = stepErrors.get(evm);
  if (e === undefined) stepErrors.set(evm, (e = []));
  return e;
}

/** The traced loop reports the error that ends frame `f`. */
export function recordStepError(f: Frame, text: string): void {
  errorsOf(f.evm)[f.depth] = text;
}

export function traceEnter(tracer: Tracer, evm: Executor, msg: Message): void {
  errorsOf(evm)[msg.depth] = undefined;
  tracer.onEnter(evm, msg);
}

/**
 * `returned` is what the frame's RETURN gave back. A create hands its parent no return data, but
 * go-ethereum's OnExit gets the init code's return (the code to deploy, even when depositing it
 * fails), so tracers see that as the create's output.
 */
export function traceExit(tracer: Tracer, evm: Executor, msg: Message, r: ExecResult, returned?: Uint8Array): void {
  const error = isSuccess(r.status) ? undefined : (errorsOf(evm)[msg.depth] ?? statusMessage(r.status));
  tracer.onExit(evm, msg, returned === undefined || returned === r.output ? r : { ...r, output: returned }, error);
}
