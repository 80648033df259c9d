/**
 * The executor (go-ethereum `vm.EVM` Call/CallCode/DelegateCall/StaticCall/Create/Create2, run the
 * rust-evm way): every frame runs on a Runtime (./runtime.ts); a CALL or CREATE traps out of it with a
 * Message; the executor checks it, runs precompiles inline, pushes a new Runtime onto an explicit array
 * for code, and when a frame ends resolves its parent's trap with the result. Depth 1024 never touches the
 * JavaScript stack. It is also the machine's Host (src/machine/host.ts): instructions reach the journaled
 * state, the block and the transaction through it.
 *
 * `drive` is the one frame loop. Its modes: plain (each frame runs to its next trap or exit), traced (a
 * tracer set: frames run the traced loop and report entry and exit), stepping (an `onStep` hook: frames
 * run one instruction at a time), and resumable (a lazily loaded state miss makes `drive` return null;
 * the caller loads what the StateLoader recorded, synchronously or not, and calls `drive` again, which
 * resumes the same instruction). Cancellation and the memory pool apply to every mode.
 */
import { Status, isSuccess, statusMessage } from '../machine/status.js';
import { Frame, gasLeft } from '../machine/frame.js';
import { CallKind, isCreate, type ExecResult, type Message } from '../machine/message.js';
import { MemoryPool, releaseFrame } from '../machine/memory.js';
import { tableFor, type OpTable } from '../machine/table.js';
import type { Host, TxContext } from '../machine/host.js';
import type { Tracer } from '../machine/tracer.js';
import { createAddress, create2Address } from '../state/addresses.js';
import { precompilesFor } from '../precompiles/registry.js';
import { delegationTarget } from '../state/delegation.js';
import { EMPTY_BYTES } from '../primitives/hex.js';
import { wordFromBytes, type Word } from '../primitives/word/index.js';
import { Runtime } from './runtime.js';
import { overlayTable } from './overlay.js';
import { defaultCanTransfer, defaultTransfer, type CanTransfer, type HostOptions, type Transfer } from './hostOptions.js';
import { StateJournal, type Access } from '../state/journal.js';
import type { Rules } from '../spec/rules.js';
import type { BlockEnv } from '../state/env.js';
import type { Precompile } from '../precompiles/types.js';
import type { Address } from '../primitives/address.js';
import type { StateLoader } from '../state/backends/loader.js';

export type { ExecResult, TxContext };

export interface ExecutorOptions extends HostOptions {
  /** Lazily loaded state: asked before state is read (see StateLoader). */
  readonly loader?: StateLoader | null;
  /**
   * Loads what the loader recorded synchronously when it can (true), for `execute`. Without it, or when
   * it returns false, a suspension in `execute` throws: use an async driver (./driver.ts).
   */
  readonly loadSync?: () => boolean;
  /** Where frames' large memory buffers come from; share one across executors to reuse them. */
  readonly memoryPool?: MemoryPool;
  /** Traces every frame (entry, exit, and each instruction through the traced loop). */
  readonly tracer?: Tracer;
}

/** Called before each instruction in stepping mode (pc, opcode, gas, stack, memory readable from the Runtime). */
export type StepHook = (rt: Runtime) => void;

/** One message being executed: the runtimes of its frames, innermost last. */
export class Execution {
  readonly frames: Runtime[] = [];
  /** The top-level message while it has not been entered (entry can suspend on a state miss). */
  root: Message | null;
  /** Stepping mode: called before each instruction. */
  readonly onStep: StepHook | null;
  /** Stepping mode: the instruction about to run again after a suspension was reported already. */
  resumed = false;
  constructor(root: Message, onStep: StepHook | null) {
    this.root = root;
    this.onStep = onStep;
  }
}

/** What `enter` returns when it must wait for state to load. */
const SUSPENDED = null;

const NONCE_MAX = (1n << 64n) - 1n;

export class Executor implements Host {
  readonly table: OpTable;
  readonly precompiles: ReadonlyMap<bigint, Precompile>;
  /** The addresses of `precompiles` that are evmkit's own (not a caller's replacement): see viewsInput. */
  private readonly builtinPrecompiles: ReadonlySet<bigint>;
  readonly loader: StateLoader | null;
  readonly canTransfer: CanTransfer;
  readonly transfer: Transfer;
  readonly memory: MemoryPool;
  /** Jump counter for the cancellation check (see ./overlay.ts). */
  ticks = 0;
  /** Set to trace: frames then run through the traced loop and report enter/exit (src/tracing). */
  tracer: Tracer | null;
  private readonly cancellable: boolean;
  private deadline = 0;

  constructor(
    readonly state: StateJournal,
    readonly block: BlockEnv,
    readonly tx: TxContext,
    readonly rules: Rules,
    readonly chainId: bigint,
    readonly options: ExecutorOptions = {},
  ) {
    this.loader = options.loader ?? null;
    this.cancellable = options.signal !== undefined || options.timeoutMs !== undefined;
    this.table = overlayTable(tableFor(rules), {
      lazy: this.loader !== null,
      cancellable: this.cancellable,
      overrides: options.opcodes,
    });
    let pre = precompilesFor(rules);
    let builtin: ReadonlySet<bigint> = new Set(pre.keys());
    if (options.precompiles !== undefined && options.precompiles.size > 0) {
      const m = new Map(pre);
      const own = new Set(builtin);
      for (const [a, p] of options.precompiles) {
        own.delete(a);
        if (p === null) m.delete(a);
        else m.set(a, p);
      }
      pre = m;
      builtin = own;
    }
    this.precompiles = pre;
    this.builtinPrecompiles = builtin;
    this.canTransfer = options.canTransfer ?? defaultCanTransfer;
    this.transfer = options.transfer ?? defaultTransfer;
    this.memory = options.memoryPool ?? new MemoryPool();
    this.tracer = options.tracer ?? null;
    if (shapeKeeper === null) keepShapes(rules, chainId);
  }

  // ---------------------------------------------------------------- Host (src/machine/host.ts)

  balance(a: Address): bigint {
    return this.state.getBalance(a);
  }
  code(a: Address): Uint8Array {
    return this.state.getCode(a);
  }
  codeHash(a: Address): Word {
    const acc = this.state.getAccount(a);
    return acc === undefined || acc.isEmpty() ? 0n : wordFromBytes(acc.codeHash, 0, 32);
  }
  exists(a: Address): boolean {
    return this.state.exists(a);
  }
  isEmpty(a: Address): boolean {
    return this.state.isEmptyOrAbsent(a);
  }
  accessAccount(a: Address): Access {
    return this.state.accessAccount(a);
  }
  accessSlot(a: Address, key: bigint): Access {
    return this.state.accessSlot(a, key);
  }
  isWarmAccount(a: Address): boolean {
    return this.state.isWarmAccount(a);
  }
  sload(a: Address, key: bigint): bigint {
    return this.state.getStorage(a, key);
  }
  originalStorage(a: Address, key: bigint): bigint {
    return this.state.getOriginalStorage(a, key);
  }
  sstore(a: Address, key: bigint, value: bigint): void {
    this.state.setStorage(a, key, value);
  }
  tload(a: Address, key: bigint): bigint {
    return this.state.getTransient(a, key);
  }
  tstore(a: Address, key: bigint, value: bigint): void {
    this.state.setTransient(a, key, value);
  }
  log(address: Address, topics: readonly bigint[], data: Uint8Array): void {
    this.state.addLog({ address, topics, data });
  }
  addRefund(gas: number): void {
    this.state.addRefund(gas);
  }
  subRefund(gas: number): void {
    this.state.subRefund(gas);
  }
  selfDestruct(self: Address, beneficiary: Address): boolean {
    const st = this.state;
    const balance = st.getBalance(self);
    const first = !st.hasSelfDestructed(self);
    if (this.rules.eip6780 && !st.isCreatedInTx(self)) {
      // EIP-6780: only the balance moves (to itself: nothing changes).
      st.subBalance(self, balance);
      st.addBalance(beneficiary, balance);
      return first;
    }
    st.addBalance(beneficiary, balance);
    st.setBalance(self, 0n);
    st.markSelfDestructed(self);
    return first;
  }
  blockHash(n: bigint): Word {
    return this.block.getBlockHash(n);
  }
  viewsInput(a: Address): boolean {
    return this.tracer === null && this.builtinPrecompiles.has(a);
  }

  // ---------------------------------------------------------------- running messages

  /** Runs a message (a transaction's call or create) to completion, synchronously. */
  execute(msg: Message): ExecResult {
    const x = this.start(msg);
    for (;;) {
      const r = this.drive(x);
      if (r !== null) return r;
      if (this.options.loadSync === undefined || !this.options.loadSync()) {
        throw new Error(
          'execution needs state that loads asynchronously (a forked/remote backend): use the async API (callAsync, runTransactionAsync)',
        );
      }
    }
  }

  /** Starts a message without running it (`drive` runs it); with `onStep`, in stepping mode. Starts the cancellation clock. */
  start(msg: Message, onStep: StepHook | null = null): Execution {
    const t = this.options.timeoutMs;
    if (t !== undefined) this.deadline = Date.now() + t;
    return new Execution(msg, onStep);
  }

  /** Whether execution was cancelled from outside (AbortSignal or the time budget). */
  cancelled(): boolean {
    return (this.options.signal?.aborted ?? false) || (this.deadline !== 0 && Date.now() > this.deadline);
  }

  /**
   * The frame loop: runs the execution until it ends (its result) or suspends on a state miss (null: load
   * what the loader recorded and call again).
   */
  drive(x: Execution): ExecResult | null {
    const frames = x.frames;
    if (x.root !== null) {
      if (this.cancellable && this.cancelled()) return fail(Status.Cancelled, 0n);
      const r = this.begin(x.root);
      if (r === SUSPENDED) return null;
      x.root = null;
      if (r instanceof Runtime) frames.push(r);
      else return r;
    }
    for (;;) {
      const rt = frames[frames.length - 1]!;
      const sub = rt.frame.pending;
      if (sub !== null) {
        // A trap not entered yet (or whose entry suspended on a state miss).
        if (this.cancellable && this.cancelled()) return this.cancel(x);
        const r = this.begin(sub);
        if (r === SUSPENDED) return null;
        if (r instanceof Runtime) frames.push(r);
        else rt.resolve(r);
        continue;
      }
      const status = x.onStep === null ? rt.run() : stepUntilTrapOrExit(x, rt, x.onStep);
      if (status === Status.Trap) continue;
      if (status === Status.Suspend) return null;
      if (status === Status.Cancelled) return this.cancel(x);
      frames.pop();
      const f = rt.frame;
      const result = this.exitFrame(f, status);
      if (this.tracer !== null) this.traceExit(f.msg, result, status === Status.Return ? f.output : undefined, f.stepError);
      releaseFrame(f);
      if (frames.length === 0) return result;
      frames[frames.length - 1]!.resolve(result);
    }
  }

  /** `enter` with the tracer told (a message resolved at once also exits at once). */
  private begin(msg: Message): ExecResult | Runtime | null {
    const tracer = this.tracer;
    if (tracer === null) return this.enter(msg);
    // A lazy-state miss suspends before anything happens: the tracer hears of the entry once it goes through.
    const l = this.loader;
    if (l !== null && this.missingForMessage(l, msg)) return SUSPENDED;
    tracer.onEnter(this, msg);
    const r = this.enter(msg);
    if (r !== SUSPENDED && !(r instanceof Runtime)) this.traceExit(msg, r, undefined, undefined);
    return r;
  }

  /**
   * Tells the tracer a message ended. A frame that fails ends on a step that reported the error ("stack
   * underflow (0 <=> 1)"); a failure after the last step (a create whose code cannot be deposited) or at
   * entry has none and uses statusMessage. `returned` is what the frame's RETURN gave back: a create hands
   * its parent no return data, but go-ethereum's OnExit gets the init code's return (the code to deploy,
   * even when depositing it fails), so tracers see that as the create's output.
   */
  private traceExit(msg: Message, r: ExecResult, returned: Uint8Array | undefined, stepError: string | undefined): void {
    const error = isSuccess(r.status) ? undefined : (stepError ?? statusMessage(r.status));
    this.tracer!.onExit(this, msg, returned === undefined || returned === r.output ? r : { ...r, output: returned }, error);
  }

  /** Cancellation ends the whole message: everything it did is reverted. */
  private cancel(x: Execution): ExecResult {
    if (x.frames.length > 0) this.state.revert(x.frames[0]!.frame.checkpoint);
    for (const rt of x.frames) releaseFrame(rt.frame);
    x.frames.length = 0;
    return fail(Status.Cancelled, 0n);
  }

  /**
   * Starts a message: resolves it at once (failed pre-checks, precompiles, code-less accounts) and returns
   * the result, or returns the Runtime of its new frame, or SUSPENDED (null) when state must load first.
   */
  enter(msg: Message): ExecResult | Runtime | null {
    if (msg.depth > this.rules.maxCallDepth) return fail(Status.CallDepthExceeded, msg.gas);
    const l = this.loader;
    if (l !== null && this.missingForMessage(l, msg)) return SUSPENDED;
    if (isCreate(msg.kind)) return this.enterCreate(msg);

    const st = this.state;
    if ((msg.kind === CallKind.Call || msg.kind === CallKind.CallCode) && msg.value !== 0n) {
      if (!this.canTransfer(st, msg.caller, msg.value)) return fail(Status.InsufficientBalance, msg.gas);
    }
    const cp = st.checkpoint();
    const precompile = this.precompiles.get(msg.codeAddress);
    if (msg.kind === CallKind.Call) {
      if (!st.exists(msg.recipient)) {
        // EIP-161: calling a non-existent account with no value does nothing (and touches nothing).
        if (precompile === undefined && this.rules.eip161 && msg.value === 0n) return ok(msg.gas, EMPTY_BYTES);
        st.touch(msg.recipient);
      }
      this.transfer(st, msg.caller, msg.recipient, msg.value);
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
    const f = new Frame(this, msg, code, this.table, this.memory);
    f.checkpoint = cp;
    return new Runtime(f, this);
  }

  /** Lazy state: records every account the entry of `msg` reads that is not loaded yet. */
  private missingForMessage(l: StateLoader, msg: Message): boolean {
    let miss = l.missingAccount(msg.caller);
    if (isCreate(msg.kind)) {
      if (miss) return true;
      return l.missingAccount(this.createTarget(msg));
    }
    miss = l.missingAccount(msg.recipient) || miss;
    miss = l.missingAccount(msg.codeAddress) || miss;
    if (miss) return true;
    if (this.rules.eip7702) {
      const target = delegationTarget(this.state.getCode(msg.codeAddress));
      if (target !== null) return l.missingAccount(target);
    }
    return false;
  }

  private createTarget(msg: Message): Address {
    return msg.kind === CallKind.Create
      ? createAddress(msg.caller, this.state.getNonce(msg.caller))
      : create2Address(msg.caller, msg.salt, msg.input);
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

  private enterCreate(msg: Message): ExecResult | Runtime {
    const st = this.state;
    const r = this.rules;
    if (!this.canTransfer(st, msg.caller, msg.value)) return fail(Status.InsufficientBalance, msg.gas);
    const nonce = st.getNonce(msg.caller);
    if (nonce >= NONCE_MAX) return fail(Status.NonceOverflow, msg.gas);
    st.setNonce(msg.caller, nonce + 1n);
    const addr = msg.kind === CallKind.Create ? createAddress(msg.caller, nonce) : create2Address(msg.caller, msg.salt, msg.input);
    // EIP-2929: the new address is warm even if the creation fails.
    if (r.eip2929) st.accessAccount(addr);
    // A creation may not overwrite an account with code or nonce (or, EIP-7610, storage).
    const existing = st.getAccount(addr);
    if (existing !== undefined && (existing.nonce !== 0n || existing.code.length !== 0 || existing.storage.size > 0)) {
      return fail(Status.ContractCollision, 0n);
    }
    const cp = st.checkpoint();
    st.createContractAccount(addr);
    if (r.eip161) st.setNonce(addr, 1n);
    this.transfer(st, msg.caller, addr, msg.value);
    msg.recipient = addr;
    msg.codeAddress = addr;
    const input = msg.input;
    const f = new Frame(this, { ...msg, input: EMPTY_BYTES }, input, this.table, this.memory);
    f.checkpoint = cp;
    f.createAddress = addr;
    return new Runtime(f, this);
  }

  /** Ends a frame: deploys create output, reverts on failure, and says what the parent gets back. */
  exitFrame(f: Frame, status: Status): ExecResult {
    const st = this.state;
    let gas = f.gas < 0 ? 0n : gasLeft(f);
    if (isCreate(f.msg.kind) && isSuccess(status)) {
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
}

/**
 * Stepping mode: the frame one instruction at a time, with the hook before each, until it traps, exits,
 * suspends (the same instruction runs again after the load, reported once) or is cancelled.
 */
function stepUntilTrapOrExit(x: Execution, rt: Runtime, onStep: StepHook): Status {
  for (;;) {
    if (!x.resumed) onStep(rt);
    x.resumed = false;
    const s = rt.step();
    if (s === Status.Continue) continue;
    if (s === Status.Suspend) x.resumed = true;
    return s;
  }
}

function ok(gas: bigint, output: Uint8Array): ExecResult {
  return { status: Status.Stop, gasLeft: gas, output };
}

function fail(status: Status, gas: bigint): ExecResult {
  return { status, gasLeft: gas, output: EMPTY_BYTES };
}

/**
 * V8 frees a hidden class (map) that no live object uses when it collects garbage, and with it every
 * optimized version of the code that checks for it. Between two executions no Frame is alive, so each
 * major GC threw the optimized loop away and the next execution ran unoptimized until V8 compiled it
 * again (3-7x slower on benchmarks that force a GC between runs; BENCHMARKS.md, Interpreter loop). One
 * idle frame and runtime, built exactly as real ones are (a light executor over an empty state, gas above
 * GAS_CHUNK so every field has its widest representation), keep those classes alive for the process.
 */
let shapeKeeper: Runtime | 'building' | null = null;

function keepShapes(rules: Rules, chainId: bigint): void {
  shapeKeeper = 'building';
  const env: BlockEnv = {
    coinbase: 0n,
    gasLimit: 0n,
    number: 0n,
    timestamp: 0n,
    difficulty: 0n,
    prevRandao: 0n,
    baseFee: 0n,
    getBlockHash: () => 0n,
  };
  const evm = new Executor(new StateJournal(), env, { origin: 0n, gasPrice: 0n, blobHashes: [], blobBaseFee: 0n }, rules, chainId);
  const msg: Message = {
    kind: CallKind.Call,
    depth: 0,
    gas: 1n << 62n,
    caller: 0n,
    recipient: 0n,
    codeAddress: 0n,
    value: 0n,
    input: EMPTY_BYTES,
    isStatic: false,
    salt: 0n,
    retOffset: 0,
    retSize: 0,
  };
  shapeKeeper = new Runtime(new Frame(evm, msg, KEEPER_CODE, evm.table, evm.memory), evm);
}

const KEEPER_CODE = Uint8Array.of(0x00);
