/**
 * The reason in revert data (go-ethereum accounts/abi `UnpackRevert`): Error(string) gives the string,
 * Panic(uint256) the Solidity panic text; anything else has none. `decodeRevert` says which of the three
 * kinds the data is (Solidity's Error(string), Panic(uint256), or a custom error: its 4-byte selector and
 * ABI-encoded arguments, left for the caller's ABI to decode), for results, the CLI and the JSON-RPC node.
 */
import { bytesToBigint, bytesToHex, type Hex } from '../primitives/hex.js';

const ERROR_SELECTOR = 0x08c379a0;
const PANIC_SELECTOR = 0x4e487b71;

const PANIC_REASONS: ReadonlyMap<bigint, string> = new Map([
  [0x00n, 'generic panic'],
  [0x01n, 'assert(false)'],
  [0x11n, 'arithmetic underflow or overflow'],
  [0x12n, 'division or modulo by zero'],
  [0x21n, 'enum overflow'],
  [0x22n, 'invalid encoded storage byte array accessed'],
  [0x31n, 'out-of-bounds array access; popping on an empty array'],
  [0x32n, 'out-of-bounds access of an array or bytesSlice'],
  [0x41n, 'out of memory'],
  [0x51n, 'uninitialized function'],
]);

const decoder = new TextDecoder('utf-8', { fatal: false });

export function unpackRevert(data: Uint8Array): string | null {
  if (data.length < 4) return null;
  const selector = ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0;
  const body = data.subarray(4);
  if (selector === PANIC_SELECTOR) {
    if (body.length < 32) return null;
    const code = bytesToBigint(body.subarray(0, 32));
    return PANIC_REASONS.get(code) ?? `unknown panic code: 0x${code.toString(16)}`;
  }
  if (selector !== ERROR_SELECTOR || body.length < 64) return null;
  // ABI string: a head word with the offset, then the length word and the bytes.
  const offset = bytesToBigint(body.subarray(0, 32));
  if (offset > BigInt(body.length - 32)) return null;
  const o = Number(offset);
  const len = bytesToBigint(body.subarray(o, o + 32));
  if (len > BigInt(body.length - o - 32)) return null;
  return decoder.decode(body.subarray(o + 32, o + 32 + Number(len)));
}

/** Revert data, decoded as far as it can be without the contract's ABI. */
export interface RevertInfo {
  /**
   * 'error': Solidity's Error(string) (require/revert with a message); 'panic': Panic(uint256) (assert,
   * overflow, ...); 'custom': anything else with a 4-byte selector (a custom error; decode `data` with the
   * ABI, e.g. viem's decodeErrorResult); 'empty': no data (revert() or require without a message);
   * 'raw': 1-3 bytes, or an Error/Panic selector whose arguments do not decode.
   */
  readonly kind: 'error' | 'panic' | 'custom' | 'empty' | 'raw';
  /** The whole revert data. */
  readonly data: Hex;
  /** The message (Error) or the panic's description (Panic). */
  readonly reason?: string;
  /** Panic(uint256)'s code (0x01 assert, 0x11 overflow, 0x12 division by zero, ...). */
  readonly panicCode?: bigint;
  /** The first 4 bytes (error, panic and custom kinds). */
  readonly selector?: Hex;
  /** The ABI-encoded arguments after the selector (custom errors). */
  readonly args?: Hex;
}

/** Decodes revert data (see RevertInfo). */
export function decodeRevert(data: Uint8Array): RevertInfo {
  const hex = bytesToHex(data);
  if (data.length === 0) return { kind: 'empty', data: hex };
  if (data.length < 4) return { kind: 'raw', data: hex };
  const selector = hex.slice(0, 10) as Hex;
  const sel = ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0;
  const reason = unpackRevert(data);
  if (sel === PANIC_SELECTOR && reason !== null) {
    return { kind: 'panic', data: hex, reason, panicCode: bytesToBigint(data.subarray(4, 36)), selector };
  }
  if (sel === ERROR_SELECTOR && reason !== null) return { kind: 'error', data: hex, reason, selector };
  if (sel === PANIC_SELECTOR || sel === ERROR_SELECTOR) return { kind: 'raw', data: hex, selector };
  return { kind: 'custom', data: hex, selector, args: `0x${hex.slice(10)}` };
}
