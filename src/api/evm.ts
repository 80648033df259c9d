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
import type { ExecResult, ExecutorOptions, StepHook } from '../exec/executor.js';
import { Status, isSuccess, statusMessage } from '../machine/status.js';
import { MemoryPool } from '../machine/memory.js';
import { WordMap } from '../primitives/wordMap.js';
import { StateJournal } from '../state/journal.js';
import { LazyState, type LazySnapshot } from '../state/backends/lazy.js';
import { Account } from '../state/account.js';
import { rulesFor, type Rules } from '../spec/rules.js';
import { DEFAULT_FORK, parseFork, type Fork } from '../spec/fork.js';
import { defaultBlockEnv } from '../transition/runCode.js';
import { prepare, settle, type Prepared, type TxReceipt, type Mode } from '../transition/pipeline.js';
import { recoverSender } from '../tx/signing.js';
import { recoverAuthority } from '../tx/authorization.js';
import { TxType, type Transaction } from '../tx/types.js';
import { delegationTarget } from '../state/delegation.js';
import { executeAsync, loadAll, loadAllSync } from '../exec/driver.js';
import { Runtime } from '../exec/runtime.js';
import { hexToBytes, EMPTY_BYTES } from '../primitives/hex.js';
import { parseAddress, type Address } from '../primitives/address.js';
import { ExecutionAborted, TransactionRejected, type AddressLike, type BytesLike, type CallRequest, type ExecutionResult } from './types.js';
import type { HostOptions } from '../exec/hostOptions.js';
import type { StateBackend } from '../state/backends/types.js';
import type { BlockEnv } from '../state/env.js';
import type { Log } from '../state/journal.js';

export interface EVMOptions {
  /** A Fork or its name ('Cancun', 'Prague', ...). Default: the fork mainnet runs today (DEFAULT_FORK). */
  readonly fork?: Fork | string;
  /** EIPs switched on by themselves on top of the fork (go-ethereum `EnableEIP`). */
  readonly eips?: readonly number[];
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

  /** Shared by every execution of this EVM, so large frame memories are reused from call to call. */
  readonly memoryPool = new MemoryPool();

  constructor(opts: EVMOptions = {}) {
    const fork = parseFork(opts.fork ?? DEFAULT_FORK, 'createEVM: fork');
    this.rules = rulesFor(fork, opts.eips === undefined ? {} : { eips: opts.eips });
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
    return this.endCall(p, () => p.exec.execute(p.msg));
  }

  async callAsync(req: CallRequest): Promise<ExecutionResult> {
    await this.load(this.callAccounts(req));
    const p = this.prepareCall(req);
    if ('error' in p) return p.error;
    return this.endCallAsync(p, executeAsync(p.exec, p.msg, this.lazy));
  }

  /** callAsync stepping instruction by instruction, calling `onStep` before each (debuggers, tracers). */
  async callStepping(req: CallRequest, onStep: StepHook): Promise<ExecutionResult> {
    await this.load(this.callAccounts(req));
    const p = this.prepareCall(req);
    if ('error' in p) return p.error;
    return this.endCallAsync(p, executeAsync(p.exec, p.msg, this.lazy, onStep));
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
    const p = this.prepareTx(t, sender, tx);
    let r: ExecResult;
    try {
      r = p.exec.execute(p.msg);
    } catch (e) {
      this.abandon(p);
      throw e;
    }
    return this.finishTx(p, r);
  }

  async runTransactionAsync(tx: Transaction | CallRequest): Promise<ExecutionResult> {
    const [t, sender] = this.toTransaction(tx);
    await this.load(this.txAccounts(t, sender));
    const p = this.prepareTx(t, sender, tx);
    let r: ExecResult;
    try {
      r = await executeAsync(p.exec, p.msg, this.lazy);
    } catch (e) {
      this.abandon(p);
      throw e;
    }
    return this.finishTx(p, r);
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
    const accounts = new WordMap<Account>();
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

  /** Executor options: the host's, this request's cancellation, lazy loading and the memory pool. */
  private executorOptions(req: CallRequest): ExecutorOptions {
    return {
      ...this.host,
      signal: req.signal ?? this.host.signal,
      timeoutMs: req.timeoutMs ?? this.host.timeoutMs,
      loader: this.lazy,
      loadSync: this.lazy?.loadSync,
      memoryPool: this.memoryPool,
    };
  }

  /** The transition pipeline (src/transition/pipeline.ts) in `mode`, on this EVM's state and block. */
  private prepareIn(mode: Mode, t: Transaction, sender: Address, req: CallRequest): Prepared | { rejected: string } {
    this.clean();
    const p = prepare({ state: this.state, block: this.block, rules: this.rules, chainId: this.chainId, executor: this.executorOptions(req) }, t, sender, mode);
    return p;
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

  private prepareCall(req: CallRequest): (Prepared & { cp: number }) | { error: ExecutionResult } {
    const from = addr(req.from ?? 0n);
    const cp = this.state.checkpoint();
    const p = this.prepareIn('call', this.callTx(req, from), from, req);
    if ('rejected' in p) {
      this.state.finalizeTx(false);
      return { error: { success: false, status: Status.OutOfGas, gasUsed: 0n, logs: [], returnData: EMPTY_BYTES, error: p.rejected } };
    }
    return Object.assign(p, { cp });
  }

  /** An eth_call request as the pipeline's transaction (go-ethereum `TransactionArgs.ToMessage`). */
  private callTx(req: CallRequest, from: Address): Transaction {
    const cap = this.block.gasLimit < RPC_GAS_CAP ? this.block.gasLimit : RPC_GAS_CAP;
    return {
      type: req.accessList !== undefined ? TxType.AccessList : TxType.Legacy,
      chainId: this.chainId,
      nonce: this.state.getNonce(from),
      gasPrice: req.gasPrice ?? 0n,
      gasLimit: req.gas ?? cap,
      to: req.to === undefined || req.to === null ? null : addr(req.to),
      value: req.value ?? 0n,
      data: req.data === undefined ? EMPTY_BYTES : bytes(req.data),
      accessList: req.accessList ?? [],
      v: 0n,
      r: 0n,
      s: 0n,
    };
  }

  /** Settles a call, then puts the state back as it was before it. */
  private endCall(p: Prepared & { cp: number }, run: () => ExecResult): ExecutionResult {
    let r: ExecResult;
    try {
      r = run();
    } catch (e) {
      this.abandon(p);
      throw e;
    }
    return this.endCallWith(p, r);
  }

  private async endCallAsync(p: Prepared & { cp: number }, run: Promise<ExecResult>): Promise<ExecutionResult> {
    let r: ExecResult;
    try {
      r = await run;
    } catch (e) {
      this.abandon(p);
      throw e;
    }
    return this.endCallWith(p, r);
  }

  private endCallWith(p: Prepared & { cp: number }, r: ExecResult): ExecutionResult {
    const rc = settle(p, r);
    this.state.revert(p.cp);
    this.state.takeLogs();
    this.state.finalizeTx(false);
    if (r.status === Status.Cancelled) throw new ExecutionAborted('execution aborted (cancelled or out of time)');
    return result(rc);
  }

  /** An execution that threw (a backend failure): everything it did is undone. */
  private abandon(p: Prepared & { cp?: number }): void {
    if (p.cp !== undefined) this.state.revert(p.cp);
    this.state.takeLogs();
    this.state.finalizeTx(false);
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

  private prepareTx(t0: Transaction, sender: Address, req: Transaction | CallRequest): Prepared & { cp: number } {
    // An unsigned request's nonce is the sender's, once loaded.
    const t = t0.nonce === -1n ? { ...t0, nonce: this.state.getNonce(sender) } : t0;
    const cp = this.state.checkpoint();
    const p = this.prepareIn('tx', t, sender, 'v' in req ? {} : req);
    if ('rejected' in p) throw new TransactionRejected(`transaction rejected: ${p.rejected}`);
    return Object.assign(p, { cp });
  }

  private finishTx(p: Prepared & { cp: number }, r: ExecResult): ExecutionResult {
    if (r.status === Status.Cancelled) {
      this.abandon(p);
      throw new ExecutionAborted('execution aborted (cancelled or out of time)');
    }
    return result(settle(p, r));
  }
}

function result(rc: TxReceipt): ExecutionResult {
  const success = isSuccess(rc.status);
  const r: ExecutionResult = { success, status: rc.status, gasUsed: rc.gasUsed, logs: success ? rc.logs : ([] as Log[]), returnData: rc.output };
  if (success && rc.createdAddress !== undefined) Object.assign(r, { createdAddress: rc.createdAddress });
  if (!success) Object.assign(r, { error: statusMessage(rc.status) });
  return r;
}

export function addr(a: AddressLike): Address {
  return typeof a === 'bigint' ? a : parseAddress(a);
}

function bytes(b: BytesLike): Uint8Array {
  return typeof b === 'string' ? hexToBytes(b, 'data') : b;
}
