/**
 * Applying one transaction (go-ethereum `ApplyMessage` / `StateTransition.execute`, execution-specs
 * `process_transaction`): validate, buy gas, warm the access list, run the message on the executor,
 * refund (capped by EIP-3529's quotient, floored by EIP-7623), pay the coinbase its tip, and end the
 * transaction in the journal (self-destructs, EIP-161 empty-account deletion).
 */
import { Executor, type ExecResult, type ExecutorOptions } from '../exec/executor.js';
import { CallKind, type Message } from '../machine/frame.js';
import { Status, isSuccess, statusMessage } from '../machine/status.js';
import { validateTransaction, TxValidationError, type ValidTx } from './validate.js';
import { bytesToBigint } from '../primitives/hex.js';
import { applyAuthorizations } from './authorizations.js';
import { recoverAuthority } from '../tx/authorization.js';
import { delegationTarget } from '../state/delegation.js';
import type { Rules } from '../spec/rules.js';
import type { StateJournal, Log } from '../state/journal.js';
import type { Transaction } from '../tx/types.js';
import type { BlockEnv } from '../state/env.js';
import type { Address } from '../primitives/address.js';
import type { Tracer } from '../machine/tracer.js';

const RIPEMD160_ADDRESS = 3n;

export interface TxReceipt {
  /** Set when the transaction was invalid; nothing else is then meaningful and the state is unchanged. */
  readonly rejected?: string;
  readonly status: Status;
  readonly success: boolean;
  /** Gas the transaction is charged for (after refunds and the EIP-7623 floor). */
  readonly gasUsed: bigint;
  readonly logs: readonly Log[];
  readonly output: Uint8Array;
  readonly createdAddress?: Address;
  /** The error message of a failed execution, in go-ethereum's words. */
  readonly error?: string;
  readonly blobGasUsed: bigint;
}

export interface ApplyOptions {
  /** Gas left in the block for this transaction (defaults to the block gas limit). */
  readonly blockGasAvailable?: bigint;
  /** Host plug-ins and lazy state for the executor (src/api). */
  readonly executor?: ExecutorOptions;
  /** Traces the transaction (src/tracing); told nothing but onTxStart when the transaction is rejected. */
  readonly tracer?: Tracer;
}

/** A validated transaction with gas bought and access lists warmed, ready to execute (see applyTransaction). */
export interface PreparedTx {
  readonly exec: Executor;
  readonly msg: Message;
  readonly v: ValidTx;
}

export function applyTransaction(
  state: StateJournal,
  env: BlockEnv,
  tx: Transaction,
  sender: Address,
  rules: Rules,
  chainId: bigint,
  opts: ApplyOptions = {},
): TxReceipt {
  const p = prepareTransaction(state, env, tx, sender, rules, chainId, opts);
  if (!('exec' in p)) return p;
  return settleTransaction(state, env, tx, sender, rules, p, p.exec.execute(p.msg));
}

/** Validation, gas purchase and warm-up: a rejected receipt, or the message to execute. */
export function prepareTransaction(
  state: StateJournal,
  env: BlockEnv,
  tx: Transaction,
  sender: Address,
  rules: Rules,
  chainId: bigint,
  opts: ApplyOptions = {},
): PreparedTx | TxReceipt {
  const tracer = opts.tracer;
  tracer?.onTxStart({
    state,
    from: sender,
    to: tx.to,
    gasLimit: tx.gasLimit,
    coinbase: env.coinbase,
    authorities: tx.authorizationList?.flatMap((a) => recoverAuthority(a) ?? []),
  });
  let v;
  try {
    v = validateTransaction(tx, sender, state, env, rules, opts.blockGasAvailable ?? env.gasLimit);
  } catch (e) {
    if (e instanceof TxValidationError) {
      return { rejected: e.message, status: Status.Stop, success: false, gasUsed: 0n, logs: [], output: new Uint8Array(0), blobGasUsed: 0n };
    }
    throw e;
  }

  state.stickyTouchAddress = rules.ripemdTouchQuirk ? RIPEMD160_ADDRESS : null;
  // Buy gas (and blob gas) up front.
  state.subBalance(sender, tx.gasLimit * v.effectiveGasPrice + v.blobGas * v.blobBaseFee);
  if (tx.to !== null) state.setNonce(sender, tx.nonce + 1n);

  // EIP-2929/2930: sender, recipient, precompiles and the access list start warm; EIP-3651 the coinbase.
  const exec = new Executor(
    state,
    env,
    {
      origin: sender,
      gasPrice: v.effectiveGasPrice,
      blobHashes: (tx.blobVersionedHashes ?? []).map(bytesToBigint),
      blobBaseFee: v.blobBaseFee,
    },
    rules,
    chainId,
    opts.executor,
  );
  if (tracer !== undefined) exec.tracer = tracer;
  if (rules.eip2929) {
    state.warmAddress(sender);
    if (tx.to !== null) state.warmAddress(tx.to);
    for (const p of exec.precompiles.keys()) state.warmAddress(p);
    for (const item of tx.accessList) {
      state.warmAddress(item.address);
      for (const k of item.storageKeys) state.warmSlot(item.address, k);
    }
    if (rules.eip3651) state.warmAddress(env.coinbase);
  }
  if (tx.authorizationList !== undefined && rules.eip7702) {
    applyAuthorizations(state, tx.authorizationList, chainId);
  }
  // EIP-7702: a delegated destination's target starts warm (after the delegations above took effect).
  if (rules.eip7702 && tx.to !== null) {
    const target = delegationTarget(state.getCode(tx.to));
    if (target !== null) state.warmAddress(target);
  }

  const msg: Message = {
    kind: tx.to === null ? CallKind.Create : CallKind.Call,
    depth: 0,
    gas: tx.gasLimit - v.intrinsic,
    caller: sender,
    recipient: tx.to ?? 0n,
    codeAddress: tx.to ?? 0n,
    value: tx.value,
    transfersValue: true,
    input: tx.data,
    isStatic: false,
    salt: 0n,
    retOffset: 0,
    retSize: 0,
  };
  return { exec, msg, v };
}

/** Refunds, fees and the end of the transaction in the journal, after the message ran. */
export function settleTransaction(
  state: StateJournal,
  env: BlockEnv,
  tx: Transaction,
  sender: Address,
  rules: Rules,
  p: PreparedTx,
  result: ExecResult,
): TxReceipt {
  const v = p.v;
  // Refund: at most gasUsed / quotient (2, or 5 from EIP-3529); then the EIP-7623 floor.
  let gasUsed = tx.gasLimit - result.gasLeft;
  const refundCap = gasUsed / BigInt(rules.maxRefundQuotient);
  const refund = BigInt(Math.max(0, state.refund));
  gasUsed -= refund < refundCap ? refund : refundCap;
  if (gasUsed < v.floor) gasUsed = v.floor;
  state.addBalance(sender, (tx.gasLimit - gasUsed) * v.effectiveGasPrice);
  state.addBalance(env.coinbase, gasUsed * v.tip);

  p.exec.tracer?.onTxEnd(gasUsed);
  const logs = state.takeLogs(); // a failed message's logs were reverted with its journal
  state.finalizeTx(rules.eip161);
  const success = isSuccess(result.status);
  return {
    status: result.status,
    success,
    gasUsed,
    logs,
    output: result.output,
    createdAddress: result.createdAddress,
    error: success ? undefined : statusMessage(result.status),
    blobGasUsed: v.blobGas,
  };
}
