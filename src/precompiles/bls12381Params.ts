/**
 * EIP-2537 encoding lengths and the MSM gas rule: what the BLS12-381 precompiles (0x0b..0x11) need before
 * any curve arithmetic, kept apart from the curve code (./bls12381.ts, @noble/curves) so that loading the
 * precompile registry does not load a curve library.
 */
export const FP_LENGTH = 64;
export const G1_LENGTH = 128;
export const G2_LENGTH = 256;
export const SCALAR_LENGTH = 32;

/** EIP-2537 MSM discount multiplier: cost = k * multiplication_cost * discount(k) / 1000. */
export const MSM_MULTIPLIER = 1000n;

/** MSM gas: k pairs of `pairLength` bytes; floor(len / pairLength) pairs are priced (0 for an empty input). */
export function msmGas(
  inputLength: number,
  pairLength: number,
  multiplicationCost: bigint,
  discounts: readonly number[],
  maxDiscount: number,
): bigint {
  const k = Math.floor(inputLength / pairLength);
  if (k === 0) return 0n;
  const discount = k <= discounts.length ? discounts[k - 1]! : maxDiscount;
  return (BigInt(k) * multiplicationCost * BigInt(discount)) / MSM_MULTIPLIER;
}
