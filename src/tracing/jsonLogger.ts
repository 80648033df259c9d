/**
 * EIP-3155 trace lines in go-ethereum's JSON logger shape (eth/tracers/logger/logger_json.go, the
 * output of `evm run --json` and `evm statetest --trace`). One line per opcode, written after its gas
 * is charged and before it executes:
 *   {"pc":0,"op":96,"gas":"0x2540be400","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}
 * with `memory` and `returnData` when enabled (and non-empty), `error` when the step failed; an opcode
 * that fails while executing (REVERT, invalid jump, ...) gets a second line with the error and the
 * stack and memory as it left them (go-ethereum OnFault). Every frame's exit (sub-calls and creates
 * included, as go-ethereum's OnExit has no depth filter; checked against go-ethereum's recorded
 * cmd/evm/testdata/evmrun/8.out.2.txt) writes
 *   {"output":"<hex without 0x>","gasUsed":"0x…","error":"…"?}
 * where gasUsed is the gas the frame was given minus what it hands back.
 */
import { opName } from '../spec/opcodes.js';
import { NoopTracer } from '../machine/tracer.js';
import { goJson } from './goJson.js';
import { hexBytes, hexQuantity, memoryBytes, plainHex, stackHex } from './format.js';
import type { ExecResult } from '../machine/message.js';
import type { Host } from '../machine/host.js';
import type { Frame } from '../machine/frame.js';
import type { Message } from '../machine/message.js';

export interface JsonLoggerConfig {
  /** Include `memory` (go-ethereum --trace.memory). */
  readonly enableMemory?: boolean;
  /** Write `"stack":null` instead of the stack (go-ethereum --trace.nostack). */
  readonly disableStack?: boolean;
  /** Include `returnData` (go-ethereum --trace.returndata). */
  readonly enableReturnData?: boolean;
}

export class JsonLogger extends NoopTracer {
  private pc = 0;
  private gas = 0n;
  private memSize = 0;
  private stack: string[] | null = null;
  private memory: string | undefined;
  private returnData: string | undefined;

  /** `write` receives each line with its trailing newline. */
  constructor(
    private readonly write: (line: string) => void,
    private readonly config: JsonLoggerConfig = {},
  ) {
    super();
  }

  override onStep(f: Frame, _op: number, gas: bigint): void {
    this.pc = f.pc;
    this.gas = gas;
    this.memSize = f.memWords * 32;
    this.stack = this.config.disableStack ? null : stackHex(f);
    this.memory = this.config.enableMemory && this.memSize > 0 ? hexBytes(memoryBytes(f)) : undefined;
    this.returnData = this.config.enableReturnData && f.returnData.length > 0 ? hexBytes(f.returnData) : undefined;
  }

  override onStepEnd(f: Frame, op: number, cost: bigint, error: string | null): void {
    this.line(f, op, cost, this.memory, this.memSize, this.stack, this.returnData, error);
  }

  override onFault(f: Frame, op: number, cost: bigint, error: string): void {
    // go-ethereum's OnFault sees the scope after the opcode ran, and no return data.
    const memSize = f.memWords * 32;
    const memory = this.config.enableMemory && memSize > 0 ? hexBytes(memoryBytes(f)) : undefined;
    this.line(f, op, cost, memory, memSize, this.config.disableStack ? null : stackHex(f), undefined, error);
  }

  override onExit(_host: Host, msg: Message, r: ExecResult, error: string | undefined): void {
    const end: Record<string, string> = { output: plainHex(r.output), gasUsed: hexQuantity(msg.gas - r.gasLeft) };
    if (error !== undefined) end.error = error;
    this.write(goJson(end) + '\n');
  }

  private line(
    f: Frame,
    op: number,
    cost: bigint,
    memory: string | undefined,
    memSize: number,
    stack: string[] | null,
    returnData: string | undefined,
    error: string | null,
  ): void {
    const o: Record<string, unknown> = { pc: this.pc, op, gas: hexQuantity(this.gas), gasCost: hexQuantity(cost) };
    if (memory !== undefined) o.memory = memory;
    o.memSize = memSize;
    o.stack = stack;
    if (returnData !== undefined) o.returnData = returnData;
    o.depth = f.depth + 1;
    o.refund = this.state!.refund;
    o.opName = opName(op);
    if (error !== null) o.error = error;
    this.write(goJson(o) + '\n');
  }
}
