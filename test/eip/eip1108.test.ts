/**
 * EIP-1108 (Istanbul): alt_bn128 repricing: ECADD 500 -> 150, ECMUL 40000 -> 6000,
 * pairing 100000 + 80000 k -> 45000 + 34000 k. Results do not change.
 * https://eips.ethereum.org/EIPS/eip-1108
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork, PAIR_INF, hexToBytes, precompileCaller, callerResult, run, expectRun, w32 } from './helpers.js';
import { Status } from '../../src/machine/status.js';

const G1 = w32(1n) + w32(2n);
const TWO_G1 =
  '030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3' + '15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4';

// Caller gas (precompileCaller, see helpers.ts), all with CALL 700 (Petersburg and Istanbul):
//   ECADD 128 bytes in, 64 out: 43 + 3 * 4 + memCost(5) = 15 -> 70
//   ECMUL 96 bytes in, 64 out:  43 + 3 * 3 + memCost(4) = 12 -> 64
//   pairing, empty input:       43 + 0 + memCost(2) = 6      -> 49
//   pairing, one pair (192):    43 + 3 * 6 + memCost(7) = 21 -> 82
const CASES: [string, bigint, string, number, string, number, number][] = [
  // name, address, input, output size, output, Petersburg price, Istanbul price
  ['ECADD', 6n, G1 + G1, 64, TWO_G1, 70 + 700 + 500, 70 + 700 + 150],
  ['ECMUL', 7n, G1 + w32(2n), 64, TWO_G1, 64 + 700 + 40000, 64 + 700 + 6000],
  ['pairing k = 0', 8n, '', 32, w32(1n), 49 + 700 + 100000, 49 + 700 + 45000],
  ['pairing k = 1', 8n, PAIR_INF, 32, w32(1n), 82 + 700 + 100000 + 80000, 82 + 700 + 45000 + 34000],
];

test('EIP-1108: alt_bn128 prices, Petersburg vs Istanbul', () => {
  for (const [name, addr, inp, outSize, out, before, after] of CASES) {
    const p = run(Fork.Petersburg, precompileCaller(addr, outSize), { input: hexToBytes(inp) });
    expectRun(p, Status.Return, before, `Petersburg ${name}`);
    assert.deepEqual(callerResult(p), [1n, out], `Petersburg ${name}`);
    const i = run(Fork.Istanbul, precompileCaller(addr, outSize), { input: hexToBytes(inp) });
    expectRun(i, Status.Return, after, `Istanbul ${name}`);
    assert.deepEqual(callerResult(i), [1n, out], `Istanbul ${name}`);
  }
});

test('EIP-1108: the Istanbul prices stay in later forks (Berlin: warm precompile, CALL 100)', () => {
  // ECADD in Berlin: 70 + 100 + 150 = 320; pairing k = 1: 82 + 100 + 45000 + 34000 = 79182
  expectRun(run(Fork.Berlin, precompileCaller(6n, 64), { input: hexToBytes(G1 + G1) }), Status.Return, 320, 'Berlin ECADD');
  expectRun(run(Fork.Cancun, precompileCaller(8n, 32), { input: hexToBytes(PAIR_INF) }), Status.Return, 79182, 'Cancun pairing');
});
