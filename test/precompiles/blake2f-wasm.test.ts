/**
 * 0x09 BLAKE2F: the WebAssembly F (blake2f-wasm.ts, run by 09-blake2f.ts) against the plain-JavaScript
 * reference F (blake2f-js.ts) on pseudo-random h, m, t, both final flags, every round count 0..100, counts
 * in the thousands, and counts around the 10,000-round calls that 09-blake2f.ts splits a long F into;
 * the precompile's byte path against the reference; and the JavaScript fallback where WebAssembly is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blake2bCompress, blake2f, blake2fBackend } from '../../src/precompiles/09-blake2f.js';
import { blake2bCompressJs } from '../../src/precompiles/blake2f-js.js';
import type { Rules } from '../../src/spec/rules.js';

/** xorshift32: reproducible inputs. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const words = (next: () => number, n: number) => Uint32Array.from({ length: n }, next);

function compare(rounds: number, next: () => number): void {
  const h = words(next, 16),
    m = words(next, 32),
    t = words(next, 4);
  for (const final of [false, true]) {
    const expected = h.slice();
    blake2bCompressJs(rounds, expected, m, t, final);
    const actual = h.slice();
    blake2bCompress(rounds, actual, m, t, final);
    assert.deepEqual(actual, expected, `rounds ${rounds}, final ${final}`);
  }
}

/** The precompile's 213-byte input for rounds, h, m, t, f. */
function encode(rounds: number, h: Uint32Array, m: Uint32Array, t: Uint32Array, f: number): Uint8Array {
  const input = new Uint8Array(213);
  const view = new DataView(input.buffer);
  view.setUint32(0, rounds, false);
  [...h, ...m, ...t].forEach((w, i) => view.setUint32(4 + 4 * i, w, true));
  input[212] = f;
  return input;
}

test('blake2f-wasm: WebAssembly is the backend under Node', () => {
  assert.equal(blake2fBackend(), 'wasm');
});

test('blake2f-wasm: F equals the JS reference for rounds 0..100', () => {
  const next = rng(0x152);
  for (let rounds = 0; rounds <= 100; rounds++) compare(rounds, next);
});

test('blake2f-wasm: F equals the JS reference for thousands of rounds and across call splits', () => {
  const next = rng(0xb1a4e2);
  for (const rounds of [1000, 1234, 2047, 4099, 9999, 10_000, 10_001, 10_009, 10_010, 20_000, 20_005, 31_337]) {
    compare(rounds, next);
  }
});

test('blake2f-wasm: the precompile output equals the JS reference (input at an offset in its buffer)', () => {
  const next = rng(7);
  const rules = {} as Rules;
  for (const rounds of [0, 1, 12, 99, 10_007]) {
    for (const f of [0, 1]) {
      const h = words(next, 16),
        m = words(next, 32),
        t = words(next, 4);
      const padded = new Uint8Array(3 + 213);
      padded.set(encode(rounds, h, m, t, f), 3);
      const out = blake2f.run(padded.subarray(3), rules);
      assert.ok(out !== null);
      const expected = h.slice();
      blake2bCompressJs(rounds, expected, m, t, f === 1);
      const view = new DataView(out.buffer, out.byteOffset, 64);
      assert.deepEqual(
        Uint32Array.from({ length: 16 }, (_, i) => view.getUint32(4 * i, true)),
        expected,
        `rounds ${rounds}`,
      );
      // A second call must not see state left by the first one.
      assert.deepEqual(blake2f.run(padded.subarray(3), rules), out);
    }
  }
});

test('blake2f-wasm: without WebAssembly the precompile falls back to the JS F', async () => {
  const g = globalThis as { WebAssembly?: unknown };
  const saved = g.WebAssembly;
  let fresh: typeof import('../../src/precompiles/09-blake2f.js');
  try {
    delete g.WebAssembly;
    // A new URL makes a new instance of the module, instantiated without WebAssembly.
    fresh = await import(`../../src/precompiles/09-blake2f.js?no-wasm=${Date.now()}`);
    // The module is instantiated on first use, so ask while WebAssembly is gone; the answer sticks.
    assert.equal(fresh.blake2fBackend(), 'js');
  } finally {
    g.WebAssembly = saved;
  }
  assert.equal(fresh.blake2fBackend(), 'js');
  const next = rng(99);
  const rules = {} as Rules;
  for (const rounds of [0, 12, 50]) {
    const h = words(next, 16),
      m = words(next, 32),
      t = words(next, 4);
    const input = encode(rounds, h, m, t, 1);
    assert.deepEqual(fresh.blake2f.run(input, rules), blake2f.run(input, rules));
  }
});

test('blake2f-wasm: long calls (2^20 + 3 rounds) return the reference result, as fresh arrays, per input', () => {
  const next = rng(2024);
  const rules = {} as Rules;
  const rounds = (1 << 20) + 3;
  const h = words(next, 16),
    m = words(next, 32),
    t = words(next, 4);
  for (const f of [0, 1]) {
    const input = encode(rounds, h, m, t, f);
    const expected = h.slice();
    blake2bCompressJs(rounds, expected, m, t, f === 1);
    const first = blake2f.run(input, rules);
    assert.ok(first !== null);
    const view = new DataView(first.buffer, first.byteOffset, 64);
    assert.deepEqual(
      Uint32Array.from({ length: 16 }, (_, i) => view.getUint32(4 * i, true)),
      expected,
      `final ${f}`,
    );
    const copy = first.slice();
    first.fill(0); // the caller owns its result: scribbling on it must not reach the next call's
    assert.deepEqual(blake2f.run(input, rules), copy);
  }
});
