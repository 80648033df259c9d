/** What the G1 MSM micro benches (msmAb.ts, g1MsmParts.ts) share: CPU time per call, random scalars. */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { cpuClock } from '../run/clock.js';

/** The order of G1. */
export const Q = bls12_381.fields.Fr.ORDER;

/** A uniform scalar in [1, Q - 1]. */
export function randScalar(): bigint {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(40));
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return (v % (Q - 1n)) + 1n;
}

/** CPU µs per call over back-to-back calls lasting at least `ms` of this process's CPU time. */
export function cpuSample(fn: () => void, ms: number): number {
  const c0 = cpuClock();
  let calls = 0;
  do {
    fn();
    calls++;
  } while (cpuClock() - c0 < ms);
  return ((cpuClock() - c0) * 1000) / calls;
}
