/**
 * eth_feeHistory's answer (execution-apis `FeeHistoryResults`): for `blockCount` blocks from oldestBlock,
 * the base fee of each and of the next block (n + 1 entries), the gas used ratio (floats), the requested
 * reward percentiles per block (only when percentiles were asked for), and since Cancun the blob base fee
 * (n + 1) and blob gas used ratio (zeros before Cancun, as go-ethereum reports).
 */
import { quantity } from '../codec.js';

export interface FeeHistoryData {
  readonly oldestBlock: bigint;
  readonly baseFeePerGas: readonly bigint[];
  readonly gasUsedRatio: readonly number[];
  /** Per block, the effective tips at the requested percentiles; absent when none were requested. */
  readonly reward?: readonly (readonly bigint[])[];
  readonly baseFeePerBlobGas: readonly bigint[];
  readonly blobGasUsedRatio: readonly number[];
}

export function formatFeeHistory(f: FeeHistoryData): Record<string, unknown> {
  const out: Record<string, unknown> = { oldestBlock: quantity(f.oldestBlock) };
  if (f.reward !== undefined) out.reward = f.reward.map((r) => r.map((x) => quantity(x)));
  out.baseFeePerGas = f.baseFeePerGas.map((x) => quantity(x));
  out.gasUsedRatio = [...f.gasUsedRatio];
  out.baseFeePerBlobGas = f.baseFeePerBlobGas.map((x) => quantity(x));
  out.blobGasUsedRatio = [...f.blobGasUsedRatio];
  return out;
}
