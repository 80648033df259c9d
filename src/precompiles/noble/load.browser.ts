/**
 * The browser twin of ./load.ts: the @noble/curves precompile backends (./curves.ts, with the KZG trusted
 * setup: ~850 KB of script) are a chunk of their own, fetched on first use with a dynamic import() so that
 * a page running plain contract code never downloads them. Precompiles are synchronous: the first call
 * that needs a curve starts the load and throws (an EVM call that throws is undone by the API); awaiting
 * `loadCurves()` (or `initPrecompiles()`, whose mcl-wasm backends replace these) once beforehand makes
 * every later call synchronous.
 */
import type * as NobleCurves from './curves.js';

let curves: typeof NobleCurves | undefined;
let loading: Promise<void> | undefined;

export function preloadNobleCurves(): Promise<void> {
  return (loading ??= import('./curves.js').then((m) => {
    curves = m;
  }));
}

export function loadNobleCurves(): typeof NobleCurves {
  if (curves !== undefined) return curves;
  void preloadNobleCurves().catch(() => undefined);
  throw new Error(
    'the @noble/curves precompile backends load on first use in browsers: await loadCurves() or initPrecompiles() before running code that calls a curve precompile',
  );
}
