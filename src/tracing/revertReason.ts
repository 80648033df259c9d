/**
 * The reason in revert data (go-ethereum accounts/abi `UnpackRevert`): Error(string) gives the string,
 * Panic(uint256) the Solidity panic text; anything else has none.
 */
import { bytesToBigint } from '../primitives/hex.js';

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
