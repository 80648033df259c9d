/**
 * Gas estimation: go-ethereum's eth/gasestimator `Estimate`, step for step, so evmkit answers what a
 * go-ethereum node answers (its eth_estimateGas passes ErrorRatio 0.015; ErrorRatio 0, the default here,
 * gives the smallest gas limit with which the message succeeds).
 *
 *   hi  = the message's gas limit if >= 21000, else the block's; capped by EIP-7825 (Osaka), by what the
 *         sender can pay at the message's fee cap ((balance - value - blob fee) / feeCap), and by `gasCap`
 *   a plain transfer (no data, to an account without code) is tried at 21000 first
 *   run at hi: a revert or any halt but out-of-gas ends the estimate with that error (and the revert data);
 *         out of gas is "gas required exceeds allowance (hi)"
 *   lo  = gas used by that run - 1 (a lower bound for almost every message)
 *   try (peak gas used + 2300) * 64/63 once: the first guess that covers a CALL's stipend and the 1/64
 *         every call level keeps back (EIP-150), which is why the gas used alone is not enough
 *   bisect (lo, hi], biased low (mid <= 2 lo), until hi - lo <= 1 (or within the error ratio)
 *
 * Every run goes through the transition pipeline in call mode (./pipeline.ts: nonce and EOA checks off,
 * BASEFEE 0 for a message that pays no fee) on a checkpoint that is reverted afterwards, so the state is
 * left exactly as it was. A run rejected for too little intrinsic gas counts as a failure at that limit
 * (the search raises it), as go-ethereum's ErrIntrinsicGas (and ErrGasLimitTooHigh); any other rejection
 * ends the estimate.
 *
 * The algorithm is written once, as a generator that yields the gas limits to try; `estimateGas` drives it
 * synchronously and `estimateGasAsync` over lazily loaded state (src/exec/driver.ts).
 */
import { prepare, settle, type Prepared, type TransitionContext } from './pipeline.js';
import { executeAsync } from '../exec/driver.js';
import { isGasRejection } from './validate.js';
import { Status, statusMessage } from '../machine/status.js';
import type { ExecResult } from '../machine/message.js';
import type { Transaction } from '../tx/types.js';
import { TxType } from '../tx/types.js';
import type { Address } from '../primitives/address.js';
import type { LazyState } from '../state/backends/lazy.js';

/** go-ethereum params.TxGas and params.CallStipend. */
const TX_GAS = 21000n;
const CALL_STIPEND = 2300n;
const U64_MAX = (1n << 64n) - 1n;

export interface EstimateOptions {
  /** go-ethereum's RPC gas cap (`--rpc.gascap`): the most gas tried. Default 50,000,000; 0 = none. */
  readonly gasCap?: bigint;
  /**
   * Accepted overestimate as a fraction of the answer (go-ethereum Options.ErrorRatio): 0 (default) = the
   * exact minimum; go-ethereum's eth_estimateGas uses 0.015.
   */
  readonly errorRatio?: number;
}

/** What an estimate ends with: the gas, or go-ethereum's error (and the revert data of a revert). */
export type EstimateResult =
  | { readonly gas: bigint; readonly error?: undefined }
  | {
      readonly gas?: undefined;
      /** go-ethereum's words: 'execution reverted', 'gas required exceeds allowance (N)', 'insufficient funds for transfer', ... */
      readonly error: string;
      /** REVERT data when the message reverts at the highest gas limit (decode with src/tracing/revertReason.ts). */
      readonly revertData?: Uint8Array;
      /** The status the message ended with at the highest gas limit, when it ran. */
      readonly status?: Status;
    };

/** The outcome of one run at a gas limit. */
export type Trial =
  | {
      readonly rejected: string;
      /** Too little intrinsic gas, or a limit above EIP-7825's cap: a failure at this limit, not the end (go-ethereum's two special cases). */
      readonly retry: boolean;
    }
  | {
      readonly rejected?: undefined;
      readonly status: Status;
      readonly failed: boolean;
      readonly usedGas: bigint;
      readonly maxUsedGas: bigint;
      readonly output: Uint8Array;
    };

export const DEFAULT_GAS_CAP = 50_000_000n;

/** The fee cap the message is willing to pay per gas (go-ethereum: GasFeeCap, else GasPrice, else 0). */
function feeCapOf(tx: Transaction): bigint {
  if (tx.type === TxType.Legacy || tx.type === TxType.AccessList) return tx.gasPrice ?? 0n;
  return tx.maxFeePerGas ?? 0n;
}

/**
 * go-ethereum's Estimate as a generator: yields each gas limit to try and receives the Trial of that run.
 * Reads the sender's balance and the recipient's code from `ctx.state` (load them first when lazy).
 */
export function* estimateSteps(
  ctx: TransitionContext,
  tx: Transaction,
  sender: Address,
  opts: EstimateOptions = {},
): Generator<bigint, EstimateResult, Trial> {
  const { state, block, rules } = ctx;
  let hi = tx.gasLimit >= TX_GAS ? tx.gasLimit : block.gasLimit;
  // EIP-7825 (Osaka): no transaction may ask for more than the cap.
  if (rules.txGasLimitCap > 0n && hi > rules.txGasLimitCap) hi = rules.txGasLimitCap;

  const feeCap = feeCapOf(tx);
  if (feeCap !== 0n) {
    let available = state.getBalance(sender);
    if (tx.value >= available) return { error: 'insufficient funds for transfer' };
    available -= tx.value;
    const blobs = tx.blobVersionedHashes?.length ?? 0;
    if (rules.eip4844 && blobs > 0) {
      const blobCost = BigInt(blobs * rules.blobGasPerBlob) * (tx.maxFeePerBlobGas ?? 0n);
      if (blobCost >= available) return { error: 'insufficient funds for gas * price + value' };
      available -= blobCost;
    }
    const allowance = available / feeCap;
    if (allowance <= U64_MAX && hi > allowance) hi = allowance;
  }
  const gasCap = opts.gasCap ?? DEFAULT_GAS_CAP;
  if (gasCap !== 0n && hi > gasCap) hi = gasCap;

  // A plain transfer: try 21000 first (running it, since access lists and the like can cost more).
  if (tx.data.length === 0 && tx.to !== null && state.getCode(tx.to).length === 0) {
    const t = yield TX_GAS;
    if (t.rejected === undefined && !t.failed) return { gas: TX_GAS };
  }

  const first = yield hi;
  if (first.rejected !== undefined) {
    if (!first.retry) return { error: first.rejected };
    return { error: `gas required exceeds allowance (${hi})` };
  }
  if (first.failed) {
    if (first.status !== Status.OutOfGas) {
      const error = first.status === Status.Revert ? 'execution reverted' : statusMessage(first.status);
      return first.status === Status.Revert ? { error, revertData: first.output, status: first.status } : { error, status: first.status };
    }
    return { error: `gas required exceeds allowance (${hi})`, status: first.status };
  }
  let lo = first.usedGas - 1n;

  // Most messages succeed with what they used at peak plus a call stipend, grossed up by 64/63.
  const optimistic = ((first.maxUsedGas + CALL_STIPEND) * 64n) / 63n;
  if (optimistic < hi) {
    const t = yield optimistic;
    if (t.rejected !== undefined && !t.retry) return { error: t.rejected };
    if (t.rejected !== undefined || t.failed) lo = optimistic;
    else hi = optimistic;
  }

  const ratio = opts.errorRatio ?? 0;
  while (lo + 1n < hi) {
    if (ratio > 0 && Number(hi - lo) / Number(hi) < ratio) break;
    let mid = lo + (hi - lo) / 2n;
    // Most messages need little more than they use: bisect towards the low side.
    if (mid > lo * 2n) mid = lo * 2n;
    const t = yield mid;
    if (t.rejected !== undefined && !t.retry) return { error: t.rejected };
    if (t.rejected !== undefined || t.failed) lo = mid;
    else hi = mid;
  }
  return { gas: hi };
}

/** The message at `gasLimit`, prepared in call mode on a checkpoint (or the rejection). */
function begin(ctx: TransitionContext, tx: Transaction, sender: Address, gasLimit: bigint): { p: Prepared; cp: number } | Trial {
  const cp = ctx.state.checkpoint();
  const p = prepare(ctx, { ...tx, gasLimit }, sender, 'call');
  if ('rejected' in p) {
    ctx.state.finalizeTx(false);
    return { rejected: `failed with ${gasLimit} gas: ${p.rejected}`, retry: isGasRejection(p.code) };
  }
  return { p, cp };
}

/** Settles the run, reverts everything it did, and describes it. */
function end(ctx: TransitionContext, p: Prepared, cp: number, r: ExecResult): Trial {
  const rc = settle(p, r);
  ctx.state.revert(cp);
  ctx.state.takeLogs();
  ctx.state.finalizeTx(false);
  let maxUsedGas = p.tx.gasLimit - rc.gasLeft;
  const floor = p.valid?.floor ?? 0n;
  if (maxUsedGas < floor) maxUsedGas = floor;
  return { status: r.status, failed: !rc.success, usedGas: rc.gasUsed, maxUsedGas, output: rc.output };
}

function abandon(ctx: TransitionContext, cp: number): void {
  ctx.state.revert(cp);
  ctx.state.takeLogs();
  ctx.state.finalizeTx(false);
}

/** One run at `gasLimit`, synchronously. */
export function trialSync(ctx: TransitionContext, tx: Transaction, sender: Address, gasLimit: bigint): Trial {
  const b = begin(ctx, tx, sender, gasLimit);
  if (!('p' in b)) return b;
  let r: ExecResult;
  try {
    r = b.p.exec.execute(b.p.msg);
  } catch (e) {
    abandon(ctx, b.cp);
    throw e;
  }
  return end(ctx, b.p, b.cp, r);
}

/** One run at `gasLimit`, awaiting state loads. */
export async function trialAsync(
  ctx: TransitionContext,
  tx: Transaction,
  sender: Address,
  gasLimit: bigint,
  lazy: LazyState | null,
): Promise<Trial> {
  const b = begin(ctx, tx, sender, gasLimit);
  if (!('p' in b)) return b;
  let r: ExecResult;
  try {
    r = await executeAsync(b.p.exec, b.p.msg, lazy);
  } catch (e) {
    abandon(ctx, b.cp);
    throw e;
  }
  return end(ctx, b.p, b.cp, r);
}

/**
 * The gas `tx` (a message from `sender`; its gasLimit is the caller's `gas`, 0 when not given) needs, or
 * go-ethereum's error. The state is left as it was.
 */
export function estimateGas(ctx: TransitionContext, tx: Transaction, sender: Address, opts: EstimateOptions = {}): EstimateResult {
  const steps = estimateSteps(ctx, tx, sender, opts);
  let next = steps.next();
  while (next.done !== true) next = steps.next(trialSync(ctx, tx, sender, next.value));
  return next.value;
}

/** estimateGas over lazily loaded state: each run awaits what it misses. */
export async function estimateGasAsync(
  ctx: TransitionContext,
  tx: Transaction,
  sender: Address,
  lazy: LazyState | null,
  opts: EstimateOptions = {},
): Promise<EstimateResult> {
  const steps = estimateSteps(ctx, tx, sender, opts);
  let next = steps.next();
  while (next.done !== true) next = steps.next(await trialAsync(ctx, tx, sender, next.value, lazy));
  return next.value;
}
