/**
 * One instance of mcl (herumi/mcl compiled to WebAssembly, npm `mcl-wasm`) per curve.
 *
 * mcl-wasm's own wrapper keeps a single module-wide instance (one curve per process) and allocates per
 * operation; here each curve gets its own WebAssembly instance of the package's module
 * (`mcl-wasm/dist/mcl_c.js` embeds the wasm bytes as base64: no file or network access, so it runs in
 * browsers too) and calls the C API (`mclBnG1_add`, `mclBn_millerLoopVec`, ...) on fixed buffers in the
 * instance's memory: no allocation per call except for large MSM/pairing inputs.
 *
 * Loading: the package's factory decodes the 436 KB module with `Uint8Array.from(atob(..), fn)` (~170 ms
 * per instance on the reference machine, ~230 ms under load) and compiles it once per instance. We take
 * the base64 text out of the factory's source (`Function.prototype.toString`, standard in every engine),
 * decode it with a table (~3 ms), compile it ONCE (asynchronously: browsers refuse large synchronous
 * compiles on the main thread) and instantiate it per curve synchronously, with the same imports as the
 * factory (memory, cryptoGetRandomValues) and its constructor call. If the text cannot be found (a
 * minifier rewrote the factory), the factory itself is used, one call per curve.
 *
 * Layout (the build's compile-time sizes, MCLBN_FP_UNIT_SIZE = 6, FR = 4): an Fp element is 48 bytes
 * of Montgomery limbs, Fr 32, G1 = x, y, z (144), G2 = three Fp2 (288), GT 576. Field elements cross the
 * boundary through mclBnFp_deserialize / _serialize, which use LITTLE-endian bytes and reject values >= p
 * (strict); the Ethereum encodings are big-endian, so bytes are reversed on the way in and out.
 */
import createModule from 'mcl-wasm/dist/mcl_c.js';
import { base64 } from '@scure/base';

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
  _mclBnG1_dbl(r: number, a: number): void;
  _mclBnG1_isEqual(a: number, b: number): number;
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
  _mclBn_getUint64NumToPrecompute(): number;
  _mclBn_precomputeG2(buf: number, q: number): void;
  _mclBn_precomputedMillerLoop(f: number, p: number, qbuf: number): void;
  _mclBn_precomputedMillerLoop2(f: number, p1: number, q1buf: number, p2: number, q2buf: number): void;
  _mclBnGT_isOne(x: number): number;
  wasmMemory: { readonly buffer: ArrayBuffer };
}

/** The part of the WebAssembly JS API used here (the project's `lib` has no DOM typings). */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (d: { initial: number }) => { readonly buffer: ArrayBuffer };
}

const fillRandom = (a: Uint8Array<ArrayBuffer>): Uint8Array => globalThis.crypto.getRandomValues(a);

let compiling: Promise<object | undefined> | undefined;
let compiled: object | undefined;

/** The module's wasm bytes, read out of the factory's source, or undefined (see the file comment). */
function wasmBytes(): Uint8Array | undefined {
  const match = /wasmBase64\s*=\s*['"]([A-Za-z0-9+/=]+)['"]/.exec(String(createModule));
  return match === null ? undefined : base64.decode(match[1]!);
}

/** The mcl module compiled once, or undefined when its bytes cannot be read out of the factory. */
function compiledModule(): Promise<object | undefined> {
  if (compiled !== undefined) return Promise.resolve(compiled);
  if (compiling === undefined) {
    compiling = (async () => {
      const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
      const bytes = wasmBytes();
      if (wasm === undefined || bytes === undefined) return undefined;
      return (compiled ??= await wasm.compile(bytes));
    })();
  }
  return compiling;
}

/**
 * The mcl module compiled once, synchronously (Node.js, workers: browsers refuse synchronous compiles of
 * this size on their main thread). Throws when WebAssembly or the module's bytes are unavailable.
 */
function compiledModuleSync(): object {
  if (compiled === undefined) {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    const bytes = wasmBytes();
    if (wasm === undefined) throw new Error('mcl-wasm: WebAssembly is unavailable');
    if (bytes === undefined) throw new Error("mcl-wasm: the module's bytes were not found in mcl_c.js (a rewritten build?)");
    compiled = new wasm.Module(bytes);
  }
  return compiled;
}

/** One instance of the compiled module, with the imports and exports the factory gives (mcl_c.js). */
function instantiate(compiled: object): McRaw {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!;
  const memory = new wasm.Memory({ initial: 32 });
  const env = {
    memory,
    cryptoGetRandomValues(ptr: number, size: number): void {
      const a = new Uint8Array(size);
      fillRandom(a);
      new Uint8Array(memory.buffer).set(a, ptr);
    },
  };
  const exports = new wasm.Instance(compiled, { env }).exports;
  const raw: Record<string, unknown> = { wasmMemory: memory, _malloc: exports['malloc'], _free: exports['free'] };
  for (const name of Object.keys(exports)) if (name.startsWith('mclBn')) raw['_' + name] = exports[name];
  const ctors = exports['__wasm_call_ctors'];
  if (typeof ctors === 'function') (ctors as () => void)();
  return raw as unknown as McRaw;
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

  /** Instantiates mcl for `curve` (asynchronous: the module compiles once, on the first call). */
  static async create(curve: McCurve): Promise<McInstance> {
    const module = await compiledModule();
    const raw = module === undefined ? ((await createModule({ cryptoGetRandomValues: fillRandom })) as McRaw) : instantiate(module);
    return McInstance.init(raw, curve);
  }

  /** Instantiates mcl for `curve` synchronously (the module compiles once; see `compiledModuleSync`). */
  static createSync(curve: McCurve): McInstance {
    return McInstance.init(instantiate(compiledModuleSync()), curve);
  }

  private static init(raw: McRaw, curve: McCurve): McInstance {
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
