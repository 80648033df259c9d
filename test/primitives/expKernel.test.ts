/**
 * EXP on the WebAssembly kernel (src/primitives/word/expKernel.ts, 2-adic log and exp) against plain
 * square-and-multiply on bigints: edge bases (+-1, +-3, 2^255 +- 1, all ones), edge exponents (0..40,
 * powers of two and their neighbours, 2^254 +- 1, 2^256 - 1) and deterministic random words of every
 * width; even bases through word.ts's exp (2^v times an odd base).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createExpKernel } from '../../src/primitives/word/expKernel.js';
import { exp, expBackend, loadExpKernel } from '../../src/primitives/word/index.js';

const M = (1n << 256n) - 1n;

function reference(b: bigint, e: bigint): bigint {
  let r = 1n;
  while (e > 0n) {
    if (e & 1n) r = (r * b) & M;
    e >>= 1n;
    b = (b * b) & M;
  }
  return r;
}

/** splitmix64: deterministic words. */
function words(seed: bigint): () => bigint {
  let s = seed;
  const next = () => {
    s = (s + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
    return z ^ (z >> 31n);
  };
  return () => (next() << 192n) | (next() << 128n) | (next() << 64n) | next();
}

const EDGE_BASES = [1n, 3n, 5n, 7n, M, M - 2n, (1n << 255n) + 1n, (1n << 255n) - 1n, (1n << 128n) + 1n, 0x0123456789abcdefn];
const EDGE_EXPONENTS = [
  ...Array.from({ length: 41 }, (_, i) => BigInt(i)),
  ...[64n, 65n, 128n, 253n, 254n, 255n, 256n].flatMap((k) => [(1n << k) - 1n, 1n << k, (1n << k) + 1n]).filter((e) => e <= M),
  M,
];

test('the kernel multiplies modulo 2^256', () => {
  const k = createExpKernel();
  assert.ok(k !== null, 'WebAssembly is available in Node');
  const rnd = words(1n);
  for (const [a, b] of [
    [M, M],
    [0n, M],
    [1n, M],
    [1n << 255n, 2n],
  ] as const)
    assert.equal(k.mul(a, b), (a * b) & M);
  for (let i = 0; i < 500; i++) {
    const a = rnd() >> BigInt(i % 256);
    const b = rnd();
    assert.equal(k.mul(a, b), (a * b) & M);
  }
});

test('the kernel: odd base ^ exponent modulo 2^256 equals square-and-multiply (edge and random operands)', () => {
  const k = createExpKernel()!;
  for (const b of EDGE_BASES) for (const e of EDGE_EXPONENTS) assert.equal(k.expOdd(b, e), reference(b, e), `${b} ^ ${e}`);
  const rnd = words(2n);
  for (let i = 0; i < 1500; i++) {
    const b = (rnd() >> BigInt(i % 255)) | 1n;
    const e = rnd() >> BigInt((i * 7) % 256);
    assert.equal(k.expOdd(b, e), reference(b, e), `${b} ^ ${e}`);
  }
});

test('exp (word.ts) with the kernel loaded: odd and even bases, small and large exponents', () => {
  assert.ok(loadExpKernel() !== null);
  assert.equal(expBackend(), 'wasm');
  const rnd = words(3n);
  const bases = [...EDGE_BASES, 2n, 4n, 6n, 12n, 1n << 100n, (1n << 255n) | 2n, M - 1n];
  for (const b of bases) for (const e of EDGE_EXPONENTS) assert.equal(exp(b, e), reference(b, e), `${b} ^ ${e}`);
  for (let i = 0; i < 1000; i++) {
    const b = rnd() >> BigInt(i % 256);
    const e = i % 2 === 0 ? BigInt(i % 300) : rnd() >> BigInt((i * 13) % 256);
    assert.equal(exp(b, e), reference(b, e), `${b} ^ ${e}`);
  }
});
