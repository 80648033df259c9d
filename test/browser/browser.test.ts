/**
 * The core runs in a browser: bundle src/index (dist) with esbuild for the browser platform (which fails
 * on any Node-only import), then run a call in headless Chromium through playwright-core. Skips with a
 * message when /usr/bin/chromium is absent (CI installs it: .ci/run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const entry = fileURLToPath(new URL('../../src/index.js', import.meta.url));

const PAGE_SCRIPT = `
(async () => {
  const { createEVM, asm } = evmkit;
  const evm = createEVM({ fork: 'Prague' });
  const to = '0x2222222222222222222222222222222222222222';
  evm.setCode(to, asm('PUSH1 2 PUSH1 3 ADD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'));
  const r = evm.call({ to });
  // The curve code is fetched on first use in a browser (src/precompiles/noble/load.browser.ts): before it
  // is loaded a synchronous call that needs it throws, and the state is as it was; after loadCurves(), a
  // signature and a bn254 precompile call (0x06, infinity + infinity) run synchronously.
  let early = 'no error';
  try {
    evm.call({ to: '0x0000000000000000000000000000000000000006', data: new Uint8Array(128) });
  } catch (e) {
    early = /loadCurves/.test(e.message) ? 'threw' : e.message;
  }
  await evmkit.loadCurves();
  const signer = evmkit.addressToHex(evmkit.privateKeyToAddress(evmkit.hexToBytes('0x' + '00'.repeat(31) + '01')));
  const add = evm.call({ to: '0x0000000000000000000000000000000000000006', data: new Uint8Array(128) });
  document.title = r.returnData + ' ' + r.gasUsed + ' ' + early + ' ' + signer + ' ' + add.success + ' ' + add.returnData;
})().catch((e) => { document.title = 'error ' + e.message; });
`;

test('the core bundles for the browser with no Node-only import', async () => {
  const esbuild = await import('esbuild');
  const r = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'evmkit',
    write: false,
    logLevel: 'silent',
  });
  assert.equal(r.errors.length, 0);
  assert.ok(r.outputFiles[0]!.text.length > 10_000);
});

test(
  'a call runs in headless Chromium',
  { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} not installed (apt-get install chromium)` },
  async () => {
    const esbuild = await import('esbuild');
    const bundle = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'evmkit',
      write: false,
      logLevel: 'silent',
    });
    const { chromium } = await import('playwright-core');
    const dir = mkdtempSync(join(tmpdir(), 'evmkit-chromium-'));
    // A fresh user-data-dir per run (playwright passes it as --user-data-dir).
    const browser = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent('<!doctype html><title>loading</title>');
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
      await page.addScriptTag({ content: PAGE_SCRIPT });
      await page.waitForFunction("document.title !== 'loading'");
      const title = await page.title();
      assert.deepEqual(errors, []);
      assert.equal(
        title,
        '0x' + '00'.repeat(31) + '05 ' + String(21000 + 22) + ' threw 0x7e5f4552091a69125d5dfcb7b8c2659029395bdf true 0x' + '00'.repeat(64),
      );
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
