/**
 * keccak256 starts on @noble/hashes and loads hash-wasm by itself after WASM_AFTER_HASHES hashes, taking
 * effect from a later turn of the event loop (src/crypto/keccak.ts); `keccakReady` loads it at once. The
 * state is per process, so each case runs in a fresh child.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const KECCAK = new URL('../../src/primitives/crypto/keccak.js', import.meta.url).href;

function child(script: string): string[] {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const k = await import(${JSON.stringify(KECCAK)});\n${script}`], {
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('../../../', import.meta.url)),
    timeout: 30_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n');
}

const ticks = 'for (let i = 0; i < 50 && k.keccakBackend() !== "hash-wasm"; i++) await new Promise((r) => setTimeout(r, 10));';

test('keccak256 switches to hash-wasm after WASM_AFTER_HASHES hashes, from a later turn of the event loop', () => {
  const out = child(`
    const data = new TextEncoder().encode('evmkit');
    const hex = (b) => Buffer.from(b).toString('hex');
    const first = hex(k.keccak256(data));
    for (let i = 1; i < k.WASM_AFTER_HASHES - 1; i++) k.keccak256(data);
    await new Promise((r) => setTimeout(r, 50));
    console.log(k.keccakBackend()); // one hash short: still JS
    k.keccak256(data);
    console.log(k.keccakBackend()); // the load has only started
    ${ticks}
    console.log(k.keccakBackend());
    console.log(first === hex(k.keccak256(data)) ? 'same' : 'different');
  `);
  assert.deepEqual(out, ['@noble/hashes', '@noble/hashes', 'hash-wasm', 'same']);
});

test('awaiting keccakReady loads hash-wasm at once', () => {
  const out = child(`
    console.log(k.keccakBackend());
    await k.keccakReady;
    console.log(k.keccakBackend());
  `);
  assert.deepEqual(out, ['@noble/hashes', 'hash-wasm']);
});
