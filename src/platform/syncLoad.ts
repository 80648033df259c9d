/**
 * Synchronous loading, on first use, of the large modules few runs need: the curve libraries behind the
 * precompile backends (@noble/curves, the KZG trusted setup) and secp256k1 for signing and sender recovery.
 * Loading them all at start-up costs ~5 MB of resident memory (BENCHMARKS.md, Peak memory) that a run of
 * plain contract code never uses; precompiles and signatures are synchronous, so the loading must be too.
 *
 * This file is the Node.js (and Deno, Bun) variant: `require` of an ES module (Node.js >= 20.19).
 * Bundlers building for browsers use ./syncLoad.browser.ts instead (package.json "browser" field), which
 * imports the same modules statically: a bundle carries them anyway.
 */
import { createRequire } from 'node:module';
import type * as NobleCurves from '../precompiles/noble/curves.js';
import type * as Secp256k1Curve from '../crypto/secp256k1Curve.js';

const nodeRequire = createRequire(import.meta.url);

function load<T>(specifier: string): T {
  try {
    return nodeRequire(specifier) as T;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE')
      throw new Error(`evmkit: loading ${specifier} on first use needs Node.js >= 20.19 (require of an ES module): ${String(e)}`);
    throw e;
  }
}

let nobleCurves: typeof NobleCurves | undefined;
let secp256k1Curve: typeof Secp256k1Curve | undefined;

/** The @noble/curves precompile backends (src/precompiles/noble/curves.ts), loaded on the first call. */
export function loadNobleCurves(): typeof NobleCurves {
  return (nobleCurves ??= load<typeof NobleCurves>('../precompiles/noble/curves.js'));
}

/** @noble/curves' secp256k1 (src/crypto/secp256k1Curve.ts), loaded on the first call. */
export function loadSecp256k1Curve(): typeof Secp256k1Curve {
  return (secp256k1Curve ??= load<typeof Secp256k1Curve>('../crypto/secp256k1Curve.js'));
}
