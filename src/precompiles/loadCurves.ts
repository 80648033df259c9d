/**
 * `loadCurves()`: loads the @noble/curves precompile backends (bn254, BLS12-381, KZG with its trusted
 * setup, secp256k1, P-256) and the secp256k1 curve that signs and recovers transactions. Under Node they load
 * synchronously on first use anyway and this resolves at once; browser bundles fetch them on first use
 * (a chunk of their own), and a synchronous call that needs one before it arrived throws: await this (or
 * `initPrecompiles()`) once first.
 */
import { preloadNobleCurves } from './noble/load.js';
import { preloadSecp256k1Curve } from '../primitives/crypto/secp256k1Load.js';

export async function loadCurves(): Promise<void> {
  await Promise.all([preloadNobleCurves(), preloadSecp256k1Curve()]);
}
