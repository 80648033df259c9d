/**
 * Divergences where evmkit is right and ethereumjs is not, or where the two only label the same
 * consensus outcome differently (checked against the EIPs and execution-specs; each is written up in
 * FUZZING.md). A divergence matching one of these is counted as explained, not as a failure.
 */
import type { FuzzCase } from './case.js';
import type { Comparison } from './differential.js';

export interface KnownDivergence {
  readonly id: string;
  readonly reason: string;
  readonly matches: (c: FuzzCase, r: Comparison) => boolean;
}

function isPrecompile(to: string | null): boolean {
  return to !== null && BigInt(to) >= 1n && BigInt(to) <= 0x11n;
}

export const KNOWN_DIVERGENCES: readonly KnownDivergence[] = [
  {
    id: 'precompile-failure-label',
    reason:
      'A transaction straight to a precompile whose input is invalid (e.g. a bn254 point off the curve): ' +
      'ethereumjs labels the result "revert" but consumes all gas; execution-specs raise an exceptional halt ' +
      '(all gas consumed, no REVERT). Gas, logs and state root agree; only the label differs.',
    matches: (c, r) =>
      r.fields.length === 1 &&
      r.fields[0] === 'status' &&
      isPrecompile(c.tx.to) &&
      r.evmkit.status === 'halt' &&
      r.evmkit.detail === 'precompiled contract failed' &&
      r.ethereumjs.status === 'revert',
  },
];

export function explain(c: FuzzCase, r: Comparison): KnownDivergence | undefined {
  return KNOWN_DIVERGENCES.find((k) => k.matches(c, r));
}
