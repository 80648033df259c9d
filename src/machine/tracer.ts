/**
 * The tracer hooks (go-ethereum `core/tracing.Hooks`, revm `Inspector`). The executor calls them only
 * when a tracer is set, and then runs frames through the traced copy of the loop
 * (./tracedLoop.ts), so an untraced run pays nothing for them.
 *
 * Step order for one opcode, as go-ethereum's interpreter emits it:
 *   onStep (before anything is charged) -> onStepEnd (gas charged: the line is complete; `error` set when
 *   the stack check or the gas failed) -> onFault (only when the opcode's execution failed after its gas
 *   was paid: REVERT, invalid jump, invalid opcode, write protection, return data out of bounds).
 */
import type { Frame } from './frame.js';
import type { ExecResult, Message } from './message.js';
import type { Host } from './host.js';
import type { StateJournal } from '../state/journal.js';
import type { Address } from '../primitives/address.js';

/** What a tracer learns when a transaction (or a `run`) starts, before anything is charged. */
export interface TxStart {
  readonly state: StateJournal;
  readonly from: Address;
  /** null for a contract creation. */
  readonly to: Address | null;
  readonly gasLimit: bigint;
  readonly coinbase: Address;
  /** EIP-7702 authorities of a set-code transaction (whose accounts change before execution). */
  readonly authorities?: readonly Address[];
}

export interface Tracer {
  onTxStart(tx: TxStart): void;
  /** The transaction ended; `gasUsed` is what the receipt says. Not called for a rejected transaction. */
  onTxEnd(gasUsed: bigint): void;
  /** A message starts (before its depth, balance or collision checks). */
  onEnter(host: Host, msg: Message): void;
  /** A message ended; `error` is go-ethereum's wording of its failure. */
  onExit(host: Host, msg: Message, result: ExecResult, error: string | undefined): void;
  /** Before an opcode: nothing charged yet, stack and memory as the opcode finds them. */
  onStep(f: Frame, op: number, gas: bigint): void;
  /** The opcode's gas is charged (`cost` includes dynamic gas and, for CALL*, the gas sent along). */
  onStepEnd(f: Frame, op: number, cost: bigint, error: string | null): void;
  /** The opcode failed while executing, after onStepEnd (go-ethereum `OnFault`). */
  onFault(f: Frame, op: number, cost: bigint, error: string): void;
  /** SELFDESTRUCT ran (go-ethereum reports it as an entered-and-exited frame). */
  onSelfDestruct(f: Frame, beneficiary: Address, balance: bigint): void;
}

/**
 * A tracer that ignores everything; extend it and override what you need. It keeps the transaction's
 * state (`this.state`, from onTxStart: override onTxStart with a call to super to keep it) for tracers
 * that read storage, nonces, the refund counter or logs.
 */
export class NoopTracer implements Tracer {
  protected state: StateJournal | null = null;
  onTxStart(tx: TxStart): void {
    this.state = tx.state;
  }
  onTxEnd(_gasUsed: bigint): void {}
  onEnter(_host: Host, _msg: Message): void {}
  onExit(_host: Host, _msg: Message, _result: ExecResult, _error: string | undefined): void {}
  onStep(_f: Frame, _op: number, _gas: bigint): void {}
  onStepEnd(_f: Frame, _op: number, _cost: bigint, _error: string | null): void {}
  onFault(_f: Frame, _op: number, _cost: bigint, _error: string): void {}
  onSelfDestruct(_f: Frame, _beneficiary: Address, _balance: bigint): void {}
}
