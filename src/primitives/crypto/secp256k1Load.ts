/**
 * @noble/curves' secp256k1 (./secp256k1Curve.ts), loaded on the first signature operation: loading the
 * curve libraries at start-up costs resident memory a run of plain contract code never uses
 * (BENCHMARKS.md, Peak memory). Browser bundles use ./secp256k1Load.browser.ts (package.json "browser").
 */
import { requireFromSrc } from '../platform/requireFromSrc.js';
import type * as Secp256k1Curve from './secp256k1Curve.js';

let curve: typeof Secp256k1Curve | undefined;

export function loadSecp256k1Curve(): typeof Secp256k1Curve {
  return (curve ??= requireFromSrc<typeof Secp256k1Curve>('primitives/crypto/secp256k1Curve.js'));
}

/** Loads it now (in browsers, ./secp256k1Load.browser.ts, this is what lets later calls run synchronously). */
export function preloadSecp256k1Curve(): Promise<void> {
  loadSecp256k1Curve();
  return Promise.resolve();
}
