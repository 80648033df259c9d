/** 0x02 SHA256, 0x03 RIPEMD160, 0x04 IDENTITY: digests (Python hashlib), per-word gas, padding. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, bytesToHex, call, hexToBytes, precompileAt } from './helpers.js';

const BYTES_0_TO_99 = bytesToHex(Uint8Array.from({ length: 100 }, (_, i) => i)).slice(2);
const ABC = '616263';

test('sha256: digests and 60 + 12/word gas', () => {
  const cases: [string, string, bigint][] = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 60n],
    [ABC, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 72n],
    [BYTES_0_TO_99, 'bce0aff19cf5aa6a7469a30d61d04e4376e4bbf6381052ee9e7f33925c954d52', 60n + 12n * 4n],
  ];
  for (const [input, digest, gas] of cases) assert.deepEqual(call(2n, Fork.Frontier, input), [gas, digest]);
});

test('ripemd160: digest left-padded to 32 bytes and 600 + 120/word gas', () => {
  const pad = '00'.repeat(12);
  const cases: [string, string, bigint][] = [
    ['', pad + '9c1185a5c5e9fc54612808977ee8f548b2258d31', 600n],
    [ABC, pad + '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc', 720n],
    [BYTES_0_TO_99, pad + '8ae5d2e6b1f3a514257f2469b637454931844aeb', 600n + 120n * 4n],
  ];
  for (const [input, digest, gas] of cases) assert.deepEqual(call(3n, Fork.Frontier, input), [gas, digest]);
});

test('identity: returns a copy of the input; 15 + 3/word gas', () => {
  assert.deepEqual(call(4n, Fork.Frontier, ''), [15n, '']);
  assert.deepEqual(call(4n, Fork.Frontier, ABC), [18n, ABC]);
  assert.deepEqual(call(4n, Fork.Cancun, BYTES_0_TO_99), [27n, BYTES_0_TO_99]);
  const { p, rules } = precompileAt(4n, Fork.Cancun);
  const input = hexToBytes(ABC);
  const out = p.run(input, rules)!;
  input[0] = 0xff;
  assert.equal(out[0], 0x61, 'the output does not alias the input');
});

test('word rounding at 32-byte boundaries', () => {
  for (const [len, words] of [
    [31, 1n],
    [32, 1n],
    [33, 2n],
    [64, 2n],
    [65, 3n],
  ] as const) {
    const input = '00'.repeat(len);
    assert.equal(call(2n, Fork.Cancun, input)[0], 60n + 12n * words);
    assert.equal(call(3n, Fork.Cancun, input)[0], 600n + 120n * words);
    assert.equal(call(4n, Fork.Cancun, input)[0], 15n + 3n * words);
  }
});

test('a large input hashes and prices without trouble (1 MiB)', () => {
  const { p, rules } = precompileAt(2n, Fork.Cancun);
  const input = new Uint8Array(1 << 20);
  assert.equal(p.gas(input, rules), 60n + 12n * 32768n);
  assert.equal(p.run(input, rules)!.length, 32);
});
