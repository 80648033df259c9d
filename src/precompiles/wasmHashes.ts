/**
 * SHA-256 and RIPEMD-160 on hash-wasm (hand-tuned WebAssembly builds of the reference C code; portable,
 * the wasm is embedded): 2.5x @noble/hashes for SHA-256 and 5x for RIPEMD-160 at every input length
 * measured (bench/precompiles, BENCHMARKS.md). Its hashers are created asynchronously, once, by
 * `initPrecompiles()`; each call reuses them (init, update, digest: a fresh Uint8Array per digest). The ES
 * build is the one src/crypto/keccak.ts already loads (the package's CommonJS main costs ~10 MB more).
 */
import { createRIPEMD160, createSHA256 } from 'hash-wasm/dist/index.esm.js';
import type { NamedBackends } from './backends.js';

export async function createWasmHashes(): Promise<NamedBackends['hashes']> {
  const [sha, ripemd] = await Promise.all([createSHA256(), createRIPEMD160()]);
  return {
    name: 'hash-wasm',
    sha256(data) {
      sha.init();
      sha.update(data);
      return sha.digest('binary');
    },
    ripemd160(data) {
      ripemd.init();
      ripemd.update(data);
      return ripemd.digest('binary');
    },
  };
}
