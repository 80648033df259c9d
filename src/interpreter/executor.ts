/**
 * The executor (go-ethereum `vm.EVM` Call/CallCode/DelegateCall/StaticCall/Create/Create2, run the
 * rust-evm way): a CALL or CREATE traps out of the interpreter with a Message; the executor checks it,
 * runs precompiles inline, pushes a new Frame onto an explicit array for code, and when a frame ends
 * resumes its parent with the result. Depth 1024 never touches the JavaScript stack.
 */
import { interpret } from './loop.js';
import { interpretTraced } from './tracedLoop.js';
import { traceEnter, traceExit } from '../tracing/hooks.js';
import type { Tracer } from '../tracing/tracer.js';
import { Status, isSuccess } from './status.js';
import { CallKind, Frame, gasLeft, setGas, type Message } from './frame.js';
import { tableFor, type OpTable } from './table.js';
import { copyToMemory } from './memory.js';
import { createAddress, create2Address } from '../state/addresses.js';
import { precompilesFor } from '../precompiles/registry.js';
import { delegationTarget } from '../state/delegation.js';
import { EMPTY_BYTES } from '../util/hex.js';
import type { Rules } from '../fork/rules.js';
import type { StateJournal } from '../state/journal.js';
import type { BlockEnv } from '../transition/env.js';
import type { Precompile } from '../precompiles/types.js';
import type { Address } from '../util/address.js';

/** Per-transaction context (go-ethereum `vm.TxContext`). */
export interface TxContext {
  readonly origin: Address;
  readonly gasPrice: bigint;
  /** EIP-4844 versioned hashes as words. */
  readonly blobHashes: readonly bigint[];
  /** EIP-7516: the block's blob base fee. */
  readonly blobBaseFee: bigint;
}

export interface ExecResult {
  readonly status: Status;
  readonly gasLeft: bigint;
  /** RETURN or REVERT data (empty on other halts). */
  readonly output: Uint8Array;
  /** The deployed address of a successful create. */
  readonly createdAddress?: Address;
}

const NONCE_MAX = (1n << 64n) - 1n;

export class Executor {
  readonly table: OpTable;
  readonly precompiles: ReadonlyMap<bigint, Precompile>;
  /** Set to trace: frames then run through the traced loop and report enter/exit (src/tracing). */
  tracer: Tracer | null = null;

  constructor(
    readonly state: StateJournal,
    readonly env: BlockEnv,
    readonly tx: TxContext,
    readonly rules: Rules,
    readonly chainId: bigint,
  ) {
    this.table = tableFor(rules.fork);
    this.precompiles = precompilesFor(rules);
  }

  /** Runs a message (a transaction's call or create) to completion. */
  execute(msg: Message): ExecResult {
    const frames: Frame[] = [];
    const tracer = this.tracer;
    const immediate = this.begin(msg, frames);
    if (immediate !== null) return immediate;
    for (;;) {
      const f = frames[frames.length - 1]!;
      const status = tracer === null ? interpret(f) : interpretTraced(f, tracer);
      if (status === Status.Trap) {
        const sub = f.pending!;
        f.pending = null;
        const r = this.begin(sub, frames);
        if (r !== null) this.resume(f, sub, r);
        continue;
      }
      frames.pop();
      const result = this.exit(f, status);
      if (tracer !== null) traceExit(tracer, this, f.msg, result);
      if (frames.length === 0) return result;
      this.resume(frames[frames.length - 1]!, f.msg, result);
    }
  }

  /** `enter` with the tracer told (a message resolved at once also exits at once). */
  private begin(msg: Message, frames: Frame[]): ExecResult | null {
    const tracer = this.tracer;
    if (tracer === null) return this.enter(msg, frames);
    traceEnter(tracer, this, msg);
    const r = this.enter(msg, frames);
    if (r !== null) traceExit(tracer, this, msg, r);
    return r;
  }

  /**
   * Starts a message: either resolves it at once (failed pre-checks, precompiles, code-less accounts)
   * and returns the result, or pushes its frame and returns null.
   */
  private enter(msg: Message, frames: Frame[]): ExecResult | null {
    if (msg.depth > this.rules.maxCallDepth) return fail(Status.CallDepthExceeded, msg.gas);
    if (msg.kind === CallKind.Create || msg.kind === CallKind.Create2) return this.enterCreate(msg, frames);

    const st = this.state;
    if ((msg.kind === CallKind.Call || msg.kind === CallKind.CallCode) && msg.value !== 0n) {
      if (st.getBalance(msg.caller) < msg.value) return fail(Status.InsufficientBalance, msg.gas);
    }
    const cp = st.checkpoint();
    const precompile = this.precompiles.get(msg.codeAddress);
    if (msg.kind === CallKind.Call) {
      if (!st.exists(msg.recipient)) {
        // EIP-161: calling a non-existent account with no value does nothing (and touches nothing).
        if (precompile === undefined && this.rules.eip161 && msg.value === 0n) return ok(msg.gas, EMPTY_BYTES);
        st.touch(msg.recipient);
      }
      st.subBalance(msg.caller, msg.value);
      st.addBalance(msg.recipient, msg.value);
    } else if (msg.kind === CallKind.StaticCall) {
      // go-ethereum touches the callee with a zero-value balance change.
      st.touch(msg.recipient);
    }
    if (precompile !== undefined) return this.runPrecompile(precompile, msg, cp);
    let code = st.getCode(msg.codeAddress);
    if (this.rules.eip7702) {
      // EIP-7702: run the delegation target's code (one level only; a precompile target runs nothing).
      const target = delegationTarget(code);
      if (target !== null) code = st.getCode(target);
    }
    if (code.length === 0) return ok(msg.gas, EMPTY_BYTES);
    const f = new Frame(this, msg, code, this.table);
    f.checkpoint = cp;
    frames.push(f);
    return null;
  }

  private runPrecompile(p: Precompile, msg: Message, cp: number): ExecResult {
    const cost = p.gas(msg.input, this.rules);
    if (cost > msg.gas) {
      this.state.revert(cp);
      return fail(Status.OutOfGas, 0n);
    }
    const out = p.run(msg.input, this.rules);
    if (out === null) {
      this.state.revert(cp);
      return fail(Status.PrecompileFailure, 0n);
    }
    return ok(msg.gas - cost, out);
  }

  private enterCreate(msg: Message, frames: Frame[]): ExecResult | null {
    const st = this.state;
    const r = this.rules;
    if (st.getBalance(msg.caller) < msg.value) return fail(Status.InsufficientBalance, msg.gas);
    const nonce = st.getNonce(msg.caller);
    if (nonce >= NONCE_MAX) return fail(Status.NonceOverflow, msg.gas);
    st.setNonce(msg.caller, nonce + 1n);
    const addr =
      msg.kind === CallKind.Create ? createAddress(msg.caller, nonce) : create2Address(msg.caller, msg.salt, msg.input);
    // EIP-2929: the new address is warm even if the creation fails.
    if (r.eip2929) st.warmAddress(addr);
    // A creation may not overwrite an account with code or nonce (or, EIP-7610, storage).
    const existing = st.getAccount(addr);
    if (existing !== undefined && (existing.nonce !== 0n || existing.code.length !== 0 || existing.storage.size > 0)) {
      return fail(Status.ContractCollision, 0n);
    }
    const cp = st.checkpoint();
    st.createContractAccount(addr);
    if (r.eip161) st.setNonce(addr, 1n);
    st.subBalance(msg.caller, msg.value);
    st.addBalance(addr, msg.value);
    msg.recipient = addr;
    msg.codeAddress = addr;
    const input = msg.input;
    const f = new Frame(this, { ...msg, input: EMPTY_BYTES }, input, this.table);
    f.checkpoint = cp;
    f.createAddress = addr;
    frames.push(f);
    return null;
  }

  /** Ends a frame: deploys create output, reverts on failure, and says what the parent gets back. */
  private exit(f: Frame, status: Status): ExecResult {
    const st = this.state;
    const isCreate = f.msg.kind === CallKind.Create || f.msg.kind === CallKind.Create2;
    let gas = f.gas < 0 ? 0n : gasLeft(f);
    if (isCreate && isSuccess(status)) {
      const r = this.rules;
      const code = status === Status.Return ? f.output : EMPTY_BYTES;
      let err: Status = Status.Continue;
      if (code.length > r.maxCodeSize) err = Status.MaxCodeSizeExceeded;
      else if (r.rejectEfCode && code.length > 0 && code[0] === 0xef) err = Status.InvalidCodePrefix;
      else {
        const deposit = BigInt(r.createDataGas * code.length);
        if (deposit <= gas) {
          gas -= deposit;
          st.setCode(f.createAddress, code);
        } else if (r.codeDepositOogFails) err = Status.OutOfGas;
        // Frontier: not enough gas for the deposit leaves the account without code, and succeeds.
      }
      if (err !== Status.Continue) {
        st.revert(f.checkpoint);
        return fail(err, 0n);
      }
      return { status, gasLeft: gas, output: EMPTY_BYTES, createdAddress: f.createAddress };
    }
    if (isSuccess(status)) return { status, gasLeft: gas, output: status === Status.Return ? f.output : EMPTY_BYTES };
    st.revert(f.checkpoint);
    if (status === Status.Revert) return { status, gasLeft: gas, output: f.output };
    return fail(status, 0n);
  }

  /** Resumes the parent after its CALL/CREATE: gas back, result pushed, return data set. */
  private resume(parent: Frame, msg: Message, r: ExecResult): void {
    if (r.gasLeft !== 0n) setGas(parent, gasLeft(parent) + r.gasLeft);
    const ok = isSuccess(r.status);
    if (msg.kind === CallKind.Create || msg.kind === CallKind.Create2) {
      parent.stack[parent.sp++] = ok ? r.createdAddress! : 0n;
      parent.returnData = r.status === Status.Revert ? r.output : EMPTY_BYTES;
      return;
    }
    parent.stack[parent.sp++] = ok ? 1n : 0n;
    parent.returnData = r.output;
    const n = Math.min(msg.retSize, r.output.length);
    if (n > 0) copyToMemory(parent, msg.retOffset, r.output, 0n, n);
  }
}

function ok(gas: bigint, output: Uint8Array): ExecResult {
  return { status: Status.Stop, gasLeft: gas, output };
}

function fail(status: Status, gas: bigint): ExecResult {
  return { status, gasLeft: gas, output: EMPTY_BYTES };
}
