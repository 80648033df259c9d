/**
 * go-ethereum's default `debug_traceTransaction` logger (eth/tracers/logger/logger.go StructLogger, the
 * "legacy" JSON): {gas, failed, returnValue, structLogs: [{pc, op, gas, gasCost, depth, error?, stack,
 * returnData?, memory?, storage?, refund?}]}. One entry per opcode (no second entry for a fault: the
 * struct logger has no OnFault); gas numbers are JSON numbers, stack items hex quantities, memory
 * 32-byte chunks of 64 hex digits, storage the slots this contract read or wrote so far (no 0x).
 */
import { WordMap } from '../primitives/wordMap.js';
import { opName } from '../spec/opcodes.js';
import { isSuccess, Status } from '../machine/status.js';
import { NoopTracer } from '../machine/tracer.js';
import { hexBytes, memoryBytes, plainHex, stackHex, word64 } from './format.js';
import type { ExecResult } from '../machine/message.js';
import type { Host } from '../machine/host.js';
import type { Frame } from '../machine/frame.js';
import type { Message } from '../machine/message.js';

export interface StructLoggerConfig {
  readonly enableMemory?: boolean;
  readonly disableStack?: boolean;
  readonly disableStorage?: boolean;
  readonly enableReturnData?: boolean;
}

export interface StructLogEntry {
  pc: number;
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  error?: string;
  stack?: string[];
  returnData?: string;
  memory?: string[];
  storage?: Record<string, string>;
  refund?: number;
}

export interface StructLogResult {
  gas: number;
  failed: boolean;
  returnValue: string;
  structLogs: StructLogEntry[];
}

const SLOAD = 0x54;
const SSTORE = 0x55;

export class StructLogger extends NoopTracer {
  readonly logs: StructLogEntry[] = [];
  private readonly storage = new WordMap<WordMap<bigint>>(); // keys from the traced contracts (src/primitives/wordMap.ts)
  private entry: StructLogEntry | null = null;
  private output: Uint8Array = new Uint8Array(0);
  private failed = false;
  private reverted = false;
  private gasUsed = 0n;

  constructor(private readonly config: StructLoggerConfig = {}) {
    super();
  }

  override onStep(f: Frame, op: number, gas: bigint): void {
    const c = this.config;
    const e: StructLogEntry = { pc: f.pc, op: opName(op), gas: Number(gas), gasCost: 0, depth: f.depth + 1 };
    if (!c.disableStack) e.stack = stackHex(f);
    if (c.enableReturnData && f.returnData.length > 0) e.returnData = hexBytes(f.returnData);
    if (c.enableMemory && f.memWords > 0) {
      const m = memoryBytes(f);
      const chunks: string[] = [];
      for (let i = 0; i + 32 <= m.length; i += 32) chunks.push(plainHex(m.subarray(i, i + 32)));
      e.memory = chunks;
    }
    if (!c.disableStorage && (op === SLOAD || op === SSTORE) && f.sp >= (op === SLOAD ? 1 : 2)) {
      let slots = this.storage.get(f.address);
      if (slots === undefined) this.storage.set(f.address, (slots = new WordMap()));
      const key = f.stack[f.sp - 1]!;
      slots.set(key, op === SLOAD ? this.state!.getStorage(f.address, key) : f.stack[f.sp - 2]!);
      const copy: Record<string, string> = {};
      for (const [k, v] of [...slots].sort((a, b) => (a[0] < b[0] ? -1 : 1))) copy[word64(k)] = word64(v);
      e.storage = copy;
    }
    this.entry = e;
  }

  override onStepEnd(_f: Frame, _op: number, cost: bigint, error: string | null): void {
    const e = this.entry!;
    e.gasCost = Number(cost);
    if (error !== null) e.error = error;
    const refund = this.state!.refund;
    if (refund !== 0) e.refund = refund;
    // JSON key order as go-ethereum's structLogLegacy.
    this.logs.push(order(e));
  }

  override onExit(_host: Host, msg: Message, r: ExecResult, _error: string | undefined): void {
    if (msg.depth !== 0) return;
    this.output = r.output;
    this.failed = !isSuccess(r.status);
    this.reverted = r.status === Status.Revert;
  }

  override onTxEnd(gasUsed: bigint): void {
    this.gasUsed = gasUsed;
  }

  /** The result object as go-ethereum's debug_traceTransaction returns it. */
  result(): StructLogResult {
    // Return data when successful, the revert data when reverted, otherwise empty.
    const ret = this.failed && !this.reverted ? new Uint8Array(0) : this.output;
    return { gas: Number(this.gasUsed), failed: this.failed, returnValue: hexBytes(ret), structLogs: this.logs };
  }
}

function order(e: StructLogEntry): StructLogEntry {
  const o: StructLogEntry = { pc: e.pc, op: e.op, gas: e.gas, gasCost: e.gasCost, depth: e.depth };
  if (e.error !== undefined) o.error = e.error;
  if (e.stack !== undefined) o.stack = e.stack;
  if (e.returnData !== undefined) o.returnData = e.returnData;
  if (e.memory !== undefined) o.memory = e.memory;
  if (e.storage !== undefined) o.storage = e.storage;
  if (e.refund !== undefined) o.refund = e.refund;
  return o;
}
