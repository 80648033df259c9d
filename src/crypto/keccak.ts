/**
 * keccak256. hash-wasm's WebAssembly Keccak is 8x faster than @noble/hashes on 32-byte inputs and 12x on
 * 24 KB of code (BENCHMARKS.md, Keccak). WebAssembly compiles asynchronously, so until `keccakReady`
 * resolves (the first tick after this module loads) and wherever WebAssembly is unavailable, the
 * same function runs on @noble/hashes: the output is identical, only the speed differs. Callers that
 * want the fast path from the first hash await `keccakReady` (the CLI, benchmarks and tests do).
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { createKeccak, type IHasher } from 'hash-wasm/dist/index.esm.js';
import { bytesToBigint } from '../util/hex.js';

let wasm: IHasher | null = null;

/** Resolves once the WebAssembly keccak is in use (never rejects: a failure keeps the JS one). */
export const keccakReady: Promise<void> = createKeccak(256).then(
  (h) => {
    wasm = h;
  },
  () => undefined,
);

export function keccak256(data: Uint8Array): Uint8Array {
  const h = wasm;
  if (h === null) return keccak_256(data);
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
