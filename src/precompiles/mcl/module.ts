/**
 * One instance of mcl (herumi/mcl compiled to WebAssembly, npm `mcl-wasm`) per curve.
 *
 * mcl-wasm's own wrapper keeps a single module-wide instance (one curve per process) and allocates per
 * operation; here each curve gets its own WebAssembly instance from the package's module factory
 * (`mcl-wasm/dist/mcl_c.js`: the wasm bytes are embedded, no file or network access, so it runs in
 * browsers too) and calls the C API (`mclBnG1_add`, `mclBn_millerLoopVec`, ...) on fixed buffers in the
 * instance's memory: no allocation per call except for large MSM/pairing inputs.
 *
 * Layout (the build's compile-time sizes, MCLBN_FP_UNIT_SIZE = 6, FR = 4): an Fp element is 48 bytes
 * of Montgomery limbs, Fr 32, G1 = x, y, z (144), G2 = three Fp2 (288), GT 576. Field elements cross the
 * boundary through mclBnFp_deserialize / _serialize, which use LITTLE-endian bytes and reject values >= p
 * (strict); the Ethereum encodings are big-endian, so bytes are reversed on the way in and out.
 */
import createModule from 'mcl-wasm/dist/mcl_c.js';

/** mcl curve ids (mcl/include/mcl/curve_type.h). */
export const enum McCurve {
  BN_SNARK1 = 4,
  BLS12_381 = 5,
  SECP256K1 = 102,
  NIST_P256 = 107,
}

/** MCLBN_COMPILED_TIME_VAR = FR_UNIT_SIZE * 10 + FP_UNIT_SIZE of the mcl-wasm build. */
const COMPILED_TIME_VAR = 46;
export const FP = 48;
export const FR = 32;
export const G1 = 3 * FP;
export const G2 = 6 * FP;
export const GT = 12 * FP;
/** The fixed scratch area (pointers below are offsets into it). */
const SCRATCH_BYTES = 1 << 16;

/** The raw C entry points used here (all pointer arguments are byte offsets into the instance memory). */
export interface McRaw {
  _malloc(n: number): number;
  _free(p: number): void;
  _mclBn_init(curve: number, v: number): number;
  _mclBn_setETHserialization(on: number): void;
  _mclBn_setMapToMode(mode: number): number;
  _mclBn_verifyOrderG1(on: number): void;
  _mclBn_verifyOrderG2(on: number): void;
  _mclBnFp_deserialize(x: number, buf: number, n: number): number;
  _mclBnFp_serialize(buf: number, max: number, x: number): number;
  _mclBnFp_setInt32(x: number, v: number): void;
  _mclBnFp_squareRoot(y: number, x: number): number;
  _mclBnFp_isOdd(x: number): number;
  _mclBnFp_neg(y: number, x: number): void;
  _mclBnFp_sqr(y: number, x: number): void;
  _mclBnFp_add(z: number, x: number, y: number): void;
  _mclBnFp_mul(z: number, x: number, y: number): void;
  _mclBnFr_isEqual(x: number, y: number): number;
  _mclBnFp_mapToG1(p: number, x: number): number;
  _mclBnFp2_mapToG2(p: number, x: number): number;
  _mclBnFr_setBigEndianMod(x: number, buf: number, n: number): number;
  _mclBnFr_setLittleEndianMod(x: number, buf: number, n: number): number;
  _mclBnFr_deserialize(x: number, buf: number, n: number): number;
  _mclBnFr_serialize(buf: number, max: number, x: number): number;
  _mclBnFr_isZero(x: number): number;
  _mclBnFr_inv(y: number, x: number): void;
  _mclBnFr_mul(z: number, x: number, y: number): void;
  _mclBnFr_neg(y: number, x: number): void;
  _mclBnFr_setInt32(x: number, v: number): void;
  _mclBnG1_clear(p: number): void;
  _mclBnG1_isValid(p: number): number;
  _mclBnG1_isValidOrder(p: number): number;
  _mclBnG1_isZero(p: number): number;
  _mclBnG1_add(r: number, a: number, b: number): void;
  _mclBnG1_neg(r: number, a: number): void;
  _mclBnG1_mul(r: number, a: number, s: number): void;
  _mclBnG1_mulVec(r: number, ps: number, ss: number, n: number): void;
  _mclBnG1_normalize(r: number, a: number): void;
  _mclBnG1_deserialize(p: number, buf: number, n: number): number;
  _mclBnG1_getBasePoint(p: number): number;
  _mclBnG2_clear(p: number): void;
  _mclBnG2_isValid(p: number): number;
  _mclBnG2_isValidOrder(p: number): number;
  _mclBnG2_isZero(p: number): number;
  _mclBnG2_add(r: number, a: number, b: number): void;
  _mclBnG2_neg(r: number, a: number): void;
  _mclBnG2_mulVec(r: number, ps: number, ss: number, n: number): void;
  _mclBnG2_normalize(r: number, a: number): void;
  _mclBnG2_deserialize(p: number, buf: number, n: number): number;
  _mclBn_millerLoopVec(e: number, ps: number, qs: number, n: number): void;
  _mclBn_finalExp(y: number, x: number): void;
  _mclBnGT_isOne(x: number): number;
  wasmMemory: { readonly buffer: ArrayBuffer };
}

export class McInstance {
  readonly raw: McRaw;
  /** Start of the fixed scratch area. */
  readonly scratch: number;
  private heap: Uint8Array;

  private constructor(raw: McRaw) {
    this.raw = raw;
    this.scratch = raw._malloc(SCRATCH_BYTES);
    this.heap = new Uint8Array(raw.wasmMemory.buffer);
  }

  /** Instantiates mcl for `curve` (asynchronous: WebAssembly instantiation). */
  static async create(curve: McCurve): Promise<McInstance> {
    const raw = (await createModule({
      cryptoGetRandomValues: (a: Uint8Array<ArrayBuffer>) => globalThis.crypto.getRandomValues(a),
    })) as McRaw;
    const err = raw._mclBn_init(curve, COMPILED_TIME_VAR);
    if (err !== 0) throw new Error(`mcl-wasm: mclBn_init(${curve}) failed with ${err}`);
    raw._mclBn_setETHserialization(0); // little-endian Fp/Fr (de)serialization everywhere
    return new McInstance(raw);
  }

  /** The instance memory (a fresh view after the memory grew, which detaches the old buffer). */
  mem(): Uint8Array {
    if (this.heap.byteLength === 0) this.heap = new Uint8Array(this.raw.wasmMemory.buffer);
    return this.heap;
  }

  /** `n` bytes of instance memory for a large input: the scratch area when it fits, else malloc'd. */
  alloc(n: number, scratchOffset: number): number {
    return scratchOffset + n <= SCRATCH_BYTES ? this.scratch + scratchOffset : this.raw._malloc(n);
  }

  /** Frees what `alloc` returned (a no-op for the scratch area). */
  release(p: number): void {
    if (p < this.scratch || p >= this.scratch + SCRATCH_BYTES) this.raw._free(p);
  }

  /** Copies `len` big-endian bytes of `src` at `off` to `ptr` reversed (little-endian). */
  putReversed(ptr: number, src: Uint8Array, off: number, len: number): void {
    const m = this.mem();
    for (let i = 0; i < len; i++) m[ptr + i] = src[off + len - 1 - i]!;
  }

  /** Reads `len` little-endian bytes at `ptr` into `out` at `off`, big-endian. */
  getReversed(ptr: number, out: Uint8Array, off: number, len: number): void {
    const m = this.mem();
    for (let i = 0; i < len; i++) out[off + i] = m[ptr + len - 1 - i]!;
  }

  /**
   * Sets the Fp element at `fp` from `len` big-endian bytes of `src` at `off`, through the scratch
   * byte buffer `tmp`; false when the value is >= p.
   */
  setFp(fp: number, src: Uint8Array, off: number, len: number, tmp: number): boolean {
    this.putReversed(tmp, src, off, len);
    return this.raw._mclBnFp_deserialize(fp, tmp, len) === len;
  }

  /** Writes the Fp element at `fp` as `len` big-endian bytes into `out` at `off`, through `tmp`. */
  getFp(fp: number, out: Uint8Array, off: number, len: number, tmp: number): void {
    const n = this.raw._mclBnFp_serialize(tmp, len, fp);
    if (n !== len) throw new Error(`mcl-wasm: Fp serialize wrote ${n} bytes, expected ${len}`);
    this.getReversed(tmp, out, off, len);
  }
}
