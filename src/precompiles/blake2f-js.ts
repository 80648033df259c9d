/**
 * The BLAKE2b compression function F (RFC 7693 section 3.2, EIP-152) in plain JavaScript: the fallback of
 * the BLAKE2F precompile (0x09) where WebAssembly is unavailable (see 09-blake2f.ts, which runs F as the
 * WebAssembly module of blake2f-wasm.ts otherwise), and the reference the tests hold that module to.
 *
 * Written exactly as RFC 7693 specifies it: a fixed permutation over sixteen 64-bit words, each kept as a
 * pair of int32 halves (lo, hi) in locals so that no round allocates or touches the heap (~115 ns per
 * round on the 2-core reference machine, twice the speed of noble's own 12-round loop; the WebAssembly
 * module, in native i64 arithmetic, takes ~10 ns).
 */

/** 2^-32: (lo * 2^-32) | 0 is the carry out of a sum of u32 halves (exact: scaling by a power of two). */
const TWO_POW_MINUS_32 = 1 / 0x100000000;

/** RFC 7693 message schedule SIGMA, rows 0..9 (round i uses row i mod 10). */
const SIGMA: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/** BLAKE2b IV (the SHA-512 IV), as [lo, hi] 32-bit halves of each 64-bit word. */
const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a, 0xade682d1, 0x510e527f, 0x2b3e6c1f,
  0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

/**
 * F(h, m, t, f) with `rounds` rounds (RFC 7693 3.2, EIP-152), in place on `h`, in plain JavaScript.
 * Every 64-bit word is a (lo, hi) pair of u32: `h` is 16 halves, `m` 32 halves, `t` = [t0lo, t0hi, t1lo, t1hi].
 * The sixteen working words v0..v15 are locals (vNl, vNh) and G is written out eight times per round, so a
 * round touches no array but the message: this is the hot loop of a call that may run millions of rounds.
 * In G, an addition carries floor(sum of lows / 2^32) into the high half; rotations by 32/24/16/63 swap or
 * shift the halves.
 */
export function blake2bCompressJs(rounds: number, h: Uint32Array, m: Uint32Array, t: Uint32Array, final: boolean): void {
  let v0l = h[0]! | 0,
    v0h = h[1]! | 0;
  let v1l = h[2]! | 0,
    v1h = h[3]! | 0;
  let v2l = h[4]! | 0,
    v2h = h[5]! | 0;
  let v3l = h[6]! | 0,
    v3h = h[7]! | 0;
  let v4l = h[8]! | 0,
    v4h = h[9]! | 0;
  let v5l = h[10]! | 0,
    v5h = h[11]! | 0;
  let v6l = h[12]! | 0,
    v6h = h[13]! | 0;
  let v7l = h[14]! | 0,
    v7h = h[15]! | 0;
  let v8l = IV[0]! | 0,
    v8h = IV[1]! | 0;
  let v9l = IV[2]! | 0,
    v9h = IV[3]! | 0;
  let v10l = IV[4]! | 0,
    v10h = IV[5]! | 0;
  let v11l = IV[6]! | 0,
    v11h = IV[7]! | 0;
  let v12l = (IV[8]! ^ t[0]!) | 0,
    v12h = (IV[9]! ^ t[1]!) | 0;
  let v13l = (IV[10]! ^ t[2]!) | 0,
    v13h = (IV[11]! ^ t[3]!) | 0;
  let v14l = (final ? ~IV[12]! : IV[12]!) | 0,
    v14h = (final ? ~IV[13]! : IV[13]!) | 0;
  let v15l = IV[14]! | 0,
    v15h = IV[15]! | 0;
  let lo: number, hi: number, mi: number;
  for (let round = 0; round < rounds; round++) {
    const s = SIGMA[round % 10]!;
    // G(v0, v4, v8, v12, m[s[0]], m[s[1]])
    mi = 2 * s[0]!;
    lo = (v0l >>> 0) + (v4l >>> 0) + (m[mi]! >>> 0);
    v0h = (v0h + v4h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v0l = lo | 0;
    lo = v12l ^ v0l;
    v12l = (v12h ^ v0h) | 0;
    v12h = lo | 0;
    lo = (v8l >>> 0) + (v12l >>> 0);
    v8h = (v8h + v12h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v8l = lo | 0;
    lo = v4l ^ v8l;
    hi = v4h ^ v8h;
    v4l = (lo >>> 24) | (hi << 8) | 0;
    v4h = (hi >>> 24) | (lo << 8) | 0;
    mi = 2 * s[1]!;
    lo = (v0l >>> 0) + (v4l >>> 0) + (m[mi]! >>> 0);
    v0h = (v0h + v4h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v0l = lo | 0;
    lo = v12l ^ v0l;
    hi = v12h ^ v0h;
    v12l = (lo >>> 16) | (hi << 16) | 0;
    v12h = (hi >>> 16) | (lo << 16) | 0;
    lo = (v8l >>> 0) + (v12l >>> 0);
    v8h = (v8h + v12h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v8l = lo | 0;
    lo = v4l ^ v8l;
    hi = v4h ^ v8h;
    v4l = (lo << 1) | (hi >>> 31) | 0;
    v4h = (hi << 1) | (lo >>> 31) | 0;
    // G(v1, v5, v9, v13, m[s[2]], m[s[3]])
    mi = 2 * s[2]!;
    lo = (v1l >>> 0) + (v5l >>> 0) + (m[mi]! >>> 0);
    v1h = (v1h + v5h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v1l = lo | 0;
    lo = v13l ^ v1l;
    v13l = (v13h ^ v1h) | 0;
    v13h = lo | 0;
    lo = (v9l >>> 0) + (v13l >>> 0);
    v9h = (v9h + v13h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v9l = lo | 0;
    lo = v5l ^ v9l;
    hi = v5h ^ v9h;
    v5l = (lo >>> 24) | (hi << 8) | 0;
    v5h = (hi >>> 24) | (lo << 8) | 0;
    mi = 2 * s[3]!;
    lo = (v1l >>> 0) + (v5l >>> 0) + (m[mi]! >>> 0);
    v1h = (v1h + v5h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v1l = lo | 0;
    lo = v13l ^ v1l;
    hi = v13h ^ v1h;
    v13l = (lo >>> 16) | (hi << 16) | 0;
    v13h = (hi >>> 16) | (lo << 16) | 0;
    lo = (v9l >>> 0) + (v13l >>> 0);
    v9h = (v9h + v13h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v9l = lo | 0;
    lo = v5l ^ v9l;
    hi = v5h ^ v9h;
    v5l = (lo << 1) | (hi >>> 31) | 0;
    v5h = (hi << 1) | (lo >>> 31) | 0;
    // G(v2, v6, v10, v14, m[s[4]], m[s[5]])
    mi = 2 * s[4]!;
    lo = (v2l >>> 0) + (v6l >>> 0) + (m[mi]! >>> 0);
    v2h = (v2h + v6h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v2l = lo | 0;
    lo = v14l ^ v2l;
    v14l = (v14h ^ v2h) | 0;
    v14h = lo | 0;
    lo = (v10l >>> 0) + (v14l >>> 0);
    v10h = (v10h + v14h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v10l = lo | 0;
    lo = v6l ^ v10l;
    hi = v6h ^ v10h;
    v6l = (lo >>> 24) | (hi << 8) | 0;
    v6h = (hi >>> 24) | (lo << 8) | 0;
    mi = 2 * s[5]!;
    lo = (v2l >>> 0) + (v6l >>> 0) + (m[mi]! >>> 0);
    v2h = (v2h + v6h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v2l = lo | 0;
    lo = v14l ^ v2l;
    hi = v14h ^ v2h;
    v14l = (lo >>> 16) | (hi << 16) | 0;
    v14h = (hi >>> 16) | (lo << 16) | 0;
    lo = (v10l >>> 0) + (v14l >>> 0);
    v10h = (v10h + v14h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v10l = lo | 0;
    lo = v6l ^ v10l;
    hi = v6h ^ v10h;
    v6l = (lo << 1) | (hi >>> 31) | 0;
    v6h = (hi << 1) | (lo >>> 31) | 0;
    // G(v3, v7, v11, v15, m[s[6]], m[s[7]])
    mi = 2 * s[6]!;
    lo = (v3l >>> 0) + (v7l >>> 0) + (m[mi]! >>> 0);
    v3h = (v3h + v7h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v3l = lo | 0;
    lo = v15l ^ v3l;
    v15l = (v15h ^ v3h) | 0;
    v15h = lo | 0;
    lo = (v11l >>> 0) + (v15l >>> 0);
    v11h = (v11h + v15h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v11l = lo | 0;
    lo = v7l ^ v11l;
    hi = v7h ^ v11h;
    v7l = (lo >>> 24) | (hi << 8) | 0;
    v7h = (hi >>> 24) | (lo << 8) | 0;
    mi = 2 * s[7]!;
    lo = (v3l >>> 0) + (v7l >>> 0) + (m[mi]! >>> 0);
    v3h = (v3h + v7h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v3l = lo | 0;
    lo = v15l ^ v3l;
    hi = v15h ^ v3h;
    v15l = (lo >>> 16) | (hi << 16) | 0;
    v15h = (hi >>> 16) | (lo << 16) | 0;
    lo = (v11l >>> 0) + (v15l >>> 0);
    v11h = (v11h + v15h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v11l = lo | 0;
    lo = v7l ^ v11l;
    hi = v7h ^ v11h;
    v7l = (lo << 1) | (hi >>> 31) | 0;
    v7h = (hi << 1) | (lo >>> 31) | 0;
    // G(v0, v5, v10, v15, m[s[8]], m[s[9]])
    mi = 2 * s[8]!;
    lo = (v0l >>> 0) + (v5l >>> 0) + (m[mi]! >>> 0);
    v0h = (v0h + v5h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v0l = lo | 0;
    lo = v15l ^ v0l;
    v15l = (v15h ^ v0h) | 0;
    v15h = lo | 0;
    lo = (v10l >>> 0) + (v15l >>> 0);
    v10h = (v10h + v15h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v10l = lo | 0;
    lo = v5l ^ v10l;
    hi = v5h ^ v10h;
    v5l = (lo >>> 24) | (hi << 8) | 0;
    v5h = (hi >>> 24) | (lo << 8) | 0;
    mi = 2 * s[9]!;
    lo = (v0l >>> 0) + (v5l >>> 0) + (m[mi]! >>> 0);
    v0h = (v0h + v5h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v0l = lo | 0;
    lo = v15l ^ v0l;
    hi = v15h ^ v0h;
    v15l = (lo >>> 16) | (hi << 16) | 0;
    v15h = (hi >>> 16) | (lo << 16) | 0;
    lo = (v10l >>> 0) + (v15l >>> 0);
    v10h = (v10h + v15h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v10l = lo | 0;
    lo = v5l ^ v10l;
    hi = v5h ^ v10h;
    v5l = (lo << 1) | (hi >>> 31) | 0;
    v5h = (hi << 1) | (lo >>> 31) | 0;
    // G(v1, v6, v11, v12, m[s[10]], m[s[11]])
    mi = 2 * s[10]!;
    lo = (v1l >>> 0) + (v6l >>> 0) + (m[mi]! >>> 0);
    v1h = (v1h + v6h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v1l = lo | 0;
    lo = v12l ^ v1l;
    v12l = (v12h ^ v1h) | 0;
    v12h = lo | 0;
    lo = (v11l >>> 0) + (v12l >>> 0);
    v11h = (v11h + v12h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v11l = lo | 0;
    lo = v6l ^ v11l;
    hi = v6h ^ v11h;
    v6l = (lo >>> 24) | (hi << 8) | 0;
    v6h = (hi >>> 24) | (lo << 8) | 0;
    mi = 2 * s[11]!;
    lo = (v1l >>> 0) + (v6l >>> 0) + (m[mi]! >>> 0);
    v1h = (v1h + v6h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v1l = lo | 0;
    lo = v12l ^ v1l;
    hi = v12h ^ v1h;
    v12l = (lo >>> 16) | (hi << 16) | 0;
    v12h = (hi >>> 16) | (lo << 16) | 0;
    lo = (v11l >>> 0) + (v12l >>> 0);
    v11h = (v11h + v12h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v11l = lo | 0;
    lo = v6l ^ v11l;
    hi = v6h ^ v11h;
    v6l = (lo << 1) | (hi >>> 31) | 0;
    v6h = (hi << 1) | (lo >>> 31) | 0;
    // G(v2, v7, v8, v13, m[s[12]], m[s[13]])
    mi = 2 * s[12]!;
    lo = (v2l >>> 0) + (v7l >>> 0) + (m[mi]! >>> 0);
    v2h = (v2h + v7h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v2l = lo | 0;
    lo = v13l ^ v2l;
    v13l = (v13h ^ v2h) | 0;
    v13h = lo | 0;
    lo = (v8l >>> 0) + (v13l >>> 0);
    v8h = (v8h + v13h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v8l = lo | 0;
    lo = v7l ^ v8l;
    hi = v7h ^ v8h;
    v7l = (lo >>> 24) | (hi << 8) | 0;
    v7h = (hi >>> 24) | (lo << 8) | 0;
    mi = 2 * s[13]!;
    lo = (v2l >>> 0) + (v7l >>> 0) + (m[mi]! >>> 0);
    v2h = (v2h + v7h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v2l = lo | 0;
    lo = v13l ^ v2l;
    hi = v13h ^ v2h;
    v13l = (lo >>> 16) | (hi << 16) | 0;
    v13h = (hi >>> 16) | (lo << 16) | 0;
    lo = (v8l >>> 0) + (v13l >>> 0);
    v8h = (v8h + v13h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v8l = lo | 0;
    lo = v7l ^ v8l;
    hi = v7h ^ v8h;
    v7l = (lo << 1) | (hi >>> 31) | 0;
    v7h = (hi << 1) | (lo >>> 31) | 0;
    // G(v3, v4, v9, v14, m[s[14]], m[s[15]])
    mi = 2 * s[14]!;
    lo = (v3l >>> 0) + (v4l >>> 0) + (m[mi]! >>> 0);
    v3h = (v3h + v4h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v3l = lo | 0;
    lo = v14l ^ v3l;
    v14l = (v14h ^ v3h) | 0;
    v14h = lo | 0;
    lo = (v9l >>> 0) + (v14l >>> 0);
    v9h = (v9h + v14h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v9l = lo | 0;
    lo = v4l ^ v9l;
    hi = v4h ^ v9h;
    v4l = (lo >>> 24) | (hi << 8) | 0;
    v4h = (hi >>> 24) | (lo << 8) | 0;
    mi = 2 * s[15]!;
    lo = (v3l >>> 0) + (v4l >>> 0) + (m[mi]! >>> 0);
    v3h = (v3h + v4h + m[mi + 1]! + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v3l = lo | 0;
    lo = v14l ^ v3l;
    hi = v14h ^ v3h;
    v14l = (lo >>> 16) | (hi << 16) | 0;
    v14h = (hi >>> 16) | (lo << 16) | 0;
    lo = (v9l >>> 0) + (v14l >>> 0);
    v9h = (v9h + v14h + ((lo * TWO_POW_MINUS_32) | 0)) | 0;
    v9l = lo | 0;
    lo = v4l ^ v9l;
    hi = v4h ^ v9h;
    v4l = (lo << 1) | (hi >>> 31) | 0;
    v4h = (hi << 1) | (lo >>> 31) | 0;
  }
  h[0] = h[0]! ^ v0l ^ v8l;
  h[1] = h[1]! ^ v0h ^ v8h;
  h[2] = h[2]! ^ v1l ^ v9l;
  h[3] = h[3]! ^ v1h ^ v9h;
  h[4] = h[4]! ^ v2l ^ v10l;
  h[5] = h[5]! ^ v2h ^ v10h;
  h[6] = h[6]! ^ v3l ^ v11l;
  h[7] = h[7]! ^ v3h ^ v11h;
  h[8] = h[8]! ^ v4l ^ v12l;
  h[9] = h[9]! ^ v4h ^ v12h;
  h[10] = h[10]! ^ v5l ^ v13l;
  h[11] = h[11]! ^ v5h ^ v13h;
  h[12] = h[12]! ^ v6l ^ v14l;
  h[13] = h[13]! ^ v6h ^ v14h;
  h[14] = h[14]! ^ v7l ^ v15l;
  h[15] = h[15]! ^ v7h ^ v15h;
}
