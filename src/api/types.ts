/**
 * Request and result shapes of the public API (src/api/evm.ts), in viem's convention:
 *
 *   addresses  `Address` = `0x${string}`; EIP-55 checksummed on output (what viem's getAddress returns),
 *              any case on input (mixed case must carry a valid checksum)
 *   bytes      `Hex` = `0x${string}` (calldata, return data, code, log data), lowercase on output
 *   hashes     `Hash` = `0x${string}` (transaction hashes, topics, storage keys as hex)
 *   quantities bigint (value, gas, fees, balances, nonces, block numbers); viem's `number` nonces and
 *              chain ids in requests and authorizations are accepted too
 *
 * The core's own forms stay accepted as inputs for advanced and internal use: an address as a bigint
 * (0..2^160-1), bytes as a Uint8Array, a storage slot as a bigint. Every input is checked; a value of the
 * wrong kind throws a TypeError and one out of range a RangeError, naming the field and the value.
 */
import type { Status } from '../machine/status.js';
import type { Tracer } from '../machine/tracer.js';
import type { Hex, Hash } from '../primitives/hex.js';
import type { HexAddress as Address } from '../primitives/address.js';
import type { RevertInfo } from '../tracing/revertReason.js';
import type { CallFrame, CallTracerConfig } from '../tracing/callTracer.js';
import type { PrestateResult, PrestateTracerConfig } from '../tracing/prestateTracer.js';
import type { StructLogResult, StructLoggerConfig } from '../tracing/structLogger.js';
import type { JsonLoggerConfig } from '../tracing/jsonLogger.js';

export type { Hex, Hash, Address, RevertInfo };

/** An address input: viem's `0x` form, or (advanced) the core's bigint. */
export type AddressInput = Address | bigint;
/** A bytes input: `0x`-hex, or (advanced) a Uint8Array (used without copying). */
export type BytesInput = Hex | Uint8Array;
/** A 256-bit word input (storage slots and values): a bigint or `0x`-hex of at most 32 bytes. */
export type WordInput = bigint | Hex;

/** @deprecated Use AddressInput. */
export type AddressLike = AddressInput;
/** @deprecated Use BytesInput. */
export type BytesLike = BytesInput;

/** viem's transaction type names. */
export type TransactionType = 'legacy' | 'eip2930' | 'eip1559' | 'eip4844' | 'eip7702';

/** An EIP-2930 access list entry (viem's AccessList item). */
export interface AccessListEntry {
  readonly address: AddressInput;
  readonly storageKeys: readonly WordInput[];
}

/**
 * A signed EIP-7702 authorization, as viem's `signAuthorization` returns it (`yParity` or `v`), or with
 * bigints throughout.
 */
export interface AuthorizationInput {
  readonly address: AddressInput;
  readonly chainId: number | bigint;
  readonly nonce: number | bigint;
  readonly r: WordInput;
  readonly s: WordInput;
  readonly yParity?: number | bigint;
  /** Legacy-style 27/28 (viem sets it alongside yParity). */
  readonly v?: bigint | number;
}

/** Built-in tracers, by name: go-ethereum's callTracer, prestateTracer, struct logger, and EIP-3155 lines. */
export type TracerName = 'callTracer' | 'prestateTracer' | 'structLogger' | 'eip3155';

/** The options of every built-in tracer (each reads its own). */
export type TracerConfig = CallTracerConfig & PrestateTracerConfig & StructLoggerConfig & JsonLoggerConfig;

/** What `trace` holds for a tracer option: go-ethereum's JSON shapes; EIP-3155 lines as strings; your tracer itself. */
export type TraceOf<T> = T extends 'callTracer'
  ? CallFrame
  : T extends 'prestateTracer'
    ? PrestateResult
    : T extends 'structLogger'
      ? StructLogResult
      : T extends 'eip3155'
        ? string[]
        : T extends Tracer
          ? T
          : undefined;

/**
 * An eth_call-style message with viem's TransactionRequest field names (also the unsigned form of
 * runTransaction, where `from` is required).
 */
export interface CallRequest {
  /** Sender; default the zero address (calls only). */
  readonly from?: AddressInput;
  /** Recipient; null or absent means contract creation. */
  readonly to?: AddressInput | null;
  readonly data?: BytesInput;
  readonly value?: bigint;
  /**
   * Gas limit. Default for calls: min(block gas limit, 50,000,000) (go-ethereum's RPC gas cap); for
   * transactions: the gas left in the block, capped by EIP-7825's per-transaction cap and by what `from`
   * can pay at the fee.
   */
  readonly gas?: bigint;
  /** Legacy gas price. */
  readonly gasPrice?: bigint;
  /** EIP-1559 fee cap (transactions: default the base fee plus the tip). */
  readonly maxFeePerGas?: bigint;
  /** EIP-1559 tip (transactions: default 0). */
  readonly maxPriorityFeePerGas?: bigint;
  readonly accessList?: readonly AccessListEntry[];
  /** EIP-7702 signed authorizations (makes it a type-4 message). */
  readonly authorizationList?: readonly AuthorizationInput[];
  /** EIP-4844 blob versioned hashes (makes it a type-3 message). */
  readonly blobVersionedHashes?: readonly Hex[];
  readonly maxFeePerBlobGas?: bigint;
  /** Transactions only: default the sender's current nonce. */
  readonly nonce?: number | bigint;
  /**
   * Default: from the fields given (authorizationList -> eip7702, blob hashes -> eip4844, EIP-1559 fees ->
   * eip1559, gasPrice -> legacy/eip2930); with none, eip1559 for transactions from London on, legacy for calls.
   */
  readonly type?: TransactionType;
  /** Trace the execution; the result's `trace` holds the trace. */
  readonly tracer?: TracerName | Tracer;
  readonly tracerConfig?: TracerConfig;
  /** Cancels this execution (see HostOptions.signal / timeoutMs). */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** An unsigned transaction for runTransaction: a CallRequest with a sender. */
export interface TransactionRequest extends CallRequest {
  readonly from: AddressInput;
}

/** A log as results and receipts give it. */
export interface Log {
  readonly address: Address;
  readonly topics: readonly Hash[];
  readonly data: Hex;
}

/** What call, runTransaction and deploy return. */
export interface ExecutionResult<Trace = undefined> {
  /** True when the top frame stopped or returned (no revert, no exceptional halt). */
  readonly success: boolean;
  readonly status: Status;
  /** Gas charged: intrinsic + execution - refund (EIP-7623 floor applied). */
  readonly gasUsed: bigint;
  /** The logs (empty when the execution failed). */
  readonly logs: readonly Log[];
  /** RETURN data, REVERT data, or a successful creation's deployed code (as go-ethereum's eth_call). */
  readonly returnData: Hex;
  /** The new contract's address when a creation succeeded. */
  readonly createdAddress?: Address;
  /**
   * The failure in go-ethereum's words: 'execution reverted' (with ': <reason>' when the data is an
   * Error(string) or a Panic), 'out of gas', 'invalid opcode: INVALID', ...
   */
  readonly error?: string;
  /** A revert's data, decoded: Error(string), Panic(uint256), or a custom error's selector and arguments. */
  readonly revert?: RevertInfo;
  /** The trace, when the request asked for a tracer. */
  readonly trace: Trace;
}

/** A log in a receipt: with its position in the block and the transaction. */
export interface ReceiptLog extends Log {
  readonly logIndex: number;
  readonly transactionIndex: number;
  readonly transactionHash: Hash;
  readonly blockNumber: bigint;
}

/** A committed transaction's receipt (viem's TransactionReceipt field names; the block hash is not computed). */
export interface TransactionReceipt {
  readonly transactionHash: Hash;
  readonly transactionIndex: number;
  readonly blockNumber: bigint;
  readonly from: Address;
  readonly to: Address | null;
  readonly contractAddress: Address | null;
  readonly status: 'success' | 'reverted';
  readonly type: TransactionType;
  readonly gasUsed: bigint;
  /** Gas used by this and the earlier transactions of the block. */
  readonly cumulativeGasUsed: bigint;
  readonly effectiveGasPrice: bigint;
  readonly logs: readonly ReceiptLog[];
  /** The 256-byte bloom of the logs. */
  readonly logsBloom: Hex;
  readonly blobGasUsed?: bigint;
  readonly blobGasPrice?: bigint;
}

/** What runTransaction and deploy return: the execution, the transaction hash and the receipt. */
export interface TransactionResult<Trace = undefined> extends ExecutionResult<Trace> {
  /**
   * keccak256 of the signed transaction's encoding; for an unsigned one, of its unsigned envelope followed
   * by the sender's 20 bytes (anvil's hash of impersonated sends: unique per sender and nonce).
   */
  readonly hash: Hash;
  readonly receipt: TransactionReceipt;
}

/** A block closed by `mine()`. */
export interface MinedBlock {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly gasLimit: bigint;
  readonly gasUsed: bigint;
  readonly baseFeePerGas: bigint;
  readonly blobGasUsed: bigint;
  readonly excessBlobGas: bigint;
  readonly receipts: readonly TransactionReceipt[];
}

/** Thrown when execution was cancelled (AbortSignal or time budget); the state is left unchanged. */
export class ExecutionAborted extends Error {
  override name = 'ExecutionAborted';
}

/** Thrown when a transaction is invalid (nonce, balance, gas limit, fee rules...); the state is unchanged. */
export class TransactionRejected extends Error {
  override name = 'TransactionRejected';
}

/**
 * Thrown by estimateGas when no gas limit makes the message succeed, with go-ethereum's message
 * ('execution reverted: <reason>', 'gas required exceeds allowance (N)', 'insufficient funds for transfer').
 */
export class EstimateGasError extends Error {
  override name = 'EstimateGasError';
  constructor(
    message: string,
    /** The revert, when the message reverts. */
    readonly revert?: RevertInfo,
  ) {
    super(message);
  }
  /** The revert data (`0x` when the failure was not a revert). */
  get data(): Hex {
    return this.revert?.data ?? '0x';
  }
}
