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
 * `chain` and `mining` are the NodeChain of ./backend/nodeChain.ts (over src/chain's Chain); a node
 * created without a chain leaves them undefined and its chain methods answer -32601.
 */
import type { Address } from '../primitives/address.js';
import type { DevAccounts } from './accounts.js';
import type { NodeEvents } from './events.js';
import type { CallResultData } from './format/simulate.js';
import type { FilterManager, SubscriptionManager } from './subscriptions.js';
import type { TransactionRequest } from './txRequest.js';
import type { NodeChain } from './backend/nodeChain.js';
import type { ForkHook } from './backend/forkNode.js';

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
  /** A forked node's request layer (src/rpc/backend/forkNode.ts): history from the remote, loads, reset. */
  readonly fork?: ForkHook;
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
 * What the chain-backed method groups use: src/rpc/backend/nodeChain.ts's NodeChain (the chain, its pool,
 * its block builder and execution on any block's state), which is also the MiningControl. A forked chain
 * would be another implementation of the same class shape.
 */
export type ChainBackend = NodeChain;

/** Mining and test controls (anvil_*, hardhat_*, evm_*): the NodeChain too. */
export type MiningControl = NodeChain;
