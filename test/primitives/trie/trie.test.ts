/**
 * Merkle-Patricia trie: every vector of ethereum/tests TrieTests through both the batch builder
 * (`trieRoot`/`secureTrieRoot`) and the incremental `Trie`, plus randomized cross-checks between them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '../../fixtures.js';
import { Trie, accountRlp, ordinalTrieRoot, secureTrieRoot, stateRoot, storageRoot, trieRoot } from '../../../src/primitives/trie/index.js';
import { EMPTY_TRIE_ROOT, KECCAK_EMPTY, keccak256 } from '../../../src/primitives/crypto/keccak.js';
import { decodeRlp, encodeRlpUint, readFixedBytes, readList, readUint } from '../../../src/primitives/rlp/index.js';
import { bigintToBytes, bytesToBigint, bytesToHex, hexToBytes } from '../../../src/primitives/hex.js';

/** TrieTests notation: "0x..." is hex, anything else is UTF-8; null (deletion) is the empty value. */
function toBytes(s: string | null): Uint8Array {
  if (s === null) return new Uint8Array(0);
  return s.startsWith('0x') ? hexToBytes(s) : new TextEncoder().encode(s);
}

interface RootVector {
  in: Record<string, string> | [string, string | null][];
  root: string;
}

/** Vector counts of the pinned ethereum/tests commit, so a vector that silently stops running is noticed. */
const EXPECTED_COUNTS: Record<string, number> = {
  'trieanyorder.json': 7,
  'trieanyorder_secureTrie.json': 7,
  'trietest.json': 5,
  'trietest_secureTrie.json': 3,
  'hex_encoded_securetrie_test.json': 3,
  'trietestnextprev.json': 1,
};

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function checkRootVector(file: string, name: string, v: RootVector): void {
  const secure = /secure/i.test(file);
  const ops: [Uint8Array, Uint8Array][] = (Array.isArray(v.in) ? v.in : Object.entries(v.in)).map(([k, val]) => [toBytes(k), toBytes(val)]);
  const where = `${file}:${name}`;
  const batch = secure ? secureTrieRoot(ops) : trieRoot(ops);
  assert.equal(bytesToHex(batch), v.root, `${where}: batch root`);
  const incremental = Trie.from(ops, { secure });
  assert.equal(bytesToHex(incremental.root()), v.root, `${where}: incremental root`);
  if (!Array.isArray(v.in)) {
    // "any order": every insertion order gives the same root.
    for (let seed = 1; seed <= 5; seed++) {
      assert.equal(bytesToHex(Trie.from(shuffled(ops, seed), { secure }).root()), v.root, `${where}: order ${seed}`);
    }
  }
}

const root = fixturePath('trie');

test('TrieTests fixtures', { skip: root === undefined }, () => {
  let total = 0;
  for (const file of readdirSync(root!)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const vectors = JSON.parse(readFileSync(join(root!, file), 'utf8')) as Record<string, unknown>;
    let ran = 0;
    for (const [name, raw] of Object.entries(vectors)) {
      if (file === 'trietestnextprev.json') {
        const v = raw as { in: string[]; tests: [string, string, string][] };
        const trie = Trie.from(v.in.map((k) => [toBytes(k), toBytes(k)]));
        for (const [key, prev, next] of v.tests) {
          const k = toBytes(key);
          assert.equal(bytesToHex(trie.prevKey(k) ?? new Uint8Array(0)), bytesToHex(toBytes(prev)), `${name} prev(${key})`);
          assert.equal(bytesToHex(trie.nextKey(k) ?? new Uint8Array(0)), bytesToHex(toBytes(next)), `${name} next(${key})`);
        }
      } else {
        checkRootVector(file, name, raw as RootVector);
      }
      ran++;
    }
    if (EXPECTED_COUNTS[file] !== undefined) assert.equal(ran, EXPECTED_COUNTS[file], `${file}: vector count`);
    total += ran;
  }
  console.log(`TrieTests: ${total} vectors passed`);
  assert.equal(total, 26);
});

test('stateRoot over decoded accounts matches the hex-encoded secure trie vectors', { skip: root === undefined }, () => {
  const vectors = JSON.parse(readFileSync(join(root!, 'hex_encoded_securetrie_test.json'), 'utf8')) as Record<
    string,
    { in: Record<string, string>; root: string }
  >;
  for (const [name, v] of Object.entries(vectors)) {
    const accounts = Object.entries(v.in).map(([addr, rlp]) => {
      const f = readList(decodeRlp(hexToBytes(rlp)), 'account', 4);
      const leaf = {
        address: bytesToBigint(hexToBytes(addr)),
        nonce: readUint(f[0]!, 'nonce'),
        balance: readUint(f[1]!, 'balance'),
        storageRoot: readFixedBytes(f[2]!, 'storageRoot', 32),
        codeHash: readFixedBytes(f[3]!, 'codeHash', 32),
      };
      assert.equal(bytesToHex(accountRlp(leaf)), rlp, `${name}: account RLP re-encodes`);
      return leaf;
    });
    assert.equal(bytesToHex(stateRoot(accounts)), v.root, name);
  }
});

/** Deterministic pseudo-random bytes. */
function rng(seed: number): (n: number) => Uint8Array {
  let s = seed >>> 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      out[i] = s >>> 24;
    }
    return out;
  };
}

test('incremental trie agrees with the batch builder under random puts and deletes', () => {
  const rand = rng(7);
  for (let round = 0; round < 20; round++) {
    const trie = new Trie();
    const model = new Map<string, [Uint8Array, Uint8Array]>();
    // Short keys over a small alphabet force shared prefixes, branch values and collapses.
    for (let i = 0; i < 300; i++) {
      const r = rand(3);
      const key = rand(1 + (r[0]! % 4)).map((b) => b & 0x13);
      const del = r[1]! < 80;
      const value = del ? new Uint8Array(0) : rand(1 + (r[2]! % 40));
      trie.put(key, value);
      if (del) model.delete(bytesToHex(key));
      else model.set(bytesToHex(key), [key, value]);
      if (i % 37 === 0) assert.equal(bytesToHex(trie.root()), bytesToHex(trieRoot(model.values())), `round ${round} op ${i}`);
    }
    assert.equal(bytesToHex(trie.root()), bytesToHex(trieRoot(model.values())), `round ${round}`);
    // get, ordered iteration, neighbours.
    const sorted = [...model.keys()].sort();
    assert.deepEqual(
      [...trie.entries()].map(([k]) => bytesToHex(k)),
      sorted,
    );
    for (const [hex, [key, value]] of model) {
      assert.deepEqual(trie.get(key), value, `get ${hex}`);
      const i = sorted.indexOf(hex);
      assert.equal(trie.nextKey(key) && bytesToHex(trie.nextKey(key)!), sorted[i + 1], `next ${hex}`);
      assert.equal(trie.prevKey(key) && bytesToHex(trie.prevKey(key)!), sorted[i - 1], `prev ${hex}`);
    }
    // Deleting everything returns to the empty root; a copy taken before is unaffected.
    const snapshot = trie.copy();
    const before = bytesToHex(snapshot.root());
    for (const [, [key]] of model) trie.delete(key);
    assert.ok(trie.isEmpty);
    assert.deepEqual(trie.root(), EMPTY_TRIE_ROOT);
    assert.equal(bytesToHex(snapshot.root()), before);
  }
});

test("roots hashed in place (refOf) equal the nodes' own encodings: long values, long branch values, proofs", () => {
  const rand = rng(11);
  for (let round = 0; round < 10; round++) {
    const trie = new Trie();
    const model = new Map<string, [Uint8Array, Uint8Array]>();
    for (let i = 0; i < 200; i++) {
      const r = rand(3);
      // Keys of 1-3 bytes over a small alphabet (branch values, extensions); values up to 300 bytes (long RLP headers).
      const key = rand(1 + (r[0]! % 3)).map((b) => b & 0x31);
      const value = rand(1 + ((r[1]! * 7 + r[2]!) % 300));
      trie.put(key, value);
      model.set(bytesToHex(key), [key, value]);
      if (i % 23 === 0) {
        const root = trie.root();
        assert.equal(bytesToHex(root), bytesToHex(trieRoot(model.values())), `round ${round} op ${i}`);
        // proof() encodes with each node's encode(): its first node hashes to the root refOf gave.
        const proof = trie.proof(key);
        assert.equal(bytesToHex(keccak256(proof[0]!)), bytesToHex(root), `proof root, round ${round} op ${i}`);
      }
    }
  }
});

test('storageRoot skips zero slots; stateRoot / ordinalTrieRoot match the generic builders', () => {
  assert.deepEqual(storageRoot(new Map()), EMPTY_TRIE_ROOT);
  assert.deepEqual(storageRoot(new Map([[5n, 0n]])), EMPTY_TRIE_ROOT);
  const storage = new Map<bigint, bigint>([
    [0n, 1n],
    [1n, 0n],
    [2n ** 255n, 2n ** 256n - 1n],
  ]);
  const expected = secureTrieRoot([
    [bigintToBytes(0n, 32), hexToBytes('0x01')],
    [bigintToBytes(2n ** 255n, 32), hexToBytes('0xa0' + 'ff'.repeat(32))],
  ]);
  assert.deepEqual(storageRoot(storage), expected);

  const values = Array.from({ length: 300 }, (_, i) => keccak256(Uint8Array.of(i & 0xff, i >> 8)));
  assert.deepEqual(ordinalTrieRoot(values), trieRoot(values.map((v, i) => [encodeRlpUint(i), v] as [Uint8Array, Uint8Array])));
  assert.deepEqual(ordinalTrieRoot([]), EMPTY_TRIE_ROOT);
});

test('stateRoot over 10,000 accounts (performance)', () => {
  const rand = rng(99);
  const accounts = Array.from({ length: 10_000 }, (_, i) => ({
    address: bytesToBigint(rand(20)),
    nonce: BigInt(i),
    balance: bytesToBigint(rand(12)),
    storageRoot: EMPTY_TRIE_ROOT,
    codeHash: KECCAK_EMPTY,
  }));
  const t0 = performance.now();
  const batch = stateRoot(accounts);
  const t1 = performance.now();
  const trie = new Trie({ secure: true });
  for (const a of accounts) trie.put(bigintToBytes(a.address, 20), accountRlp(a));
  const incremental = trie.root();
  const t2 = performance.now();
  assert.deepEqual(batch, incremental);
  console.log(`stateRoot(10k accounts): batch ${(t1 - t0).toFixed(1)} ms, incremental ${(t2 - t1).toFixed(1)} ms`);
  assert.ok(t1 - t0 < 10_000, 'batch state root over 10k accounts: a generous bound that only catches superlinear regressions');
});
