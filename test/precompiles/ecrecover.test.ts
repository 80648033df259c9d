/** 0x01 ECRECOVER: go-ethereum core/vm/testdata/precompiles/ecRecover.json plus edge cases of the spec. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, call, checkVectors, w, type GethVector } from './helpers.js';

const HASH = '18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c';
const R = 0x73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75fn;
const S = 0xeeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549n;
const ADDRESS_WORD = '000000000000000000000000a94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const geth: GethVector[] = [
  {
    name: 'CallEcrecoverUnrecoverableKey',
    in: 'a8b53bdf3306a35a7103ab5504a0c9b492295564b6202b1942a84ef300107281000000000000000000000000000000000000000000000000000000000000001b307835653165303366353363653138623737326363623030393366663731663366353366356337356237346463623331613835616138623838393262346538621122334455667788991011121314151617181920212223242526272829303132',
    out: '',
    gas: 3000,
  },
  { name: 'ValidKey', in: HASH + w(28n) + w(R) + w(S), out: ADDRESS_WORD, gas: 3000 },
  {
    name: 'InvalidHighV-bits-1',
    in: HASH + '100000000000000000000000000000000000000000000000000000000000001c' + w(R) + w(S),
    out: '',
    gas: 3000,
  },
  {
    name: 'InvalidHighV-bits-2',
    in: HASH + '000000000000000000000000000000000000001000000000000000000000001c' + w(R) + w(S),
    out: '',
    gas: 3000,
  },
  {
    name: 'InvalidHighV-bits-3',
    in: HASH + '000000000000000000000000000000000000001000000000000000000000011c' + w(R) + w(S),
    out: '',
    gas: 3000,
  },
];

test('ecrecover: go-ethereum vectors, exact gas and output, every fork', () => {
  for (const fork of [Fork.Frontier, Fork.Byzantium, Fork.Cancun, Fork.Osaka]) checkVectors(1n, fork, geth);
});

test('ecrecover: v must be exactly 27 or 28 as a full word', () => {
  for (const v of [0n, 1n, 26n, 29n, 27n + (1n << 255n), 28n + (1n << 8n)]) {
    assert.deepEqual(call(1n, Fork.Cancun, HASH + w(v) + w(R) + w(S)), [3000n, ''], `v=${v}`);
  }
});

test('ecrecover: r and s must lie in [1, n-1]; invalid input is empty output, not failure', () => {
  for (const [r, s] of [
    [0n, S],
    [R, 0n],
    [N, S],
    [R, N],
    [N + 1n, S],
    [(1n << 256n) - 1n, S],
  ] as const) {
    assert.deepEqual(call(1n, Fork.Cancun, HASH + w(28n) + w(r) + w(s)), [3000n, ''], `r=${r} s=${s}`);
  }
});

test('ecrecover: high s is accepted (no EIP-2 low-s rule in the precompile)', () => {
  // (r, n - s) with the other parity recovers the same key.
  assert.deepEqual(call(1n, Fork.Cancun, HASH + w(27n) + w(R) + w(N - S)), [3000n, ADDRESS_WORD]);
  // The same signature with the wrong parity recovers some other key.
  const [, other] = call(1n, Fork.Cancun, HASH + w(27n) + w(R) + w(S));
  assert.notEqual(other, ADDRESS_WORD);
  assert.equal(other!.length, 64);
});

test('ecrecover: input is right-padded to 128 bytes; extra input is ignored', () => {
  const full = HASH + w(28n) + w(R) + w(S);
  assert.deepEqual(call(1n, Fork.Cancun, full + 'deadbeef'), [3000n, ADDRESS_WORD]);
  // Missing s reads as 0: invalid, empty output.
  assert.deepEqual(call(1n, Fork.Cancun, HASH + w(28n) + w(R)), [3000n, '']);
  assert.deepEqual(call(1n, Fork.Cancun, ''), [3000n, '']);
  // Trailing zero bytes of s may be omitted.
  const sWithZeroTail = S - (S & 0xffn);
  const trimmed = (HASH + w(28n) + w(R) + w(sWithZeroTail)).slice(0, -2);
  assert.equal(call(1n, Fork.Cancun, trimmed)[1], call(1n, Fork.Cancun, HASH + w(28n) + w(R) + w(sWithZeroTail))[1]);
});

test('ecrecover: r that is not the x coordinate of a curve point recovers nothing', () => {
  // x = 5: 5^3 + 7 = 132 is not a square mod p.
  assert.deepEqual(call(1n, Fork.Cancun, HASH + w(27n) + w(5n) + w(S)), [3000n, '']);
});
