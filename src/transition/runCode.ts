/**
 * Runs bytecode as a call frame without a transaction around it (go-ethereum `core/vm/runtime`
 * `Execute`): the code is installed at a receiver account, the sender and receiver (and precompiles,
 * and the coinbase from Shanghai) start warm, and the message gets all the gas given. No intrinsic gas,
 * no gas purchase, no refund.
 */
import { Executor } from '../exec/executor.js';
import { CallKind } from '../machine/frame.js';
import { Status, isSuccess, statusMessage } from '../machine/status.js';
import { StateJournal } from '../state/journal.js';
import { rulesFor } from '../spec/rules.js';
import { Fork } from '../spec/fork.js';
import { bytesToWordKeccak } from '../primitives/word/index.js';
import { EMPTY_BYTES } from '../primitives/hex.js';
import { blobBaseFee } from './blobs.js';
import type { Address } from '../primitives/address.js';
import type { BlockEnv } from '../state/env.js';
import type { Tracer } from '../machine/tracer.js';

export interface RunCodeOptions {
  readonly fork?: Fork;
  readonly input?: Uint8Array;
  readonly gas?: bigint;
  readonly value?: bigint;
  readonly sender?: Address;
  readonly receiver?: Address;
  readonly chainId?: bigint;
  readonly env?: Partial<BlockEnv>;
  readonly state?: StateJournal;
  /** Traces the run (src/tracing): the executor then uses the traced loop. */
  readonly tracer?: Tracer;
}

export interface RunCodeResult {
  readonly status: Status;
  readonly success: boolean;
  readonly output: Uint8Array;
  readonly gasUsed: bigint;
  readonly gasLeft: bigint;
  readonly error?: string;
  readonly state: StateJournal;
}

export const DEFAULT_SENDER: Address = 0x73656e646572n; // "sender"
export const DEFAULT_RECEIVER: Address = 0x7265636569766572n; // "receiver"

export function defaultBlockEnv(overrides: Partial<BlockEnv> = {}): BlockEnv {
  return {
    coinbase: 0n,
    gasLimit: 0x7fffffffffffffffn,
    number: 0n,
    timestamp: 0n,
    difficulty: 0n,
    prevRandao: 0n,
    baseFee: 0n,
    excessBlobGas: 0n,
    getBlockHash: (n: bigint) => bytesToWordKeccak(new TextEncoder().encode(n.toString())),
    ...overrides,
  };
}

export function runCode(code: Uint8Array, opts: RunCodeOptions = {}): RunCodeResult {
  const rules = rulesFor(opts.fork ?? Fork.Cancun);
  const env = defaultBlockEnv(opts.env);
  const state = opts.state ?? new StateJournal();
  const sender = opts.sender ?? DEFAULT_SENDER;
  const receiver = opts.receiver ?? DEFAULT_RECEIVER;
  const gas = opts.gas ?? 10_000_000_000n;
  const value = opts.value ?? 0n;
  state.setCode(receiver, code);
  if (value > 0n && state.getBalance(sender) < value) state.setBalance(sender, value);
  const exec = new Executor(state, env, { origin: sender, gasPrice: 0n, blobHashes: [], blobBaseFee: rules.eip4844 ? blobBaseFee(env.excessBlobGas ?? 0n, rules) : 0n }, rules, opts.chainId ?? 1n);
  if (rules.eip2929) {
    state.warmAddress(sender);
    state.warmAddress(receiver);
    for (const p of exec.precompiles.keys()) state.warmAddress(p);
    if (rules.eip3651) state.warmAddress(env.coinbase);
  }
  const tracer = opts.tracer;
  if (tracer !== undefined) {
    exec.tracer = tracer;
    tracer.onTxStart({ state, from: sender, to: receiver, gasLimit: gas, coinbase: env.coinbase });
  }
  const r = exec.execute({
    kind: CallKind.Call,
    depth: 0,
    gas,
    caller: sender,
    recipient: receiver,
    codeAddress: receiver,
    value,
    transfersValue: true,
    input: opts.input ?? EMPTY_BYTES,
    isStatic: false,
    salt: 0n,
    retOffset: 0,
    retSize: 0,
  });
  const success = isSuccess(r.status);
  tracer?.onTxEnd(gas - r.gasLeft);
  return {
    status: r.status,
    success,
    output: r.output,
    gasUsed: gas - r.gasLeft,
    gasLeft: r.gasLeft,
    error: success ? undefined : statusMessage(r.status),
    state,
  };
}
