/**
 * A resumable runtime over one call frame (rust-evm `Runtime`): `run()` executes until the frame exits
 * (stop, return, revert, halt), traps on a CALL/CREATE, or suspends on a state miss; `step()` executes one
 * instruction. A trap leaves the frame waiting with `trap` set: the caller resolves it however it likes
 * (run the sub-call, answer with a custom result) through `resolve(result)` and calls `run()` again.
 * The executor drives every frame through exactly this API.
 *
 *   const rt = evm.runtime({ to, data });
 *   let s = rt.run();
 *   while (s === Status.Trap) { rt.resolve({ status: Status.Return, gasLeft: rt.trap!.gas, output }); s = rt.run(); }
 *   const result = rt.finish(s); // deploys create code / reverts on failure, like the executor does
 */
import { interpret } from '../machine/loop.js';
import { interpretTraced } from '../machine/tracedLoop.js';
import { stepChecked } from '../machine/step.js';
import { Status, isSuccess } from '../machine/status.js';
import { gasLeft, setGas, type Frame } from '../machine/frame.js';
import { isCreate, type ExecResult, type Message } from '../machine/message.js';
import { copyToMemory } from '../machine/memory.js';
import { forgetAllWords } from '../machine/wordCache.js';
import { EMPTY_BYTES } from '../primitives/hex.js';
import { opName } from '../spec/opcodes.js';
import type { Executor } from './executor.js';

export class Runtime {
  constructor(
    readonly frame: Frame,
    /** The executor that made the frame (the frame's Host): it resolves traps and ends frames the default way. */
    readonly executor: Executor,
  ) {}

  /** Runs until exit, trap (Status.Trap, see `trap`), suspension (Status.Suspend) or cancellation. */
  run(): Status {
    const f = this.frame;
    if (f.pending !== null) return Status.Trap;
    const tracer = this.executor.tracer;
    return tracer === null ? interpret(f) : interpretTraced(f, tracer);
  }

  /**
   * Executes one instruction (the loop's body, once). Returns Status.Continue while the frame goes on.
   * Never call it again after an exit status.
   */
  step(): Status {
    const f = this.frame;
    if (f.pending !== null) return Status.Trap;
    return stepChecked(f);
  }

  /** The CALL/CREATE message the frame is waiting on, or null. */
  get trap(): Message | null {
    return this.frame.pending;
  }

  /**
   * Answers the pending trap: the result's gas comes back, the success flag (or created address) is
   * pushed, return data is set and, for calls, copied into the caller's memory window.
   */
  resolve(r: ExecResult): void {
    const f = this.frame;
    const msg = f.pending;
    if (msg === null) throw new Error('Runtime.resolve: the frame has no pending CALL/CREATE');
    f.pending = null;
    if (r.gasLeft !== 0n) setGas(f, gasLeft(f) + r.gasLeft);
    const ok = isSuccess(r.status);
    if (isCreate(msg.kind)) {
      f.stack[f.sp++] = ok ? (r.createdAddress ?? 0n) : 0n;
      f.returnData = r.status === Status.Revert ? r.output : EMPTY_BYTES;
      return;
    }
    f.stack[f.sp++] = ok ? 1n : 0n;
    f.returnData = r.output;
    const n = Math.min(msg.retSize, r.output.length);
    if (n > 0) copyToMemory(f, msg.retOffset, r.output, 0n, n);
  }

  /** Resolves the pending trap the default way: runs the sub-call or create to completion. */
  executeTrap(): ExecResult {
    const msg = this.frame.pending;
    if (msg === null) throw new Error('Runtime.executeTrap: the frame has no pending CALL/CREATE');
    const r = this.executor.execute(msg);
    this.resolve(r);
    return r;
  }

  /** Ends the frame with the status `run()` returned: create deployment, revert on failure, the result. */
  finish(status: Status): ExecResult {
    return this.executor.exitFrame(this.frame, status);
  }

  // ---------------------------------------------------------------- inspection (for debuggers)

  get pc(): number {
    return this.frame.pc;
  }

  /** The opcode at pc (0 = STOP past the end of code). */
  get opcode(): number {
    return this.frame.code[this.frame.pc]!;
  }

  get opcodeName(): string {
    return opName(this.opcode);
  }

  /** Gas left, exactly. */
  get gas(): bigint {
    return gasLeft(this.frame);
  }

  /** The call depth, 1 for the transaction's own frame (as every trace format counts: EIP-3155, structLogs). */
  get depth(): number {
    return this.frame.depth + 1;
  }

  /** A copy of the stack, bottom first (the top is the last element). */
  get stack(): bigint[] {
    return this.frame.stack.slice(0, this.frame.sp);
  }

  /**
   * A view of the active memory (memory size is always a multiple of 32), current until memory next
   * grows into a new buffer (take a new view, or copy it, to keep it).
   */
  get memory(): Uint8Array {
    // the caller may write through the view: MLOAD must read those bytes, not a cached word
    forgetAllWords(this.frame);
    return this.frame.mem.subarray(0, this.frame.memWords * 32);
  }

  /** RETURN/REVERT data once the frame has exited. */
  get output(): Uint8Array {
    return this.frame.output;
  }

  get returnData(): Uint8Array {
    return this.frame.returnData;
  }
}
