/**
 * `initPrecompiles()`: installs the fastest portable backends (mcl-wasm and hash-wasm, WebAssembly: runs in Node and
 * in browsers). Asynchronous once, because WebAssembly instantiates asynchronously; every precompile
 * call stays synchronous, and until the promise resolves (or if it is never awaited) the noble
 * backends answer. Idempotent: later calls return the same promise.
 *
 * Measured choices (BENCHMARKS.md, Precompiles): mcl-wasm is 4-14x faster than @noble/curves on every
 * curve precompile here; hash-wasm is 2.5-5x @noble/hashes for SHA-256 and RIPEMD-160 (node:crypto
 * takes long SHA-256 inputs under Node, src/cli/nodePrecompiles.ts).
 */
import { setPrecompileBackends } from './backends.js';
import { preloadSecp256k1Curve } from '../primitives/crypto/secp256k1Load.js';

let pending: Promise<void> | undefined;

export function initPrecompiles(): Promise<void> {
  if (pending === undefined) {
    pending = (async () => {
      // Imported here, not at the top: mcl-wasm's module text alone is ~600 KB, loaded only when asked for.
      const [{ createMclBn254 }, { createMclBls12381 }, { createMclP256, createMclSecp256k1 }, { createWasmHashes }] = await Promise.all([
        import('./mcl/bn254.js'),
        import('./mcl/bls12381.js'),
        import('./mcl/ecdsa.js'),
        import('./wasmHashes.js'),
      ]);
      const [bn254, bls12381, secp256k1, p256, hashes] = await Promise.all([
        createMclBn254(),
        createMclBls12381(),
        createMclSecp256k1(),
        createMclP256(),
        createWasmHashes(),
      ]);
      setPrecompileBackends({ bn254, bls12381, secp256k1, p256, hashes });
      // transaction signatures use @noble/curves' secp256k1 (fetched on first use in browsers)
      await preloadSecp256k1Curve();
    })();
  }
  return pending;
}
