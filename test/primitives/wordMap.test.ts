/**
 * WordMap / WordSet (src/primitives/wordMap.ts): the same answers as Map / Set under random operations,
 * insertion-order iteration, and bounded probing for keys built to collide in V8's own BigInt hash
 * (equal low 64 bits: i << 64, i << 128, i << 192; 160-bit addresses too).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WordMap, WordSet } from '../../src/primitives/wordMap.js';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

function key(r: () => number, shape: number): bigint {
  const i = BigInt(r() % 300);
  switch (shape) {
    case 0:
      return i;
    case 1:
      return i << 64n;
    case 2:
      return (i << 192n) | 5n;
    default: {
      let x = 0n;
      for (let j = 0; j < 8; j++) x = (x << 32n) | BigInt(r());
      return x >> BigInt(r() % 200);
    }
  }
}

test('WordMap and WordSet agree with Map and Set on random operations, iteration order included', () => {
  const r = rng(99);
  for (let round = 0; round < 20; round++) {
    const m = new WordMap<number>();
    const ref = new Map<bigint, number>();
    const s = new WordSet();
    const sref = new Set<bigint>();
    for (let i = 0; i < 3000; i++) {
      const k = key(r, r() % 4);
      const op = r() % 10;
      if (op < 5) {
        m.set(k, i);
        ref.set(k, i);
        s.add(k);
        sref.add(k);
      } else if (op < 8) {
        assert.equal(m.get(k), ref.get(k));
        assert.equal(m.has(k), ref.has(k));
        assert.equal(s.has(k), sref.has(k));
      } else {
        assert.equal(m.delete(k), ref.delete(k));
        assert.equal(s.delete(k), sref.delete(k));
      }
      assert.equal(m.size, ref.size);
      assert.equal(s.size, sref.size);
    }
    assert.deepEqual([...m], [...ref]);
    assert.deepEqual([...m.keys()], [...ref.keys()]);
    assert.deepEqual([...m.values()], [...ref.values()]);
    assert.deepEqual([...s], [...sref]);
    const seen: bigint[] = [];
    m.forEach((_v, k) => seen.push(k));
    assert.deepEqual(seen, [...ref.keys()]);
    m.clear();
    assert.equal(m.size, 0);
    assert.equal(m.get(1n), undefined);
  }
});

test('WordMap: keys that differ only above bit 64 keep probing short (the map hashes all bits)', () => {
  for (const shift of [64n, 128n, 192n]) {
    const m = new WordMap<bigint>();
    for (let i = 0n; i < 20000n; i++) m.set(i << shift, i);
    assert.equal(m.size, 20000);
    for (let i = 0n; i < 20000n; i += 97n) assert.equal(m.get(i << shift), i);
    assert.equal(m.get(20001n << shift), undefined);
    assert.ok(m.longestProbe() < 64, `longest probe ${m.longestProbe()} for keys i << ${shift}`);
  }
  // 160-bit addresses built the same way
  const s = new WordSet();
  for (let i = 1n; i <= 20000n; i++) s.add((i << 96n) | 0xbeefn);
  assert.ok(s.longestProbe() < 64);
  assert.ok(s.has((7n << 96n) | 0xbeefn));
  // friendly keys stay in their fast form
  const f = new WordMap<number>();
  for (let i = 0; i < 20000; i++) f.set(BigInt(i), i);
  assert.ok(f.longestProbe() < 64);
});

test('WordMap: colliding keys cost a bounded number of probes per key, not a number growing with the map (no quadratic work)', () => {
  // Keys equal in their low 64 bits all land in one V8 hash bucket (Map<bigint>: n^2/2 probes to insert n).
  // Here the probes per key stay a small constant whatever n is: 2,000 and 40,000 keys cost alike per key.
  const perKey = (n: bigint, shift: bigint): number => {
    const m = new WordMap<bigint>();
    for (let i = 0n; i < n; i++) m.set(i << shift, i);
    return m.totalProbes() / Number(n);
  };
  for (const shift of [0n, 64n, 128n, 192n]) {
    const small = perKey(2000n, shift);
    const large = perKey(40000n, shift);
    assert.ok(small < 4 && large < 4, `probes per key ${small} (2,000 keys), ${large} (40,000 keys) for keys i << ${shift}`);
  }
  // the same keys in a V8 Map would need ~n/2 probes per key: 20,000 at 40,000 keys
  const s = new WordSet();
  for (let i = 1n; i <= 40000n; i++) s.add((i << 96n) | 0xbeefn); // 160-bit addresses differing only high
  assert.ok(s.totalProbes() / s.size < 4);
});

test('WordMap: insertion while iterating visits the new entries (as Map does)', () => {
  const m = new WordMap<number>([
    [1n, 1],
    [2n, 2],
  ]);
  const seen: bigint[] = [];
  for (const [k] of m) {
    seen.push(k);
    if (k < 40n) m.set(k + 2n, 0);
  }
  assert.equal(seen.length, m.size);
  assert.deepEqual(seen, [...m.keys()]);
});

test('clear keeps a small table reusable: afterwards it answers as a new one (values, order, deletions, growth past the kept size)', () => {
  const m = new WordMap<number>();
  const s = new WordSet();
  for (let round = 0; round < 6; round++) {
    // Rounds alternate small fills (kept arrays) and large ones (the table grows past what clear keeps).
    const n = round % 2 === 0 ? 5 + round : 60 + round;
    const keys = Array.from({ length: n }, (_, i) => (BigInt(i + round) << BigInt(round * 40)) + 7n);
    for (const [i, k] of keys.entries()) {
      m.set(k, i);
      s.add(k);
    }
    m.delete(keys[1]!);
    s.delete(keys[1]!);
    assert.equal(m.size, n - 1);
    assert.equal(s.size, n - 1);
    assert.deepEqual(
      [...m.keys()],
      keys.filter((_, i) => i !== 1),
    );
    assert.deepEqual(
      [...s],
      keys.filter((_, i) => i !== 1),
    );
    for (const [i, k] of keys.entries()) {
      assert.equal(m.get(k), i === 1 ? undefined : i);
      assert.equal(s.has(k), i !== 1);
    }
    m.clear();
    s.clear();
    assert.equal(m.size, 0);
    assert.equal(s.size, 0);
    assert.deepEqual([...m.entries()], []);
    for (const k of keys) {
      assert.equal(m.has(k), false);
      assert.equal(s.has(k), false);
    }
  }
});
