/**
 * The @noble/curves precompile backends (./curves.ts), loaded synchronously on the first call: loading
 * them (and the KZG trusted setup) at start-up costs ~5 MB of resident memory that a run of plain contract
 * code never uses (BENCHMARKS.md, Peak memory); precompiles are synchronous, so the loading must be too.
 * Browser bundles use ./load.browser.ts (package.json "browser").
 */
import { requireFromSrc } from '../../primitives/platform/requireFromSrc.js';
import type * as NobleCurves from './curves.js';

let curves: typeof NobleCurves | undefined;

export function loadNobleCurves(): typeof NobleCurves {
  return (curves ??= requireFromSrc<typeof NobleCurves>('precompiles/noble/curves.js'));
}

/** Loads them now (in browsers, ./load.browser.ts, this is what lets later calls run synchronously). */
export function preloadNobleCurves(): Promise<void> {
  loadNobleCurves();
  return Promise.resolve();
}
