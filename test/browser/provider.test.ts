/**
 * The EIP-1193 provider from the browser bundle of the core (esbuild, platform browser: no Node-only
 * import): its script runs first as a plain function (no DOM needed), then in headless Chromium when
 * /usr/bin/chromium is there (CI installs it: .ci/run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const entry = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/** Runs in the page (or in Node): chain id, accounts, a personal_sign, and an unknown method's error code. */
const SCRIPT = `(async () => {
  const provider = evmkit.createProvider();
  const chainId = await provider.request({ method: 'eth_chainId' });
  const accounts = await provider.request({ method: 'eth_accounts' });
  const signature = await provider.request({ method: 'personal_sign', params: ['0x68656c6c6f', accounts[0]] });
  let code = 0;
  try { await provider.request({ method: 'eth_nope' }); } catch (e) { code = e.code; }
  return [chainId, accounts.length, accounts[0], signature, code].join(' ');
})()`;

const EXPECTED =
  '0x7a69 10 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266 ' +
  '0xf16ea9a3478698f695fd1401bfe27e9e4a7e8e3da94aa72b021125e31fa899cc573c48ea3fe1d4ab61a9db10c19032026e3ed2dbccba5a178235ac27f94504311c -32601';

async function bundle(): Promise<string> {
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
  return r.outputFiles[0]!.text;
}

test('the browser bundle answers EIP-1193 requests (run as a plain script)', async () => {
  const code = await bundle();
  const run = new Function(`${code}\nreturn ${SCRIPT};`) as () => Promise<string>;
  assert.equal(await run(), EXPECTED);
});

test(
  'the provider works in headless Chromium',
  { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} not installed (apt-get install chromium)` },
  async () => {
    const code = await bundle();
    const { chromium } = await import('playwright-core');
    const dir = mkdtempSync(join(tmpdir(), 'evmkit-chromium-'));
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
      await page.setContent('<!doctype html><title>provider</title>');
      await page.addScriptTag({ content: code });
      const result = await page.evaluate(SCRIPT);
      assert.deepEqual(errors, []);
      assert.equal(result, EXPECTED);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
