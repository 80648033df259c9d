/**
 * The browser twin of ./secp256k1Load.ts: @noble/curves' secp256k1 (./secp256k1Curve.ts) is a chunk of its
 * own, fetched on first use with a dynamic import(). Signing and recovery are synchronous: the first one
 * starts the load and throws; awaiting `loadCurves()` (or `initPrecompiles()`) once beforehand makes every
 * later one synchronous.
 */
import type * as Secp256k1Curve from './secp256k1Curve.js';

let curve: typeof Secp256k1Curve | undefined;
let loading: Promise<void> | undefined;

export function preloadSecp256k1Curve(): Promise<void> {
  return (loading ??= import('./secp256k1Curve.js').then((m) => {
    curve = m;
  }));
}

export function loadSecp256k1Curve(): typeof Secp256k1Curve {
  if (curve !== undefined) return curve;
  void preloadSecp256k1Curve().catch(() => undefined);
  throw new Error(
    'secp256k1 loads on first use in browsers: await loadCurves() or initPrecompiles() before signing or recovering a signature',
  );
}
