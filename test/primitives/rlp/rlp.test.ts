/**
 * RLP: every vector of ethereum/tests RLPTests (valid ones encode to `out` and decode back; invalid
 * ones must throw RlpError), plus edge cases the vectors do not pin down.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fixturePath } from '../../fixtures.js';
import {
  RlpError,
  type RlpItem,
  decodeRlp,
  encodeRlp,
  encodeRlpBytes,
  encodeRlpUint,
  readUint,
  readAddress,
  rlpItemEnd,
  uintItem,
} from '../../../src/primitives/rlp/index.js';
import { bytesToHex, hexToBytes } from '../../../src/primitives/hex.js';

type JsonIn = string | number | JsonIn[];

/** RLPTests input notation: "#123" is a big integer, numbers are integers, strings are UTF-8. */
function toItem(v: JsonIn): RlpItem {
  if (Array.isArray(v)) return v.map(toItem);
  if (typeof v === 'number') return uintItem(v);
  if (v.startsWith('#')) return uintItem(BigInt(v.slice(1)));
  return new TextEncoder().encode(v);
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** Vector counts of the pinned ethereum/tests commit, so a vector that silently stops running is noticed. */
const EXPECTED_COUNTS: Record<string, number> = {
  'rlptest.json': 28,
  'invalidRLPTest.json': 26,
  'RandomRLPTests/example.json': 1,
};

const root = fixturePath('rlp');

test('RLPTests fixtures', { skip: root === undefined }, () => {
  let valid = 0;
  let invalid = 0;
  for (const file of jsonFiles(root!)) {
    const rel = relative(root!, file);
    const vectors = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { in: JsonIn; out: string }>;
    let ran = 0;
    for (const [name, v] of Object.entries(vectors)) {
      const out = hexToBytes(v.out, `${rel}:${name}.out`);
      if (v.in === 'INVALID') {
        assert.throws(() => decodeRlp(out), RlpError, `${rel}:${name} must be rejected`);
        invalid++;
      } else if (v.in === 'VALID') {
        const item = decodeRlp(out);
        assert.equal(bytesToHex(encodeRlp(item)), bytesToHex(out), `${rel}:${name} re-encoding`);
        valid++;
      } else {
        const item = toItem(v.in);
        assert.equal(bytesToHex(encodeRlp(item)), bytesToHex(out), `${rel}:${name} encoding`);
        assert.deepEqual(decodeRlp(out), item, `${rel}:${name} decoding`);
        valid++;
      }
      ran++;
    }
    if (EXPECTED_COUNTS[rel] !== undefined) assert.equal(ran, EXPECTED_COUNTS[rel], `${rel}: vector count`);
  }
  console.log(`RLPTests: ${valid} valid, ${invalid} invalid vectors passed`);
  assert.equal(valid, 29);
  assert.equal(invalid, 26);
});

test('length boundaries: 55/56 bytes and multi-byte lengths round-trip', () => {
  for (const n of [0, 1, 55, 56, 255, 256, 65535, 65536, 70000]) {
    const s = new Uint8Array(n).fill(0xaa);
    const enc = encodeRlp(s);
    assert.deepEqual(decodeRlp(enc), s, `string of ${n}`);
    assert.equal(rlpItemEnd(enc), enc.length);
    const list = [s, [s, new Uint8Array(0)]];
    assert.deepEqual(decodeRlp(encodeRlp(list)), list, `list holding ${n}`);
  }
  assert.equal(bytesToHex(encodeRlp(new Uint8Array(56))).slice(0, 6), '0xb838');
  assert.equal(bytesToHex(encodeRlpBytes(Uint8Array.of(0x7f))), '0x7f');
  assert.equal(bytesToHex(encodeRlpBytes(Uint8Array.of(0x80))), '0x8180');
  assert.equal(bytesToHex(encodeRlpUint(0n)), '0x80');
  assert.equal(bytesToHex(encodeRlpUint(1024)), '0x820400');
});

test('errors name the fault and its offset', () => {
  const cases: [string, string, number][] = [
    ['0xc3810001', 'non-canonical', 1],
    ['0xb8', 'truncated', 0],
    ['0xb800', 'non-canonical', 0],
    ['0xc2c3c0', 'truncated', 1],
    ['0xc2c2c0c0', 'exceeds-list', 1],
    ['0x8001', 'trailing-bytes', 1],
    ['0xf80100', 'non-canonical', 0],
    ['0xb90001aa', 'non-canonical', 0],
  ];
  for (const [hex, reason, offset] of cases) {
    try {
      decodeRlp(hexToBytes(hex));
      assert.fail(`${hex} must throw`);
    } catch (e) {
      assert.ok(e instanceof RlpError, `${hex}: ${String(e)}`);
      assert.equal(e.reason, reason, `${hex}: ${e.message}`);
      assert.equal(e.offset, offset, `${hex}: ${e.message}`);
      assert.match(e.message, /offset/);
    }
  }
});

test('hostile nesting does not overflow the stack', () => {
  const depth = 200_000;
  // Nested empty-ish lists built from the inside out: c0, c1 c0, ... with long headers past 55 bytes.
  let enc: Uint8Array = Uint8Array.of(0xc0);
  for (let i = 0; i < 60; i++) enc = encodeRlp([decodeRlp(enc)]);
  assert.ok(decodeRlp(enc));
  const bad = new Uint8Array(depth).fill(0xc1);
  assert.throws(() => decodeRlp(bad), RlpError);
});

test('field readers reject leading zeros, oversize integers and wrong address sizes', () => {
  assert.equal(readUint(Uint8Array.of(1, 0), 'x'), 256n);
  assert.throws(() => readUint(Uint8Array.of(0, 1), 'nonce'), /nonce: integer has leading zero bytes/);
  assert.throws(() => readUint(new Uint8Array(9).fill(1), 'gas', 8), /gas: integer of 9 bytes exceeds 64 bits/);
  assert.throws(() => readAddress(new Uint8Array(19), 'to'), /to: expected 20 bytes, got 19/);
  assert.throws(() => readUint([], 'value'), /value: expected a byte string, got a list/);
});

test('fuzz: any input either decodes to an item that re-encodes to the same bytes, or throws RlpError', () => {
  let s = 12345;
  const rand = (n: number) => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s % n;
  };
  const randomItem = (depth: number): RlpItem => {
    if (depth > 3 || rand(3) === 0) {
      const len = [0, 1, 1, 2, 55, 56, 300][rand(7)]!;
      return Uint8Array.from({ length: len }, () => rand(256));
    }
    return Array.from({ length: rand(5) }, () => randomItem(depth + 1));
  };
  let decoded = 0;
  let rejected = 0;
  for (let i = 0; i < 3000; i++) {
    const enc = encodeRlp(randomItem(0));
    assert.deepEqual(encodeRlp(decodeRlp(enc)), enc);
    // Mutate: flip a byte, truncate, or append.
    const m = enc.slice();
    const op = rand(3);
    let bytes: Uint8Array = m;
    if (op === 0 && m.length > 0) m[rand(m.length)] = rand(256);
    else if (op === 1) bytes = m.subarray(0, rand(m.length + 1));
    else bytes = Uint8Array.of(...m, rand(256));
    try {
      const item = decodeRlp(bytes);
      assert.equal(bytesToHex(encodeRlp(item)), bytesToHex(bytes), 'decoding is canonical');
      decoded++;
    } catch (e) {
      assert.ok(e instanceof RlpError, `unexpected ${String(e)}`);
      rejected++;
    }
  }
  assert.ok(decoded > 0 && rejected > 0);
});
