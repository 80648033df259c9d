/**
 * The browser variant of ./syncLoad.ts (package.json "browser" maps one to the other for bundlers): the
 * same modules, imported statically, since a browser bundle carries them anyway and browsers have no
 * synchronous module loading. Same exports as ./syncLoad.ts (test/platform/syncLoad.test.ts checks it).
 */
import * as NobleCurves from '../precompiles/noble/curves.js';
import * as Secp256k1Curve from '../crypto/secp256k1Curve.js';

export function loadNobleCurves(): typeof NobleCurves {
  return NobleCurves;
}

export function loadSecp256k1Curve(): typeof Secp256k1Curve {
  return Secp256k1Curve;
}
