/** Request and result shapes of the public API (src/api/evm.ts). Addresses are bigints or 0x-hex strings. */
import type { Status } from '../machine/status.js';
import type { Log } from '../state/journal.js';
import type { AccessListItem } from '../tx/types.js';
import type { Address } from '../primitives/address.js';

export type AddressLike = Address | string;
export type BytesLike = Uint8Array | string;

/** An eth_call-style message (also the unsigned form of runTransaction). */
export interface CallRequest {
  /** Sender; default the zero address. */
  readonly from?: AddressLike;
  /** Recipient; null or absent means contract creation. */
  readonly to?: AddressLike | null;
  readonly data?: BytesLike;
  readonly value?: bigint;
  /** Gas limit; default min(block gas limit, 50,000,000) as go-ethereum's RPC gas cap. */
  readonly gas?: bigint;
  /** Gas price (GASPRICE); default 0 for calls, the block's base fee for transactions. */
  readonly gasPrice?: bigint;
  readonly accessList?: readonly AccessListItem[];
  /** Transactions only: default the sender's current nonce. */
  readonly nonce?: bigint;
  /** Cancels this execution (see HostOptions.signal / timeoutMs). */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** What call, runTransaction and deploy return (a receipt-like result). */
export interface ExecutionResult {
  /** True when the top frame stopped or returned (no revert, no exceptional halt). */
  readonly success: boolean;
  readonly status: Status;
  /** Gas charged: intrinsic + execution - refund (EIP-7623 floor applied for transactions). */
  readonly gasUsed: bigint;
  readonly logs: readonly Log[];
  /** RETURN or REVERT data. */
  readonly returnData: Uint8Array;
  /** The new contract's address when a creation succeeded. */
  readonly createdAddress?: Address;
  /** The failure in go-ethereum's words ('execution reverted', 'out of gas', ...). */
  readonly error?: string;
}

/** Thrown when execution was cancelled (AbortSignal or time budget); the state is left unchanged. */
export class ExecutionAborted extends Error {
  override name = 'ExecutionAborted';
}

/** Thrown when a transaction is invalid (nonce, balance, gas limit, fee rules...); the state is unchanged. */
export class TransactionRejected extends Error {
  override name = 'TransactionRejected';
}
