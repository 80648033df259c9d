/**
 * 0x0e BLS12_G2MSM (Prague, EIP-2537; execution-specs `bls12_381/bls12_381_g2.py` `bls12_g2_msm`).
 *
 * Input: k >= 1 pairs of G2 point (256 bytes) || scalar (32 bytes, big-endian, any 256-bit value).
 * Output: sum of scalar_i * P_i, 256 bytes. Every point must be on the twist AND in the order-q
 * subgroup (infinity allowed); an empty input, a length that is not a multiple of 288 or an invalid
 * point fails the call. (G2MUL is G2MSM with k = 1.)
 *
 * Gas: k * 22500 * discount(k) / 1000, discount from the 128-entry G2 table below, 524 for k > 128.
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { G2_LENGTH, SCALAR_LENGTH, msmGas } from './bls12381Params.js';
import { backends } from './backends.js';

const G2MSM_PAIR_LENGTH = G2_LENGTH + SCALAR_LENGTH; // 288
/** EIP-2537 G2 multiplication cost, the unit of the MSM price. */
const G2MUL_GAS = 22500n;
const G2_MAX_DISCOUNT = 524;
/** EIP-2537 G2 MSM discounts for k = 1..128 (index k - 1). */
export const G2_MSM_DISCOUNTS: readonly number[] = [
  1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704, 699, 693, 688, 683, 679, 674, 670, 666, 663,
  659, 655, 652, 649, 646, 643, 640, 637, 634, 632, 629, 627, 624, 622, 620, 618, 615, 613, 611, 609, 607, 606, 604, 602, 600, 598, 597,
  595, 593, 592, 590, 589, 587, 586, 584, 583, 582, 580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568, 567, 566, 565, 563, 562, 561,
  560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549, 548, 547, 546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537,
  537, 536, 535, 535, 534, 533, 532, 532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524,
];

export const bls12G2Msm: Precompile = {
  name: 'BLS12_G2MSM',
  gas(input: Uint8Array, _rules: Rules): bigint {
    return msmGas(input.length, G2MSM_PAIR_LENGTH, G2MUL_GAS, G2_MSM_DISCOUNTS, G2_MAX_DISCOUNT);
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    if (input.length === 0 || input.length % G2MSM_PAIR_LENGTH !== 0) return null;
    return backends.bls12381.g2Msm(input);
  },
};
