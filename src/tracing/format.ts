/** How go-ethereum writes numbers and bytes in traces. */
import { bytesToHex } from '../primitives/hex.js';
import type { Frame } from '../machine/frame.js';

/** A hex quantity as go-ethereum's hexutil/HexOrDecimal64 write it: "0x0", "0x2540be400". */
export function hexQuantity(v: bigint | number): string {
  return '0x' + v.toString(16);
}

/** The frame's stack, bottom first, as hex quantities (hexutil.U256 / uint256.Int.Hex()). */
export function stackHex(f: Frame): string[] {
  const out = new Array<string>(f.sp);
  for (let i = 0; i < f.sp; i++) out[i] = '0x' + f.stack[i]!.toString(16);
  return out;
}

/** The frame's active memory (memSize bytes). */
export function memoryBytes(f: Frame): Uint8Array {
  return f.mem.subarray(0, f.memWords * 32);
}

/** 0x-prefixed lowercase hex of bytes (hexutil.Bytes). */
export function hexBytes(b: Uint8Array): string {
  return bytesToHex(b);
}

/** Lowercase hex without 0x (go-ethereum common.Bytes2Hex / %x). */
export function plainHex(b: Uint8Array): string {
  return bytesToHex(b).slice(2);
}

/** A 32-byte word as 64 hex digits, no 0x (go-ethereum %x of a common.Hash). */
export function word64(v: bigint): string {
  return v.toString(16).padStart(64, '0');
}

/** A 32-byte word as 0x + 64 hex digits (common.Hash JSON). */
export function hash0x(v: bigint): string {
  return '0x' + word64(v);
}
