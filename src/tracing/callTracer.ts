/**
 * go-ethereum's callTracer (eth/tracers/native/call.go): the tree of call frames of a transaction,
 *   {from, gas, gasUsed, to?, input, output?, error?, revertReason?, calls?, logs?, value?, type}
 * (keys in go-ethereum's order; gas numbers and value as hex quantities). `withLog` adds the logs each
 * frame emitted, with their position among its sub-calls; logs of failed frames are dropped.
 * The top frame's gas is the transaction's gas limit and its gasUsed the receipt's.
 */
import type { Frame } from '../machine/frame.js';
import { CallKind, type Message } from '../machine/message.js';
import { Status } from '../machine/status.js';
import { createAddress, create2Address } from '../state/addresses.js';
import { addressToHex, type Address } from '../primitives/address.js';
import { NoopTracer, type TxStart } from '../machine/tracer.js';
import { hash0x, hexBytes, hexQuantity } from './format.js';
import { unpackRevert } from './revertReason.js';
import type { ExecResult } from '../machine/message.js';
import type { Host } from '../machine/host.js';

export interface CallTracerConfig {
  readonly withLog?: boolean;
  readonly onlyTopCall?: boolean;
}

export interface CallLog {
  address: string;
  topics: string[];
  data: string;
  position: string;
}

export interface CallFrame {
  from: string;
  gas: string;
  gasUsed: string;
  to?: string;
  input: string;
  output?: string;
  error?: string;
  revertReason?: string;
  calls?: CallFrame[];
  logs?: CallLog[];
  value?: string;
  type: string;
}

interface OpenFrame {
  type: string;
  from: Address;
  to: Address | null;
  gas: bigint;
  gasUsed: bigint;
  input: Uint8Array;
  output: Uint8Array | null;
  error?: string;
  revertReason?: string;
  value: bigint | null;
  calls: OpenFrame[];
  logs: CallLog[];
}

const TYPE_NAMES = ['CALL', 'CALLCODE', 'DELEGATECALL', 'STATICCALL', 'CREATE', 'CREATE2'];
const LOG0 = 0xa0;
const LOG4 = 0xa4;

export class CallTracer extends NoopTracer {
  private readonly stack: OpenFrame[] = [];
  private root: OpenFrame | null = null;
  private gasLimit = 0n;

  constructor(private readonly config: CallTracerConfig = {}) {
    super();
  }

  override onTxStart(tx: TxStart): void {
    super.onTxStart(tx);
    this.gasLimit = tx.gasLimit;
  }

  override onEnter(_host: Host, msg: Message): void {
    const isCreate = msg.kind === CallKind.Create || msg.kind === CallKind.Create2;
    // go-ethereum reports DELEGATECALL and CALLCODE from the running contract to the code's address.
    const viaCode = msg.kind === CallKind.DelegateCall || msg.kind === CallKind.CallCode;
    let to: Address;
    if (!isCreate) to = viaCode ? msg.codeAddress : msg.recipient;
    else if (msg.kind === CallKind.Create) to = createAddress(msg.caller, this.state!.getNonce(msg.caller));
    else to = create2Address(msg.caller, msg.salt, msg.input);
    const frame: OpenFrame = {
      type: TYPE_NAMES[msg.kind]!,
      from: viaCode ? msg.recipient : msg.caller,
      to,
      gas: msg.depth === 0 ? this.gasLimit : msg.gas,
      gasUsed: 0n,
      input: msg.input,
      output: null,
      value: msg.kind === CallKind.StaticCall ? null : msg.value,
      calls: [],
      logs: [],
    };
    this.push(msg.depth, frame);
  }

  override onExit(_host: Host, msg: Message, r: ExecResult, error: string | undefined): void {
    const frame = this.stack.pop();
    if (frame === undefined) return;
    frame.gasUsed = msg.gas - r.gasLeft;
    if (error === undefined) frame.output = r.output;
    else {
      frame.error = error;
      if (frame.type === 'CREATE' || frame.type === 'CREATE2') frame.to = null;
      if (r.status === Status.Revert && r.output.length > 0) {
        frame.output = r.output;
        const reason = unpackRevert(r.output);
        if (reason !== null) frame.revertReason = reason;
      }
    }
  }

  override onStepEnd(f: Frame, op: number, _cost: bigint, error: string | null): void {
    if (!this.config.withLog || error !== null || op < LOG0 || op > LOG4) return;
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || (this.config.onlyTopCall && f.depth > 0)) return;
    const logs = this.state!.logs;
    const log = logs[logs.length - 1]!;
    top.logs.push({
      address: addressToHex(log.address),
      topics: log.topics.map(hash0x),
      data: hexBytes(log.data),
      position: hexQuantity(top.calls.length),
    });
  }

  override onSelfDestruct(f: Frame, beneficiary: Address, balance: bigint): void {
    this.push(f.depth + 1, {
      type: 'SELFDESTRUCT',
      from: f.address,
      to: beneficiary,
      gas: 0n,
      gasUsed: 0n,
      input: new Uint8Array(0),
      output: null,
      value: balance,
      calls: [],
      logs: [],
    });
    this.stack.pop();
  }

  override onTxEnd(gasUsed: bigint): void {
    if (this.root !== null) this.root.gasUsed = gasUsed;
  }

  /** The call tree as go-ethereum's callTracer returns it (null before a transaction ran). */
  result(): CallFrame | null {
    return this.root === null ? null : render(this.root, this.config.withLog === true, false);
  }

  private push(depth: number, frame: OpenFrame): void {
    if (depth === 0) this.root = frame;
    else if (!this.config.onlyTopCall) this.stack[this.stack.length - 1]?.calls.push(frame);
    this.stack.push(frame);
  }
}

function render(f: OpenFrame, withLog: boolean, parentFailed: boolean): CallFrame {
  const failed = parentFailed || f.error !== undefined;
  const o: CallFrame = { from: addressToHex(f.from), gas: hexQuantity(f.gas), gasUsed: hexQuantity(f.gasUsed) } as CallFrame;
  if (f.to !== null) o.to = addressToHex(f.to);
  o.input = hexBytes(f.input);
  if (f.output !== null && f.output.length > 0) o.output = hexBytes(f.output);
  if (f.error !== undefined) o.error = f.error;
  if (f.revertReason !== undefined) o.revertReason = f.revertReason;
  if (f.calls.length > 0) o.calls = f.calls.map((c) => render(c, withLog, failed));
  // Logs of a frame that failed, or whose ancestor failed, were reverted (go-ethereum clearFailedLogs).
  if (withLog && !failed && f.logs.length > 0) o.logs = f.logs;
  if (f.value !== null) o.value = hexQuantity(f.value);
  o.type = f.type;
  return o;
}
