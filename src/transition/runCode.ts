/**
 * Runs bytecode as a call frame without a transaction around it (go-ethereum `core/vm/runtime`
 * `Execute`): the code is installed at a receiver account and the message runs through the transition
 * pipeline in code mode (./pipeline.ts): the sender and receiver (and precompiles, and the coinbase from
 * Shanghai) start warm, and the message gets all the gas given. No intrinsic gas, no purchase, no refund.
 */
import type { Status } from '../machine/status.js';
import { StateJournal } from '../state/journal.js';
import { rulesFor, type Rules } from '../spec/rules.js';
import { DEFAULT_FORK, parseFork, type ForkLike } from '../spec/fork.js';
import { ADDRESS_MAX, U64_MAX, checkBytes, checkQuantity } from '../primitives/check.js';
import { bytesToWordKeccak } from '../primitives/word/index.js';
import { messageTx, runMessage } from './pipeline.js';
import type { Address } from '../primitives/address.js';
import type { BlockEnv } from '../state/env.js';
import type { Tracer } from '../machine/tracer.js';
import type { MemoryPool } from '../machine/memory.js';

export interface RunCodeOptions {
  /** A Fork or its name; default the fork mainnet runs today (DEFAULT_FORK). */
  readonly fork?: ForkLike;
  /** Rules to run under instead of a fork's (a fork with EIPs switched on by themselves). */
  readonly rules?: Rules;
  /** Calldata: bytes or 0x-hex. */
  readonly input?: Uint8Array | `0x${string}`;
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

/**
 * Runs `code` (bytes, or 0x-hex) as a call frame. Inputs are checked: a negative or over-range gas, value
 * or address, or an unknown fork, throws an error naming the option.
 */
export function runCode(code: Uint8Array | `0x${string}`, opts: RunCodeOptions = {}): RunCodeResult {
  const bytes = checkBytes(code, 'runCode: code');
  const rules = opts.rules ?? rulesFor(parseFork(opts.fork ?? DEFAULT_FORK, 'runCode: fork'));
  const block = defaultBlockEnv(opts.env);
  const state = opts.state ?? new StateJournal();
  const sender = opts.sender === undefined ? DEFAULT_SENDER : checkQuantity(opts.sender, 'runCode: sender', ADDRESS_MAX);
  const receiver = opts.receiver === undefined ? DEFAULT_RECEIVER : checkQuantity(opts.receiver, 'runCode: receiver', ADDRESS_MAX);
  const gas = opts.gas === undefined ? 10_000_000_000n : checkQuantity(opts.gas, 'runCode: gas', U64_MAX);
  const value = opts.value === undefined ? 0n : checkQuantity(opts.value, 'runCode: value');
  const input = opts.input === undefined ? undefined : checkBytes(opts.input, 'runCode: input');
  state.setCode(receiver, bytes);
  if (value > 0n && state.getBalance(sender) < value) state.setBalance(sender, value);
  const ctx = {
    state,
    block,
    rules,
    chainId: opts.chainId ?? 1n,
    ...(opts.tracer === undefined ? {} : { tracer: opts.tracer }),
    ...(opts.memoryPool === undefined ? {} : { executor: { memoryPool: opts.memoryPool } }),
  };
  const r = runMessage(ctx, messageTx({ to: receiver, data: input, value, gasLimit: gas }), sender, 'code');
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
