/**
 * keccak256. hash-wasm's WebAssembly Keccak is 8x faster than @noble/hashes on 32-byte inputs and 12x on
 * 24 KB of code (BENCHMARKS.md, Keccak), but the first WebAssembly module a process compiles costs it
 * ~2.3 MB of resident memory (V8's WebAssembly compiler and runtime) and a few ms. So hashing starts on
 * @noble/hashes and moves to hash-wasm once the process has hashed enough for it to pay (ski rental: after
 * WASM_AFTER_HASHES hashes, ~10 ms of slower hashing, about what the switch costs). WebAssembly loads
 * asynchronously: the switch takes effect from the next turn of the event loop, and wherever WebAssembly is
 * unavailable the JS one stays. The output is identical either way, only the speed differs.
 * Callers that want the fast path from the first hash await `keccakReady` (the benchmarks and the
 * conformance workers do); awaiting it is what starts the load.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { IHasher } from 'hash-wasm/dist/index.esm.js';
import { bytesToBigint } from '../hex.js';

/** Hashes on @noble/hashes (~5 us each on short inputs) after which the WebAssembly keccak is loaded. */
export const WASM_AFTER_HASHES = 2000;

let wasm: IHasher | null = null;
let jsHashes = 0;
let loading: Promise<void> | undefined;

/**
 * Loads the WebAssembly keccak (once) and resolves when it is in use; never rejects (a failure keeps the
 * JS one). hash-wasm itself is imported only here.
 */
function loadFastKeccak(): Promise<void> {
  return (loading ??= import('hash-wasm/dist/index.esm.js')
    .then((m) => m.createKeccak(256))
    .then(
      (h) => {
        wasm = h;
      },
      () => undefined,
    ));
}

/** Whether keccak256 runs on WebAssembly yet. */
export function keccakBackend(): 'hash-wasm' | '@noble/hashes' {
  return wasm === null ? '@noble/hashes' : 'hash-wasm';
}

/**
 * Awaiting this loads the WebAssembly keccak and resolves once it is in use (never rejects). A thenable,
 * not a Promise made at import, so that a process which never awaits it pays nothing for WebAssembly
 * unless it hashes enough (see above).
 */
export const keccakReady: PromiseLike<void> = {
  then<A = void, B = never>(onFulfilled?: ((v: void) => A | PromiseLike<A>) | null, onRejected?: ((e: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    return loadFastKeccak().then(onFulfilled, onRejected);
  },
};

export function keccak256(data: Uint8Array): Uint8Array {
  const h = wasm;
  if (h === null) {
    if (++jsHashes === WASM_AFTER_HASHES) void loadFastKeccak();
    return keccak_256(data);
  }
  h.init();
  h.update(data);
  return h.digest('binary');
}

/** keccak256 of the empty string: the code hash of an account without code. */
export const KECCAK_EMPTY: Uint8Array = keccak_256(new Uint8Array(0));

/** keccak256 of RLP("") (0x80): the root of an empty trie. */
export const EMPTY_TRIE_ROOT: Uint8Array = keccak_256(Uint8Array.of(0x80));

/** keccak256 as a 256-bit word. */
export function keccak256Word(data: Uint8Array): bigint {
  return bytesToBigint(keccak256(data));
}

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
