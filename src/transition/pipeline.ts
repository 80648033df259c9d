/**
 * The one way a message reaches the executor (go-ethereum `ApplyMessage` / `StateTransition`,
 * execution-specs `process_transaction`): validate -> prepare -> execute -> settle. Every caller goes
 * through it: block and state-test transactions, eth_call, `evm run`, and the block's system calls. They
 * differ in a mode:
 *
 *   tx      a transaction: every validity check, gas bought up front, the nonce bumped, the access list,
 *           EIP-7702 authorizations and the warm set applied, refunds (EIP-3529 cap, EIP-7623 floor), the
 *           tip paid to the coinbase, the transaction ended in the journal (self-destructs, EIP-161).
 *   call    eth_call: the same, except the nonce and EIP-3607 sender checks, the base-fee checks when the
 *           call sets no fees (go-ethereum `SkipNonceChecks`, `SkipTransactionChecks`, `NoBaseFee`), and
 *           the block gas check; nothing is ended in the journal, so the caller can revert it all. A
 *           successful creation returns the deployed code as its output, as go-ethereum's eth_call does.
 *   code    bytecode run as a call frame (go-ethereum `core/vm/runtime`): no intrinsic gas, no purchase,
 *           no refund; sender, receiver, precompiles (and the coinbase from Shanghai) warm.
 *   system  a block's system call (EIP-4788, EIP-2935, EIP-7002, EIP-7251): SYSTEM_ADDRESS with 30M gas,
 *           no fees, the callee warm; ended like a transaction.
 *
 * `prepare` returns the executor and the top-level message (or the rejection); run it with
 * `exec.execute(msg)` (synchronous) or src/exec/driver.ts (asynchronous, stepping); `settle` gives the
 * receipt.
 */
import { Executor, type ExecutorOptions } from '../exec/executor.js';
import { CallKind, type ExecResult, type Message } from '../machine/message.js';
import { Status, isSuccess, statusMessage } from '../machine/status.js';
import { validateTransaction, TxValidationError, ALL_CHECKS, type ValidationChecks, type ValidTx, type RejectionCode } from './validate.js';
import { blobBaseFee } from './blobs.js';
import { bytesToBigint, EMPTY_BYTES } from '../primitives/hex.js';
import { applyAuthorizations } from './authorizations.js';
import { recoverAuthority } from '../tx/authorization.js';
import { TxType, accessListOf, authorizationsOf, blobHashesOf, type Transaction } from '../tx/types.js';
import { delegationTarget } from '../state/delegation.js';
import { WordSet } from '../primitives/wordMap.js';
import type { Rules } from '../spec/rules.js';
import type { StateJournal, Log } from '../state/journal.js';
import type { BlockEnv } from '../state/env.js';
import type { Address } from '../primitives/address.js';
import type { Tracer } from '../machine/tracer.js';

export type Mode = 'tx' | 'call' | 'code' | 'system';

/** The world a message runs in. */
export interface TransitionContext {
  readonly state: StateJournal;
  readonly block: BlockEnv;
  readonly rules: Rules;
  readonly chainId: bigint;
  /** Host plug-ins, lazy state, the memory pool (src/exec). */
  readonly executor?: ExecutorOptions;
  /** Traces the message (src/tracing); told nothing but onTxStart when the transaction is rejected. */
  readonly tracer?: Tracer;
  /** Gas left in the block for this transaction (tx mode; default the block gas limit). */
  readonly blockGasAvailable?: bigint;
  /** The validity checks of tx mode, when not all of them (eth_simulateV1: no EOA check, nonce and fee checks only with validation). */
  readonly checks?: ValidationChecks;
  /** The blob base fee, when not the one the block's excess blob gas gives (eth_simulateV1's blobBaseFee override). */
  readonly blobBaseFee?: bigint;
  /**
   * The precompile addresses warm at the start of a transaction (EIP-2929), when not the executor's: go-ethereum
   * warms the fork's own precompiles even when eth_simulateV1 moved them.
   */
  readonly warmPrecompiles?: readonly Address[];
}

export interface TxReceipt {
  /** Set when the transaction was invalid; nothing else is then meaningful and the state is unchanged. */
  readonly rejected?: string;
  /** The kind of rejection, for the ones a caller may act on (see RejectionCode). */
  readonly rejectionCode?: RejectionCode;
  readonly status: Status;
  readonly success: boolean;
  /** Gas the transaction is charged for (after refunds and the EIP-7623 floor). */
  readonly gasUsed: bigint;
  /** Gas left when execution ended, before refunds (code mode: gasLimit - gasUsed). */
  readonly gasLeft: bigint;
  readonly logs: readonly Log[];
  /** RETURN or REVERT data; in call mode, a successful creation's deployed code. */
  readonly output: Uint8Array;
  readonly createdAddress?: Address;
  /** The error message of a failed execution, in go-ethereum's words. */
  readonly error?: string;
  readonly blobGasUsed: bigint;
  /** The gas refund the transaction was given (capped). */
  readonly refund: bigint;
}

/** A message ready to execute. */
export interface Prepared {
  readonly mode: Mode;
  readonly ctx: TransitionContext;
  readonly tx: Transaction;
  readonly sender: Address;
  readonly exec: Executor;
  readonly msg: Message;
  /** Prices and gas terms of tx and call modes (null in code and system modes). */
  readonly valid: ValidTx | null;
}

/** A rejected message (tx and call modes): why, and a receipt saying so. */
export interface Rejected {
  readonly rejected: string;
  /** Set for the rejections a caller may act on (see RejectionCode). */
  readonly code?: RejectionCode;
  readonly receipt: TxReceipt;
}

const RIPEMD160_ADDRESS = 3n;

const PRECOMPILE_SETS = new WeakMap<ReadonlyMap<Address, unknown>, ReadonlySet<Address>>();

/** The addresses of a precompile map as a set (cached per map: the registry's maps live as long as their Rules). */
const NO_ADDRESSES: ReadonlySet<Address> = new WordSet([]);

function precompileSet(m: ReadonlyMap<Address, unknown>): ReadonlySet<Address> {
  let s = PRECOMPILE_SETS.get(m);
  if (s === undefined) PRECOMPILE_SETS.set(m, (s = new WordSet(m.keys())));
  return s;
}

/** The EIP-2929 warm set at the start of a transaction, and what EIP-3651 and EIP-7702 add. */
function warmUp(ctx: TransitionContext, exec: Executor, tx: Transaction, sender: Address): void {
  const { state, rules } = ctx;
  if (!rules.eip2929) return;
  state.accessAccount(sender);
  if (tx.to !== null) state.accessAccount(tx.to);
  if (ctx.warmPrecompiles === undefined) state.warmForTx(precompileSet(exec.precompiles));
  else {
    // eth_simulateV1 moves precompiles: the fork's addresses stay warm wherever their code went.
    state.warmForTx(NO_ADDRESSES);
    for (const p of ctx.warmPrecompiles) state.accessAccount(p);
  }
  for (const item of accessListOf(tx)) {
    state.accessAccount(item.address);
    for (const k of item.storageKeys) state.accessSlot(item.address, k);
  }
  if (rules.eip3651) state.accessAccount(ctx.block.coinbase);
}

function rejectedReceipt(reason: string, code?: RejectionCode): TxReceipt {
  return {
    rejected: reason,
    ...(code === undefined ? {} : { rejectionCode: code }),
    status: Status.Stop,
    success: false,
    gasUsed: 0n,
    gasLeft: 0n,
    logs: [],
    output: EMPTY_BYTES,
    blobGasUsed: 0n,
    refund: 0n,
  };
}

/** The checks a mode applies (tx: all; call: go-ethereum's eth_call relaxations). */
function checksFor(mode: Mode, tx: Transaction): ValidationChecks {
  if (mode === 'tx') return ALL_CHECKS;
  const noFees = (tx.gasPrice ?? 0n) === 0n && (tx.maxFeePerGas ?? 0n) === 0n && (tx.maxPriorityFeePerGas ?? 0n) === 0n;
  return { nonce: false, senderIsEoa: false, baseFee: !noFees, blockGas: false, txGasCap: false };
}

/**
 * Validation and preparation: the rejection (tx and call modes; the state is then unchanged), or the
 * executor and message to run. For code mode `tx.to` is the receiver (its code already installed) and
 * `tx.gasLimit` all the gas the frame gets; for system mode `sender` is SYSTEM_ADDRESS.
 */
export function prepare(ctx: TransitionContext, tx: Transaction, sender: Address, mode: Mode): Prepared | Rejected {
  const { state, block, rules, tracer } = ctx;
  tracer?.onTxStart({
    state,
    from: sender,
    to: tx.to,
    gasLimit: tx.gasLimit,
    coinbase: block.coinbase,
    authorities: tx.type === TxType.SetCode ? authorizationsOf(tx).flatMap((a) => recoverAuthority(a) ?? []) : undefined,
  });

  let valid: ValidTx | null = null;
  if (mode === 'tx' || mode === 'call') {
    try {
      valid = validateTransaction(
        tx,
        sender,
        state,
        block,
        rules,
        ctx.blockGasAvailable ?? block.gasLimit,
        mode === 'tx' && ctx.checks !== undefined ? ctx.checks : checksFor(mode, tx),
      );
    } catch (e) {
      if (e instanceof TxValidationError)
        return { rejected: e.message, ...(e.code === undefined ? {} : { code: e.code }), receipt: rejectedReceipt(e.message, e.code) };
      throw e;
    }
  }

  let blobFee = ctx.blobBaseFee ?? valid?.blobBaseFee ?? (rules.eip4844 ? blobBaseFee(block.excessBlobGas ?? 0n, rules) : 0n);
  let execBlock = block;
  if (mode === 'call') {
    // go-ethereum's eth_call and gas estimator: a message paying nothing runs with BASEFEE 0 (so that
    // basefee <= feecap holds), and one whose blob fee cap is explicitly 0 with BLOBBASEFEE 0 (and pays none).
    if ((valid?.effectiveGasPrice ?? 0n) === 0n && block.baseFee !== 0n) execBlock = { ...block, baseFee: 0n };
    if (tx.maxFeePerBlobGas === 0n) blobFee = 0n;
  }
  const exec = new Executor(
    state,
    execBlock,
    {
      origin: sender,
      gasPrice: valid?.effectiveGasPrice ?? tx.gasPrice ?? 0n,
      blobHashes: blobHashesOf(tx).map(bytesToBigint),
      blobBaseFee: blobFee,
    },
    rules,
    ctx.chainId,
    tracer === undefined ? ctx.executor : { ...ctx.executor, tracer },
  );

  let gas = tx.gasLimit;
  if (valid !== null) {
    state.stickyTouchAddress = rules.ripemdTouchQuirk ? RIPEMD160_ADDRESS : null;
    // Buy gas (and blob gas) up front.
    state.subBalance(sender, tx.gasLimit * valid.effectiveGasPrice + valid.blobGas * blobFee);
    if (tx.to !== null) state.setNonce(sender, state.getNonce(sender) + 1n);
    warmUp(ctx, exec, tx, sender);
    if (tx.type === TxType.SetCode && rules.eip7702) applyAuthorizations(state, authorizationsOf(tx), ctx.chainId);
    // EIP-7702: a delegated destination's target starts warm (after the delegations above took effect).
    if (rules.eip7702 && tx.to !== null) {
      const target = delegationTarget(state.getCode(tx.to));
      if (target !== null) state.accessAccount(target);
    }
    gas -= valid.intrinsic;
  } else if (mode === 'code') {
    warmUp(ctx, exec, tx, sender);
  } else if (rules.eip2929 && tx.to !== null) {
    state.accessAccount(tx.to);
  }

  const msg: Message = {
    kind: tx.to === null ? CallKind.Create : CallKind.Call,
    depth: 0,
    gas,
    caller: sender,
    recipient: tx.to ?? 0n,
    codeAddress: tx.to ?? 0n,
    value: tx.value,
    input: tx.data,
    isStatic: false,
    salt: 0n,
    retOffset: 0,
    retSize: 0,
  };
  return { mode, ctx, tx, sender, exec, msg, valid };
}

/** Refunds, fees and the end of the transaction, after the message ran. */
export function settle(p: Prepared, result: ExecResult): TxReceipt {
  const { state, rules, block } = p.ctx;
  const { tx, sender, valid, mode } = p;
  const success = isSuccess(result.status);
  let gasUsed = tx.gasLimit - result.gasLeft;
  let refund = 0n;
  if (valid !== null) {
    // Refund: at most gasUsed / quotient (2, or 5 from EIP-3529); then the EIP-7623 floor.
    const refundCap = gasUsed / BigInt(rules.maxRefundQuotient);
    refund = BigInt(Math.max(0, state.refund));
    if (refund > refundCap) refund = refundCap;
    gasUsed -= refund;
    if (gasUsed < valid.floor) gasUsed = valid.floor;
    state.addBalance(sender, (tx.gasLimit - gasUsed) * valid.effectiveGasPrice);
    state.addBalance(block.coinbase, gasUsed * valid.tip);
  }
  p.exec.tracer?.onTxEnd(gasUsed);

  let output = result.output;
  if (mode === 'call' && success && result.createdAddress !== undefined) output = state.getCode(result.createdAddress);
  let logs: Log[];
  if (mode === 'call') {
    // The caller reverts everything; a failed message's logs were reverted with its frames already.
    logs = state.logs.slice();
  } else {
    logs = state.takeLogs();
    if (mode !== 'code') state.finalizeTx(rules.eip161);
  }
  const r: TxReceipt = {
    status: result.status,
    success,
    gasUsed,
    gasLeft: result.gasLeft,
    logs,
    output,
    blobGasUsed: valid?.blobGas ?? 0n,
    refund,
  };
  if (success && result.createdAddress !== undefined) Object.assign(r, { createdAddress: result.createdAddress });
  if (!success) Object.assign(r, { error: statusMessage(result.status) });
  return r;
}

/** prepare -> execute (synchronously) -> settle; a rejection gives its receipt. */
export function runMessage(ctx: TransitionContext, tx: Transaction, sender: Address, mode: Mode): TxReceipt {
  const p = prepare(ctx, tx, sender, mode);
  if ('rejected' in p) return p.receipt;
  return settle(p, p.exec.execute(p.msg));
}

/** Options of applyTransaction. */
export interface ApplyOptions {
  readonly blockGasAvailable?: bigint;
  readonly executor?: ExecutorOptions;
  readonly tracer?: Tracer;
}

/**
 * One transaction of a block (or a state test) in tx mode: validated, executed, settled and ended. A
 * rejected transaction leaves the state as it was and says why in `rejected`.
 */
export function applyTransaction(
  state: StateJournal,
  block: BlockEnv,
  tx: Transaction,
  sender: Address,
  rules: Rules,
  chainId: bigint,
  opts: ApplyOptions = {},
): TxReceipt {
  return runMessage({ state, block, rules, chainId, ...opts }, tx, sender, 'tx');
}

/**
 * A message that is not a signed transaction (eth_call, `evm run`, a system call) in the shape the
 * pipeline takes: a legacy transaction with no signature.
 */
export function messageTx(fields: {
  readonly to: Address | null;
  readonly data?: Uint8Array;
  readonly value?: bigint;
  readonly gasLimit: bigint;
  readonly gasPrice?: bigint;
  readonly nonce?: bigint;
}): Transaction {
  return {
    type: TxType.Legacy,
    nonce: fields.nonce ?? 0n,
    gasPrice: fields.gasPrice ?? 0n,
    gasLimit: fields.gasLimit,
    to: fields.to,
    value: fields.value ?? 0n,
    data: fields.data ?? EMPTY_BYTES,
    accessList: [],
    v: 0n,
    r: 0n,
    s: 0n,
  };
}
