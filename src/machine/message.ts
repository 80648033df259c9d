/**
 * What a frame is asked to run and what it gives back: the top-level message of a transaction, or what a
 * CALL/CREATE traps with (rust-evm `Capture::Trap`), and the result that resolves it.
 */
import type { Address } from '../primitives/address.js';
import type { Status } from './status.js';

/** The kind of a message: how it was started (go-ethereum Call / CallCode / DelegateCall / StaticCall / Create / Create2). */
export const CallKind = Object.freeze({
  Call: 0,
  CallCode: 1,
  DelegateCall: 2,
  StaticCall: 3,
  Create: 4,
  Create2: 5,
} as const);
export type CallKind = (typeof CallKind)[keyof typeof CallKind];

export function isCreate(kind: CallKind): boolean {
  return kind === CallKind.Create || kind === CallKind.Create2;
}

/** A request to run code: the top-level message of a transaction, or what a CALL/CREATE traps with. */
export interface Message {
  kind: CallKind;
  /** Depth of the frame this message would run in (0 = the transaction's own frame). */
  depth: number;
  gas: bigint;
  /** msg.sender of the new frame. */
  caller: Address;
  /** The account whose storage and balance the frame acts on (for creates: filled in by the executor). */
  recipient: Address;
  /** Where the code comes from (differs from recipient for CALLCODE/DELEGATECALL). */
  codeAddress: Address;
  /** CALLVALUE of the frame (DELEGATECALL: the parent's); value moves only for CALL, CALLCODE and creates. */
  value: bigint;
  input: Uint8Array;
  isStatic: boolean;
  /** CREATE2 salt. */
  salt: bigint;
  /** Where the caller wants the output in its memory (CALL*). */
  retOffset: number;
  retSize: number;
}

/** How a message ended: what resolves the caller's trap, or ends the transaction's execution. */
export interface ExecResult {
  readonly status: Status;
  readonly gasLeft: bigint;
  /** RETURN or REVERT data (empty on other halts). */
  readonly output: Uint8Array;
  /** The deployed address of a successful create. */
  readonly createdAddress?: Address;
}
