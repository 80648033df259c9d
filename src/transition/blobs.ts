/** EIP-4844 blob gas pricing (EIP-7691 parameters and EIP-7918 come from Rules). */
import type { Rules } from '../spec/rules.js';

/** EIP-4844 `fake_exponential`: factor * e^(numerator/denominator), in integers. */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let i = 1n;
  let output = 0n;
  let acc = factor * denominator;
  while (acc > 0n) {
    output += acc;
    acc = (acc * numerator) / (denominator * i);
    i++;
  }
  return output / denominator;
}

/** The blob base fee of a block with this excess blob gas. */
export function blobBaseFee(excessBlobGas: bigint, rules: Rules): bigint {
  return fakeExponential(rules.minBlobBaseFee, excessBlobGas, rules.blobBaseFeeUpdateFraction);
}

/** Blob gas a transaction with `count` blobs uses. */
export function blobGasUsed(count: number, rules: Rules): bigint {
  return BigInt(count * rules.blobGasPerBlob);
}
