/**
 * keccak256. evmkit's own WebAssembly Keccak (./keccakKernel.ts: ~2 KB, the message copied in padded, one
 * call, the digest read back as bytes or straight as a word) is ~10x faster than @noble/hashes on short
 * inputs, but the first WebAssembly module a process compiles costs it ~2.3 MB of resident memory (V8's
 * WebAssembly compiler and runtime) and a few ms. So hashing starts on @noble/hashes and moves to the
 * WebAssembly one once the process has hashed enough for it to pay (ski rental: after WASM_AFTER_HASHES
 * hashes, ~10 ms of slower hashing, about what the switch costs). The module is small enough to compile
 * synchronously, so the switch takes effect at that hash; wherever WebAssembly is unavailable the JS one
 * stays. The output is identical either way, only the speed differs. Callers that want the fast path from
 * the first hash await `keccakReady` (the benchmarks and the conformance workers do).
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToBigint } from '../hex.js';
import { createKeccakKernel, type KeccakKernel } from './keccakKernel.js';

/** Hashes on @noble/hashes (~5 us each on short inputs) after which the WebAssembly keccak is loaded. */
export const WASM_AFTER_HASHES = 2000;

let wasm: KeccakKernel | null = null;
let jsHashes = 0;
/** Tried to instantiate it already (null above then means WebAssembly is unavailable). */
let tried = false;

function loadFastKeccak(): void {
  if (tried) return;
  tried = true;
  wasm = createKeccakKernel();
}

/**
 * Moves keccak256 to WebAssembly now (synchronously; nothing happens where WebAssembly is unavailable), for
 * a user that is going to hash plenty whatever happens: a dev node hashes tens of times per mined block,
 * so its first WASM_AFTER_HASHES hashes (~100 blocks) would otherwise run on @noble/hashes.
 */
export function preferFastKeccak(): void {
  loadFastKeccak();
}

/** Whether keccak256 runs on WebAssembly yet. */
export function keccakBackend(): 'wasm' | '@noble/hashes' {
  return wasm === null ? '@noble/hashes' : 'wasm';
}

/**
 * Awaiting this loads the WebAssembly keccak (it is in use once this resolves; never rejects). A thenable,
 * not a Promise made at import, so that a process which never awaits it pays nothing for WebAssembly unless
 * it hashes enough (see above).
 */
export const keccakReady: PromiseLike<void> = {
  then<A = void, B = never>(
    onFulfilled?: ((v: void) => A | PromiseLike<A>) | null,
    onRejected?: ((e: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    loadFastKeccak();
    return Promise.resolve().then(onFulfilled, onRejected);
  },
};

export function keccak256(data: Uint8Array): Uint8Array {
  const h = wasm;
  if (h === null) {
    if (++jsHashes === WASM_AFTER_HASHES) loadFastKeccak();
    return keccak_256(data);
  }
  return h.bytes(data);
}

/** keccak256 as a 256-bit word (KECCAK256, CREATE2 salts' hashes...): on WebAssembly, no bytes in between. */
export function keccak256Word(data: Uint8Array): bigint {
  const h = wasm;
  if (h === null) return bytesToBigint(keccak256(data));
  return h.word(data);
}

/** keccak256Word of src[off, off + len) (KECCAK256 on frame memory: no subarray on the WebAssembly path). */
export function keccak256WordAt(src: Uint8Array, off: number, len: number): bigint {
  const h = wasm;
  if (h === null) return keccak256Word(src.subarray(off, off + len));
  return h.wordAt(src, off, len);
}

/** keccak256 of the empty string: the code hash of an account without code. */
export const KECCAK_EMPTY: Uint8Array = keccak_256(new Uint8Array(0));

/** keccak256 of RLP("") (0x80): the root of an empty trie. */
export const EMPTY_TRIE_ROOT: Uint8Array = keccak_256(Uint8Array.of(0x80));

const codeHashes = new WeakMap<Uint8Array, Uint8Array>();

/**
 * keccak256 of contract code, cached by the code array (as the analysis cache is): accounts built from
 * the same alloc, or holding code deployed once, hash it once. Code arrays are never mutated in place.
 */
export function codeHash(code: Uint8Array): Uint8Array {
  let h = codeHashes.get(code);
  if (h === undefined) {
    h = keccak256(code);
    codeHashes.set(code, h);
  }
  return h;
}
