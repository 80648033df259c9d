/**
 * JSON-RPC errors as go-ethereum answers them (rpc/errors.go, internal/ethapi/errors.go) and as the
 * execution-apis conformance tests expect them (notes in the .io fixtures):
 *
 * | code   | when                                                                    | go-ethereum type             |
 * |--------|-------------------------------------------------------------------------|------------------------------|
 * | -32700 | the body is not JSON ("parse error")                                    | parseError/invalidMessageError |
 * | -32600 | not a request object, empty batch, batch too large                      | invalidRequestError          |
 * | -32601 | unknown method; notifications over HTTP; unknown subscription           | methodNotFoundError          |
 * | -32602 | wrong number or shape of params ("invalid argument N: ...")             | invalidParamsError           |
 * | -32603 | internal error                                                          | internalServerError          |
 * | -32000 | default server error ("header not found", "transaction not found", ...) | defaultErrorCode             |
 * | 3      | execution reverted; `data` is the revert data, the message carries the Error(string)/Panic reason | revertError |
 * | -38010..-38026 | eth_simulateV1 / transaction validation (nonce, fees, intrinsic gas, funds, block order, limits) | invalidTxError |
 * | -32015 | a VM error inside eth_simulateV1 call results                           | errCodeVMError               |
 *
 * An `JsonRpcError` is thrown by handlers and codecs; the protocol layer turns it into `{code, message, data?}`.
 * Anything else a handler throws becomes -32603 (internal error) with the message, never a crash.
 */
import { bytesToHex } from '../primitives/hex.js';
import { unpackRevert } from '../tracing/revertReason.js';

export const ErrorCode = Object.freeze({
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  Internal: -32603,
  /** go-ethereum's default for errors without a code of their own. */
  Server: -32000,
  /** EIP-1474 "resource not found" (used by some clients; go-ethereum answers -32000). */
  ResourceNotFound: -32001,
  /** EIP-1474 "transaction rejected". */
  TransactionRejected: -32003,
  /** Execution reverted (EIP-1474 / go-ethereum revertError). */
  Reverted: 3,
  NonceTooLow: -38010,
  NonceTooHigh: -38011,
  FeeCapTooLow: -38012,
  IntrinsicGas: -38013,
  InsufficientFunds: -38014,
  BlockGasLimitReached: -38015,
  BlockNumberInvalid: -38020,
  BlockTimestampInvalid: -38021,
  MovePrecompileSelfReference: -38022,
  MovePrecompileDuplicate: -38023,
  SenderIsNotEOA: -38024,
  MaxInitCodeSizeExceeded: -38025,
  ClientLimitExceeded: -38026,
  VMError: -32015,
  /** EIP-1193: the user (here: the node) has not authorized the account. */
  Unauthorized: 4100,
  /** EIP-1193: the provider does not support the method. */
  UnsupportedMethod: 4200,
  /** EIP-1193: the provider is disconnected. */
  Disconnected: 4900,
} as const);

/** A JSON-RPC error: the `error` member of a response (code, message, optional data). */
export class JsonRpcError extends Error {
  override name = 'JsonRpcError';
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }

  /** The wire shape, `data` only when present (go-ethereum `omitempty`). */
  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

/**
 * A malformed value in a request's params. `path` locates it inside the argument (".gas",
 * ".accessList[0].address"); the registry prefixes the argument index and name:
 * "invalid argument 0 (transaction.gas): hex number with leading zero digits".
 */
export class ParamError extends Error {
  override name = 'ParamError';
  readonly detail: string;
  readonly path: readonly (string | number)[];

  constructor(detail: string, path: readonly (string | number)[] = []) {
    super(path.length === 0 ? detail : `${formatPath(path)}: ${detail}`);
    this.detail = detail;
    this.path = path;
  }

  /** The same error one level further out (`segment` is a field name or an array index). */
  at(segment: string | number): ParamError {
    return new ParamError(this.detail, [segment, ...this.path]);
  }
}

/** ".gas", "[0]", ".accessList[0].address" */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

export const parseError = (detail?: string): JsonRpcError =>
  new JsonRpcError(ErrorCode.ParseError, detail === undefined ? 'parse error' : `parse error: ${detail}`);

export const invalidRequest = (message = 'invalid request'): JsonRpcError => new JsonRpcError(ErrorCode.InvalidRequest, message);

/** go-ethereum's text: "the method X does not exist/is not available". */
export const methodNotFound = (method: string): JsonRpcError =>
  new JsonRpcError(ErrorCode.MethodNotFound, `the method ${method} does not exist/is not available`);

export const invalidParams = (message: string): JsonRpcError => new JsonRpcError(ErrorCode.InvalidParams, message);

export const internalError = (message: string): JsonRpcError => new JsonRpcError(ErrorCode.Internal, message);

/** -32000 with a message: "header not found", "transaction not found", ... */
export const serverError = (message: string, data?: unknown): JsonRpcError => new JsonRpcError(ErrorCode.Server, message, data);

/**
 * An execution revert: code 3, "execution reverted" plus ": <reason>" when the data is an ABI
 * Error(string) or Panic(uint256), and the raw revert data (hex) in `data` (go-ethereum newRevertError).
 */
export function revertError(data: Uint8Array): JsonRpcError {
  const reason = unpackRevert(data);
  return new JsonRpcError(ErrorCode.Reverted, reason === null ? 'execution reverted' : `execution reverted: ${reason}`, bytesToHex(data));
}

/**
 * Turns anything thrown by a handler into a JsonRpcError: RpcErrors pass through; ParamErrors become -32602;
 * everything else -32603 with its message (the stack stays on the server).
 */
export function toRpcError(e: unknown): JsonRpcError {
  if (e instanceof JsonRpcError) return e;
  if (e instanceof ParamError) return invalidParams(e.message);
  if (e instanceof Error) return internalError(e.message);
  return internalError(String(e));
}
