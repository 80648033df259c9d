/** The precompile registry: addresses per fork, repricings by fork, caching. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORK_COUNT } from '../../src/spec/fork.js';
import { precompileAddresses, precompilesFor, PRECOMPILE_PATCHES } from '../../src/precompiles/registry.js';
import { EIPS, FORK_EIPS } from '../../src/spec/eips.js';
import { Fork, rulesFor } from './helpers.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => BigInt(i + 1));

/** Prague adds the EIP-2537 BLS12-381 precompiles 0x0b..0x11; Osaka adds EIP-7951 P256VERIFY at 0x100. */
const PRAGUE = range(0x11);
const OSAKA = [...PRAGUE, 0x100n];

test('registry: addresses per fork (Frontier 1-4, Byzantium 1-8, Istanbul 1-9, Cancun 1-0x0a, Prague 1-0x11, Osaka + 0x100)', () => {
  const expected: [Fork, bigint[]][] = [
    [Fork.Frontier, range(4)],
    [Fork.Homestead, range(4)],
    [Fork.TangerineWhistle, range(4)],
    [Fork.SpuriousDragon, range(4)],
    [Fork.Byzantium, range(8)],
    [Fork.Constantinople, range(8)],
    [Fork.Petersburg, range(8)],
    [Fork.Istanbul, range(9)],
    [Fork.MuirGlacier, range(9)],
    [Fork.Berlin, range(9)],
    [Fork.London, range(9)],
    [Fork.ArrowGlacier, range(9)],
    [Fork.GrayGlacier, range(9)],
    [Fork.Paris, range(9)],
    [Fork.Shanghai, range(9)],
    [Fork.Cancun, range(10)],
    [Fork.Prague, PRAGUE],
    [Fork.Osaka, OSAKA],
    [Fork.BPO1, OSAKA],
    [Fork.BPO2, OSAKA],
    [Fork.BPO3, OSAKA],
    [Fork.BPO4, OSAKA],
    [Fork.BPO5, OSAKA],
  ];
  assert.equal(expected.length, FORK_COUNT);
  for (const [fork, addresses] of expected) {
    const rules = rulesFor(fork);
    assert.deepEqual(precompileAddresses(rules), addresses, rules.name);
    assert.deepEqual([...precompilesFor(rules).keys()], addresses, rules.name);
  }
});

test('registry: built once per fork and cached; address lists are fresh copies', () => {
  const rules = rulesFor(Fork.Cancun);
  assert.equal(precompilesFor(rules), precompilesFor(rules));
  const list = precompileAddresses(rules);
  list.push(999n);
  assert.equal(precompileAddresses(rules).length, 10);
});

test('registry: repricings switch objects at the activating fork', () => {
  const at = (fork: Fork, address: bigint) => precompilesFor(rulesFor(fork)).get(address)!;
  const empty = new Uint8Array(0);
  // EIP-1108 (Istanbul): alt_bn128
  assert.equal(at(Fork.Petersburg, 6n).gas(empty, rulesFor(Fork.Petersburg)), 500n);
  assert.equal(at(Fork.Istanbul, 6n).gas(empty, rulesFor(Fork.Istanbul)), 150n);
  assert.equal(at(Fork.Petersburg, 7n).gas(empty, rulesFor(Fork.Petersburg)), 40000n);
  assert.equal(at(Fork.Istanbul, 7n).gas(empty, rulesFor(Fork.Istanbul)), 6000n);
  assert.equal(at(Fork.Petersburg, 8n).gas(empty, rulesFor(Fork.Petersburg)), 100000n);
  assert.equal(at(Fork.Istanbul, 8n).gas(empty, rulesFor(Fork.Istanbul)), 45000n);
  // EIP-198 / EIP-2565 / EIP-7883: modexp of empty input (all lengths 0)
  assert.equal(at(Fork.Istanbul, 5n).gas(empty, rulesFor(Fork.Istanbul)), 0n);
  assert.equal(at(Fork.Berlin, 5n).gas(empty, rulesFor(Fork.Berlin)), 200n);
  assert.equal(at(Fork.Prague, 5n).gas(empty, rulesFor(Fork.Prague)), 200n);
  assert.equal(at(Fork.Osaka, 5n).gas(empty, rulesFor(Fork.Osaka)), 500n);
  // Unchanged ones are the same object in every fork.
  assert.equal(at(Fork.Frontier, 1n), at(Fork.Osaka, 1n));
  assert.equal(at(Fork.Istanbul, 9n), at(Fork.Osaka, 9n));
});

test('registry: rows are in activation order, keyed by known EIPs, and every precompile has a name', () => {
  const order = FORK_EIPS.flat();
  for (let i = 1; i < PRECOMPILE_PATCHES.length; i++) {
    assert.ok(order.indexOf(PRECOMPILE_PATCHES[i - 1]!.eip) <= order.indexOf(PRECOMPILE_PATCHES[i]!.eip));
  }
  for (const p of PRECOMPILE_PATCHES) {
    assert.ok(EIPS.has(p.eip), `EIP-${p.eip}`);
    assert.ok(p.precompile.name.length > 0);
  }
});
