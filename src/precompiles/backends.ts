/**
 * Pluggable cryptographic backends for the precompiles.
 *
 * Each precompile file keeps its gas function, its length checks and the parts of its input rules that
 * are plain byte comparisons; the curve and hash work goes through one of the backends below. The
 * defaults are portable and synchronous (@noble/*), so the registry works the moment it is imported, in
 * Node and in browsers. Faster backends are installed later, all at once, by
 *   - `initPrecompiles()` (src/precompiles/init.ts, portable): mcl-wasm (WebAssembly) for bn254, BLS12-381
 *     (and so KZG), secp256k1 and secp256r1; it must be awaited once because WebAssembly instantiates
 *     asynchronously, but the calls it installs are synchronous;
 *   - `installNodePrecompiles()` (src/cli/nodePrecompiles.ts, Node only): libsecp256k1 as a native addon
 *     for ECRECOVER and node:crypto for SHA-256 and RIPEMD-160.
 * Until then, and wherever a faster backend is unavailable, the noble backend answers. Every backend must
 * give byte-identical results: test/precompiles/backends.test.ts runs the vectors through each of them.
 *
 * Inputs handed to a backend already have the exact length the operation needs (the precompile pads or
 * rejects first); a backend returns null when the input is invalid (a point off its curve, outside the
 * subgroup where one is required, a coordinate >= p), which fails the call.
 */
import { nobleHashes } from './noble/hashes.js';
import { loadNobleCurves } from './noble/load.js';

/** EIP-196/197 alt_bn128. Points: G1 x(32)||y(32), G2 x_im||x_re||y_im||y_re; zeros = infinity. */
export interface Bn254Backend {
  /** 128 bytes: two G1 points -> their sum (64 bytes). */
  add(input: Uint8Array): Uint8Array | null;
  /** 96 bytes: G1 point || 256-bit scalar -> scalar * point (64 bytes). */
  mul(input: Uint8Array): Uint8Array | null;
  /** k * 192 bytes of G1 || G2 pairs (k >= 0) -> whether the product of the pairings is 1. */
  pairing(input: Uint8Array): boolean | null;
}

/** EIP-2537 BLS12-381. Fp = 64 bytes (16 zero bytes, then 48, < p); G1 128 bytes, G2 256; zeros = infinity. */
export interface Bls12381Backend {
  /** 256 bytes -> 128 (no subgroup check). */
  g1Add(input: Uint8Array): Uint8Array | null;
  /** 512 bytes -> 256 (no subgroup check). */
  g2Add(input: Uint8Array): Uint8Array | null;
  /** k >= 1 pairs of G1 point || 32-byte scalar (subgroup checked) -> 128 bytes. */
  g1Msm(input: Uint8Array): Uint8Array | null;
  /** k >= 1 pairs of G2 point || 32-byte scalar (subgroup checked) -> 256 bytes. */
  g2Msm(input: Uint8Array): Uint8Array | null;
  /** k >= 1 pairs of G1 || G2 (subgroup checked) -> whether the product of the pairings is 1. */
  pairing(input: Uint8Array): boolean | null;
  /** 64 bytes: an Fp element -> clear_cofactor(map_to_curve_sswu(u)) in G1 (RFC 9380), 128 bytes. */
  mapFpToG1(input: Uint8Array): Uint8Array | null;
  /** 128 bytes: an Fp2 element c0 || c1 -> the G2 point, 256 bytes. */
  mapFp2ToG2(input: Uint8Array): Uint8Array | null;
  /**
   * EIP-4844 verify_kzg_proof against the mainnet trusted setup: commitment and proof are 48-byte
   * compressed G1 points (validated, subgroup checked), z and y 32-byte big-endian field elements
   * (must be below the BLS modulus). False for a wrong proof and for any malformed argument.
   */
  verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean;
}

export interface Secp256k1Backend {
  /**
   * The 64-byte public key x || y that signed `hash` (32 bytes) with signature r || s (`rs`, 64 bytes,
   * the caller has checked 1 <= r, s < n; any s, no low-s rule) and recovery id `recovery` (0 or 1),
   * or null when none recovers (r is not the x of a curve point, or the result is infinity).
   */
  recover(hash: Uint8Array, rs: Uint8Array, recovery: number): Uint8Array | null;
}

export interface P256Backend {
  /**
   * EIP-7951 check of the 160-byte input hash || r || s || qx || qy. The caller has checked
   * 1 <= r, s < n, qx, qy < p and (qx, qy) != (0, 0); the backend checks the curve equation and
   * verifies: R' = (h/s) G + (r/s) Q not infinity and R'.x mod n == r.
   */
  verify(input: Uint8Array): boolean;
}

export interface HashBackend {
  sha256(data: Uint8Array): Uint8Array;
  /** The 20-byte digest. */
  ripemd160(data: Uint8Array): Uint8Array;
}

export interface PrecompileBackends {
  bn254: Bn254Backend;
  bls12381: Bls12381Backend;
  secp256k1: Secp256k1Backend;
  p256: P256Backend;
  hashes: HashBackend;
}

/** A backend set with a name per slot, so that benchmarks and tests can say what ran. */
export type NamedBackends = { [K in keyof PrecompileBackends]: PrecompileBackends[K] & { readonly name: string } };

type Slot = keyof PrecompileBackends;

/** Each slot's operations (what a lazy stand-in forwards). */
const SLOT_METHODS: { readonly [K in Slot]: readonly Exclude<keyof PrecompileBackends[K], 'name'>[] } = {
  bn254: ['add', 'mul', 'pairing'],
  bls12381: ['g1Add', 'g2Add', 'g1Msm', 'g2Msm', 'pairing', 'mapFpToG1', 'mapFp2ToG2', 'verifyKzgProof'],
  secp256k1: ['recover'],
  p256: ['verify'],
  hashes: ['sha256', 'ripemd160'],
};

/**
 * A stand-in for the backend `create()` builds, made on the first call of any of its operations
 * (synchronously). The real backend then takes the slot, if the stand-in still holds it, so later calls
 * reach it directly; the stand-in keeps forwarding wherever it was copied (NOBLE_BACKENDS, a saved set).
 * `name` is what the slot reports until then. A `create` that throws throws from that call, and again
 * from the next (nothing is cached).
 */
export function lazyBackend<K extends Slot>(slot: K, name: string, create: () => NamedBackends[K]): NamedBackends[K] {
  let real: NamedBackends[K] | undefined;
  const stand = { name } as Record<string, unknown>;
  const get = (): NamedBackends[K] => {
    if (real === undefined) {
      real = create();
      if (backends[slot] === (stand as unknown)) backends[slot] = real;
    }
    return real;
  };
  for (const m of SLOT_METHODS[slot]) {
    stand[m as string] = (...args: unknown[]): unknown =>
      (get() as unknown as Record<string, (...a: unknown[]) => unknown>)[m as string]!(...args);
  }
  return stand as unknown as NamedBackends[K];
}

/**
 * The backends in use. The precompiles read a slot on every call (one property load), so swapping a
 * backend takes effect at once, for every fork's registry.
 */
export const backends: NamedBackends = {
  bn254: lazyBackend('bn254', '@noble/curves', () => loadNobleCurves().nobleBn254),
  bls12381: lazyBackend('bls12381', '@noble/curves', () => loadNobleCurves().nobleBls12381),
  secp256k1: lazyBackend('secp256k1', '@noble/curves', () => loadNobleCurves().nobleSecp256k1),
  p256: lazyBackend('p256', '@noble/curves', () => loadNobleCurves().nobleP256),
  hashes: nobleHashes,
};

/** The portable synchronous defaults (@noble/*; the curve library loads on first use). */
export const NOBLE_BACKENDS: Readonly<NamedBackends> = Object.freeze({ ...backends });

/** Installs the given backends (the others stay as they are). */
export function setPrecompileBackends(partial: Partial<NamedBackends>): void {
  Object.assign(backends, partial);
}

/** A copy of the backend slots as they are now (to restore them later with setPrecompileBackends). */
export function currentPrecompileBackends(): NamedBackends {
  return { ...backends };
}

/** Which library answers each slot, e.g. { bn254: 'mcl-wasm', hashes: 'node:crypto', ... }. */
export function precompileBackendNames(): Record<keyof PrecompileBackends, string> {
  return {
    bn254: backends.bn254.name,
    bls12381: backends.bls12381.name,
    secp256k1: backends.secp256k1.name,
    p256: backends.p256.name,
    hashes: backends.hashes.name,
  };
}
