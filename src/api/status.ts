/**
 * Status codes as runtime values, for JavaScript callers (`Status` is a const enum, erased at build):
 * `rt.run() === STATUS.Trap`. Same numbers as Status.
 */
import { Status } from '../machine/status.js';

export const STATUS = Object.freeze({
  Continue: Status.Continue,
  Stop: Status.Stop,
  Return: Status.Return,
  Revert: Status.Revert,
  SelfDestruct: Status.SelfDestruct,
  Trap: Status.Trap,
  Suspend: Status.Suspend,
  OutOfGas: Status.OutOfGas,
  StackUnderflow: Status.StackUnderflow,
  StackOverflow: Status.StackOverflow,
  InvalidJump: Status.InvalidJump,
  UndefinedOpcode: Status.UndefinedOpcode,
  InvalidOpcode: Status.InvalidOpcode,
  WriteProtection: Status.WriteProtection,
  ReturnDataOutOfBounds: Status.ReturnDataOutOfBounds,
  CallDepthExceeded: Status.CallDepthExceeded,
  InsufficientBalance: Status.InsufficientBalance,
  ContractCollision: Status.ContractCollision,
  MaxCodeSizeExceeded: Status.MaxCodeSizeExceeded,
  MaxInitcodeSizeExceeded: Status.MaxInitcodeSizeExceeded,
  InvalidCodePrefix: Status.InvalidCodePrefix,
  NonceOverflow: Status.NonceOverflow,
  PrecompileFailure: Status.PrecompileFailure,
  GasUintOverflow: Status.GasUintOverflow,
  Cancelled: Status.Cancelled,
} as const);
