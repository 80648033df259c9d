// Bundles the command line (dist/src/cli/main.js and what it imports, with each command and other
// dynamic imports as their own chunks) into dist/src/cli/bundle/, which bin/evmkit runs: ~90 modules
// loaded as a handful of files cost ~1.3 MB less resident memory than loaded one by one (BENCHMARKS.md,
// Peak memory). The directory sits two levels below dist/src/, as src/primitives/platform/requireFromSrc.ts
// does, so the modules it loads on first use (paths from dist/src/) resolve the same way from the bundle.
// Run by `npm run build` after tsc.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/src/cli/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [`${root}dist/src/cli/main.js`],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  // CommonJS packages that require Node built-ins cannot be inlined into an ES module bundle; they load
  // from node_modules at run time (ws: the WebSocket server of `evmkit node`).
  external: ['ws'],
});
