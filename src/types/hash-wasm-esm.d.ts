/**
 * hash-wasm's ES module build. Its package.json has no "exports" and points Node's `main` at a UMD
 * bundle whose CommonJS load costs about 10 MB of RSS; the ES build (what bundlers pick through
 * "module") costs about 1 MB. Same API, typed from the package's own declarations.
 */
declare module 'hash-wasm/dist/index.esm.js' {
  export * from 'hash-wasm';
}
