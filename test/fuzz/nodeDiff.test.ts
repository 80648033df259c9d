/**
 * The node-level differential in short form: `bin/evmkit node` and anvil from one genesis.json, the same
 * random steps through viem (transactions of types 0/1/2/4, mined blocks, snapshots and reverts, calls,
 * logs), every answer, receipt, block and reachable account compared after each step. `npm run fuzz:node`
 * runs the long form (FUZZING.md). anvil comes from the @foundry-rs/anvil devDependency; without it the
 * test fails under CI=true and skips elsewhere, saying why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anvilBinary } from '../../fuzz/node/endpoints.js';
import { runNodeDifferential } from '../../fuzz/node/main.js';
import { nextBaseFee } from '../../fuzz/node/differential.js';

const anvil = anvilBinary();
const skip = anvil === null && process.env.CI !== 'true' ? 'anvil is not installed (npm ci installs @foundry-rs/anvil)' : false;

test('EIP-1559 base fee rule used to put anvil back on the formula after evm_revert', () => {
  const gasLimit = 30_000_000n;
  assert.equal(nextBaseFee({ gasLimit, gasUsed: 15_000_000n, baseFee: 1_000_000_000n }), 1_000_000_000n);
  assert.equal(nextBaseFee({ gasLimit, gasUsed: 0n, baseFee: 1_000_000_000n }), 875_000_000n);
  assert.equal(nextBaseFee({ gasLimit, gasUsed: 30_000_000n, baseFee: 1_000_000_000n }), 1_125_000_000n);
  // The increase is at least 1 wei.
  assert.equal(nextBaseFee({ gasLimit, gasUsed: 15_000_001n, baseFee: 7n }), 8n);
});

for (const [fork, seed, steps] of [
  ['prague', 1, 30],
  ['osaka', 3, 25],
] as const) {
  test(`evmkit node and anvil agree on ${steps} random steps (${fork}, seed ${seed})`, { skip, timeout: 240_000 }, async () => {
    assert.ok(anvil !== null, 'anvil is not installed: npm ci installs @foundry-rs/anvil');
    const r = await runNodeDifferential({ steps, seed, fork });
    assert.deepEqual(r.differences, [], r.log.slice(-8).join('\n'));
    assert.equal(r.steps, steps);
    // The run reached what it is meant to compare: committed and failed transactions, blocks, snapshots.
    assert.ok((r.kinds['tx succeeded'] ?? 0) > steps / 4, JSON.stringify(r.kinds));
    assert.ok((r.kinds['tx failed'] ?? 0) > 0, JSON.stringify(r.kinds));
    assert.ok((r.kinds['mine'] ?? 0) > 0 && (r.kinds['snapshot'] ?? 0) > 0, JSON.stringify(r.kinds));
  });
}
