/**
 * keccak-512 of one 64-byte row, read from and written to Int32Array words: the one hash in Ethash's hot
 * loops (4 per cache row, 2 per dataset item). Words are little-endian values (word k = bytes 4k..4k+3 read
 * little-endian), as Ethash defines them, so results never depend on the platform's byte order.
 *
 * Two backends, same output:
 * - hash-wasm's WebAssembly keccak-512, once loaded (await `ethashReady`): the fastest measured, ~3x
 *   @noble/hashes on the epoch-0 cache (BENCHMARKS.md, Ethash). Its public API copies each input into
 *   WebAssembly memory through a subarray and returns each digest as a fresh 64-byte array: two small
 *   young-generation objects per hash that the API does not let a caller avoid.
 * - until then (or wherever WebAssembly is unavailable), @noble/hashes' Keccak-f[1600] permutation
 *   (`keccakP`, what its keccak_512 runs) driven directly on a reused state, allocating nothing: a 64-byte
 *   message fits in one 72-byte keccak-512 block, so hashing it is the 16 words into a zeroed state, keccak
 *   padding (0x01 after the message, 0x80 on the block's last byte), one permutation, 16 words out.
 * hash-wasm is imported lazily, as src/primitives/crypto/keccak.ts does for keccak256 (a separate keccak-256
 * instance): when `ethashReady` is first awaited, or in the background when a first cache is generated
 * (cache.ts), so merely importing Ethash costs no WebAssembly.
 */
import { keccakP } from '@noble/hashes/sha3.js';
import type { IHasher } from 'hash-wasm/dist/index.esm.js';

/** Writes keccak512(64 bytes) of src[srcOff..srcOff+16) to dst[dstOff..dstOff+16); the ranges may overlap. */
export type Keccak512Words = (src: Int32Array, srcOff: number, dst: Int32Array, dstOff: number) => void;

const state = new Uint32Array(50);

/** Pads a 64-byte message already in state[0..16), permutes, and squeezes 16 words. */
function padPermuteSqueeze(dst: Int32Array, dstOff: number): void {
  const s = state;
  s[16] = 0x01; // keccak's padding byte right after the 64-byte message
  s[17] = 0x80000000; // the final bit, on byte 71: the last of keccak-512's 72-byte rate
  s.fill(0, 18);
  keccakP(s);
  for (let i = 0; i < 16; i++) dst[dstOff + i] = s[i]!;
}

/** The pure-JS backend (@noble/hashes keccakP), allocation-free. */
export const keccak512WordsJs: Keccak512Words = (src, srcOff, dst, dstOff) => {
  const s = state;
  for (let i = 0; i < 16; i++) s[i] = src[srcOff + i]!;
  padPermuteSqueeze(dst, dstOff);
};

let wasm: IHasher | null = null;
const ioBytes = new Uint8Array(64);

/** The WebAssembly backend (hash-wasm); only valid once loaded. */
function keccak512WordsWasm(h: IHasher, src: Int32Array, srcOff: number, dst: Int32Array, dstOff: number): void {
  wordsToBytesLE(src, srcOff, 16, ioBytes, 0);
  h.init();
  h.update(ioBytes);
  bytesToWordsLE(h.digest('binary'), dst, dstOff);
}

/** keccak-512 of a row on the fastest backend loaded. */
export const keccak512Words: Keccak512Words = (src, srcOff, dst, dstOff) => {
  const h = wasm;
  if (h !== null) keccak512WordsWasm(h, src, srcOff, dst, dstOff);
  else keccak512WordsJs(src, srcOff, dst, dstOff);
};

/** The WebAssembly backend as a Keccak512Words, or undefined until `ethashReady` has resolved (benchmarks, tests). */
export function keccak512WordsWasmLoaded(): Keccak512Words | undefined {
  const h = wasm;
  return h === null ? undefined : (src, srcOff, dst, dstOff) => keccak512WordsWasm(h, src, srcOff, dst, dstOff);
}

/** Which backend keccak512Words runs on now. */
export function keccak512Backend(): 'hash-wasm' | '@noble/hashes' {
  return wasm === null ? '@noble/hashes' : 'hash-wasm';
}

let loading: Promise<void> | undefined;

/**
 * Awaiting this loads hash-wasm's keccak-512 (once) and resolves when it is in use; it never rejects (a failed
 * load keeps the JS backend). A thenable, not a Promise made at import, so importing costs nothing.
 */
export const ethashReady: PromiseLike<void> = {
  then<A = void, B = never>(
    onFulfilled?: ((v: void) => A | PromiseLike<A>) | null,
    onRejected?: ((e: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    loading ??= import('hash-wasm/dist/index.esm.js')
      .then((m) => m.createKeccak(512))
      .then(
        (h) => {
          wasm = h;
        },
        () => undefined,
      );
    return loading.then(onFulfilled, onRejected);
  },
};

/** Little-endian words of bytes (length a multiple of 4). */
export function bytesToWordsLE(bytes: Uint8Array, dst: Int32Array, dstOff: number): void {
  for (let i = 0, j = 0; j < bytes.length; i++, j += 4) {
    dst[dstOff + i] = bytes[j]! | (bytes[j + 1]! << 8) | (bytes[j + 2]! << 16) | (bytes[j + 3]! << 24);
  }
}

/** Bytes of little-endian words. */
export function wordsToBytesLE(words: Int32Array, off: number, count: number, dst: Uint8Array, dstOff: number): void {
  for (let i = 0; i < count; i++) {
    const w = words[off + i]!;
    const j = dstOff + 4 * i;
    dst[j] = w;
    dst[j + 1] = w >>> 8;
    dst[j + 2] = w >>> 16;
    dst[j + 3] = w >>> 24;
  }
}
