/**
 * The key-collision loops of bench/hostile (`npm run bench -- --hostile`): every loop, with friendly keys
 * (i) and with keys that differ only above bit 64 (i << 64, 128, 192), gives the same outcome on evmkit
 * and @ethereumjs/vm, and the hostile shape does the same work as its friendly twin. Outcomes only, no
 * clock: how long they take is the bench's business (BENCHMARKS.md, Hostile keys).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostileCase, BODIES } from '../../bench/hostile/cases.js';
import { prepareEvmkit } from '../../bench/run/evmkit.js';
import { prepareEthereumjs } from '../../bench/peer/ethereumjs.js';
import { bytesToHex } from '../../src/primitives/hex.js';

test('hostile loops: friendly and colliding keys, evmkit equals ethereumjs (gas used, state root)', async () => {
  for (const [op, b] of Object.entries(BODIES)) {
    let friendlyGas: bigint | undefined;
    for (const shift of [0, 64, 128, 192]) {
      if (shift > b.maxShift) continue;
      const c = hostileCase(op, shift, 400_000n);
      const ek = prepareEvmkit(c.vector).check();
      const ej = await prepareEthereumjs(c.vector, c.signedTx).check();
      assert.equal(ek.gasUsed, ej.gasUsed, `${c.name}: gas`);
      assert.equal(bytesToHex(ek.stateRoot), bytesToHex(ej.stateRoot), `${c.name}: state root`);
      assert.equal(ek.gasUsed, 400_000n, `${c.name}: the loop runs until its gas is gone`);
      friendlyGas ??= ek.gasUsed;
      assert.equal(ek.gasUsed, friendlyGas);
    }
  }
});

test('hostile loops: 30M gas of cold SLOADs and of TSTOREs on keys i << 64 run to the end (bounded work per key)', () => {
  for (const op of ['SLOAD', 'TSTORE_TLOAD']) {
    const c = hostileCase(op, 64);
    const r = prepareEvmkit(c.vector).run();
    assert.equal(r.gasUsed, 30_000_000n);
  }
});
