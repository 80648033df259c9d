/**
 * Differential tests of the word arithmetic (src/primitives/word) against plain bigint references written
 * from the Yellow Paper's definitions: random operands of every width, and the edges where the fast paths
 * switch (powers of two and their neighbours, thresholds of EXP's algorithms, signs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as W from '../../src/primitives/word/index.js';

const MOD = 1n << 256n;
const MAX = MOD - 1n;

/** xorshift32: deterministic operands. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** A random word: random width, sometimes all ones or a power of two and its neighbours. */
function randomWord(r: () => number): bigint {
  const k = r() % 10;
  if (k === 0) return MAX - BigInt(r() % 4);
  if (k === 1) {
    const p = 1n << BigInt(r() % 256);
    return (p + BigInt(r() % 3) - 1n + MOD) % MOD;
  }
  const bytes = 1 + (r() % 32);
  let x = 0n;
  for (let i = 0; i < bytes; i++) x = (x << 8n) | BigInt(r() & 0xff);
  return x;
}

function expRef(b: bigint, e: bigint): bigint {
  let r = 1n;
  let x = b % MOD;
  while (e > 0n) {
    if (e & 1n) r = (r * x) % MOD;
    x = (x * x) % MOD;
    e >>= 1n;
  }
  return r;
}

const EDGE_EXPONENTS = [
  0n,
  1n,
  2n,
  255n,
  256n,
  257n,
  (1n << 21n) - 1n,
  1n << 21n,
  (1n << 40n) - 1n,
  1n << 40n,
  (1n << 40n) + 1n,
  (1n << 64n) + 3n,
  1n << 254n,
  (1n << 254n) - 1n,
  MAX - 1n,
  MAX,
];
const EDGE_BASES = [
  0n,
  1n,
  2n,
  3n,
  4n,
  5n,
  6n,
  7n,
  8n,
  MAX,
  MAX - 1n,
  MAX - 2n,
  1n << 255n,
  (1n << 255n) + 1n,
  (1n << 128n) + 1n,
  (1n << 200n) + 1n,
  (1n << 250n) + 1n,
  (1n << 253n) - 1n,
  3n << 100n,
  0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefn,
];

test('EXP: edge bases x edge exponents equal square-and-multiply mod 2^256', () => {
  for (const b of EDGE_BASES)
    for (const e of EDGE_EXPONENTS) assert.equal(W.exp(b, e), expRef(b, e), `exp(${b.toString(16)}, ${e.toString(16)})`);
});

test('EXP: random operands (odd and even bases, exponents of every width) equal the reference', () => {
  const r = rng(7);
  for (let i = 0; i < 4000; i++) {
    let b = randomWord(r);
    if (i % 2 === 0) b |= 1n; // odd bases take the 2-adic path
    const e = i % 5 === 0 ? MAX - BigInt(r() % 1000) : randomWord(r);
    assert.equal(W.exp(b, e), expRef(b, e), `exp(0x${b.toString(16)}, 0x${e.toString(16)})`);
  }
});

const signed = (x: bigint): bigint => BigInt.asIntN(256, x);
const unsigned = (x: bigint): bigint => BigInt.asUintN(256, x);

/** The references: the definitions written with BigInt.asIntN/asUintN (what word.ts did before its fast paths). */
const REF: Record<string, (a: bigint, b: bigint, c: bigint) => bigint> = {
  add: (a, b) => unsigned(a + b),
  sub: (a, b) => unsigned(a - b),
  mul: (a, b) => unsigned(a * b),
  div: (a, b) => (b === 0n ? 0n : a / b),
  sdiv: (a, b) => (b === 0n ? 0n : unsigned(signed(a) / signed(b))),
  mod: (a, b) => (b === 0n ? 0n : a % b),
  smod: (a, b) => (b === 0n ? 0n : unsigned(signed(a) % signed(b))),
  addmod: (a, b, n) => (n === 0n ? 0n : (a + b) % n),
  mulmod: (a, b, n) => (n === 0n ? 0n : (a * b) % n),
  signextend: (b, x) => (b >= 31n ? x : unsigned(BigInt.asIntN(Number(b) * 8 + 8, x))),
  slt: (a, b) => (signed(a) < signed(b) ? 1n : 0n),
  sgt: (a, b) => (signed(a) > signed(b) ? 1n : 0n),
  shl: (s, x) => (s >= 256n ? 0n : unsigned(x << s)),
  shr: (s, x) => (s >= 256n ? 0n : x >> s),
  sar: (s, x) => (s >= 256n ? (x >= 1n << 255n ? MAX : 0n) : unsigned(signed(x) >> s)),
  byte: (i, x) => (i >= 32n ? 0n : (x >> (248n - i * 8n)) & 0xffn),
  not: (a) => MAX ^ a,
};

test('word ops: random and edge operands equal the asIntN/asUintN references', () => {
  const r = rng(2026);
  const edges = [0n, 1n, 2n, 7n, 31n, 32n, 255n, 256n, MAX, MAX - 1n, 1n << 255n, (1n << 255n) - 1n, (1n << 255n) + 1n, 1n << 128n];
  const small = () => BigInt(r() % 300);
  for (const [name, ref] of Object.entries(REF)) {
    const fn = (W as unknown as Record<string, (a: bigint, b: bigint, c: bigint) => bigint>)[name]!;
    const check = (a: bigint, b: bigint, c: bigint) => {
      assert.equal(fn(a, b, c), ref(a, b, c), `${name}(0x${a.toString(16)}, 0x${b.toString(16)}, 0x${c.toString(16)})`);
    };
    for (const a of edges) for (const b of edges) check(a, b, edges[(Number(a & 7n) + Number(b & 3n)) % edges.length]!);
    for (let i = 0; i < 3000; i++) {
      // shift and index operands are usually small; the others any width
      const first = ['signextend', 'shl', 'shr', 'sar', 'byte'].includes(name) && i % 3 !== 0 ? small() : randomWord(r);
      check(first, randomWord(r), randomWord(r));
    }
  }
});
