/**
 * The chain-backed node: ChainBackend and MiningControl (../context.ts) over src/chain's Chain.
 *
 * - A chain from a genesis (a dev genesis with the dev accounts funded, or a go-ethereum genesis.json), with
 *   blocks imported from RLP (full validation; no PoW seal check).
 * - A transaction pool (pending by sender and nonce) and a block builder: the pool's transactions run on the
 *   head's state through src/transition's executeBlock in build mode, the header is filled (base fee,
 *   excess blob gas, roots), and the block goes through Chain.importBlock like any other (so a mined block
 *   is checked by the same rules as an imported one).
 * - Automine (each submitted transaction mined at once, the default), interval mining (--block-time), or
 *   neither (--no-mining: transactions stay pending until evm_mine).
 * - The test controls: time (evm_increaseTime, evm_setNextBlockTimestamp), snapshots (evm_snapshot and
 *   evm_revert: the head block, its state record, the pool and the clock), and state edits
 *   (anvil_setBalance/Code/Nonce/StorageAt through Chain.editHeadState).
 * - Reads: blocks, receipts, transactions, logs, state at a block; execution on the state after a block
 *   (eth_call, estimates, access lists, traces) on a writable copy of that state, never the chain's.
 */
import { Chain, type StoredBlock } from '../../chain/chain.js';
import { ChangeSet, type Changes } from '../../chain/stateTries.js';
import type { Trie } from '../../primitives/trie/trie.js';
import { rulesAt, type ChainConfig } from '../../chain/config.js';
import { EMPTY_REQUESTS_HASH, type GenesisFields } from '../../chain/genesis.js';
import { EMPTY_OMMERS_HASH, encodeHeader, type Header } from '../../chain/header.js';
import { makeBlock, splitBlocks, type Block } from '../../chain/block.js';
import { INITIAL_BASE_FEE } from '../../chain/headerRules.js';
import { executeBlock, type ExecutedBlock } from '../../transition/block.js';
import { calcBaseFee, calcDifficulty, calcExcessBlobGas, type Withdrawal } from '../../transition/blockEnv.js';
import { requestsHash } from '../../transition/blockSystem.js';
import { withdrawalsRoot, encodeReceipt } from '../../transition/blockReceipts.js';
import { blobBaseFee } from '../../transition/blobs.js';
import { runMessage, type TransitionContext } from '../../transition/pipeline.js';
import { estimateGas, DEFAULT_GAS_CAP } from '../../transition/estimate.js';
import type { StateJournal } from '../../state/journal.js';
import { MemoryPool } from '../../machine/memory.js';
import { preferFastKeccak } from '../../primitives/crypto/keccak.js';
import type { ExecutorOptions } from '../../exec/executor.js';
import { ForkStorage, type ForkCache } from '../../state/backends/forkCache.js';
import type { BlockEnv, GenesisAlloc } from '../../state/env.js';
import { ordinalTrieRoot } from '../../primitives/trie/index.js';
import { bigintToBytes, bytesToBigint, bytesToHex, hexToBytes } from '../../primitives/hex.js';
import { addressToHex, toChecksumAddress, type Address } from '../../primitives/address.js';
import { encodeTx, txHash, validateTx, TxError, TxType, type Transaction } from '../../tx/index.js';
import type { Tracer } from '../../machine/tracer.js';
import type { Rules } from '../../spec/rules.js';
import { invalidParams, serverError, JsonRpcError } from '../errors.js';
import type { BlockRef } from '../codec.js';
import type { NodeEvents } from '../events.js';
import type { BlockData, HeaderData } from '../format/block.js';
import type { FeeHistoryData } from '../format/feeHistory.js';
import type { LogData, ReceiptData } from '../format/receipt.js';
import type { TxData } from '../format/transaction.js';
import { inRange, matchesLog, type LogCriteria } from '../logFilter.js';
import type { TransactionRequest } from '../txRequest.js';
import type { AccountProof, BlockOverrides, StateOverride, StateReader } from '../context.js';
import { blockData, blockLogs, blockRlp, headerData, receiptsData, txData } from './views.js';
import { accountProof } from './proof.js';

const ZERO_HASH = new Uint8Array(32);
const ZERO_NONCE = new Uint8Array(8);
const BLOOM_ZERO = new Uint8Array(256);

/** go-ethereum's RPC gas cap (--rpc.gascap). */
export const RPC_GAS_CAP = DEFAULT_GAS_CAP;

export interface NodeChainOptions {
  readonly config: ChainConfig;
  readonly alloc: GenesisAlloc;
  readonly genesis: GenesisFields | Header;
  /** Mine each submitted transaction at once (default true). */
  readonly automine?: boolean;
  /** Interval mining period in ms. */
  readonly intervalMs?: number;
  /** The coinbase of mined blocks (default 0x0). */
  readonly coinbase?: Address;
  /** Seconds since the epoch (default: the clock). */
  readonly now?: () => bigint;
  /** genesis.json's `config` as written (eth_config's fork id counts every *Block and *Time field). */
  readonly rawConfig?: Readonly<Record<string, unknown>>;
  /** A fork of a remote chain: `genesis` is its pinned block's header (see Chain's `fork`). */
  readonly fork?: { readonly cache: ForkCache; readonly hash: Uint8Array };
}

/**
 * Most attempts of one forked request (or one block it mines): each attempt loads every remote value its
 * execution met, so this bounds how deep reads may depend on reads (a linked list walked in storage needs
 * an attempt per node), not how many a request makes.
 */
export const MAX_FORK_ROUNDS = 1024;

/** Most transactions the pool holds (go-ethereum's default: 4,096 executable + 1,024 queued slots). */
export const MAX_POOL = 5120;

/** A forked node's request met remote state that was not loaded yet: it runs again once it is. */
export class ForkMiss extends Error {
  override name = 'ForkMiss';
}

/** anvil_dumpState / --dump-state: the head block and its accounts (genesis alloc shape, hex values). */
export interface StateDump {
  readonly block?: { readonly number: string; readonly timestamp: string };
  readonly accounts: Record<
    string,
    { readonly balance?: string; readonly nonce?: string; readonly code?: string; readonly storage?: Record<string, string> }
  >;
}

/** One pooled transaction. */
interface PoolEntry {
  readonly tx: Transaction;
  readonly sender: Address;
  readonly hash: Uint8Array;
  readonly id: string;
}

interface Snapshot {
  readonly head: StoredBlock;
  readonly pool: PoolEntry[];
  readonly timeOffset: bigint;
  readonly nextTimestamp: bigint | undefined;
}

/** Attributes of a block to build (testing_buildBlockV1 payload attributes, a mined block's clock). */
export interface BuildAttributes {
  readonly timestamp: bigint;
  readonly coinbase?: Address;
  readonly prevRandao?: Uint8Array;
  readonly withdrawals?: readonly Withdrawal[];
  readonly parentBeaconBlockRoot?: Uint8Array;
  readonly extraData?: Uint8Array;
  readonly gasLimit?: bigint;
}

export interface BuiltBlock {
  readonly block: Block;
  readonly exec: ExecutedBlock;
  readonly rules: Rules;
  /** The state after the block. */
  readonly state: StateJournal;
  /**
   * The account trie after the block and what the block changed, and the transactions root computed over
   * the block's transactions (for `Chain.adoptBuilt`, which need not compute it again).
   */
  readonly post: { readonly state: Trie; readonly changes: Changes; readonly transactionsRoot: Uint8Array };
}

/** An execution on the state after a block: the outcome of one message. */
export interface MessageOutcome {
  readonly rejected?: string;
  readonly success: boolean;
  readonly reverted: boolean;
  readonly output: Uint8Array;
  readonly gasUsed: bigint;
  readonly error?: string;
  readonly logs: readonly import('../../state/journal.js').Log[];
}

function bigMax(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

export class NodeChain {
  chain: Chain;
  config: ChainConfig;
  /** A forked chain's remote state (undefined: not a fork). */
  fork: ForkCache | undefined;
  readonly rawConfig: Readonly<Record<string, unknown>> | undefined;
  private events: NodeEvents | undefined;
  private pool: PoolEntry[] = [];
  private readonly now: () => bigint;
  private timeOffset = 0n;
  private nextTimestamp: bigint | undefined;
  private snapshots = new Map<bigint, Snapshot>();
  private nextSnapshotId = 1n;
  private timer: ReturnType<typeof setInterval> | undefined;
  private _automine: boolean;
  private _intervalMs: number | undefined;
  coinbase: Address;
  /** anvil_setNextBlockBaseFeePerGas: the next mined block's base fee (then EIP-1559 goes on from it). */
  private nextBaseFeeOverride: bigint | undefined;
  /** anvil_setBlockGasLimit / evm_setBlockGasLimit: the gas limit of every block mined from now on. */
  blockGasLimit: bigint | undefined;
  /** The block the `safe`/`finalized` tags name (the head unless set). */
  private safe: StoredBlock | undefined;
  /** The shared journal of one block's state (see sharedJournal). */
  private cache: { block: StoredBlock; state: StateJournal } | undefined;
  /** The genesis record as created (anvil_reset goes back to it). */
  private genesisRecord: StoredBlock;
  /** anvil_setBlockTimestampInterval: each mined block this many seconds after its parent. */
  timestampInterval: bigint | undefined;
  /**
   * Frames' stacks, word caches and memory buffers, shared by every message the node runs (blocks it builds
   * or imports, their system calls, calls and traces): without it each message's executor allocated its own.
   */
  private readonly memoryPool = new MemoryPool();

  constructor(opts: NodeChainOptions) {
    // A node hashes tens of times per block: the fast keccak from the first block on.
    preferFastKeccak();
    this.config = opts.config;
    this.rawConfig = opts.rawConfig;
    this.fork = opts.fork?.cache;
    this.chain = new Chain({
      config: opts.config,
      alloc: opts.alloc,
      genesis: opts.genesis,
      ...(opts.fork === undefined ? {} : { fork: opts.fork }),
      memoryPool: this.memoryPool,
    });
    this.now = opts.now ?? (() => BigInt(Math.floor(Date.now() / 1000)));
    this.coinbase = opts.coinbase ?? 0n;
    this._automine = opts.automine ?? true;
    this._intervalMs = undefined;
    if (opts.intervalMs !== undefined) this.intervalMs = opts.intervalMs;
    this.genesisRecord = this.chain.head;
  }

  /** anvil_reset: back to the genesis state (blocks, pool, clock, snapshots forgotten). */
  reset(): void {
    this.chain.setHead(this.chain.blockByNumber(this.genesisRecord.number)!);
    this.chain.restoreHeadRecord(this.genesisRecord);
    this.pool = [];
    this.timeOffset = 0n;
    this.nextTimestamp = undefined;
    this.nextBaseFeeOverride = undefined;
    this.timestampInterval = undefined;
    this.snapshots.clear();
  }

  /**
   * A new chain under this node (anvil_reset to another fork block): blocks, pool, clock and snapshots of
   * the old one are forgotten; mining settings and the coinbase stay.
   */
  replaceChain(opts: Pick<NodeChainOptions, 'config' | 'alloc' | 'genesis' | 'fork'>): void {
    const chain = new Chain({
      config: opts.config,
      alloc: opts.alloc,
      genesis: opts.genesis,
      ...(opts.fork === undefined ? {} : { fork: opts.fork }),
      memoryPool: this.memoryPool,
    });
    this.chain = chain;
    this.config = opts.config;
    this.fork = opts.fork?.cache;
    this.genesisRecord = chain.head;
    this.cache = undefined;
    this.safe = undefined;
    this.pool = [];
    this.timeOffset = 0n;
    this.nextTimestamp = undefined;
    this.timestampInterval = undefined;
    this.snapshots.clear();
  }

  /** The executor options of the node's messages: one memory pool for all of them. */
  private executorOptions(): { executor: ExecutorOptions } {
    return { executor: { memoryPool: this.memoryPool } };
  }

  /** Gives the chain the node's event hub (new heads, pending transactions). */
  attach(events: NodeEvents): void {
    this.events = events;
  }

  /** Stops interval mining (so a process can exit). */
  close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  // ---------------------------------------------------------------- import

  /** Imports concatenated RLP blocks (geth export format); throws on the first invalid one. */
  importRlp(data: Uint8Array): number {
    const { blocks, error } = splitBlocks(data);
    let n = 0;
    for (const b of blocks) {
      const r = this.chain.importBlock(b);
      if (r.status === 'invalid') throw new Error(`import: ${r.error ?? 'invalid block'}`);
      n++;
    }
    if (error !== undefined) throw new Error(`import: ${error}`);
    return n;
  }

  // ---------------------------------------------------------------- resolving blocks

  get head(): StoredBlock {
    return this.chain.head;
  }

  headNumber(): bigint {
    return this.chain.head.number;
  }

  /** A block by tag, number or hash; undefined when unknown. */
  resolve(ref: BlockRef): StoredBlock | undefined {
    if ('hash' in ref) {
      const b = this.chain.blockByHash(ref.hash);
      if (b === undefined) return undefined;
      if (ref.requireCanonical && !this.chain.isCanonical(b)) return undefined;
      return b;
    }
    if ('tag' in ref) {
      switch (ref.tag) {
        case 'earliest':
          return this.chain.genesis;
        case 'safe':
        case 'finalized':
          return this.safe ?? this.chain.head;
        default:
          return this.chain.head;
      }
    }
    return this.chain.blockByNumber(ref.number);
  }

  /** A block that must exist: -32000 "header not found" otherwise. */
  require(ref: BlockRef): StoredBlock {
    const b = this.resolve(ref);
    if (b === undefined) throw serverError('header not found');
    return b;
  }

  block(ref: BlockRef): BlockData | undefined {
    const b = this.resolve(ref);
    return b === undefined ? undefined : blockData(b);
  }

  header(ref: BlockRef): HeaderData | undefined {
    const b = this.resolve(ref);
    return b === undefined ? undefined : headerData(b);
  }

  stored(ref: BlockRef): StoredBlock | undefined {
    return this.resolve(ref);
  }

  blockReceipts(ref: BlockRef): readonly ReceiptData[] | undefined {
    const b = this.resolve(ref);
    return b === undefined ? undefined : receiptsData(b);
  }

  transaction(hash: Uint8Array): TxData | undefined {
    const t = this.chain.transaction(hash);
    if (t !== undefined) return txData(t.block, t.index);
    const id = bytesToHex(hash);
    const p = this.pool.find((e) => e.id === id);
    return p === undefined ? undefined : { tx: p.tx, hash: p.hash, from: p.sender };
  }

  /** A mined transaction's block and index. */
  locate(hash: Uint8Array): { block: StoredBlock; index: number } | undefined {
    const t = this.chain.transaction(hash);
    return t === undefined ? undefined : { block: t.block, index: t.index };
  }

  receipt(hash: Uint8Array): ReceiptData | undefined {
    const t = this.chain.transaction(hash);
    return t === undefined ? undefined : receiptsData(t.block)[t.index];
  }

  state(ref: BlockRef): StateReader | undefined {
    const b = this.resolve(ref);
    if (b === undefined) return undefined;
    const s = this.chain.stateAt(b);
    return {
      balance: (a) => s.getBalance(a),
      nonce: (a) => s.getNonce(a),
      code: (a) => s.getCode(a),
      storage: (a, slot) => s.getStorage(a, slot),
      proof: (a, slots): AccountProof => {
        // A fork's local tries hold only what was written locally over the remote: no proof against them
        // would verify, so none is given (at or below the fork block the request goes to the remote).
        if (this.fork !== undefined) throw serverError('eth_getProof: not available for the local blocks of a forked chain');
        return accountProof(b.state, s, a, slots);
      },
    };
  }

  logs(c: LogCriteria): LogData[] {
    const head = this.chain.head.number;
    let blocks: StoredBlock[];
    if (c.blockHash !== undefined) {
      const b = this.chain.blockByHash(c.blockHash);
      if (b === undefined) throw serverError('unknown block');
      blocks = [b];
    } else {
      const num = (r: LogCriteria['fromBlock']): bigint => {
        if (r === undefined) return head;
        if ('number' in r) return r.number;
        if (r.tag === 'earliest') return 0n;
        return this.resolve(r)!.number;
      };
      const from = num(c.fromBlock);
      const to = num(c.toBlock);
      if (from > head || to > head) throw invalidParams('block range extends beyond current head block');
      if (from > to) throw invalidParams('invalid block range params');
      blocks = [];
      // (A forked chain's blocks below its first are the remote's: src/rpc/backend/forkNode.ts asks it for their logs.)
      for (let n = bigMax(from, this.chain.genesis.number); n <= to; n++) blocks.push(this.chain.blockByNumber(n)!);
    }
    const out: LogData[] = [];
    for (const b of blocks) {
      if (b.receipts.every((r) => r.logs.length === 0)) continue;
      for (const l of blockLogs(b)) if (matchesLog(c, l.log)) out.push(l);
    }
    return out;
  }

  /** Logs of a new block matching criteria (filters check block ranges themselves). */
  static inRange = inRange;

  raw(kind: 'block' | 'header' | 'receipts', ref: BlockRef): Uint8Array | readonly Uint8Array[] | undefined {
    const b = this.resolve(ref);
    if (b === undefined) return undefined;
    if (kind === 'block') return blockRlp(b);
    if (kind === 'header') return encodeHeader(b.header);
    return b.receipts.map(encodeReceipt);
  }

  rawTransaction(hash: Uint8Array): Uint8Array | undefined {
    const t = this.transaction(hash);
    return t === undefined ? undefined : encodeTx(t.tx);
  }

  // ---------------------------------------------------------------- fees

  /** The base fee of the block after `parent` (eth_baseFee: after the head, as set by anvil_setNextBlockBaseFeePerGas; 0 before London). */
  nextBaseFee(parent: StoredBlock = this.chain.head): bigint {
    const rules = this.nextRules(parent);
    if (!rules.eip1559) return 0n;
    if (this.nextBaseFeeOverride !== undefined && parent === this.chain.head) return this.nextBaseFeeOverride;
    const h = parent.header;
    return parent.rules.eip1559 && h.baseFeePerGas !== undefined ? calcBaseFee(h.baseFeePerGas, h.gasUsed, h.gasLimit) : INITIAL_BASE_FEE;
  }

  /** anvil_setNextBlockBaseFeePerGas: false (nothing set) when the next block has no base fee (before London). */
  setNextBaseFee(fee: bigint): boolean {
    if (!this.nextRules(this.chain.head).eip1559) return false;
    this.nextBaseFeeOverride = fee;
    return true;
  }

  /** The blob base fee of the block after the head. */
  nextBlobBaseFee(parent: StoredBlock = this.chain.head): bigint {
    const rules = this.nextRules(parent);
    if (!rules.eip4844) return 0n;
    return blobBaseFee(this.nextExcessBlobGas(parent, rules), rules);
  }

  private nextRules(parent: StoredBlock, timestamp?: bigint): Rules {
    return rulesAt(
      this.config,
      parent.number + 1n,
      timestamp ?? bigMax(parent.header.timestamp + 1n, this.clock()),
      parent.totalDifficulty,
    );
  }

  private nextExcessBlobGas(parent: StoredBlock, rules: Rules): bigint {
    const ph = parent.header;
    const pe = parent.rules.eip4844 ? (ph.excessBlobGas ?? 0n) : 0n;
    const pu = parent.rules.eip4844 ? (ph.blobGasUsed ?? 0n) : 0n;
    return calcExcessBlobGas(pe, pu, ph.baseFeePerGas ?? 0n, rules);
  }

  /** eth_gasPrice: the next base fee plus the suggested tip. */
  gasPrice(): bigint {
    return this.nextBaseFee() + this.maxPriorityFee();
  }

  /** eth_maxPriorityFeePerGas: a dev chain's suggestion (1 gwei, as anvil), 0 before London's fees matter. */
  maxPriorityFee(): bigint {
    return 1_000_000_000n;
  }

  feeHistory(blockCount: number, newest: BlockRef, percentiles: readonly number[]): FeeHistoryData {
    const last = this.require(newest);
    const count = BigInt(Math.min(blockCount, 1024));
    let oldest = last.number - count + 1n;
    // (A forked chain holds no blocks below its first, the remote's pinned block.)
    if (oldest < this.chain.genesis.number) oldest = this.chain.genesis.number;
    const baseFeePerGas: bigint[] = [];
    const gasUsedRatio: number[] = [];
    const reward: bigint[][] = [];
    const baseFeePerBlobGas: bigint[] = [];
    const blobGasUsedRatio: number[] = [];
    if (blockCount === 0) return { oldestBlock: 0n, baseFeePerGas, gasUsedRatio, baseFeePerBlobGas, blobGasUsedRatio };
    for (let n = oldest; n <= last.number; n++) {
      const b = this.chain.blockByNumber(n)!;
      const h = b.header;
      const baseFee = h.baseFeePerGas ?? 0n;
      baseFeePerGas.push(baseFee);
      gasUsedRatio.push(h.gasLimit === 0n ? 0 : Number(h.gasUsed) / Number(h.gasLimit));
      baseFeePerBlobGas.push(b.rules.eip4844 ? blobBaseFee(h.excessBlobGas ?? 0n, b.rules) : 0n);
      blobGasUsedRatio.push(
        b.rules.eip4844 && b.rules.maxBlobGasPerBlock > 0 ? Number(h.blobGasUsed ?? 0n) / b.rules.maxBlobGasPerBlock : 0,
      );
      if (percentiles.length > 0) reward.push(blockRewards(b, baseFee, percentiles));
    }
    baseFeePerGas.push(last.rules.eip1559 ? this.nextBaseFee(last) : 0n);
    baseFeePerBlobGas.push(last.rules.eip4844 ? this.nextBlobBaseFee(last) : 0n);
    return {
      oldestBlock: oldest,
      baseFeePerGas,
      gasUsedRatio,
      ...(percentiles.length > 0 ? { reward } : {}),
      baseFeePerBlobGas,
      blobGasUsedRatio,
    };
  }

  // ---------------------------------------------------------------- execution on a block's state

  /** The execution environment of a message on the state after `b` (go-ethereum: the header of b itself). */
  blockEnv(b: StoredBlock, o: BlockOverrides = {}): BlockEnv {
    const h = b.header;
    return {
      coinbase: o.feeRecipient ?? h.coinbase,
      gasLimit: o.gasLimit ?? h.gasLimit,
      number: o.number ?? h.number,
      timestamp: o.time ?? h.timestamp,
      difficulty: h.difficulty,
      prevRandao: o.prevRandao ?? (b.rules.merged ? bytesToBigint(h.mixHash) : h.difficulty),
      baseFee: o.baseFeePerGas ?? h.baseFeePerGas ?? 0n,
      ...(b.rules.eip4844 ? { excessBlobGas: h.excessBlobGas ?? 0n } : {}),
      getBlockHash: (n) => this.ancestorHash(b, n),
    };
  }

  /** The hash of the ancestor of `from` (inclusive) at height n, as a word. */
  ancestorHash(from: StoredBlock, n: bigint): bigint {
    if (n > from.number || n < 0n) return 0n;
    if (n < this.chain.genesis.number) return this.chain.forkedHash(n);
    if (this.chain.isCanonical(from)) {
      const c = this.chain.blockByNumber(n);
      return c === undefined ? 0n : bytesToBigint(c.hash);
    }
    let x: StoredBlock | null = from;
    while (x !== null && x.number > n) x = x.parent;
    return x === null ? 0n : bytesToBigint(x.hash);
  }

  /** A writable copy of the state after `b` (changes never reach the chain). */
  journalAt(b: StoredBlock): StateJournal {
    return this.chain.stateAt(b).toJournal();
  }

  /** Applies eth_call state overrides to a journal. */
  static applyStateOverrides(state: StateJournal, overrides: ReadonlyMap<Address, StateOverride> | undefined): void {
    if (overrides === undefined) return;
    for (const [addr, o] of overrides) {
      if (o.balance !== undefined) state.setBalance(addr, o.balance);
      if (o.nonce !== undefined) state.setNonce(addr, o.nonce);
      if (o.code !== undefined) state.setCode(addr, o.code);
      if (o.state !== undefined) {
        const a = state.getAccount(addr);
        if (a?.storage instanceof ForkStorage) a.storage.detach();
        if (a !== undefined) for (const k of [...a.storage.keys()]) state.setStorage(addr, k, 0n);
        for (const [k, v] of o.state) state.setStorage(addr, k, v);
      }
      if (o.stateDiff !== undefined) for (const [k, v] of o.stateDiff) state.setStorage(addr, k, v);
    }
    state.finalizeTx(false);
  }

  /**
   * The message a call request stands for (go-ethereum TransactionArgs.CallDefaults / ToMessage): fees as
   * given (none: no base fee is charged), gas as given or the RPC gas cap, the sender's nonce.
   */
  static callMessage(
    req: TransactionRequest,
    state: StateJournal,
    env: BlockEnv,
    chainId: bigint,
    defaultGas: bigint,
  ): { tx: Transaction; sender: Address } {
    const sender = req.from ?? 0n;
    let type = req.type;
    if (type === undefined) {
      if (req.authorizationList !== undefined) type = TxType.SetCode;
      else if (req.blobVersionedHashes !== undefined) type = TxType.Blob;
      else if (req.maxFeePerGas !== undefined || req.maxPriorityFeePerGas !== undefined) type = TxType.FeeMarket;
      else if (req.accessList !== undefined && req.gasPrice === undefined) type = TxType.AccessList;
      else type = TxType.Legacy;
    }
    const legacyFees = type === TxType.Legacy || type === TxType.AccessList;
    let maxFee = req.maxFeePerGas;
    let tip = req.maxPriorityFeePerGas;
    if (!legacyFees && (maxFee !== undefined || tip !== undefined)) {
      // go-ethereum: a missing cap or tip follows the other (the cap from the base fee).
      tip ??= 0n;
      maxFee ??= env.baseFee * 2n + tip;
    }
    const tx: Transaction = {
      type,
      chainId,
      nonce: req.nonce ?? state.getNonce(sender),
      ...(legacyFees ? { gasPrice: req.gasPrice ?? 0n } : { maxFeePerGas: maxFee ?? 0n, maxPriorityFeePerGas: tip ?? 0n }),
      gasLimit: req.gas ?? defaultGas,
      to: req.to ?? null,
      value: req.value ?? 0n,
      data: req.input ?? new Uint8Array(0),
      accessList: req.accessList ?? [],
      ...(type === TxType.Blob ? { maxFeePerBlobGas: req.maxFeePerBlobGas ?? 0n, blobVersionedHashes: req.blobVersionedHashes ?? [] } : {}),
      ...(type === TxType.SetCode ? { authorizationList: req.authorizationList ?? [] } : {}),
      v: 0n,
      r: 0n,
      s: 0n,
    };
    return { tx, sender };
  }

  /**
   * A journal of the state after `b` kept between requests (one block at a time: the head, usually), for
   * messages that leave it as they found it (call mode, reverted afterwards). Keyed by the block's record,
   * so a state edit or a snapshot revert (new records) never sees a stale one.
   */
  private sharedJournal(b: StoredBlock): StateJournal {
    if (this.cache?.block !== b) this.cache = { block: b, state: this.journalAt(b) };
    return this.cache.state;
  }

  /** Takes the shared journal of `b` for good (it is about to change), or a fresh copy. */
  private takeJournal(b: StoredBlock): StateJournal {
    const c = this.cache;
    this.cache = undefined;
    return c?.block === b ? c.state : this.journalAt(b);
  }

  /**
   * Everything a call on block `ref` needs: the block, the state (with overrides: a fresh copy; without, the
   * shared journal, which `release` puts back as it was), the env.
   */
  callContext(
    ref: BlockRef,
    stateOverrides?: ReadonlyMap<Address, StateOverride>,
    blockOverrides?: BlockOverrides,
    tracer?: Tracer,
    fresh = false,
  ): { block: StoredBlock; ctx: TransitionContext; release: () => void } {
    const block = this.require(ref);
    const shared = !fresh && (stateOverrides === undefined || stateOverrides.size === 0);
    const state = shared ? this.sharedJournal(block) : this.journalAt(block);
    if (!shared) NodeChain.applyStateOverrides(state, stateOverrides);
    const cp = state.checkpoint();
    const misses = this.fork?.misses ?? 0;
    const release = shared
      ? () => {
          state.revert(cp);
          state.takeLogs();
          state.finalizeTx(false);
          // A forked chain's call that met remote state not loaded yet may have left the journal believing an
          // account or slot absent (created, then reverted): it is not shared again.
          if (this.fork !== undefined && this.fork.misses > misses && this.cache?.state === state) this.cache = undefined;
        }
      : () => {};
    const env = this.blockEnv(block, blockOverrides);
    const rules =
      blockOverrides?.number !== undefined || blockOverrides?.time !== undefined
        ? rulesAt(this.config, env.number, env.timestamp, block.totalDifficulty)
        : block.rules;
    return {
      block,
      ctx: {
        state,
        block: env,
        rules,
        chainId: this.config.chainId,
        ...this.executorOptions(),
        ...(tracer === undefined ? {} : { tracer }),
      },
      release,
    };
  }

  /** eth_call: one message on the state after `ref` (with overrides); nothing is kept. */
  call(
    req: TransactionRequest,
    ref: BlockRef,
    stateOverrides?: ReadonlyMap<Address, StateOverride>,
    blockOverrides?: BlockOverrides,
    tracer?: Tracer,
  ): MessageOutcome {
    const { ctx, release } = this.callContext(ref, stateOverrides, blockOverrides, tracer);
    let r: ReturnType<typeof runMessage>;
    try {
      const { tx, sender } = NodeChain.callMessage(req, ctx.state, ctx.block, this.config.chainId, RPC_GAS_CAP);
      r = runMessage(ctx, tx, sender, 'call');
    } finally {
      release();
    }
    if (r.rejected !== undefined) return { rejected: r.rejected, success: false, reverted: false, output: r.output, gasUsed: 0n, logs: [] };
    return {
      success: r.success,
      reverted: !r.success && r.error === 'execution reverted',
      output: r.output,
      gasUsed: r.gasUsed,
      ...(r.error === undefined ? {} : { error: r.error }),
      logs: r.logs,
    };
  }

  /** eth_estimateGas (go-ethereum's estimator, exact). */
  estimate(req: TransactionRequest, ref: BlockRef, stateOverrides?: ReadonlyMap<Address, StateOverride>, blockOverrides?: BlockOverrides) {
    const { ctx, release } = this.callContext(ref, stateOverrides, blockOverrides);
    try {
      const { tx, sender } = NodeChain.callMessage(req, ctx.state, ctx.block, this.config.chainId, 0n);
      return estimateGas(ctx, tx, sender, { gasCap: RPC_GAS_CAP });
    } finally {
      release();
    }
  }

  // ---------------------------------------------------------------- the pool

  /**
   * Validates a signed transaction against the next block's rules and the head's state; adds it; its hash.
   * `knownSender`: the sender when it is known (a dev account's transaction signed by the node, or an
   * impersonated account's unsigned one): the signature is then not checked or recovered.
   */
  submit(tx: Transaction, knownSender?: Address): Uint8Array {
    const head = this.chain.head;
    const rules = this.nextRules(head);
    let sender: Address;
    try {
      sender = validateTx(tx, rules, this.config.chainId, knownSender);
    } catch (e) {
      if (e instanceof TxError) throw serverError(e.message);
      throw e;
    }
    // go-ethereum's pool: a transaction no block could hold is refused (one that fits waits for room).
    const blockGasLimit = this.blockGasLimit ?? head.header.gasLimit;
    if (tx.gasLimit > blockGasLimit) throw serverError(`exceeds block gas limit: tx ${tx.gasLimit}, block ${blockGasLimit}`);
    const s = this.chain.stateAt(head);
    const misses = this.fork?.misses ?? 0;
    const nonce = s.getNonce(sender);
    // A forked chain's sender not loaded yet: the request runs again once it is (nothing pooled on a guess).
    if (this.fork !== undefined && this.fork.misses > misses) throw new ForkMiss('remote state to load first');
    if (tx.nonce < nonce) throw serverError(`nonce too low: address ${toChecksumAddress(sender)}, tx: ${tx.nonce} state: ${nonce}`);
    const hash = txHash(tx);
    const id = bytesToHex(hash);
    if (this.pool.some((e) => e.id === id) || this.chain.transaction(hash) !== undefined) throw serverError('already known');
    // A transaction with the same sender and nonce replaces the pooled one.
    const before = this.pool.length;
    this.pool = this.pool.filter((e) => !(e.sender === sender && e.tx.nonce === tx.nonce));
    // Bounded as go-ethereum's pool is (transactions waiting for room or for a nonce gap stay pooled).
    if (this.pool.length === before && before >= MAX_POOL) throw serverError('txpool is full');
    // The sender is known from here on: building and importing the block need not recover it again.
    this.chain.knownSenders.set(id, sender);
    const entry: PoolEntry = { tx, sender, hash, id };
    this.pool.push(entry);
    this.events?.publishPendingTransaction({ tx, hash, from: sender });
    if (this._automine) {
      try {
        this.mine(1);
      } catch (e) {
        // A block the chain would not take: the transaction leaves the pool, the chain is as it was.
        this.pool = this.pool.filter((x) => x.id !== id);
        if (e instanceof ForkMiss) throw e;
        throw serverError(`mining failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return hash;
  }

  /** The pool: pending (nonces following the state's) and queued (after a gap), by sender and nonce. */
  poolContent(): { pending: TxData[]; queued: TxData[] } {
    const s = this.chain.stateAt(this.chain.head);
    const bySender = new Map<Address, PoolEntry[]>();
    for (const e of this.pool) {
      const l = bySender.get(e.sender);
      if (l === undefined) bySender.set(e.sender, [e]);
      else l.push(e);
    }
    const pending: TxData[] = [];
    const queued: TxData[] = [];
    for (const [sender, list] of bySender) {
      list.sort((a, b) => (a.tx.nonce < b.tx.nonce ? -1 : 1));
      let next = s.getNonce(sender);
      for (const e of list) {
        const d = { tx: e.tx, hash: e.hash, from: e.sender };
        if (e.tx.nonce === next) {
          pending.push(d);
          next++;
        } else queued.push(d);
      }
    }
    return { pending, queued };
  }

  /** Pending transactions in the order a block takes them (by sender and nonce, in arrival order of senders). */
  private pendingInOrder(): PoolEntry[] {
    const s = this.chain.stateAt(this.chain.head);
    const senders: Address[] = [];
    const bySender = new Map<Address, PoolEntry[]>();
    for (const e of this.pool) {
      const l = bySender.get(e.sender);
      if (l === undefined) {
        bySender.set(e.sender, [e]);
        senders.push(e.sender);
      } else l.push(e);
    }
    const out: PoolEntry[] = [];
    for (const sender of senders) {
      const list = bySender.get(sender)!.sort((a, b) => (a.tx.nonce < b.tx.nonce ? -1 : 1));
      let next = s.getNonce(sender);
      for (const e of list) {
        if (e.tx.nonce !== next) break;
        out.push(e);
        next++;
      }
    }
    return out;
  }

  /** anvil_dropTransaction. */
  dropTransaction(hash: Uint8Array): boolean {
    const id = bytesToHex(hash);
    const before = this.pool.length;
    this.pool = this.pool.filter((e) => e.id !== id);
    return this.pool.length < before;
  }

  // ---------------------------------------------------------------- building and mining

  private clock(): bigint {
    return this.now() + this.timeOffset;
  }

  /**
   * Builds a block on `parent` from `txs` (build mode: invalid ones are left out) without inserting it:
   * the header is what the chain's rules want (base fee, excess blob gas, gas limit as the parent's unless
   * given), the roots are computed.
   */
  buildBlock(
    parent: StoredBlock,
    txs: readonly Transaction[],
    attrs: BuildAttributes,
    state: StateJournal = this.journalAt(parent),
  ): BuiltBlock {
    const number = parent.number + 1n;
    const rules = rulesAt(this.config, number, attrs.timestamp, parent.totalDifficulty);
    const ph = parent.header;
    const baseFee = rules.eip1559 ? this.nextBaseFee(parent) : undefined;
    const gasLimit = attrs.gasLimit ?? (rules.eip1559 && !parent.rules.eip1559 ? ph.gasLimit * 2n : ph.gasLimit);
    const excessBlobGas = rules.eip4844 ? this.nextExcessBlobGas(parent, rules) : undefined;
    const difficulty = rules.merged ? 0n : calcDifficulty(rules, number, attrs.timestamp, ph.timestamp, ph.difficulty, ph.ommersHash);
    const mixHash = attrs.prevRandao ?? ZERO_HASH;
    const coinbase = attrs.coinbase ?? this.coinbase;
    const env: BlockEnv = {
      coinbase,
      gasLimit,
      number,
      timestamp: attrs.timestamp,
      difficulty,
      prevRandao: rules.merged ? bytesToBigint(mixHash) : difficulty,
      baseFee: baseFee ?? 0n,
      ...(excessBlobGas === undefined ? {} : { excessBlobGas }),
      getBlockHash: (n) => this.ancestorHash(parent, n),
    };
    const withdrawals = rules.eip4895 ? (attrs.withdrawals ?? []) : undefined;
    const beaconRoot = rules.eip4788 ? (attrs.parentBeaconBlockRoot ?? ZERO_HASH) : undefined;
    // What the block changes, for a state root re-hashed along the changed paths only.
    const changes = new ChangeSet();
    state.tracker = changes;
    let exec: ExecutedBlock;
    try {
      exec = executeBlock(
        state,
        {
          mode: 'build',
          env,
          rules,
          chainId: this.config.chainId,
          ...this.executorOptions(),
          parentHash: parent.hash,
          ...(beaconRoot === undefined ? {} : { parentBeaconBlockRoot: beaconRoot }),
          ommers: [],
          ...(withdrawals === undefined ? {} : { withdrawals }),
          reward: rules.merged ? -1n : rules.blockReward,
          depositContract: this.config.depositContractAddress,
        },
        txs.map((tx) => {
          const known = this.chain.knownSenders.size === 0 ? undefined : this.chain.knownSenders.get(bytesToHex(txHash(tx)));
          return known === undefined ? { tx } : { tx, sender: known };
        }),
      );
    } finally {
      state.tracker = null;
    }
    const changed = changes.take();
    const post = this.chain.commitWith(parent, state, changed);
    const header: Header = {
      parentHash: parent.hash,
      ommersHash: EMPTY_OMMERS_HASH,
      coinbase,
      stateRoot: post.root(),
      transactionsRoot: ordinalTrieRoot(exec.included.map(encodeTx)),
      receiptsRoot: exec.receiptsRoot,
      logsBloom: exec.logsBloom,
      difficulty,
      number,
      gasLimit,
      gasUsed: exec.gasUsed,
      timestamp: attrs.timestamp,
      extraData: attrs.extraData ?? new Uint8Array(0),
      mixHash,
      nonce: ZERO_NONCE,
      ...(baseFee === undefined ? {} : { baseFeePerGas: baseFee }),
      ...(withdrawals === undefined ? {} : { withdrawalsRoot: withdrawalsRoot(withdrawals) }),
      ...(rules.eip4844 ? { blobGasUsed: exec.blobGasUsed, excessBlobGas: excessBlobGas! } : {}),
      ...(beaconRoot === undefined ? {} : { parentBeaconBlockRoot: beaconRoot }),
      ...(rules.eip7685 ? { requestsHash: exec.requests === undefined ? EMPTY_REQUESTS_HASH : requestsHash(exec.requests) } : {}),
    };
    return {
      block: makeBlock(header, exec.included, [], withdrawals),
      exec,
      rules,
      state,
      post: { state: post, changes: changed, transactionsRoot: header.transactionsRoot },
    };
  }

  /** The timestamp of the next mined block (and consumes a evm_setNextBlockTimestamp). */
  private takeTimestamp(parent: StoredBlock): bigint {
    if (this.timestampInterval !== undefined && this.nextTimestamp === undefined) return parent.header.timestamp + this.timestampInterval;
    if (this.nextTimestamp !== undefined) {
      const t = this.nextTimestamp;
      this.nextTimestamp = undefined;
      return bigMax(t, parent.header.timestamp + 1n);
    }
    return bigMax(this.clock(), parent.header.timestamp + 1n);
  }

  /** Mines one block from the pool on the head; publishes it. */
  private mineOne(timestamp?: bigint): StoredBlock {
    const parent = this.chain.head;
    const misses = this.fork?.misses ?? 0;
    const savedNext = this.nextTimestamp;
    const entries = this.pendingInOrder();
    // Header fields a test control set rather than the chain's rules derived: the chain takes them as set.
    const overrides = { baseFeePerGas: this.nextBaseFeeOverride !== undefined, gasLimit: this.blockGasLimit !== undefined };
    const ts = timestamp === undefined ? this.takeTimestamp(parent) : bigMax(timestamp, parent.header.timestamp + 1n);
    const miss = (): ForkMiss => {
      this.nextTimestamp = savedNext; // the block is built again, at the timestamp it was to have
      return new ForkMiss('remote state to load first');
    };
    let built: BuiltBlock;
    try {
      built = this.buildBlock(
        parent,
        entries.map((e) => e.tx),
        {
          timestamp: ts,
          prevRandao: bigintToBytes(parent.number + 1n, 32),
          ...(this.blockGasLimit === undefined ? {} : { gasLimit: this.blockGasLimit }),
        },
        this.takeJournal(parent),
      );
    } catch (e) {
      if (this.fork !== undefined && this.fork.misses > misses) throw miss();
      throw e;
    }
    // A forked chain's block built on remote state not loaded yet is not kept: it is built again once it is.
    if (this.fork !== undefined && this.fork.misses > misses) throw miss();
    // A post-merge block is stored with the build's execution (not run a second time); a pre-merge one is
    // imported (executed again) as before.
    const r = built.rules.merged
      ? this.chain.adoptBuilt(built.block, { exec: built.exec, ...built.post }, overrides)
      : this.chain.importBlock(built.block, overrides);
    if (r.status !== 'imported') throw new Error(`mining: the built block was not accepted: ${r.error ?? r.status}`);
    this.nextBaseFeeOverride = undefined;
    // The built state is the new head's (its root is the header's): it becomes the shared journal.
    this.cache = { block: this.chain.head, state: built.state };
    const included = new Set<string>(built.exec.receipts.map((x) => bytesToHex(x.txHash)));
    // Left out for now (no room left in the block, or a nonce after one left out): pooled for a later block.
    const rejected = new Set(
      built.exec.rejected.filter((x) => x.code !== 'blockFull' && x.code !== 'nonceTooHigh').map((x) => entries[x.index]!.id),
    );
    const s = this.chain.stateAt(this.chain.head);
    this.pool = this.pool.filter((e) => !included.has(e.id) && !rejected.has(e.id) && e.tx.nonce >= s.getNonce(e.sender));
    const b = this.chain.head;
    this.events?.publishBlockLazily(
      () => blockData(b),
      () => blockLogs(b),
    );
    return b;
  }

  /** Mines `blocks` blocks, `intervalSeconds` apart (the first at the clock). */
  mine(blocks: number, intervalSeconds?: bigint): void {
    let ts: bigint | undefined;
    for (let i = 0; i < blocks; i++) {
      const b = this.mineOne(ts);
      if (intervalSeconds !== undefined) ts = b.header.timestamp + intervalSeconds;
    }
  }

  /** evm_mine with a timestamp. */
  mineAt(timestamp: bigint): void {
    this.mineOne(timestamp);
  }

  /**
   * `mine` (the first block at `firstTimestamp` when given) for the request handlers: on a forked chain, a
   * block that met remote state not loaded yet is built again once it is loaded, so exactly `blocks` blocks
   * are mined (re-running the whole request would mine the ones before it again).
   */
  async mineLoaded(blocks: number, intervalSeconds?: bigint, firstTimestamp?: bigint): Promise<void> {
    let ts = firstTimestamp;
    for (let i = 0; i < blocks; i++) {
      const at = ts;
      const b = await this.loaded(() => this.mineOne(at));
      ts = intervalSeconds === undefined ? undefined : b.header.timestamp + intervalSeconds;
    }
  }

  /** Runs `f` again after each load of remote state it met (a forked chain's ForkMiss). */
  private async loaded<T>(f: () => T): Promise<T> {
    for (let round = 0; ; round++) {
      try {
        return f();
      } catch (e) {
        if (!(e instanceof ForkMiss) || this.fork === undefined || round >= MAX_FORK_ROUNDS) throw e;
        await this.fork.settle();
      }
    }
  }

  get automine(): boolean {
    return this._automine;
  }

  set automine(on: boolean) {
    this._automine = on;
    if (on && this.pool.length > 0) this.mine(1);
  }

  get intervalMs(): number | undefined {
    return this._intervalMs;
  }

  set intervalMs(ms: number | undefined) {
    this.close();
    this._intervalMs = ms === undefined || ms <= 0 ? undefined : ms;
    if (this._intervalMs !== undefined) {
      this.timer = setInterval(() => {
        this.mineLoaded(1).catch(() => {
          /* the next tick tries again */
        });
      }, this._intervalMs);
      this.timer.unref?.();
    }
  }

  setNextBlockTimestamp(timestamp: bigint): void {
    if (timestamp <= this.chain.head.header.timestamp) {
      throw serverError(`timestamp ${timestamp} is not after the head's ${this.chain.head.header.timestamp}`);
    }
    this.nextTimestamp = timestamp;
  }

  increaseTime(seconds: bigint): bigint {
    this.timeOffset += seconds;
    return this.timeOffset;
  }

  setTime(timestamp: bigint): bigint {
    this.timeOffset = timestamp - this.now();
    return timestamp;
  }

  snapshot(): bigint {
    const id = this.nextSnapshotId++;
    this.snapshots.set(id, { head: this.chain.head, pool: [...this.pool], timeOffset: this.timeOffset, nextTimestamp: this.nextTimestamp });
    return id;
  }

  /** Back to a snapshot (which is used up, as are later ones). */
  revert(id: bigint): boolean {
    const s = this.snapshots.get(id);
    if (s === undefined) return false;
    const at = this.chain.blockByNumber(s.head.number);
    if (at === undefined || at.id !== s.head.id) return false;
    this.chain.setHead(at);
    this.chain.restoreHeadRecord(s.head);
    this.pool = [...s.pool];
    this.timeOffset = s.timeOffset;
    this.nextTimestamp = s.nextTimestamp;
    for (const k of [...this.snapshots.keys()]) if (k >= id) this.snapshots.delete(k);
    return true;
  }

  setBalance(address: Address, balance: bigint): void {
    this.chain.editHeadState((s) => s.setBalance(address, balance));
  }

  setCode(address: Address, code: Uint8Array): void {
    this.chain.editHeadState((s) => s.setCode(address, code));
  }

  setNonce(address: Address, nonce: bigint): void {
    this.chain.editHeadState((s) => s.setNonce(address, nonce));
  }

  setStorageAt(address: Address, slot: bigint, value: bigint): void {
    this.chain.editHeadState((s) => s.setStorage(address, slot, value));
  }

  /**
   * The head's state as JSON (anvil_dumpState, `evmkit node --dump-state`): the head's number and
   * timestamp, and every account in genesis.json's alloc shape.
   */
  dumpState(): StateDump {
    const head = this.chain.head;
    const accounts: StateDump['accounts'] = {};
    for (const [addr, a] of this.chain.stateAt(head).accounts()) {
      const storage: Record<string, string> = {};
      for (const [k, v] of a.storage)
        if (v !== 0n) storage['0x' + k.toString(16).padStart(64, '0')] = '0x' + v.toString(16).padStart(64, '0');
      accounts[addressToHex(addr)] = {
        balance: '0x' + a.balance.toString(16),
        nonce: '0x' + a.nonce.toString(16),
        code: bytesToHex(a.code),
        storage,
      };
    }
    return { block: { number: '0x' + head.number.toString(16), timestamp: '0x' + head.header.timestamp.toString(16) }, accounts };
  }

  /** Writes a dump's accounts into the head's state (anvil_loadState, `--load-state`). */
  loadState(dump: StateDump): void {
    const entries = Object.entries(dump.accounts ?? {});
    this.chain.editHeadState((s) => {
      for (const [hex, a] of entries) {
        const addr = BigInt(hex);
        s.setBalance(addr, BigInt(a.balance ?? '0x0'));
        s.setNonce(addr, BigInt(a.nonce ?? '0x0'));
        s.setCode(addr, hexToBytes(a.code ?? '0x'));
        for (const [k, v] of Object.entries(a.storage ?? {})) s.setStorage(addr, BigInt(k), BigInt(v));
      }
    });
  }

  /** The nonce a new transaction from `sender` takes: the head's plus what the pool holds. */
  nextNonce(sender: Address): bigint {
    let n = this.chain.stateAt(this.chain.head).getNonce(sender);
    const mine = this.pool
      .filter((e) => e.sender === sender)
      .map((e) => e.tx.nonce)
      .sort((a, b) => (a < b ? -1 : 1));
    for (const x of mine) if (x === n) n++;
    return n;
  }

  /** Logs bloom of zero (for empty simulated blocks). */
  static readonly EMPTY_BLOOM = BLOOM_ZERO;

  /** A JsonRpcError for a rejected message (go-ethereum's -32000 with the reason). */
  static rejection(reason: string): JsonRpcError {
    return serverError(reason);
  }
}

/** go-ethereum's eth_feeHistory rewards: the effective tips at the percentiles of gas used. */
function blockRewards(b: StoredBlock, baseFee: bigint, percentiles: readonly number[]): bigint[] {
  const txs = b.block.transactions;
  if (txs.length === 0) return percentiles.map(() => 0n);
  const items = txs.map((tx, i) => {
    const cap = tx.type === TxType.Legacy || tx.type === TxType.AccessList ? (tx.gasPrice ?? 0n) : (tx.maxFeePerGas ?? 0n);
    const tipCap = tx.type === TxType.Legacy || tx.type === TxType.AccessList ? (tx.gasPrice ?? 0n) : (tx.maxPriorityFeePerGas ?? 0n);
    const room = cap - baseFee;
    const tip = tipCap < room ? tipCap : room;
    return { tip: tip < 0n ? 0n : tip, gasUsed: b.receipts[i]!.gasUsed };
  });
  items.sort((x, y) => (x.tip < y.tip ? -1 : x.tip > y.tip ? 1 : 0));
  const out: bigint[] = [];
  let idx = 0;
  let sum = items[0]!.gasUsed;
  for (const p of percentiles) {
    const threshold = BigInt(Math.floor((Number(b.header.gasUsed) * p) / 100));
    while (sum < threshold && idx < items.length - 1) {
      idx++;
      sum += items[idx]!.gasUsed;
    }
    out.push(items[idx]!.tip);
  }
  return out;
}
