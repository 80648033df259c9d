/**
 * Runs bytecode as a call frame without a transaction around it (go-ethereum `core/vm/runtime`
 * `Execute`): the code is installed at a receiver account and the message runs through the transition
 * pipeline in code mode (./pipeline.ts): the sender and receiver (and precompiles, and the coinbase from
 * Shanghai) start warm, and the message gets all the gas given. No intrinsic gas, no purchase, no refund.
 */
import type { Status } from '../machine/status.js';
import { StateJournal } from '../state/journal.js';
import { rulesFor, type Rules } from '../spec/rules.js';
import { DEFAULT_FORK, type Fork } from '../spec/fork.js';
import { bytesToWordKeccak } from '../primitives/word/index.js';
import { messageTx, runMessage } from './pipeline.js';
import type { Address } from '../primitives/address.js';
import type { BlockEnv } from '../state/env.js';
import type { Tracer } from '../machine/tracer.js';
import type { MemoryPool } from '../machine/memory.js';

export interface RunCodeOptions {
  /** A Fork or its name; default the fork mainnet runs today (DEFAULT_FORK). */
  readonly fork?: Fork | string;
  /** Rules to run under instead of a fork's (a fork with EIPs switched on by themselves). */
  readonly rules?: Rules;
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
  /** Where frames' stacks and memory buffers come from: a caller that runs code many times keeps one. */
  readonly memoryPool?: MemoryPool;
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
  const rules = opts.rules ?? rulesFor(opts.fork ?? DEFAULT_FORK);
  const block = defaultBlockEnv(opts.env);
  const state = opts.state ?? new StateJournal();
  const sender = opts.sender ?? DEFAULT_SENDER;
  const receiver = opts.receiver ?? DEFAULT_RECEIVER;
  const gas = opts.gas ?? 10_000_000_000n;
  const value = opts.value ?? 0n;
  state.setCode(receiver, code);
  if (value > 0n && state.getBalance(sender) < value) state.setBalance(sender, value);
  const ctx = {
    state,
    block,
    rules,
    chainId: opts.chainId ?? 1n,
    ...(opts.tracer === undefined ? {} : { tracer: opts.tracer }),
    ...(opts.memoryPool === undefined ? {} : { executor: { memoryPool: opts.memoryPool } }),
  };
  const r = runMessage(ctx, messageTx({ to: receiver, data: opts.input, value, gasLimit: gas }), sender, 'code');
  return {
    status: r.status,
    success: r.success,
    output: r.output,
    gasUsed: r.gasUsed,
    gasLeft: r.gasLeft,
    ...(r.error === undefined ? {} : { error: r.error }),
    state,
  };
}
