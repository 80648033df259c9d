/**
 * keccak256 starts on @noble/hashes and moves to its WebAssembly kernel by itself at the WASM_AFTER_HASHES-th
 * hash (src/primitives/crypto/keccak.ts); `keccakReady` loads it at once. The state is per process, so each
 * case runs in a fresh child.
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

test('keccak256 switches to WebAssembly at the WASM_AFTER_HASHES-th hash, with the same digests', () => {
  const out = child(`
    const data = new TextEncoder().encode('evmkit');
    const hex = (b) => Buffer.from(b).toString('hex');
    const first = hex(k.keccak256(data));
    const firstWord = k.keccak256Word(data); // the second hash
    for (let i = 2; i < k.WASM_AFTER_HASHES - 1; i++) k.keccak256(data);
    console.log(k.keccakBackend()); // one hash short: still JS
    k.keccak256(data);
    console.log(k.keccakBackend());
    console.log(first === hex(k.keccak256(data)) && firstWord === k.keccak256Word(data) ? 'same' : 'different');
  `);
  assert.deepEqual(out, ['@noble/hashes', 'wasm', 'same']);
});

test('awaiting keccakReady loads the WebAssembly keccak at once', () => {
  const out = child(`
    console.log(k.keccakBackend());
    await k.keccakReady;
    console.log(k.keccakBackend());
  `);
  assert.deepEqual(out, ['@noble/hashes', 'wasm']);
});

test('preferFastKeccak loads the WebAssembly keccak at once (a node does at its start), with the same digests', () => {
  const out = child(`
    const hex = (b) => Buffer.from(b).toString('hex');
    const data = new TextEncoder().encode('evmkit');
    const before = hex(k.keccak256(data));
    console.log(k.keccakBackend());
    k.preferFastKeccak();
    console.log(k.keccakBackend());
    console.log(before === hex(k.keccak256(data)) ? 'same' : 'different');
  `);
  assert.deepEqual(out, ['@noble/hashes', 'wasm', 'same']);
});

test('the WebAssembly keccak equals @noble/hashes at every length around the block and buffer boundaries', async () => {
  const { createKeccakKernel } = await import('../../src/primitives/crypto/keccakKernel.js');
  const { keccak_256 } = await import('@noble/hashes/sha3.js');
  const { KECCAK_WASM_LAYOUT } = await import('../../src/primitives/crypto/keccak-wasm.js');
  const k = createKeccakKernel()!;
  const chunk = KECCAK_WASM_LAYOUT.bufferBlocks * KECCAK_WASM_LAYOUT.rate;
  const lengths = [0, 1, 31, 32, 33, 64, 135, 136, 137, 271, 272, 273, 1000, chunk - 1, chunk, chunk + 1, 2 * chunk + 135, 100_000];
  for (const n of lengths) {
    const d = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
    const want = Buffer.from(keccak_256(d)).toString('hex');
    assert.equal(Buffer.from(k.bytes(d)).toString('hex'), want, `${n} bytes`);
    assert.equal(k.word(d).toString(16).padStart(64, '0'), want, `${n} bytes as a word`);
  }
});
