/** The browser twin of ./secp256k1Load.ts: the same module, imported statically (a bundle carries it anyway). */
import * as Secp256k1Curve from './secp256k1Curve.js';

export function loadSecp256k1Curve(): typeof Secp256k1Curve {
  return Secp256k1Curve;
}
