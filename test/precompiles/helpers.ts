/** Shared helpers for the precompile tests: hex in/out, vector files, calling a precompile by address. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Fork } from '../../src/spec/fork.js';
import { rulesFor, type Rules } from '../../src/spec/rules.js';
import { precompilesFor } from '../../src/precompiles/registry.js';
import type { Precompile } from '../../src/precompiles/types.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/hex.js';
import { installBackendsFromEnv } from './backendChoice.js';

await installBackendsFromEnv();

export { Fork, rulesFor, bytesToHex, hexToBytes };

/** Loads test/precompiles/vectors/<name> (the sources stay in the repository; tsc does not copy JSON). */
export function loadVectors<T>(name: string): T {
  // dist/test/precompiles/helpers.js -> <repo>/test/precompiles/vectors/<name>
  const path = fileURLToPath(new URL(`../../../test/precompiles/vectors/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The precompile at `address` under `fork` (fails the test when there is none). */
export function precompileAt(address: bigint, fork: Fork): { p: Precompile; rules: Rules } {
  const rules = rulesFor(fork);
  const p = precompilesFor(rules).get(address);
  assert.ok(p, `no precompile at ${address} in fork ${rules.name}`);
  return { p, rules };
}

/** Runs the precompile at `address` on hex input; returns [gas, output hex without 0x or null]. */
export function call(address: bigint, fork: Fork, inputHex: string): [bigint, string | null] {
  const { p, rules } = precompileAt(address, fork);
  const input = hexToBytes(inputHex);
  const out = p.run(input, rules);
  return [p.gas(input, rules), out === null ? null : bytesToHex(out).slice(2)];
}

export interface GethVector {
  /** Input hex without 0x. */
  in: string;
  /** Expected output hex without 0x. */
  out: string;
  gas: number;
  name: string;
}

/** Asserts every vector's exact gas and output at `address` under `fork`. */
export function checkVectors(address: bigint, fork: Fork, vectors: readonly GethVector[]): void {
  for (const v of vectors) {
    const [gas, out] = call(address, fork, v.in);
    assert.equal(out, v.out, `${v.name}: output`);
    assert.equal(gas, BigInt(v.gas), `${v.name}: gas`);
  }
}

/** Asserts that every input fails (run returns null) at `address` under `fork`. */
export function checkFailures(address: bigint, fork: Fork, failures: readonly { in: string; name: string }[]): void {
  for (const f of failures) assert.equal(call(address, fork, f.in)[1], null, `${f.name}: must fail`);
}

/** hex of a 32-byte big-endian word. */
export function w(v: bigint): string {
  return v.toString(16).padStart(64, '0');
}
