/**
 * Input helpers shared by the precompiles. Calldata is read the way the execution-specs `buffer_read`
 * does: bytes past the end of the input read as zero, so a short input is implicitly right-padded.
 * Offsets and lengths may be any 256-bit value; nothing here allocates more than the caller asks for.
 */

/** Number of 32-byte words needed to hold `len` bytes (the per-word gas unit of EIP-2/150 era precompiles). */
export function wordCount(len: number): bigint {
  return BigInt(Math.ceil(len / 32));
}

/** `len` bytes of `input` starting at `offset`, zero-filled past the end of the input. */
function readPadded(input: Uint8Array, offset: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  if (offset < input.length) out.set(input.subarray(offset, Math.min(input.length, offset + len)));
  return out;
}

/** The input right-padded (or truncated) to exactly `len` bytes; no copy when it already has that length. */
export function padTo(input: Uint8Array, len: number): Uint8Array {
  return input.length === len ? input : readPadded(input, 0, len);
}

/** Big-endian unsigned value of `len` bytes at byte `offset` (a bigint: it may lie past 2^53), zero-padded. */
export function readUint(input: Uint8Array, offset: bigint, len: number): bigint {
  let v = 0n;
  const n = BigInt(input.length);
  for (let i = 0; i < len; i++) {
    const at = offset + BigInt(i);
    v = (v << 8n) | (at < n ? BigInt(input[Number(at)]!) : 0n);
  }
  return v;
}

/** A 32-byte big-endian word at byte `offset` (zero-padded), as a bigint. */
export function readWord(input: Uint8Array, offset: number): bigint {
  let hex = '0x';
  for (let i = 0; i < 32; i++) {
    const b = input[offset + i] ?? 0;
    hex += (b < 16 ? '0' : '') + b.toString(16);
  }
  return BigInt(hex);
}

/** A non-negative bigint as exactly 32 big-endian bytes (the value must be below 2^256). */
export function word(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
