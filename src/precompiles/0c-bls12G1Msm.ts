/**
 * 0x0c BLS12_G1MSM (Prague, EIP-2537; execution-specs `bls12_381/bls12_381_g1.py` `bls12_g1_msm`).
 *
 * Input: k >= 1 pairs of G1 point (128 bytes) || scalar (32 bytes, big-endian, any 256-bit value).
 * Output: sum of scalar_i * P_i, 128 bytes. Every point must be on the curve AND in the order-q
 * subgroup (infinity allowed); an empty input, a length that is not a multiple of 160 or an invalid
 * point fails the call. (G1MUL is G1MSM with k = 1: the final EIP dropped the separate address.)
 *
 * Gas: k * 12000 * discount(k) / 1000, discount from the 128-entry G1 table below, 519 for k > 128.
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { G1_LENGTH, SCALAR_LENGTH, msmGas } from './bls12381Params.js';
import { backends } from './backends.js';

const G1MSM_PAIR_LENGTH = G1_LENGTH + SCALAR_LENGTH; // 160
/** EIP-2537 G1 multiplication cost, the unit of the MSM price. */
const G1MUL_GAS = 12000n;
const G1_MAX_DISCOUNT = 519;
/** EIP-2537 G1 MSM discounts for k = 1..128 (index k - 1). */
export const G1_MSM_DISCOUNTS: readonly number[] = [
  1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665, 661, 658, 654, 651, 648, 645, 642, 640,
  637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615, 613, 611, 609, 608, 606, 604, 603, 601, 599, 598, 596, 595, 593, 592, 591, 589,
  588, 586, 585, 584, 582, 581, 580, 579, 577, 576, 575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563, 562, 561, 560, 559, 558,
  557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545, 544, 543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534,
  533, 532, 532, 531, 530, 529, 528, 528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519,
];

export const bls12G1Msm: Precompile = {
  name: 'BLS12_G1MSM',
  gas(input: Uint8Array, _rules: Rules): bigint {
    return msmGas(input.length, G1MSM_PAIR_LENGTH, G1MUL_GAS, G1_MSM_DISCOUNTS, G1_MAX_DISCOUNT);
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    if (input.length === 0 || input.length % G1MSM_PAIR_LENGTH !== 0) return null;
    return backends.bls12381.g1Msm(input);
  },
};
