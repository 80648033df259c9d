/**
 * Browser bundle size of a page that imports `createEVM` and runs a call: esbuild (browser platform, ESM,
 * code splitting, minified), the initial chunks (the entry and what it imports statically; chunks behind a
 * dynamic import() load on first use), raw and gzipped. The same for @ethereumjs/evm (createEVM + runCall).
 *
 *   node dist/bench/bundle/size.js [--json]
 *
 * test/browser/size.test.ts checks evmkit's gzipped initial size against @ethereumjs/evm's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  readonly name: string;
  /** Minified bytes and gzipped bytes of the initial chunks. */
  readonly initial: number;
  readonly initialGzip: number;
  /** All chunks, loaded or not. */
  readonly total: number;
  readonly totalGzip: number;
  /** The largest inputs of the initial chunks (bytes in the output), for looking at what to take out. */
  readonly top: { path: string; bytes: number }[];
}

const REPO = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

export const EVMKIT_PAGE = `
import { createEVM } from ${JSON.stringify(join(REPO, 'dist/src/index.js'))};
const evm = createEVM({ fork: 'Prague' });
const to = '0x2222222222222222222222222222222222222222';
evm.setCode(to, Uint8Array.of(0x60, 0x02, 0x60, 0x03, 0x01, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3));
const r = evm.call({ to });
document.title = String(r.gasUsed);
`;

export const ETHEREUMJS_PAGE = `
import { createEVM } from '@ethereumjs/evm';
import { createAddressFromString, hexToBytes } from '@ethereumjs/util';
const evm = await createEVM();
const to = createAddressFromString('0x2222222222222222222222222222222222222222');
await evm.stateManager.putCode(to, hexToBytes('0x6002600301${'5f'}5260205ff3'));
const r = await evm.runCall({ to, gasLimit: 100000n });
document.title = String(r.execResult.executionGasUsed);
`;

export async function bundleSize(name: string, page: string): Promise<BundleSize> {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-bundle-'));
  try {
    const entry = join(dir, 'page.mjs');
    writeFileSync(entry, page);
    const r = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      outdir: join(dir, 'out'),
      write: false,
      metafile: true,
      logLevel: 'silent',
      nodePaths: [join(REPO, 'node_modules')],
      absWorkingDir: REPO,
    });
    const outputs = r.metafile.outputs;
    const files = new Map(r.outputFiles.map((f) => [resolve(f.path), f.contents]));
    const key = (p: string) => resolve(REPO, p);
    const entryOut = Object.keys(outputs).find((o) => outputs[o]!.entryPoint?.endsWith('page.mjs'))!;
    const initial = new Set<string>();
    const visit = (o: string) => {
      if (initial.has(o)) return;
      initial.add(o);
      for (const imp of outputs[o]!.imports) if (imp.kind === 'import-statement' && outputs[imp.path] !== undefined) visit(imp.path);
    };
    visit(entryOut);
    let a = 0;
    let ag = 0;
    let t = 0;
    let tg = 0;
    const inputs = new Map<string, number>();
    for (const o of Object.keys(outputs)) {
      if (!o.endsWith('.js')) continue;
      const bytes = files.get(key(o))!;
      const g = gzipSync(bytes, { level: 9 }).length;
      t += bytes.length;
      tg += g;
      if (initial.has(o)) {
        a += bytes.length;
        ag += g;
        for (const [p, i] of Object.entries(outputs[o]!.inputs)) inputs.set(p, (inputs.get(p) ?? 0) + i.bytesInOutput);
      }
    }
    const top = [...inputs]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 60)
      .map(([path, bytes]) => ({ path, bytes }));
    return { name, initial: a, initialGzip: ag, total: t, totalGzip: tg, top };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const results = [await bundleSize('evmkit', EVMKIT_PAGE), await bundleSize('@ethereumjs/evm', ETHEREUMJS_PAGE)];
  if (json) {
    console.log(JSON.stringify(results));
    return;
  }
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  for (const r of results) {
    console.log(
      `${r.name}: initial ${kb(r.initial)} minified / ${kb(r.initialGzip)} gzipped; all chunks ${kb(r.total)} / ${kb(r.totalGzip)}`,
    );
    for (const i of r.top.slice(0, 10)) console.log(`    ${kb(i.bytes).padStart(7)}  ${i.path}`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
