/**
 * 0x09 BLAKE2F (EIP-152): the EIP's test vectors 4-8 (go-ethereum blake2F.json) and failure vectors 0-3
 * (fail-blake2f.json), gas = rounds, availability from Istanbul, and a cross-check of the 12-round F
 * against @noble/hashes' BLAKE2b digest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blake2b } from '@noble/hashes/blake2.js';
import { Fork, bytesToHex, call, checkFailures, checkVectors, hexToBytes, precompileAt, type GethVector } from './helpers.js';
import { blake2bCompress } from '../../src/precompiles/09-blake2f.js';

/** h = BLAKE2b-512 IV with the parameter block (digest length 64) folded in; m = "abc"; t = 3. */
const H =
  '48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b';
const M = '6162630000000000000000000000000000000000000000000000000000000000' + '00'.repeat(96);
const T = '03000000000000000000000000000000';
const input = (rounds: string, f: string) => rounds + H + M + T + f;

const vectors: GethVector[] = [
  {
    name: 'vector 4',
    in: input('00000000', '01'),
    out: '08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b',
    gas: 0,
  },
  {
    name: 'vector 5',
    in: input('0000000c', '01'),
    out: 'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    gas: 12,
  },
  {
    name: 'vector 6',
    in: input('0000000c', '00'),
    out: '75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735',
    gas: 12,
  },
  {
    name: 'vector 7',
    in: input('00000001', '01'),
    out: 'b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421',
    gas: 1,
  },
];

test('blake2f: EIP-152 vectors 4-7, exact gas and output', () => {
  checkVectors(9n, Fork.Istanbul, vectors);
  checkVectors(9n, Fork.Osaka, vectors);
});

test('blake2f: EIP-152 failure vectors 0-3 (length, final flag)', () => {
  const v5 = input('0000000c', '01');
  checkFailures(9n, Fork.Istanbul, [
    { name: 'vector 0: empty input', in: '' },
    { name: 'vector 1: less than 213 bytes', in: v5.slice(2) },
    { name: 'vector 2: more than 213 bytes', in: '00' + v5 },
    { name: 'vector 3: final flag 2', in: input('0000000c', '02') },
    { name: 'final flag 0xff', in: input('0000000c', 'ff') },
  ]);
});

test('blake2f: gas is the rounds word, up to 2^32 - 1 (priced, not run)', () => {
  const { p, rules } = precompileAt(9n, Fork.Istanbul);
  assert.equal(p.gas(hexToBytes(input('ffffffff', '01')), rules), 0xffffffffn);
  assert.equal(p.gas(hexToBytes(input('80000000', '00')), rules), 0x80000000n);
  assert.equal(p.gas(hexToBytes(input('00010000', '00')), rules), 65536n);
  // A malformed input is priced 0 (go-ethereum); it fails whatever it is charged.
  assert.equal(p.gas(hexToBytes(input('ffffffff', '01') + '00'), rules), 0n);
});

test('blake2f: not present before Istanbul', () => {
  assert.throws(() => call(9n, Fork.Petersburg, input('0000000c', '01')));
});

test('blake2f: 12-round F reproduces BLAKE2b for one- and two-block messages', () => {
  for (const len of [0, 3, 127, 128, 129, 200, 256]) {
    const msg = Uint8Array.from({ length: len }, (_, i) => (i * 7 + 3) & 0xff);
    // Parameter block: digest length 64, key length 0, fanout 1, depth 1.
    const h = new Uint32Array([
      0xf3bcc908 ^ 0x01010040,
      0x6a09e667,
      0x84caa73b,
      0xbb67ae85,
      0xfe94f82b,
      0x3c6ef372,
      0x5f1d36f1,
      0xa54ff53a,
      0xade682d1,
      0x510e527f,
      0x2b3e6c1f,
      0x9b05688c,
      0xfb41bd6b,
      0x1f83d9ab,
      0x137e2179,
      0x5be0cd19,
    ]);
    const blocks = Math.max(1, Math.ceil(len / 128));
    for (let b = 0; b < blocks; b++) {
      const block = new Uint8Array(128);
      block.set(msg.subarray(b * 128, b * 128 + 128));
      const m = new Uint32Array(block.buffer);
      const last = b === blocks - 1;
      const counter = last ? len : (b + 1) * 128;
      blake2bCompress(12, h, m, new Uint32Array([counter, 0, 0, 0]), last);
    }
    const digest = new Uint8Array(h.buffer);
    assert.equal(bytesToHex(digest), bytesToHex(blake2b(msg)), `length ${len}`);
  }
});

test('blake2f: 8,000,000 rounds (EIP-152 vector 8) completes (timing sanity, not asserted)', () => {
  const start = performance.now();
  checkVectors(9n, Fork.Cancun, [
    {
      name: 'vector 8',
      in: input('007a1200', '01'),
      out: '6d2ce9e534d50e18ff866ae92d70cceba79bbcd14c63819fe48752c8aca87a4bb7dcc230d22a4047f0486cfcfb50a17b24b2899eb8fca370f22240adb5170189',
      gas: 8000000,
    },
  ]);
  console.log(`blake2f 8,000,000 rounds: ${(performance.now() - start).toFixed(0)} ms`);
});
