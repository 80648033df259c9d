/**
 * The public API: one EVM object over a state, for a fork and a chain id.
 *
 *   const evm = createEVM({ fork: 'Cancun' });
 *   evm.setBalance(alice, 10n ** 18n);
 *   const { createdAddress } = evm.deploy(initcode, { from: alice });
 *   const r = evm.call({ from: alice, to: createdAddress, data: '0x...' });   // eth_call: nothing kept
 *   const receipt = evm.runTransaction({ from: alice, to: createdAddress, data: '0x...' }); // commits
 *
 * With a `backend` (e.g. a JSON-RPC fork, src/api/fork.ts) the state loads lazily: use the *Async methods,
 * which await misses and resume the suspended instruction; the synchronous ones work with synchronous
 * backends and throw if an asynchronous one would have to be awaited.
 */
import { Executor, type ExecResult, type ExecutorOptions } from '../exec/executor.js';
import { CallKind, type Message } from '../machine/frame.js';
import { Status, isSuccess, statusMessage } from '../machine/status.js';
import { StateJournal } from '../state/journal.js';
import { LazyState, type LazySnapshot } from '../state/backends/lazy.js';
import { Account } from '../state/account.js';
import { rulesFor, type Rules } from '../spec/rules.js';
import { Fork, forkFromName } from '../spec/fork.js';
import { intrinsicGas } from '../transition/intrinsic.js';
import { blobBaseFee } from '../transition/blobs.js';
import { defaultBlockEnv } from '../transition/runCode.js';
import { prepareTransaction, settleTransaction, type TxReceipt } from '../transition/apply.js';
import { recoverSender } from '../tx/signing.js';
import { recoverAuthority } from '../tx/authorization.js';
import { TxType, type Transaction } from '../tx/types.js';
import { delegationTarget } from '../state/delegation.js';
import { executeAsync, loadAll, loadAllSync } from '../exec/driver.js';
import { Runtime } from '../exec/runtime.js';
import { executeStepping, type StepHook } from '../exec/stepper.js';
import { hexToBytes, EMPTY_BYTES } from '../primitives/hex.js';
import { parseAddress, type Address } from '../primitives/address.js';
import { ExecutionAborted, TransactionRejected, type AddressLike, type BytesLike, type CallRequest, type ExecutionResult } from './types.js';
import type { HostOptions } from '../exec/hostOptions.js';
import type { StateBackend } from '../state/backends/types.js';
import type { BlockEnv } from '../state/env.js';
import type { Log } from '../state/journal.js';

export interface EVMOptions {
  /** A Fork or its name ('Cancun', 'Prague', ...). Default Prague. */
  readonly fork?: Fork | string;
  /** Default 1. */
  readonly chainId?: bigint;
  /** The in-memory state to run on; default a new, empty one. */
  readonly state?: StateJournal;
  /** Pre-state loaded lazily on first use (JSON-RPC fork, or your own store). */
  readonly backend?: StateBackend;
  /** Block context; unset fields take defaultBlockEnv's values. `getBlockHash` is the BLOCKHASH source. */
  readonly block?: Partial<BlockEnv>;
  /** Host plug-ins: value-transfer rule, precompiles, opcode overrides, cancellation. */
  readonly host?: HostOptions;
}

/** A copy of the whole state, to go back to with `revert`. */
export interface Snapshot {
  readonly accounts: ReadonlyMap<Address, Account>;
  readonly lazy?: LazySnapshot;
}

const RPC_GAS_CAP = 50_000_000n;

export function createEVM(opts: EVMOptions = {}): EVM {
  return new EVM(opts);
}

export class EVM {
  readonly rules: Rules;
  readonly chainId: bigint;
  readonly state: StateJournal;
  readonly block: BlockEnv;
  readonly host: HostOptions;
  /** Set when a backend is given: the lazy-loading layer between the journal and the backend. */
  readonly lazy: LazyState | null;
  /** True while a runtime() session may have left transaction-scoped data in the journal. */
  private dirty = false;

  constructor(opts: EVMOptions = {}) {
    const fork = opts.fork === undefined ? Fork.Prague : typeof opts.fork === 'string' ? forkFromName(opts.fork) : opts.fork;
    if (fork === undefined) throw new Error(`createEVM: unknown fork ${JSON.stringify(opts.fork)}`);
    this.rules = rulesFor(fork);
    this.chainId = opts.chainId ?? 1n;
    this.state = opts.state ?? new StateJournal();
    this.host = opts.host ?? {};
    this.lazy = opts.backend === undefined ? null : new LazyState(this.state, opts.backend);
    const block = { ...opts.block };
    if (this.lazy !== null && block.getBlockHash === undefined) block.getBlockHash = this.lazy.blockHash;
    this.block = defaultBlockEnv(block);
  }

  // ---------------------------------------------------------------- eth_call

  /** eth_call: runs the message and discards every change. */
  call(req: CallRequest): ExecutionResult {
    this.ensure(this.callAccounts(req));
    const p = this.prepareCall(req);
    if ('error' in p) return p.error;
    return this.endCall(p, this.runSync(p.exec, p.msg));
  }

  async callAsync(req: CallRequest): Promise<ExecutionResult> {
    const lazy = this.lazy;
    if (lazy !== null) {
      lazy.want(this.callAccounts(req));
      if (lazy.pending) await loadAll(lazy);
    }
    const p = this.prepareCall(req);
    if ('error' in p) return p.error;
    let r: ExecResult | null;
    try {
      // Synchronous until a miss: a warm cache never awaits.
      const x = p.exec.start(p.msg);
      while ((r = p.exec.drive(x)) === null) {
        if (lazy === null) throw new Error('execution suspended without lazy state to load');
        const l = lazy.load();
        if (l !== true) await l;
      }
    } catch (e) {
      this.state.revert(p.cp);
      this.state.finalizeTx(false);
      throw e;
    }
    return this.endCall(p, r);
  }

  /** callAsync stepping instruction by instruction, calling `onStep` before each (debuggers, tracers). */
  async callStepping(req: CallRequest, onStep: StepHook): Promise<ExecutionResult> {
    await this.load(this.callAccounts(req));
    const p = this.prepareCall(req);
    if ('error' in p) return p.error;
    let r: ExecResult;
    try {
      r = await executeStepping(p.exec, p.msg, this.lazy, onStep);
    } catch (e) {
      this.state.revert(p.cp);
      this.state.finalizeTx(false);
      throw e;
    }
    return this.endCall(p, r);
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Runs a transaction and commits it: a signed Transaction (the sender is recovered), or a CallRequest
   * with `from` (nonce and fees filled in: a legacy transaction at the base fee). Throws
   * TransactionRejected when it is invalid (state unchanged).
   */
  runTransaction(tx: Transaction | CallRequest): ExecutionResult {
    const [t, sender] = this.toTransaction(tx);
    this.ensure(this.txAccounts(t, sender));
    const cp = this.state.checkpoint();
    const p = this.prepareTx(t, sender, tx);
    return this.finishTx(t, sender, p, this.runSync(p.exec, p.msg), cp);
  }

  async runTransactionAsync(tx: Transaction | CallRequest): Promise<ExecutionResult> {
    const [t, sender] = this.toTransaction(tx);
    await this.load(this.txAccounts(t, sender));
    const cp = this.state.checkpoint();
    const p = this.prepareTx(t, sender, tx);
    let r: ExecResult;
    try {
      r = await executeAsync(p.exec, p.msg, this.lazy);
    } catch (e) {
      this.state.revert(cp);
      this.state.finalizeTx(false);
      throw e;
    }
    return this.finishTx(t, sender, p, r, cp);
  }

  /** Deploys a contract: a creation transaction from `from` with `initcode` as its data. */
  deploy(initcode: BytesLike, opts: Omit<CallRequest, 'to' | 'data'> = {}): ExecutionResult {
    return this.runTransaction({ ...opts, to: null, data: initcode });
  }

  deployAsync(initcode: BytesLike, opts: Omit<CallRequest, 'to' | 'data'> = {}): Promise<ExecutionResult> {
    return this.runTransactionAsync({ ...opts, to: null, data: initcode });
  }

  /**
   * A Runtime for the top frame of a call, for stepping and resolving CALL/CREATE traps yourself. Its
   * changes stay in the state (take a snapshot to go back). Throws when the callee has no code.
   */
  runtime(req: CallRequest): Runtime {
    this.ensure(this.callAccounts(req));
    const p = this.prepareCall(req);
    if ('error' in p) throw new Error(`runtime: ${p.error.error}`);
    this.dirty = true;
    const r = p.exec.enter(p.msg);
    if (r === null) throw new Error('runtime: the callee\'s state is not loaded (await evm.load first)');
    if (!(r instanceof Runtime)) throw new Error('runtime: the callee has no code to step through');
    return r;
  }

  // ---------------------------------------------------------------- state helpers

  /** Loads accounts (and slots) from the backend ahead of use; a no-op without a backend. */
  async load(accounts: Iterable<AddressLike>, slots: Iterable<readonly [AddressLike, bigint]> = []): Promise<void> {
    if (this.lazy === null) return;
    const as = [...accounts].map(addr);
    this.lazy.want(as);
    await loadAll(this.lazy);
    this.lazy.want([], [...slots].map(([a, k]) => [addr(a), k] as const));
    await loadAll(this.lazy);
  }

  getBalance(a: AddressLike): bigint {
    return this.state.getBalance(this.account(a));
  }
  getNonce(a: AddressLike): bigint {
    return this.state.getNonce(this.account(a));
  }
  getCode(a: AddressLike): Uint8Array {
    return this.state.getCode(this.account(a));
  }
  getStorage(a: AddressLike, key: bigint): bigint {
    const ad = this.slot(a, key);
    return this.state.getStorage(ad, key);
  }
  setBalance(a: AddressLike, v: bigint): void {
    this.state.setBalance(this.account(a), v);
  }
  setNonce(a: AddressLike, n: bigint): void {
    this.state.setNonce(this.account(a), n);
  }
  setCode(a: AddressLike, code: BytesLike): void {
    this.state.setCode(this.account(a), bytes(code));
  }
  setStorage(a: AddressLike, key: bigint, value: bigint): void {
    this.state.setStorage(this.slot(a, key), key, value);
  }

  /** A copy of the whole state (accounts, storage, what has been loaded from the backend). */
  snapshot(): Snapshot {
    this.clean();
    const accounts = new Map<Address, Account>();
    for (const [k, a] of this.state.accounts) accounts.set(k, a.clone());
    return { accounts, lazy: this.lazy?.snapshot() };
  }

  /** Puts the whole state back as it was at `s` (a snapshot can be reverted to more than once). */
  revert(s: Snapshot): void {
    this.clean();
    this.state.finalizeTx(false);
    const m = this.state.accounts;
    m.clear();
    for (const [k, a] of s.accounts) m.set(k, a.clone());
    if (this.lazy !== null && s.lazy !== undefined) this.lazy.restore(s.lazy);
  }

  // ---------------------------------------------------------------- internals

  /** Executor options: the host's, this request's cancellation, and lazy loading. */
  private executorOptions(req: CallRequest): ExecutorOptions {
    return {
      ...this.host,
      signal: req.signal ?? this.host.signal,
      timeoutMs: req.timeoutMs ?? this.host.timeoutMs,
      loader: this.lazy,
      loadSync: this.lazy?.loadSync,
    };
  }

  private runSync(exec: Executor, msg: Message): ExecResult {
    return exec.execute(msg);
  }

  private clean(): void {
    if (this.dirty) {
      this.state.finalizeTx(this.rules.eip161);
      this.dirty = false;
    }
  }

  private ensure(accounts: Address[]): void {
    if (this.lazy === null) return;
    this.lazy.want(accounts);
    loadAllSync(this.lazy);
  }

  private account(a: AddressLike): Address {
    const ad = addr(a);
    this.ensure([ad]);
    return ad;
  }

  private slot(a: AddressLike, key: bigint): Address {
    const ad = this.account(a);
    if (this.lazy !== null) {
      this.lazy.want([], [[ad, key]]);
      loadAllSync(this.lazy);
    }
    return ad;
  }

  private callAccounts(req: CallRequest): Address[] {
    const out = [addr(req.from ?? 0n)];
    if (req.to !== undefined && req.to !== null) out.push(addr(req.to));
    return out;
  }

  private txAccounts(t: Transaction, sender: Address): Address[] {
    const out = [sender, this.block.coinbase];
    if (t.to !== null) out.push(t.to);
    for (const a of t.authorizationList ?? []) {
      const auth = recoverAuthority(a);
      if (auth !== null) out.push(auth);
    }
    if (this.lazy !== null && t.to !== null && this.state.accounts.has(t.to)) {
      const target = delegationTarget(this.state.getCode(t.to));
      if (target !== null) out.push(target);
    }
    return out;
  }

  private prepareCall(req: CallRequest): { exec: Executor; msg: Message; gas: bigint; cp: number } | { error: ExecutionResult } {
    this.clean();
    const st = this.state;
    const r = this.rules;
    const from = addr(req.from ?? 0n);
    const to = req.to === undefined || req.to === null ? null : addr(req.to);
    const data = req.data === undefined ? EMPTY_BYTES : bytes(req.data);
    const value = req.value ?? 0n;
    const cap = this.block.gasLimit < RPC_GAS_CAP ? this.block.gasLimit : RPC_GAS_CAP;
    const gas = req.gas ?? cap;
    const accessList = req.accessList ?? [];
    const shape = { type: TxType.Legacy, nonce: 0n, gasLimit: gas, to, value, data, accessList, v: 0n, r: 0n, s: 0n } as Transaction;
    const intrinsic = intrinsicGas(shape, r);
    if (gas < intrinsic) {
      const error = `intrinsic gas too low: have ${gas}, want ${intrinsic}`;
      return { error: { success: false, status: Status.OutOfGas, gasUsed: 0n, logs: [], returnData: EMPTY_BYTES, error } };
    }
    const cp = st.checkpoint();
    const exec = new Executor(
      st,
      this.block,
      { origin: from, gasPrice: req.gasPrice ?? 0n, blobHashes: [], blobBaseFee: r.eip4844 ? blobBaseFee(this.block.excessBlobGas ?? 0n, r) : 0n },
      r,
      this.chainId,
      this.executorOptions(req),
    );
    if (r.eip2929) {
      st.warmAddress(from);
      if (to !== null) st.warmAddress(to);
      for (const p of exec.precompiles.keys()) st.warmAddress(p);
      if (r.eip3651) st.warmAddress(this.block.coinbase);
      for (const item of accessList) {
        st.warmAddress(item.address);
        for (const k of item.storageKeys) st.warmSlot(item.address, k);
      }
    }
    if (to !== null) st.setNonce(from, st.getNonce(from) + 1n);
    const msg: Message = {
      kind: to === null ? CallKind.Create : CallKind.Call,
      depth: 0,
      gas: gas - intrinsic,
      caller: from,
      recipient: to ?? 0n,
      codeAddress: to ?? 0n,
      value,
      transfersValue: true,
      input: data,
      isStatic: false,
      salt: 0n,
      retOffset: 0,
      retSize: 0,
    };
    return { exec, msg, gas, cp };
  }

  private endCall(p: { gas: bigint; cp: number }, r: ExecResult): ExecutionResult {
    const st = this.state;
    const logs: Log[] = st.logs.slice();
    let gasUsed = p.gas - r.gasLeft;
    const refundCap = gasUsed / BigInt(this.rules.maxRefundQuotient);
    const refund = BigInt(Math.max(0, st.refund));
    gasUsed -= refund < refundCap ? refund : refundCap;
    st.revert(p.cp);
    st.takeLogs();
    st.finalizeTx(false);
    if (r.status === Status.Cancelled) throw new ExecutionAborted('execution aborted (cancelled or out of time)');
    return result(r.status, gasUsed, isSuccess(r.status) ? logs : [], r.output, r.createdAddress);
  }

  private toTransaction(tx: Transaction | CallRequest): [Transaction, Address] {
    if ('v' in tx && 'r' in tx && 's' in tx && 'gasLimit' in tx) {
      const t = tx as Transaction;
      return [t, recoverSender(t, this.rules)];
    }
    const req = tx as CallRequest;
    if (req.from === undefined) throw new TransactionRejected('runTransaction: an unsigned transaction needs `from`');
    const from = addr(req.from);
    if (this.lazy !== null) this.lazy.want([from]);
    const to = req.to === undefined || req.to === null ? null : addr(req.to);
    const cap = this.block.gasLimit < RPC_GAS_CAP ? this.block.gasLimit : RPC_GAS_CAP;
    const t: Transaction = {
      type: req.accessList !== undefined ? TxType.AccessList : TxType.Legacy,
      chainId: this.chainId,
      nonce: req.nonce ?? (this.state.accounts.has(from) || this.lazy === null ? this.state.getNonce(from) : -1n),
      gasPrice: req.gasPrice ?? this.block.baseFee,
      gasLimit: req.gas ?? cap,
      to,
      value: req.value ?? 0n,
      data: req.data === undefined ? EMPTY_BYTES : bytes(req.data),
      accessList: req.accessList ?? [],
      v: 0n,
      r: 0n,
      s: 0n,
    };
    return [t, from];
  }

  private prepareTx(t0: Transaction, sender: Address, req: Transaction | CallRequest) {
    // An unsigned request's nonce is the sender's, once loaded.
    const t = t0.nonce === -1n ? { ...t0, nonce: this.state.getNonce(sender) } : t0;
    this.clean();
    const p = prepareTransaction(this.state, this.block, t, sender, this.rules, this.chainId, {
      executor: this.executorOptions('v' in req ? {} : req),
    });
    if (!('exec' in p)) throw new TransactionRejected(`transaction rejected: ${p.rejected}`);
    return Object.assign(p, { tx: t });
  }

  private finishTx(t: Transaction, sender: Address, p: ReturnType<EVM['prepareTx']>, r: ExecResult, cp: number): ExecutionResult {
    if (r.status === Status.Cancelled) {
      this.state.revert(cp);
      this.state.finalizeTx(false);
      throw new ExecutionAborted('execution aborted (cancelled or out of time)');
    }
    const rc: TxReceipt = settleTransaction(this.state, this.block, p.tx ?? t, sender, this.rules, p, r);
    return result(rc.status, rc.gasUsed, rc.logs, rc.output, rc.createdAddress);
  }
}

function result(status: Status, gasUsed: bigint, logs: readonly Log[], returnData: Uint8Array, createdAddress?: Address): ExecutionResult {
  const success = isSuccess(status);
  const r: ExecutionResult = { success, status, gasUsed, logs, returnData };
  if (success && createdAddress !== undefined) Object.assign(r, { createdAddress });
  if (!success) Object.assign(r, { error: statusMessage(status) });
  return r;
}

export function addr(a: AddressLike): Address {
  return typeof a === 'bigint' ? a : parseAddress(a);
}

function bytes(b: BytesLike): Uint8Array {
  return typeof b === 'string' ? hexToBytes(b, 'data') : b;
}
