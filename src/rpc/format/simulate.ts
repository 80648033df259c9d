/**
 * One call's result in an eth_simulateV1 block (execution-apis `CallResult`): returnData, logs, gasUsed,
 * maxUsedGas, status, and on failure `error` {message, code, data?}: code 3 with the revert data for a
 * revert, -32015 for any other VM error ("out of gas", ...). The block around it is formatBlock's, with
 * `calls` added.
 */
import { data, quantity } from '../codec.js';
import { formatLog, type LogData } from './receipt.js';

export interface CallResultData {
  readonly returnData: Uint8Array;
  readonly logs: readonly LogData[];
  readonly gasUsed: bigint;
  /** The most gas the call had in use at any point (what it needs to succeed, refunds aside). */
  readonly maxUsedGas: bigint;
  readonly status: boolean;
  readonly error?: { readonly message: string; readonly code: number; readonly data?: Uint8Array };
}

export function formatCallResult(c: CallResultData): Record<string, unknown> {
  const out: Record<string, unknown> = {
    returnData: data(c.returnData),
    logs: c.logs.map(formatLog),
    gasUsed: quantity(c.gasUsed),
    maxUsedGas: quantity(c.maxUsedGas),
    status: c.status ? '0x1' : '0x0',
  };
  if (c.error !== undefined) {
    out.error =
      c.error.data === undefined
        ? { message: c.error.message, code: c.error.code }
        : { message: c.error.message, code: c.error.code, data: data(c.error.data) };
  }
  return out;
}
