/**
 * The browser bundle of a page that imports createEVM and runs a call (bench/bundle/size.ts: esbuild,
 * code-split, minified, initial chunks, gzipped) is no larger than @ethereumjs/evm's bundled the same way:
 * the curve libraries, the KZG trusted setup and the WebAssembly modules stay out of the initial chunks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleSize, ETHEREUMJS_PAGE, EVMKIT_PAGE } from '../../bench/bundle/size.js';

test('browser bundle: createEVM + call, initial chunks gzipped, no larger than @ethereumjs/evm', async () => {
  const ours = await bundleSize('evmkit', EVMKIT_PAGE);
  const peer = await bundleSize('@ethereumjs/evm', ETHEREUMJS_PAGE);
  assert.ok(
    ours.initialGzip <= peer.initialGzip,
    `evmkit ${ours.initialGzip} bytes gzipped against @ethereumjs/evm ${peer.initialGzip}; largest inputs: ${ours.top
      .slice(0, 5)
      .map((t) => `${t.path} ${t.bytes}`)
      .join(', ')}`,
  );
  // @noble/curves' secp256k1 and its weierstrass code stay in: main's RPC exports (dev accounts from a
  // mnemonic through @scure/bip32) import them statically; the pairing curves must not
  for (const heavy of [
    'trusted-setups',
    'mcl-wasm',
    'hash-wasm',
    '@noble/curves/bls12-381',
    '@noble/curves/bn254',
    '@noble/curves/nist',
    'blake2f-wasm',
  ]) {
    assert.ok(!ours.top.some((t) => t.path.includes(heavy)), `${heavy} is in the initial chunks`);
  }
});
