/**
 * bin/evmkit runs the bundled command line (dist/src/cli/bundle, scripts/bundle-cli.mjs). The code it
 * loads on first use is resolved against the bundle's own location, so each kind is exercised through
 * the real binary: the version (package.json), a bn254 precompile on the Node set (mcl-wasm, required
 * lazily by src/cli/nodePrecompiles.ts) and on the portable set (@noble/curves through
 * src/platform/syncLoad.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = `${ROOT}bin/evmkit`;

function evmkit(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// 2 * G1 generator on bn254 (EIP-196 ECMUL at 0x07): store x=1, y=2, s=2, STATICCALL 0x07, return 64 bytes.
const ECMUL_CODE = '0x600160005260026020526002604052604060006060600060075afa5060406000f3';
const TWO_G =
  '0x030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3' + '15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4';

test('bin/evmkit runs the bundle that npm run build writes', () => {
  assert.match(readFileSync(BIN, 'utf8'), /import\('\.\.\/dist\/src\/cli\/bundle\/main\.js'\)/);
  assert.ok(existsSync(`${ROOT}dist/src/cli/bundle/main.js`));
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
  const r = evmkit(['--version']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `evmkit version ${pkg.version}\n`);
});

for (const set of ['node', 'noble'] as const) {
  test(`bin/evmkit run: a bn254 precompile loads its ${set} backend on first use from the bundle`, () => {
    const r = evmkit(['run', '--code', ECMUL_CODE], { EVMKIT_PRECOMPILE_BACKENDS: set });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.split('\n')[0], TWO_G);
  });
}
