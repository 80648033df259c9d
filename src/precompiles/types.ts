/**
 * A precompiled contract: a pure gas function separate from the run function
 * (go-ethereum RequiredGas/Run, evmone analyze/execute). Both are synchronous.
 */
import type { Rules } from '../spec/rules.js';

export interface Precompile {
  readonly name: string;
  /** Gas the call costs for this input under these rules. A bigint: modexp prices can exceed 2^53. */
  gas(input: Uint8Array, rules: Rules): bigint;
  /** The output, or null when the input is invalid (the call fails and consumes all gas it was given). */
  run(input: Uint8Array, rules: Rules): Uint8Array | null;
}
