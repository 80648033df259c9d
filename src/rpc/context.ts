/**
 * NodeContext: everything a method handler gets besides its params. One per node; the HTTP/WebSocket
 * server and the in-process provider share it.
 *
 * | member          | what                                                                   | phase |
 * |-----------------|------------------------------------------------------------------------|-------|
 * | `config`        | chain id, network id, client version                                   | 1     |
 * | `accounts`      | dev accounts (mnemonic keys) and impersonation                          | 1     |
 * | `events`        | hook points the chain calls: new block, removed logs, pending tx, chain id | 1 |
 * | `subscriptions` | eth_subscribe per session, fed by `events`                              | 1     |
 * | `filters`       | eth_newFilter & co., fed by `events`                                    | 1     |
 * | `chain`         | blocks, receipts, state at a block, execution, the pool                 | 2     |
 * | `mining`        | automine / interval mining, mine, time, snapshots (anvil_, evm_ controls) | 2   |
 *
 * `chain` and `mining` are undefined until src/chain lands; the method groups that need them are not
 * registered until then (they answer -32601). ChainBackend and MiningControl below are the contract those
 * groups will be written against: an adapter over src/chain implements them. Results may be promises
 * (forked state loads over the network); everything else in the node is synchronous.
 */
import type { Address } from '../primitives/address.js';
import type { Transaction } from '../tx/types.js';
import type { DevAccounts } from './accounts.js';
import type { BlockRef } from './codec.js';
import type { NodeEvents } from './events.js';
import type { BlockData, HeaderData } from './format/block.js';
import type { FeeHistoryData } from './format/feeHistory.js';
import type { LogData, ReceiptData } from './format/receipt.js';
import type { CallResultData } from './format/simulate.js';
import type { TxData } from './format/transaction.js';
import type { LogCriteria } from './logFilter.js';
import type { FilterManager, SubscriptionManager } from './subscriptions.js';
import type { TransactionRequest } from './txRequest.js';

export type MaybePromise<T> = T | Promise<T>;

export interface NodeConfig {
  /** eth_chainId (EIP-155 chain id); anvil_setChainId changes it (and publishes chainChanged). */
  chainId: bigint;
  /** net_version: the network id, the chain id unless configured apart. */
  networkId: bigint;
  /** web3_clientVersion, e.g. "evmkit/v0.1.0". */
  readonly clientVersion: string;
}

export interface NodeContext {
  readonly config: NodeConfig;
  readonly accounts: DevAccounts;
  readonly events: NodeEvents;
  readonly subscriptions: SubscriptionManager;
  readonly filters: FilterManager;
  /** Phase 2. */
  readonly chain?: ChainBackend;
  /** Phase 2. */
  readonly mining?: MiningControl;
}

// ---------------------------------------------------------------- phase 2 contract

/** Account state at one block (eth_getBalance & co., eth_getProof). */
export interface StateReader {
  balance(address: Address): MaybePromise<bigint>;
  /** The account nonce (for EIP-7702 delegated accounts too: the state nonce). */
  nonce(address: Address): MaybePromise<bigint>;
  /** Code, including an EIP-7702 delegation designator (0xef0100 || address) as stored. */
  code(address: Address): MaybePromise<Uint8Array>;
  storage(address: Address, slot: bigint): MaybePromise<bigint>;
  /** EIP-1186 account and storage proofs against the block's state root. */
  proof(address: Address, slots: readonly bigint[]): MaybePromise<AccountProof>;
}

export interface AccountProof {
  readonly balance: bigint;
  readonly nonce: bigint;
  readonly codeHash: Uint8Array;
  readonly storageHash: Uint8Array;
  readonly accountProof: readonly Uint8Array[];
  readonly storageProof: readonly { readonly key: bigint; readonly value: bigint; readonly proof: readonly Uint8Array[] }[];
}

/** eth_call / eth_estimateGas state overrides (per address) and block overrides. */
export interface StateOverride {
  readonly balance?: bigint;
  readonly nonce?: bigint;
  readonly code?: Uint8Array;
  /** Replaces all storage. */
  readonly state?: ReadonlyMap<bigint, bigint>;
  /** Changes these slots only. */
  readonly stateDiff?: ReadonlyMap<bigint, bigint>;
  /** eth_simulateV1: move the precompile at this address to another. */
  readonly movePrecompileToAddress?: Address;
}

export interface BlockOverrides {
  readonly number?: bigint;
  readonly time?: bigint;
  readonly gasLimit?: bigint;
  readonly feeRecipient?: Address;
  readonly prevRandao?: bigint;
  readonly baseFeePerGas?: bigint;
  readonly blobBaseFee?: bigint;
}

/** One execution's outcome (eth_call, one eth_simulateV1 call, eth_estimateGas probes). */
export type CallOutcome = CallResultData & { readonly accessList?: TransactionRequest['accessList'] };

/**
 * What the chain-backed method groups need from the chain. Block parameters arrive decoded (BlockRef);
 * an unknown block is `undefined` (the method answers null, or -32000 "header not found" where a state is
 * needed). Throwing a JsonRpcError answers with it (e.g. nonce too low, -32000).
 */
export interface ChainBackend {
  /** The head's number (eth_blockNumber). */
  headNumber(): bigint;
  /** A block by tag, number or hash; with full transaction data (formatBlock decides what to show). */
  block(ref: BlockRef): MaybePromise<BlockData | undefined>;
  header(ref: BlockRef): MaybePromise<HeaderData | undefined>;
  /** All receipts of a block, in order. */
  blockReceipts(ref: BlockRef): MaybePromise<readonly ReceiptData[] | undefined>;
  /** A mined or pending transaction by hash. */
  transaction(hash: Uint8Array): MaybePromise<TxData | undefined>;
  receipt(hash: Uint8Array): MaybePromise<ReceiptData | undefined>;
  /** State after the block (for `pending`: the pending block's). */
  state(ref: BlockRef): MaybePromise<StateReader | undefined>;
  /** eth_getLogs over a resolved range; -32602 past the head ("block range extends beyond current head block"). */
  logs(criteria: LogCriteria): MaybePromise<readonly LogData[]>;
  feeHistory(blockCount: number, newest: BlockRef, percentiles: readonly number[]): MaybePromise<FeeHistoryData>;
  /** Runs a call on the state after `ref` with overrides (nothing kept). */
  call(
    req: TransactionRequest,
    ref: BlockRef,
    state?: ReadonlyMap<Address, StateOverride>,
    block?: BlockOverrides,
  ): MaybePromise<CallOutcome>;
  /** Adds a signed (or, for impersonated senders, unsigned) transaction to the pool; its hash. */
  submit(tx: Transaction, sender: Address): MaybePromise<Uint8Array>;
  /** The pool (txpool_status/content): pending and queued by sender and nonce. */
  pool(): { readonly pending: readonly TxData[]; readonly queued: readonly TxData[] };
  /** Raw encodings for debug_getRawBlock/Header/Receipts/Transaction. */
  raw(kind: 'block' | 'header' | 'receipts', ref: BlockRef): MaybePromise<Uint8Array | readonly Uint8Array[] | undefined>;
  rawTransaction(hash: Uint8Array): MaybePromise<Uint8Array | undefined>;
}

/** Mining and test controls (anvil_*, hardhat_*, evm_*). */
export interface MiningControl {
  /** Mine each transaction as it arrives (default on; --no-mining turns it off). */
  automine: boolean;
  /** Interval mining period in ms (--block-time); undefined when off. */
  intervalMs: number | undefined;
  /** Mines `blocks` blocks, `intervalSeconds` apart (anvil_mine / hardhat_mine / evm_mine). */
  mine(blocks: number, intervalSeconds?: bigint): MaybePromise<void>;
  setNextBlockTimestamp(timestamp: bigint): void;
  /** evm_increaseTime: seconds added to every later block's time. */
  increaseTime(seconds: bigint): bigint;
  /** evm_snapshot / evm_revert: ids are quantities. */
  snapshot(): bigint;
  revert(id: bigint): boolean;
  setBalance(address: Address, balance: bigint): MaybePromise<void>;
  setCode(address: Address, code: Uint8Array): MaybePromise<void>;
  setNonce(address: Address, nonce: bigint): MaybePromise<void>;
  setStorageAt(address: Address, slot: bigint, value: bigint): MaybePromise<void>;
}
