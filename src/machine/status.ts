/**
 * What an instruction or a frame ends with. Handlers return Continue (0) or one of these; no exceptions
 * are thrown for control flow. Everything from OutOfGas on is an exceptional halt: it consumes all the
 * frame's gas and reverts its changes (go-ethereum: every error but ErrExecutionReverted).
 */
export const Status = Object.freeze({
  Continue: 0,
  Stop: 1,
  Return: 2,
  Revert: 3,
  /** SELFDESTRUCT: a successful stop. */
  SelfDestruct: 4,
  /** CALL/CREATE: the frame is suspended with `pending` set (the rust-evm trap). */
  Trap: 5,
  /**
   * A state read missed (lazily loaded state, e.g. a JSON-RPC fork): the instruction undid its own start
   * (pc, gas untouched) so the driver can load the key and run the same instruction again.
   */
  Suspend: 6,
  // ---- exceptional halts ----
  OutOfGas: 16,
  StackUnderflow: 17,
  StackOverflow: 18,
  InvalidJump: 19,
  UndefinedOpcode: 20,
  /** The designated INVALID opcode 0xFE. */
  InvalidOpcode: 21,
  WriteProtection: 22,
  ReturnDataOutOfBounds: 23,
  CallDepthExceeded: 24,
  InsufficientBalance: 25,
  ContractCollision: 26,
  MaxCodeSizeExceeded: 27,
  MaxInitcodeSizeExceeded: 28,
  InvalidCodePrefix: 29,
  NonceOverflow: 30,
  PrecompileFailure: 31,
  /** Cancelled from outside (AbortSignal or time budget): ends the whole execution, not only the frame. */
  Cancelled: 32,
} as const);
export type Status = (typeof Status)[keyof typeof Status];

/** go-ethereum's error strings, which traces and results print. */
export function statusMessage(s: Status): string {
  switch (s) {
    case Status.Continue:
    case Status.Stop:
    case Status.Return:
    case Status.SelfDestruct:
    case Status.Trap:
    case Status.Suspend:
      return '';
    case Status.Revert:
      return 'execution reverted';
    case Status.OutOfGas:
      return 'out of gas';
    case Status.StackUnderflow:
      return 'stack underflow';
    case Status.StackOverflow:
      return 'stack limit reached 1024';
    case Status.InvalidJump:
      return 'invalid jump destination';
    case Status.UndefinedOpcode:
      return 'invalid opcode';
    case Status.InvalidOpcode:
      return 'invalid opcode: INVALID';
    case Status.WriteProtection:
      return 'write protection';
    case Status.ReturnDataOutOfBounds:
      return 'return data out of bounds';
    case Status.CallDepthExceeded:
      return 'max call depth exceeded';
    case Status.InsufficientBalance:
      return 'insufficient balance for transfer';
    case Status.ContractCollision:
      return 'contract address collision';
    case Status.MaxCodeSizeExceeded:
      return 'max code size exceeded';
    case Status.MaxInitcodeSizeExceeded:
      return 'max initcode size exceeded';
    case Status.InvalidCodePrefix:
      return 'invalid code: must not begin with 0xef';
    case Status.NonceOverflow:
      return 'nonce uint64 overflow';
    case Status.PrecompileFailure:
      return 'precompiled contract failed';
    case Status.Cancelled:
      return 'execution aborted';
  }
}

export function isSuccess(s: Status): boolean {
  return s === Status.Stop || s === Status.Return || s === Status.SelfDestruct;
}
