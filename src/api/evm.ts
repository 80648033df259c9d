/**
 * The public API: one EVM object over a state, for a fork and a chain id, in viem's convention (hex
 * addresses, bytes and hashes; bigint quantities; see ./types.ts).
 *
 *   const evm = createEVM();                                   // the fork mainnet runs today
 *   evm.setBalance(alice, 10n ** 18n);
 *   const { createdAddress } = evm.deploy(initcode, { from: alice });
 *   const r = evm.call({ from: alice, to: createdAddress, data: '0x...' });    // eth_call: nothing kept
 *   const gas = evm.estimateGas({ from: alice, to: createdAddress, data: '0x...' });
 *   const { hash, receipt } = evm.runTransaction({ from: alice, to: createdAddress, data: '0x...' }); // commits
 *   const block = evm.mine();                                  // closes the block: its receipts, next base fee
 *
 * Every message goes through the transition pipeline (src/transition/pipeline.ts): calls and estimates in
 * call mode on a checkpoint that is reverted, transactions in tx mode. This file adds no execution logic of
 * its own: it checks inputs (./request.ts), picks defaults, and converts results (./result.ts).
 *
 * With a `backend` (e.g. a JSON-RPC fork, ./fork.ts) the state loads lazily: use the *Async methods,
 * which await misses and resume the suspended instruction; the synchronous ones work with synchronous
 * backends and throw if an asynchronous one would have to be awaited.
 */
import type { ExecResult, ExecutorOptions, StepHook } from '../exec/executor.js';
import { Status } from '../machine/status.js';
import { MemoryPool } from '../machine/memory.js';
import { WordMap } from '../primitives/wordMap.js';
import { StateJournal } from '../state/journal.js';
import { LazyState, type LazySnapshot } from '../state/backends/lazy.js';
import { Account } from '../state/account.js';
import { rulesFor, type Rules } from '../spec/rules.js';
import { DEFAULT_FORK, parseFork, type ForkLike } from '../spec/fork.js';
import { defaultBlockEnv } from '../transition/runCode.js';
import { prepare, settle, type Prepared, type TransitionContext } from '../transition/pipeline.js';
import { estimateGas, estimateGasAsync, type EstimateOptions, type EstimateResult } from '../transition/estimate.js';
import { calcBaseFee, calcExcessBlobGas } from '../transition/blockEnv.js';
import { recoverSender } from '../tx/signing.js';
import { recoverAuthority } from '../tx/authorization.js';
import { decodeTx } from '../tx/decode.js';
import { authorizationsOf, type Transaction } from '../tx/types.js';
import { delegationTarget } from '../state/delegation.js';
import { executeAsync, loadAll, loadAllSync } from '../exec/driver.js';
import { Runtime } from '../exec/runtime.js';
import { bytesToHex, type Hex } from '../primitives/hex.js';
import { U64_MAX, checkAddress, checkBytes, checkCount, checkNumber, checkQuantity, checkWord, describe } from '../primitives/check.js';
import { decodeRevert } from '../tracing/revertReason.js';
import { parseRequest, buildMessage, type ParsedRequest, type BuildMode } from './request.js';
import { executionResult, receiptOf, traceSession, transactionHash, type TraceSession } from './result.js';
import {
  EstimateGasError,
  ExecutionAborted,
  TransactionRejected,
  type AddressInput,
  type BytesInput,
  type CallRequest,
  type ExecutionResult,
  type MinedBlock,
  type TraceOf,
  type TracerConfig,
  type TracerName,
  type TransactionReceipt,
  type TransactionRequest,
  type TransactionResult,
  type WordInput,
} from './types.js';
import type { Tracer } from '../machine/tracer.js';
import type { HostOptions } from '../exec/hostOptions.js';
import type { StateBackend } from '../state/backends/types.js';
import type { BlockEnv } from '../state/env.js';
import type { Address } from '../primitives/address.js';

/** The block an EVM starts at; unset fields take these defaults. */
export interface BlockOptions {
  /** Default 0. */
  readonly number?: bigint;
  /** Seconds; default 0. */
  readonly timestamp?: bigint;
  /** Default 60,000,000 (mainnet's). */
  readonly gasLimit?: bigint;
  /** EIP-1559 base fee; default 0. */
  readonly baseFee?: bigint;
  /** Default the zero address. */
  readonly coinbase?: AddressInput;
  readonly prevRandao?: WordInput;
  readonly difficulty?: bigint;
  /** EIP-4844 excess blob gas; default 0. */
  readonly excessBlobGas?: bigint;
  /** BLOCKHASH source: block number -> hash as a word. */
  readonly getBlockHash?: (n: bigint) => bigint;
}

export interface EVMOptions {
  /** A Fork or its name ('Cancun', 'Prague', ...). Default: the fork mainnet runs today (DEFAULT_FORK). */
  readonly fork?: ForkLike;
  /** EIPs switched on by themselves on top of the fork (go-ethereum `EnableEIP`). */
  readonly eips?: readonly number[];
  /** Default 1 (viem's `chain.id` numbers are accepted). */
  readonly chainId?: bigint | number;
  /** The in-memory state to run on; default a new, empty one. */
  readonly state?: StateJournal;
  /** Pre-state loaded lazily on first use (JSON-RPC fork, or your own store). */
  readonly backend?: StateBackend;
  /** The block the EVM starts at. */
  readonly block?: BlockOptions;
  /** Host plug-ins: value-transfer rule, precompiles, opcode overrides, cancellation. */
  readonly host?: HostOptions;
}

/** Tracing options for a signed transaction (a request carries them itself). */
export interface TraceOptions {
  readonly tracer?: TracerName | Tracer;
  readonly tracerConfig?: TracerConfig;
}

/** The trace type a request's `tracer` asks for. */
type TraceFor<R> = R extends { readonly tracer: infer T } ? TraceOf<T> : undefined;

/** A copy of the whole state, to go back to with `revert`. */
export interface Snapshot {
  readonly accounts: ReadonlyMap<Address, Account>;
  readonly lazy?: LazySnapshot;
  readonly block: BlockEnv;
  readonly pending: PendingBlock;
}

/** The block being filled: what it has used, its receipts (appended to in place) and how many logs. */
interface PendingBlock {
  gasUsed: bigint;
  blobGasUsed: bigint;
  readonly receipts: TransactionReceipt[];
  logCount: number;
}

function emptyPending(): PendingBlock {
  return { gasUsed: 0n, blobGasUsed: 0n, receipts: [], logCount: 0 };
}

function copyPending(p: PendingBlock): PendingBlock {
  return { gasUsed: p.gasUsed, blobGasUsed: p.blobGasUsed, receipts: p.receipts.slice(), logCount: p.logCount };
}

/** go-ethereum's default RPC gas cap: the default gas of an eth_call. */
const RPC_GAS_CAP = 50_000_000n;
/** Mainnet's block gas limit today: the default block's. */
export const DEFAULT_BLOCK_GAS_LIMIT = 60_000_000n;
const SECONDS_PER_SLOT = 12n;

/** The synchronous run of a prepared message (one function, not a closure per call). */
function executeSync(p: Prepared): ExecResult {
  return p.exec.execute(p.msg);
}

export function createEVM(opts: EVMOptions = {}): EVM {
  return new EVM(opts);
}

/** A signed transaction object (has a signature and a gas limit), as opposed to a request. */
function isSigned(tx: object): tx is Transaction {
  return 'v' in tx && 'r' in tx && 's' in tx && 'gasLimit' in tx;
}

function blockEnv(o: BlockOptions | undefined, lazyHash: ((n: bigint) => bigint) | undefined): BlockEnv {
  const b = o ?? {};
  if (typeof b !== 'object' || b === null) throw new TypeError(`createEVM: block: expected an object, got ${describe(b)}`);
  const w = 'createEVM: block';
  const env: Partial<BlockEnv> = {};
  const e = env as { -readonly [K in keyof BlockEnv]: BlockEnv[K] };
  if (b.number !== undefined) e.number = checkQuantity(b.number, `${w}.number`, U64_MAX);
  if (b.timestamp !== undefined) e.timestamp = checkQuantity(b.timestamp, `${w}.timestamp`, U64_MAX);
  e.gasLimit = b.gasLimit === undefined ? DEFAULT_BLOCK_GAS_LIMIT : checkQuantity(b.gasLimit, `${w}.gasLimit`, U64_MAX);
  if (b.baseFee !== undefined) e.baseFee = checkQuantity(b.baseFee, `${w}.baseFee`);
  if (b.coinbase !== undefined) e.coinbase = checkAddress(b.coinbase, `${w}.coinbase`);
  if (b.prevRandao !== undefined) e.prevRandao = checkWord(b.prevRandao, `${w}.prevRandao`);
  if (b.difficulty !== undefined) e.difficulty = checkQuantity(b.difficulty, `${w}.difficulty`);
  if (b.excessBlobGas !== undefined) e.excessBlobGas = checkQuantity(b.excessBlobGas, `${w}.excessBlobGas`, U64_MAX);
  if (b.getBlockHash !== undefined) {
    if (typeof b.getBlockHash !== 'function')
      throw new TypeError(`${w}.getBlockHash: expected a function, got ${describe(b.getBlockHash)}`);
    e.getBlockHash = b.getBlockHash;
  } else if (lazyHash !== undefined) e.getBlockHash = lazyHash;
  return defaultBlockEnv(env);
}

export class EVM {
  readonly rules: Rules;
  readonly chainId: bigint;
  readonly state: StateJournal;
  readonly host: HostOptions;
  /** Set when a backend is given: the lazy-loading layer between the journal and the backend. */
  readonly lazy: LazyState | null;
  /** Shared by every execution of this EVM, so large frame memories are reused from call to call. */
  readonly memoryPool = new MemoryPool();

  private env: BlockEnv;
  private pending: PendingBlock = emptyPending();
  /** True while a runtime() session may have left transaction-scoped data in the journal. */
  private dirty = false;
  /** The context of a plain call (no tracer, no per-call cancellation): made once per block. */
  private plainCtx: TransitionContext | null = null;
  private readonly plainExecutor: ExecutorOptions;

  constructor(opts: EVMOptions = {}) {
    if (typeof opts !== 'object' || opts === null) throw new TypeError(`createEVM: expected an options object, got ${describe(opts)}`);
    const fork = parseFork(opts.fork ?? DEFAULT_FORK, 'createEVM: fork');
    this.rules = rulesFor(fork, opts.eips === undefined ? {} : { eips: opts.eips });
    this.chainId = opts.chainId === undefined ? 1n : checkCount(opts.chainId, 'createEVM: chainId');
    this.state = opts.state ?? new StateJournal();
    this.host = opts.host ?? {};
    this.lazy = opts.backend === undefined ? null : new LazyState(this.state, opts.backend);
    this.env = blockEnv(opts.block, this.lazy?.blockHash);
    this.plainExecutor = { ...this.host, loader: this.lazy, loadSync: this.lazy?.loadSync, memoryPool: this.memoryPool };
  }

  /** The block the next transaction goes into (advance it with `mine`). The core's form: bigint coinbase. */
  get block(): BlockEnv {
    return this.env;
  }

  // ---------------------------------------------------------------- eth_call

  /**
   * eth_call: runs the message and discards every change. A creation (no `to`) returns the deployed code
   * as `returnData`. With `tracer`, the result's `trace` holds the trace.
   */
  call<const R extends CallRequest>(req: R): ExecutionResult<TraceFor<R>> {
    const p = parseRequest(req, 'call');
    const from = p.from ?? 0n;
    if (this.lazy !== null) this.ensure(p, from);
    const t = this.message(p, from, 'call');
    const trace = traceSession(req);
    return this.runCall(t, from, this.ctxFor(req, trace), trace, executeSync) as ExecutionResult<TraceFor<R>>;
  }

  async callAsync<const R extends CallRequest>(req: R): Promise<ExecutionResult<TraceFor<R>>> {
    const p = parseRequest(req, 'callAsync');
    const from = p.from ?? 0n;
    await this.loadFor(p, from);
    const t = this.message(p, from, 'call');
    const trace = traceSession(req);
    return (await this.runCallAsync(t, from, this.ctxFor(req, trace), trace, (x) =>
      executeAsync(x.exec, x.msg, this.lazy),
    )) as ExecutionResult<TraceFor<R>>;
  }

  /** callAsync stepping instruction by instruction, calling `onStep` before each (debuggers, tracers). */
  async callStepping(req: CallRequest, onStep: StepHook): Promise<ExecutionResult> {
    const p = parseRequest(req, 'callStepping');
    const from = p.from ?? 0n;
    await this.loadFor(p, from);
    const t = this.message(p, from, 'call');
    return (await this.runCallAsync(t, from, this.ctxFor(req, undefined), undefined, (x) =>
      executeAsync(x.exec, x.msg, this.lazy, onStep),
    )) as ExecutionResult;
  }

  // ---------------------------------------------------------------- eth_estimateGas

  /**
   * The smallest gas limit with which the message succeeds (go-ethereum's binary search, ../transition/
   * estimate.ts). Throws EstimateGasError with go-ethereum's message when none does ('execution
   * reverted: <reason>', 'gas required exceeds allowance (N)', ...). `errorRatio: 0.015` gives go-ethereum's
   * eth_estimateGas answer exactly (it stops within 1.5%).
   */
  estimateGas(req: CallRequest, opts: EstimateOptions = {}): bigint {
    const p = parseRequest(req, 'estimateGas');
    const from = p.from ?? 0n;
    if (this.lazy !== null) this.ensure(p, from);
    const t = this.message(p, from, 'call', 0n);
    this.clean();
    return estimateAnswer(estimateGas(this.ctxFor(req, undefined), t, from, estimateOptions(opts)));
  }

  async estimateGasAsync(req: CallRequest, opts: EstimateOptions = {}): Promise<bigint> {
    const p = parseRequest(req, 'estimateGasAsync');
    const from = p.from ?? 0n;
    await this.loadFor(p, from);
    const t = this.message(p, from, 'call', 0n);
    this.clean();
    return estimateAnswer(await estimateGasAsync(this.ctxFor(req, undefined), t, from, this.lazy, estimateOptions(opts)));
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Runs a transaction and commits it into the current block: an unsigned request with `from` (viem's
   * TransactionRequest fields; nonce, fees and gas filled in), a signed Transaction, or a signed
   * transaction's serialized bytes (as eth_sendRawTransaction). Returns the execution, the hash and the
   * receipt. Throws TransactionRejected when it is invalid (state unchanged).
   */
  runTransaction<const R extends TransactionRequest>(tx: R): TransactionResult<TraceFor<R>>;
  runTransaction<const O extends TraceOptions = TraceOptions>(tx: Transaction | Hex | Uint8Array, opts?: O): TransactionResult<TraceFor<O>>;
  runTransaction(tx: TransactionRequest | Transaction | Hex | Uint8Array, opts?: TraceOptions): TransactionResult<unknown> {
    const { t, sender, signed, traceOpts } = this.toTransaction(tx, opts, 'runTransaction');
    if (this.lazy !== null) this.ensureTx(t, sender);
    const trace = traceSession(traceOpts);
    const p = this.prepareTx(t, sender, traceOpts, trace);
    let r: ExecResult;
    try {
      r = p.exec.execute(p.msg);
    } catch (e) {
      this.abandon(p);
      throw e;
    }
    return this.commit(p, r, signed, trace);
  }

  async runTransactionAsync<const R extends TransactionRequest>(
    tx: R | Transaction | Hex | Uint8Array,
    opts?: TraceOptions,
  ): Promise<TransactionResult<TraceFor<R>>> {
    const parsed = this.parseTx(tx, opts, 'runTransactionAsync');
    if (this.lazy !== null) {
      const from = parsed.sender;
      await this.load(
        this.accountsOf(
          parsed.request?.to ?? parsed.signed?.to ?? null,
          from,
          parsed.request?.authorizationList ?? parsed.signed?.authorizationList,
        ),
      );
      await this.loadDelegation(parsed.request?.to ?? parsed.signed?.to ?? null);
    }
    const { t, sender, signed, traceOpts } = this.finishTx(parsed);
    const trace = traceSession(traceOpts);
    const p = this.prepareTx(t, sender, traceOpts, trace);
    let r: ExecResult;
    try {
      r = await executeAsync(p.exec, p.msg, this.lazy);
    } catch (e) {
      this.abandon(p);
      throw e;
    }
    return this.commit(p, r, signed, trace) as TransactionResult<TraceFor<R>>;
  }

  /** eth_sendRawTransaction: a signed transaction's serialized bytes (0x-hex or bytes), run and committed. */
  sendRawTransaction(raw: Hex | Uint8Array, opts?: TraceOptions): TransactionResult<unknown> {
    return this.runTransaction(raw, opts);
  }

  /** Deploys a contract: a creation transaction from `from` with `initcode` as its data. */
  deploy(initcode: BytesInput, opts: Omit<TransactionRequest, 'to' | 'data'>): TransactionResult {
    if (typeof opts !== 'object' || opts === null) throw new TypeError(`deploy: expected options with \`from\`, got ${describe(opts)}`);
    return this.runTransaction({ ...opts, to: null, data: initcode } as TransactionRequest) as TransactionResult;
  }

  deployAsync(initcode: BytesInput, opts: Omit<TransactionRequest, 'to' | 'data'>): Promise<TransactionResult> {
    if (typeof opts !== 'object' || opts === null)
      throw new TypeError(`deployAsync: expected options with \`from\`, got ${describe(opts)}`);
    return this.runTransactionAsync({ ...opts, to: null, data: initcode } as TransactionRequest) as Promise<TransactionResult>;
  }

  // ---------------------------------------------------------------- blocks

  /**
   * Closes the current block and starts the next: number + 1, timestamp + 12 s (or `timestamp`), the
   * EIP-1559 base fee from the gas the block used, the EIP-4844 excess blob gas from its blob gas. Returns
   * the closed block with its receipts. (No system calls, rewards or withdrawals: a chain does those.)
   */
  mine(opts: { readonly timestamp?: bigint } = {}): MinedBlock {
    const b = this.env;
    const pend = this.pending;
    const ts = opts.timestamp === undefined ? b.timestamp + SECONDS_PER_SLOT : checkQuantity(opts.timestamp, 'mine: timestamp', U64_MAX);
    if (ts <= b.timestamp)
      throw new RangeError(`mine: timestamp: ${describe(ts)} is not after the current block's ${describe(b.timestamp)}`);
    const excess = b.excessBlobGas ?? 0n;
    const mined: MinedBlock = {
      number: b.number,
      timestamp: b.timestamp,
      gasLimit: b.gasLimit,
      gasUsed: pend.gasUsed,
      baseFeePerGas: b.baseFee,
      blobGasUsed: pend.blobGasUsed,
      excessBlobGas: excess,
      receipts: pend.receipts,
    };
    this.env = {
      ...b,
      number: b.number + 1n,
      timestamp: ts,
      baseFee: this.rules.eip1559 ? calcBaseFee(b.baseFee, pend.gasUsed, b.gasLimit) : b.baseFee,
      excessBlobGas: this.rules.eip4844 ? calcExcessBlobGas(excess, pend.blobGasUsed, b.baseFee, this.rules) : excess,
    };
    this.pending = emptyPending();
    this.plainCtx = null;
    return mined;
  }

  /** The receipts of the transactions in the current (not yet mined) block. */
  get pendingReceipts(): readonly TransactionReceipt[] {
    return this.pending.receipts;
  }

  // ---------------------------------------------------------------- stepping

  /**
   * A Runtime for the top frame of a call, for stepping and resolving CALL/CREATE traps yourself. Its
   * changes stay in the state (take a snapshot to go back). Throws when the callee has no code.
   */
  runtime(req: CallRequest): Runtime {
    const pr = parseRequest(req, 'runtime');
    const from = pr.from ?? 0n;
    if (this.lazy !== null) this.ensure(pr, from);
    const t = this.message(pr, from, 'call');
    this.clean();
    const p = prepare(this.ctxFor(req, undefined), t, from, 'call');
    if ('rejected' in p) {
      this.state.finalizeTx(false);
      throw new TransactionRejected(`runtime: ${p.rejected}`);
    }
    this.dirty = true;
    const r = p.exec.enter(p.msg);
    if (r === null) throw new Error("runtime: the callee's state is not loaded (await evm.load first)");
    if (!(r instanceof Runtime)) throw new Error('runtime: the callee has no code to step through');
    return r;
  }

  // ---------------------------------------------------------------- state helpers

  /** Loads accounts (and slots) from the backend ahead of use; a no-op without a backend. */
  async load(accounts: Iterable<AddressInput>, slots: Iterable<readonly [AddressInput, WordInput]> = []): Promise<void> {
    if (this.lazy === null) return;
    const as = [...accounts].map((a, i) => checkAddress(a, `load: accounts[${i}]`));
    const ss = [...slots].map(([a, k], i) => [checkAddress(a, `load: slots[${i}][0]`), checkWord(k, `load: slots[${i}][1]`)] as const);
    this.lazy.want(as);
    await loadAll(this.lazy);
    this.lazy.want([], ss);
    await loadAll(this.lazy);
  }

  getBalance(address: AddressInput): bigint {
    return this.state.getBalance(this.account(address, 'getBalance: address'));
  }
  getNonce(address: AddressInput): bigint {
    return this.state.getNonce(this.account(address, 'getNonce: address'));
  }
  /** The account's code as hex (`0x` when none). */
  getCode(address: AddressInput): Hex {
    return bytesToHex(this.state.getCode(this.account(address, 'getCode: address')));
  }
  /** A storage slot's value (slot as a bigint or 0x-hex of up to 32 bytes: 0n, '0x0' and '0x00' are the same slot). */
  getStorage(address: AddressInput, slot: WordInput): bigint {
    const a = this.account(address, 'getStorage: address');
    const k = checkWord(slot, 'getStorage: slot');
    this.slot(a, k);
    return this.state.getStorage(a, k);
  }
  setBalance(address: AddressInput, balance: bigint): void {
    const v = checkQuantity(balance, 'setBalance: balance');
    this.state.setBalance(this.account(address, 'setBalance: address'), v);
  }
  setNonce(address: AddressInput, nonce: bigint | number): void {
    const n = checkCount(nonce, 'setNonce: nonce', U64_MAX);
    this.state.setNonce(this.account(address, 'setNonce: address'), n);
  }
  setCode(address: AddressInput, code: BytesInput): void {
    const c = checkBytes(code, 'setCode: code');
    this.state.setCode(this.account(address, 'setCode: address'), c);
  }
  setStorage(address: AddressInput, slot: WordInput, value: WordInput): void {
    const a = this.account(address, 'setStorage: address');
    const k = checkWord(slot, 'setStorage: slot');
    const v = checkWord(value, 'setStorage: value');
    this.slot(a, k);
    this.state.setStorage(a, k, v);
  }

  /** A copy of the whole state (accounts, storage, what has been loaded from the backend, the block). */
  snapshot(): Snapshot {
    this.clean();
    const accounts = new WordMap<Account>();
    for (const [k, a] of this.state.accounts) accounts.set(k, a.clone());
    return { accounts, lazy: this.lazy?.snapshot(), block: this.env, pending: copyPending(this.pending) };
  }

  /** Puts the whole state back as it was at `s` (a snapshot can be reverted to more than once). */
  revert(s: Snapshot): void {
    this.clean();
    this.state.finalizeTx(false);
    const m = this.state.accounts;
    m.clear();
    for (const [k, a] of s.accounts) m.set(k, a.clone());
    if (this.lazy !== null && s.lazy !== undefined) this.lazy.restore(s.lazy);
    if (s.block !== undefined) this.env = s.block;
    if (s.pending !== undefined) this.pending = copyPending(s.pending);
    this.plainCtx = null;
  }

  // ---------------------------------------------------------------- internals

  /** The pipeline's context for a request: shared for plain calls, fresh with a tracer or per-call cancellation. */
  private ctxFor(req: CallRequest | TraceOptions, trace: TraceSession | undefined): TransitionContext {
    const r = req as CallRequest;
    if (trace === undefined && r.signal === undefined && r.timeoutMs === undefined) {
      return (this.plainCtx ??= {
        state: this.state,
        block: this.env,
        rules: this.rules,
        chainId: this.chainId,
        executor: this.plainExecutor,
      });
    }
    const executor: ExecutorOptions =
      r.signal === undefined && r.timeoutMs === undefined
        ? this.plainExecutor
        : { ...this.plainExecutor, signal: r.signal ?? this.host.signal, timeoutMs: r.timeoutMs ?? this.host.timeoutMs };
    const ctx: TransitionContext = { state: this.state, block: this.env, rules: this.rules, chainId: this.chainId, executor };
    return trace === undefined ? ctx : { ...ctx, tracer: trace.tracer };
  }

  /** The pipeline's message for a parsed request (defaults from the state and the block). */
  private message(p: ParsedRequest, from: Address, mode: BuildMode, defaultGas?: bigint): Transaction {
    const b = this.env;
    return buildMessage(p, from, mode, {
      state: this.state,
      block: b,
      rules: this.rules,
      chainId: this.chainId,
      blockGasLeft: b.gasLimit - this.pending.gasUsed,
      defaultGas: defaultGas ?? (b.gasLimit < RPC_GAS_CAP ? b.gasLimit : RPC_GAS_CAP),
    });
  }

  private clean(): void {
    if (this.dirty) {
      this.state.finalizeTx(this.rules.eip161);
      this.dirty = false;
    }
  }

  /** The accounts a message touches before its first instruction (sender, recipient, coinbase, authorities). */
  private accountsOf(
    to: Address | null,
    from: Address,
    auths:
      | readonly {
          readonly chainId: bigint;
          readonly address: bigint;
          readonly nonce: bigint;
          readonly yParity: bigint;
          readonly r: bigint;
          readonly s: bigint;
        }[]
      | undefined,
  ): Address[] {
    const out = [from, this.env.coinbase];
    if (to !== null) out.push(to);
    for (const a of auths ?? []) {
      const auth = recoverAuthority(a);
      if (auth !== null) out.push(auth);
    }
    return out;
  }

  /** Loads what a call needs, synchronously (a no-op without a backend). */
  private ensure(p: ParsedRequest, from: Address): void {
    this.ensureAccounts(this.accountsOf(p.to, from, p.authorizationList));
    this.ensureDelegation(p.to);
  }

  private ensureTx(t: Transaction, sender: Address): void {
    this.ensureAccounts(this.accountsOf(t.to, sender, authorizationsOf(t)));
    this.ensureDelegation(t.to);
  }

  private ensureAccounts(accounts: Address[]): void {
    if (this.lazy === null) return;
    this.lazy.want(accounts);
    loadAllSync(this.lazy);
  }

  /** A delegated recipient's target (EIP-7702) is warmed before execution: it must be loaded. */
  private ensureDelegation(to: Address | null): void {
    if (this.lazy === null || to === null || !this.state.accounts.has(to)) return;
    const target = delegationTarget(this.state.getCode(to));
    if (target !== null) this.ensureAccounts([target]);
  }

  private async loadFor(p: ParsedRequest, from: Address): Promise<void> {
    if (this.lazy === null) return;
    this.lazy.want(this.accountsOf(p.to, from, p.authorizationList));
    await loadAll(this.lazy);
    await this.loadDelegation(p.to);
  }

  private async loadDelegation(to: Address | null): Promise<void> {
    if (this.lazy === null || to === null || !this.state.accounts.has(to)) return;
    const target = delegationTarget(this.state.getCode(to));
    if (target === null) return;
    this.lazy.want([target]);
    await loadAll(this.lazy);
  }

  private account(a: AddressInput, field: string): Address {
    const ad = checkAddress(a, field);
    if (this.lazy !== null) this.ensureAccounts([ad]);
    return ad;
  }

  private slot(ad: Address, key: bigint): void {
    if (this.lazy !== null) {
      this.lazy.want([], [[ad, key]]);
      loadAllSync(this.lazy);
    }
  }

  /** prepare (call mode) -> run -> settle, then the state put back as it was. */
  private runCall(
    t: Transaction,
    from: Address,
    ctx: TransitionContext,
    trace: TraceSession | undefined,
    run: (p: Prepared) => ExecResult,
  ): ExecutionResult<unknown> {
    this.clean();
    const cp = this.state.checkpoint();
    const p = prepare(ctx, t, from, 'call');
    if ('rejected' in p) return this.rejectedCall(p.rejected, trace);
    let r: ExecResult;
    try {
      r = run(p);
    } catch (e) {
      this.abandon(p, cp);
      throw e;
    }
    return this.endCall(p, cp, r, trace);
  }

  private async runCallAsync(
    t: Transaction,
    from: Address,
    ctx: TransitionContext,
    trace: TraceSession | undefined,
    run: (p: Prepared) => Promise<ExecResult>,
  ): Promise<ExecutionResult<unknown>> {
    this.clean();
    const cp = this.state.checkpoint();
    const p = prepare(ctx, t, from, 'call');
    if ('rejected' in p) return this.rejectedCall(p.rejected, trace);
    let r: ExecResult;
    try {
      r = await run(p);
    } catch (e) {
      this.abandon(p, cp);
      throw e;
    }
    return this.endCall(p, cp, r, trace);
  }

  /** A call the pipeline rejected (fees, balance, intrinsic gas): a failed result saying why, nothing run. */
  private rejectedCall(reason: string, trace: TraceSession | undefined): ExecutionResult<unknown> {
    this.state.finalizeTx(false);
    return { success: false, status: Status.OutOfGas, gasUsed: 0n, logs: [], returnData: '0x', error: reason, trace: trace?.result() };
  }

  private endCall(p: Prepared, cp: number, r: ExecResult, trace: TraceSession | undefined): ExecutionResult<unknown> {
    const rc = settle(p, r);
    const result = r.status === Status.Cancelled ? null : executionResult(rc, trace?.result());
    this.state.revert(cp);
    this.state.takeLogs();
    this.state.finalizeTx(false);
    if (result === null) throw new ExecutionAborted('execution aborted (cancelled or out of time)');
    return result;
  }

  /** An execution that threw (a backend failure): everything it did is undone. */
  private abandon(_p: Prepared, cp?: number): void {
    if (cp !== undefined) this.state.revert(cp);
    this.state.takeLogs();
    this.state.finalizeTx(false);
  }

  /** A transaction argument, checked: the request's fields or the signed transaction, and its sender. */
  private parseTx(
    tx: TransactionRequest | Transaction | Hex | Uint8Array,
    opts: TraceOptions | undefined,
    where: string,
  ): { request?: ParsedRequest; signed?: Transaction; sender: Address; traceOpts: TraceOptions | CallRequest } {
    if (typeof tx === 'string' || tx instanceof Uint8Array) {
      const bytes = checkBytes(tx, `${where}: raw transaction`);
      let t: Transaction;
      try {
        t = decodeTx(bytes, this.rules);
      } catch (e) {
        throw new TransactionRejected(`${where}: ${(e as Error).message}`);
      }
      return { signed: t, sender: this.sender(t, where), traceOpts: opts ?? {} };
    }
    if (typeof tx !== 'object' || tx === null)
      throw new TypeError(`${where}: expected a transaction request, a signed transaction or its bytes, got ${describe(tx)}`);
    if (isSigned(tx)) return { signed: tx, sender: this.sender(tx, where), traceOpts: opts ?? {} };
    const req = tx as TransactionRequest;
    if (req.from === undefined) throw new TypeError(`${where}: from: an unsigned transaction needs \`from\``);
    const request = parseRequest(req, where);
    return { request, sender: request.from!, traceOpts: req };
  }

  private sender(t: Transaction, where: string): Address {
    try {
      return recoverSender(t, this.rules);
    } catch (e) {
      throw new TransactionRejected(`${where}: invalid signature: ${(e as Error).message}`);
    }
  }

  private finishTx(x: ReturnType<EVM['parseTx']>): {
    t: Transaction;
    sender: Address;
    signed: boolean;
    traceOpts: TraceOptions | CallRequest;
  } {
    if (x.signed !== undefined) return { t: x.signed, sender: x.sender, signed: true, traceOpts: x.traceOpts };
    return { t: this.message(x.request!, x.sender, 'tx'), sender: x.sender, signed: false, traceOpts: x.traceOpts };
  }

  private toTransaction(tx: TransactionRequest | Transaction | Hex | Uint8Array, opts: TraceOptions | undefined, where: string) {
    const parsed = this.parseTx(tx, opts, where);
    if (this.lazy !== null && parsed.request !== undefined) this.ensure(parsed.request, parsed.sender);
    return this.finishTx(parsed);
  }

  private prepareTx(
    t: Transaction,
    sender: Address,
    req: TraceOptions | CallRequest,
    trace: TraceSession | undefined,
  ): Prepared & { cp: number } {
    this.clean();
    const cp = this.state.checkpoint();
    const ctx = { ...this.ctxFor(req, trace), blockGasAvailable: this.env.gasLimit - this.pending.gasUsed };
    const p = prepare(ctx, t, sender, 'tx');
    if ('rejected' in p) throw new TransactionRejected(`transaction rejected: ${p.rejected}`);
    return Object.assign(p, { cp });
  }

  /** Settles a transaction into the current block: its result, hash and receipt. */
  private commit(
    p: Prepared & { cp: number },
    r: ExecResult,
    signed: boolean,
    trace: TraceSession | undefined,
  ): TransactionResult<unknown> {
    if (r.status === Status.Cancelled) {
      this.abandon(p, p.cp);
      throw new ExecutionAborted('execution aborted (cancelled or out of time)');
    }
    const rc = settle(p, r);
    const pend = this.pending;
    const hash = transactionHash(p.tx, signed, p.sender);
    const cumulativeGasUsed = pend.gasUsed + rc.gasUsed;
    const receipt = receiptOf(
      p.tx,
      rc,
      hash,
      p.sender,
      { blockNumber: this.env.number, index: pend.receipts.length, firstLogIndex: pend.logCount, cumulativeGasUsed },
      { effectiveGasPrice: p.valid?.effectiveGasPrice ?? 0n, blobGasPrice: p.valid?.blobBaseFee ?? 0n },
    );
    pend.gasUsed = cumulativeGasUsed;
    pend.blobGasUsed += rc.blobGasUsed;
    pend.receipts.push(receipt);
    pend.logCount += receipt.logs.length;
    const result = executionResult(rc, trace?.result(), receipt.logs);
    return Object.assign(result, { hash, receipt });
  }
}

/** A parsed EstimateOptions. */
function estimateOptions(o: EstimateOptions): EstimateOptions {
  if (typeof o !== 'object' || o === null) throw new TypeError(`estimateGas: options: expected an object, got ${describe(o)}`);
  const out: { gasCap?: bigint; errorRatio?: number } = {};
  if (o.gasCap !== undefined) out.gasCap = checkQuantity(o.gasCap, 'estimateGas: gasCap', U64_MAX);
  if (o.errorRatio !== undefined) {
    const r = checkNumber(o.errorRatio, 'estimateGas: errorRatio');
    if (r >= 1) throw new RangeError(`estimateGas: errorRatio: ${describe(r)} is not below 1`);
    out.errorRatio = r;
  }
  return out;
}

/** The estimate, or its error thrown with go-ethereum's message (a revert's reason appended, as its RPC does). */
function estimateAnswer(r: EstimateResult): bigint {
  if (r.error === undefined) return r.gas;
  if (r.revertData !== undefined) {
    const revert = decodeRevert(r.revertData);
    throw new EstimateGasError(revert.reason === undefined ? 'execution reverted' : `execution reverted: ${revert.reason}`, revert);
  }
  throw new EstimateGasError(r.error);
}
