/** The browser twin of ./load.ts: the same module, imported statically (a bundle carries it anyway). */
import * as NobleCurves from './curves.js';

export function loadNobleCurves(): typeof NobleCurves {
  return NobleCurves;
}
