/**
 * Block-level system calls and execution-layer requests (go-ethereum core/state_processor.go):
 * - EIP-4788 (Cancun): before the transactions, SYSTEM_ADDRESS calls the beacon-roots contract with the
 *   parent beacon block root.
 * - EIP-2935 (Prague): before the transactions, SYSTEM_ADDRESS calls the history contract with the
 *   parent block hash.
 * - EIP-6110 (Prague): deposit requests from the deposit contract's DepositEvent logs.
 * - EIP-7002 / EIP-7251 (Prague): after the transactions, SYSTEM_ADDRESS calls the withdrawal and
 *   consolidation request contracts; their return data are the requests.
 * A system call runs with 30,000,000 gas, no value and no gas payment, and ends like a transaction
 * (empty touched accounts removed). A call to an address without code does nothing, as go-ethereum's
 * `evm.Call` does; so state tests, whose pre-state holds none of these contracts, are unaffected.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { messageTx, runMessage } from './pipeline.js';
import type { Address } from '../primitives/address.js';
import { bytesToBigint, concatBytes, EMPTY_BYTES } from '../primitives/hex.js';
import type { Rules } from '../spec/rules.js';
import type { StateJournal, Log } from '../state/journal.js';
import type { BlockEnv } from '../state/env.js';
import type { MemoryPool } from '../machine/memory.js';

export const SYSTEM_ADDRESS: Address = 0xfffffffffffffffffffffffffffffffffffffffen;
export const BEACON_ROOTS_ADDRESS: Address = 0x000f3df6d732807ef1319fb7b8bb8522d0beac02n;
export const HISTORY_STORAGE_ADDRESS: Address = 0x0000f90827f1c53a10cb7a02335b175320002935n;
export const WITHDRAWAL_QUEUE_ADDRESS: Address = 0x00000961ef480eb55e80d19ad83579a64c007002n;
export const CONSOLIDATION_QUEUE_ADDRESS: Address = 0x0000bbddc7ce488642fb579f8b00f3a590007251n;
/** The mainnet deposit contract (go-ethereum's test chain configurations use it too). */
export const DEPOSIT_CONTRACT_ADDRESS: Address = 0x00000000219ab540356cbb839cbe05303d7705fan;
/** keccak256("DepositEvent(bytes,bytes,bytes,bytes,bytes)") */
export const DEPOSIT_EVENT_TOPIC = 0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5n;

export const SYSTEM_CALL_GAS = 30_000_000n;

/** EIP-7685 request types. */
export const RequestType = Object.freeze({
  /** EIP-6110 */
  Deposit: 0x00,
  /** EIP-7002 */
  Withdrawal: 0x01,
  /** EIP-7251 */
  Consolidation: 0x02,
} as const);
export type RequestType = (typeof RequestType)[keyof typeof RequestType];

/** A system call failed where the EIP makes the block invalid (go-ethereum exit code 2, ErrorEVM). */
export class SystemCallError extends Error {
  override name = 'SystemCallError';
}

/**
 * SYSTEM_ADDRESS calls `to` with `input`. Returns the output, null when `to` has no code (nothing ran),
 * or the error of a failed call (its changes reverted). The state is then finalized as after a transaction.
 * `memoryPool`: where the frame's stack and memory come from (the block's transactions' pool), so a
 * system call every block allocates none of its own.
 */
export function systemCall(
  state: StateJournal,
  env: BlockEnv,
  rules: Rules,
  chainId: bigint,
  to: Address,
  input: Uint8Array,
  memoryPool?: MemoryPool,
): Uint8Array | null | SystemCallError {
  if (state.getCode(to).length === 0) return null;
  const r = runMessage(
    { state, block: env, rules, chainId, ...(memoryPool === undefined ? {} : { executor: { memoryPool } }) },
    messageTx({ to, data: input, gasLimit: SYSTEM_CALL_GAS }),
    SYSTEM_ADDRESS,
    'system',
  );
  return r.success ? r.output : new SystemCallError(`system call to 0x${to.toString(16).padStart(40, '0')} failed: ${r.error}`);
}

const DEPOSIT_LOG_LENGTH = 576;
/** (offset, size) of pubkey, withdrawal credentials, amount, signature and index in the ABI data. */
const DEPOSIT_FIELDS: readonly (readonly [number, number])[] = [
  [160, 48],
  [256, 32],
  [320, 8],
  [384, 96],
  [512, 8],
];

/**
 * EIP-6110: the 192-byte deposit request of a DepositEvent log (pubkey, withdrawal credentials, amount,
 * signature, index), after checking the ABI layout the deposit contract always emits.
 */
export function depositFromLog(data: Uint8Array): Uint8Array {
  if (data.length !== DEPOSIT_LOG_LENGTH)
    throw new SystemCallError(`deposit wrong length: want ${DEPOSIT_LOG_LENGTH}, have ${data.length}`);
  const word = (at: number): bigint => bytesToBigint(data.subarray(at, at + 32));
  const parts: Uint8Array[] = [];
  DEPOSIT_FIELDS.forEach(([offset, size], i) => {
    if (word(i * 32) !== BigInt(offset)) throw new SystemCallError(`deposit field ${i}: invalid offset ${word(i * 32)}`);
    if (word(offset) !== BigInt(size)) throw new SystemCallError(`deposit field ${i}: invalid size ${word(offset)}`);
    parts.push(data.subarray(offset + 32, offset + 32 + size));
  });
  return concatBytes(...parts);
}

/** The deposit requests (concatenated) of the block's logs, in order: DepositEvent logs of the deposit contract. */
export function depositRequests(logs: readonly Log[], depositContract: Address = DEPOSIT_CONTRACT_ADDRESS): Uint8Array {
  const out: Uint8Array[] = [];
  for (const l of logs) {
    if (l.address === depositContract && l.topics[0] === DEPOSIT_EVENT_TOPIC) out.push(depositFromLog(l.data));
  }
  return concatBytes(...out);
}

/**
 * Prague requests after the transactions: deposits from the logs, then the EIP-7002 and EIP-7251 queues.
 * Each non-empty list is `type || data`; empty lists are left out (EIP-7685). A failing queue contract, or
 * with `requireCode` one without code (go-ethereum: "system contract has no code"), throws
 * SystemCallError: the block is invalid.
 */
export function collectRequests(
  state: StateJournal,
  env: BlockEnv,
  rules: Rules,
  chainId: bigint,
  logs: readonly Log[],
  depositContract: Address = DEPOSIT_CONTRACT_ADDRESS,
  requireCode = false,
  memoryPool?: MemoryPool,
): Uint8Array[] {
  const requests: Uint8Array[] = [];
  const add = (type: RequestType, data: Uint8Array | null | SystemCallError): void => {
    // EIP-7002/EIP-7251: a failing request contract makes the block invalid.
    if (data instanceof SystemCallError) throw data;
    if (data !== null && data.length > 0) requests.push(concatBytes(Uint8Array.of(type), data));
  };
  const queue = (to: Address, what: string): Uint8Array | null | SystemCallError => {
    if (requireCode && state.getCode(to).length === 0) {
      return new SystemCallError(`${what} system contract 0x${to.toString(16).padStart(40, '0')} has no code`);
    }
    return systemCall(state, env, rules, chainId, to, EMPTY_BYTES, memoryPool);
  };
  add(RequestType.Deposit, depositRequests(logs, depositContract));
  add(RequestType.Withdrawal, queue(WITHDRAWAL_QUEUE_ADDRESS, 'EIP-7002 withdrawal request'));
  add(RequestType.Consolidation, queue(CONSOLIDATION_QUEUE_ADDRESS, 'EIP-7251 consolidation request'));
  return requests;
}

/** EIP-7685 requests hash: sha256 of the concatenated sha256 of each request with data. */
export function requestsHash(requests: readonly Uint8Array[]): Uint8Array {
  const hashes = requests.filter((r) => r.length > 1).map((r) => sha256(r));
  return sha256(concatBytes(...hashes));
}

/** EIP-4788: store the parent beacon block root (a failure is ignored, as go-ethereum does). */
export function beaconRootCall(
  state: StateJournal,
  env: BlockEnv,
  rules: Rules,
  chainId: bigint,
  root: Uint8Array,
  memoryPool?: MemoryPool,
): void {
  systemCall(state, env, rules, chainId, BEACON_ROOTS_ADDRESS, root, memoryPool);
}

/** EIP-2935: store the parent block hash in the history contract (a failure is ignored, as go-ethereum does). */
export function parentHashCall(
  state: StateJournal,
  env: BlockEnv,
  rules: Rules,
  chainId: bigint,
  parentHash: Uint8Array,
  memoryPool?: MemoryPool,
): void {
  systemCall(state, env, rules, chainId, HISTORY_STORAGE_ADDRESS, parentHash, memoryPool);
}
