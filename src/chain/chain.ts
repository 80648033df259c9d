/**
 * A chain of blocks (go-ethereum core.BlockChain): created from a genesis, it imports blocks (validating
 * the header against its parent, the body, the seal when a verifier is given, and the execution through
 * the one block function, src/transition/block.ts, in import mode), keeps every valid block with its
 * receipts, senders and state, and follows a canonical head: the chain of highest total difficulty before
 * the Merge, the last imported block after it (a consensus client's forkchoice, as go-ethereum's
 * blockchain tests read it).
 *
 * A rejected block leaves the chain and its state as they were and says why (block number and rule).
 *
 * Memory: every block keeps its RLP, its decoded transactions and ommers, its receipts and logs, the set
 * of accounts and slots it changed, and the state-trie nodes along the paths it changed (see
 * ./stateTries.ts); unchanged state is shared with the parent, never copied. An empty block costs ~3.6 KB
 * of heap (+ ~0.6 KB of buffers), measured over 10,000 blocks by test/hostile/blocks.test.ts (README,
 * Blocks and chains).
 */
import type { Trie } from '../primitives/trie/trie.js';
import { bytesEqual, bytesToBigint, bytesToHex } from '../primitives/hex.js';
import type { Address } from '../primitives/address.js';
import type { Rules } from '../spec/rules.js';
import type { BlockEnv, GenesisAlloc } from '../state/env.js';
import type { StateJournal } from '../state/journal.js';
import type { MemoryPool } from '../machine/memory.js';
import { WordMap } from '../primitives/wordMap.js';
import { executeBlock, BlockInvalidError, type BlockContext, type ExecutedBlock, type IncludedReceipt } from '../transition/block.js';
import { requestsHash } from '../transition/blockSystem.js';
import { txHash, type Transaction } from '../tx/index.js';
import { decodeBlock, BlockDecodeError, type Block } from './block.js';
import { rulesAt, type ChainConfig } from './config.js';
import { genesisHeader, type GenesisFields } from './genesis.js';
import { headerHash, encodeHeader, type Header } from './header.js';
import { validateHeader, BlockValidationError, type HeaderContext, type HeaderOverrides } from './headerRules.js';
import { validateBody, validateOmmerAncestry, OMMER_GENERATIONS, type Ancestor } from './bodyRules.js';
import { sealFields, type SealVerifier } from './seal.js';
import { StateTries, ChangeSet, mergeChanges, type Changes } from './stateTries.js';
import { DAO_DRAIN_LIST, DAO_REFUND_CONTRACT } from './dao.js';
import type { ForkCache } from '../state/backends/forkCache.js';

/** A block the chain holds, with what importing it computed. */
export interface StoredBlock {
  readonly block: Block;
  readonly hash: Uint8Array;
  /** 0x-hex of the hash (map key). */
  readonly id: string;
  readonly number: bigint;
  readonly header: Header;
  readonly parent: StoredBlock | null;
  /** Total difficulty up to and including this block. */
  readonly totalDifficulty: bigint;
  readonly rules: Rules;
  /** The account trie after this block. */
  readonly state: Trie;
  /** What this block changed (relative to its parent). */
  readonly changes: Changes;
  readonly receipts: readonly IncludedReceipt[];
  /** Senders of the transactions, in order. */
  readonly senders: readonly Address[];
  /** Prague requests (EIP-7685), each `type || data`. */
  readonly requests?: readonly Uint8Array[];
  /** Hashes of the block's ommers. */
  readonly ommerHashes: readonly Uint8Array[];
}

export type ImportStatus = 'imported' | 'known' | 'invalid';

/** The outcome of importing one block. */
export interface ImportResult {
  readonly status: ImportStatus;
  readonly hash?: Uint8Array;
  readonly number?: bigint;
  /** Whether the block is the canonical head after the import. */
  readonly head: boolean;
  /** Why the block was rejected: "block N: rule: detail". */
  readonly error?: string;
  /** The rule broken (decode, parent, number, gasLimit, difficulty, stateRoot, transactions, ...). */
  readonly rule?: string;
}

export interface ChainOptions {
  readonly config: ChainConfig;
  readonly alloc: GenesisAlloc;
  /** The genesis header as given (a blockchain test's), or the genesis file's fields to build it from. */
  readonly genesis: Header | GenesisFields;
  /** Checks proof-of-work seals of pre-Merge headers; none: seals are not checked (NoProof). */
  readonly sealVerifier?: SealVerifier;
  /** Frame memory pool for the transactions (share one across chains to reuse buffers). */
  readonly memoryPool?: MemoryPool;
  /**
   * A fork of a remote chain: the genesis is the remote's pinned block (`hash` is its hash, its state root is
   * not checked), the state falls through to `cache` (see ./stateTries.ts), and BLOCKHASH below the genesis
   * comes from the remote.
   */
  readonly fork?: { readonly cache: ForkCache; readonly hash: Uint8Array };
}

function isHeader(g: Header | GenesisFields): g is Header {
  return (g as Header).stateRoot !== undefined && (g as Header).logsBloom !== undefined;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const DAO_DRAIN = { refundContract: DAO_REFUND_CONTRACT, accounts: DAO_DRAIN_LIST };

export class Chain {
  readonly config: ChainConfig;
  readonly genesis: StoredBlock;
  private readonly tries: StateTries;
  private readonly fork: ChainOptions['fork'];
  private readonly blocks = new Map<string, StoredBlock>();
  /** By number (a WordMap: V8 hashes a bigint Map key again on every look-up; two per mined block). */
  private readonly canonical = new WordMap<StoredBlock>();
  /** Transaction hash -> the blocks holding it (a transaction can be in blocks of several forks). */
  private readonly txIndex = new Map<string, { block: StoredBlock; index: number }[]>();
  /** The last rejection of each block hash (go-ethereum's bad-block list, for reports), with the reason. */
  private readonly bad = new Map<string, { error: string; rule: string }>();
  private readonly sealVerifier: SealVerifier | undefined;
  private readonly memoryPool: MemoryPool | undefined;
  /** The executor's state, at the block `cursor`. */
  private readonly journal: StateJournal;
  private cursor: StoredBlock;
  private _head: StoredBlock;
  /**
   * A dev node's impersonated transactions (hash -> sender): executed as from that sender, their
   * signatures neither checked nor recovered. Empty on every other chain.
   */
  readonly knownSenders = new Map<string, Address>();

  constructor(opts: ChainOptions) {
    this.config = opts.config;
    this.sealVerifier = opts.sealVerifier;
    this.memoryPool = opts.memoryPool;
    this.fork = opts.fork;
    this.tries = new StateTries(opts.fork?.cache);
    const { journal, trie } = this.tries.genesis(opts.alloc);
    this.journal = journal;
    const root = trie.root();
    const header = isHeader(opts.genesis) ? opts.genesis : genesisHeader(opts.config, opts.genesis, root);
    if (opts.fork === undefined && !bytesEqual(header.stateRoot, root)) {
      throw new BlockValidationError(
        header.number,
        'stateRoot',
        `genesis header ${bytesToHex(header.stateRoot)}, allocation ${bytesToHex(root)}`,
      );
    }
    const block: Block = {
      header,
      hash: opts.fork?.hash ?? headerHash(header),
      transactions: [],
      ommers: [],
      ...(header.withdrawalsRoot === undefined ? {} : { withdrawals: [] }),
      rlp: encodeHeader(header),
    };
    const g: StoredBlock = {
      block,
      hash: block.hash,
      id: bytesToHex(block.hash),
      number: header.number,
      header,
      parent: null,
      totalDifficulty: header.difficulty,
      rules: rulesAt(opts.config, header.number, header.timestamp, 0n),
      state: trie,
      changes: new Map(),
      receipts: [],
      senders: [],
      ommerHashes: [],
    };
    if (opts.fork === undefined && opts.config.genesisHash !== undefined && g.id !== opts.config.genesisHash) {
      throw new BlockValidationError(0n, 'genesis', `hash ${g.id} is not ${opts.config.name}'s ${opts.config.genesisHash}`);
    }
    this.genesis = g;
    this.blocks.set(g.id, g);
    this.canonical.set(g.number, g);
    this.cursor = g;
    this._head = g;
  }

  // ---------------------------------------------------------------- reading

  /** The canonical head. */
  get head(): StoredBlock {
    return this._head;
  }

  /** A block by hash (0x-hex or bytes), canonical or not. */
  blockByHash(hash: Uint8Array | string): StoredBlock | undefined {
    return this.blocks.get(typeof hash === 'string' ? hash.toLowerCase() : bytesToHex(hash));
  }

  /** The canonical block at a height. */
  blockByNumber(n: bigint): StoredBlock | undefined {
    return this.canonical.get(n);
  }

  /** Whether a block is on the canonical chain. */
  isCanonical(b: StoredBlock): boolean {
    return this.canonical.get(b.number) === b;
  }

  /** Every block held (canonical and side chains). */
  get size(): number {
    return this.blocks.size;
  }

  /** A transaction by hash on the canonical chain: its block and index. */
  transaction(
    hash: Uint8Array | string,
  ): { block: StoredBlock; index: number; tx: Transaction; sender: Address; receipt: IncludedReceipt } | undefined {
    const list = this.txIndex.get(typeof hash === 'string' ? hash.toLowerCase() : bytesToHex(hash));
    const hit = list?.find((e) => this.isCanonical(e.block));
    if (hit === undefined) return undefined;
    return {
      ...hit,
      tx: hit.block.block.transactions[hit.index]!,
      sender: hit.block.senders[hit.index]!,
      receipt: hit.block.receipts[hit.index]!,
    };
  }

  /** Why a block was rejected, if it was. */
  badBlock(hash: Uint8Array | string): { error: string; rule: string } | undefined {
    return this.bad.get(typeof hash === 'string' ? hash.toLowerCase() : bytesToHex(hash));
  }

  /** The state after a block (default: the head). */
  stateAt(b: StoredBlock = this._head): ChainState {
    return new ChainState(this.tries, b);
  }

  // ---------------------------------------------------------------- importing

  /** Imports blocks in order (RLP or decoded); stops at the first invalid one unless `keepGoing`. */
  importBlocks(blocks: Iterable<Uint8Array | Block>, opts: { keepGoing?: boolean } = {}): ImportResult[] {
    const out: ImportResult[] = [];
    for (const b of blocks) {
      const r = this.importBlock(b);
      out.push(r);
      if (r.status === 'invalid' && opts.keepGoing !== true) break;
    }
    return out;
  }

  /**
   * Imports one block: RLP bytes (strictly decoded) or a decoded Block. Never throws for a bad block: the
   * result says why it was rejected, and the chain is as it was.
   */
  /**
   * `asSet`: header fields a dev node's test controls set on its own block (see HeaderContext.asSet); never
   * for blocks from outside.
   */
  importBlock(input: Uint8Array | Block, asSet?: HeaderOverrides): ImportResult {
    let block: Block;
    try {
      block = input instanceof Uint8Array ? decodeBlock(input) : input;
    } catch (e) {
      const number = e instanceof BlockDecodeError ? e.number : undefined;
      return { status: 'invalid', head: false, ...(number === undefined ? {} : { number }), rule: 'decode', error: message(e) };
    }
    const id = bytesToHex(block.hash);
    const number = block.header.number;
    const known = this.blocks.get(id);
    if (known !== undefined) return { status: 'known', hash: block.hash, number, head: known === this._head };
    try {
      const stored = this.validateAndExecute(block, id, asSet);
      this.store(stored);
      return { status: 'imported', hash: block.hash, number, head: this._head === stored };
    } catch (e) {
      const rule = e instanceof BlockValidationError ? e.rule : 'execution';
      const error = e instanceof BlockValidationError ? e.message : `block ${number}: execution: ${message(e)}`;
      // Remembered for reports only: the hash commits to the header, not to a body that fails to match it,
      // so a block with this hash may still come with the right body (and a parent may arrive later).
      this.bad.set(id, { error, rule });
      return { status: 'invalid', hash: block.hash, number, head: false, rule, error };
    }
  }

  private fail(n: bigint, rule: string, detail: string): never {
    throw new BlockValidationError(n, rule, detail);
  }

  private validateAndExecute(block: Block, id: string, asSet?: HeaderOverrides): StoredBlock {
    const h = block.header;
    const n = h.number;
    const parent = this.blocks.get(bytesToHex(h.parentHash));
    if (parent === undefined) this.fail(n, 'parent', `unknown parent ${bytesToHex(h.parentHash)}`);
    const rules = rulesAt(this.config, n, h.timestamp, parent.totalDifficulty);

    // ---- header, seal, body, ommers ----
    validateHeader(h, parent.header, this.headerContext(rules, parent.rules, asSet));
    if (!rules.merged) this.checkSeal(h, 'seal');
    validateBody(block, rules);
    const ommerHashes = block.ommers.map(headerHash);
    if (block.ommers.length > 0) this.validateOmmers(block, parent, ommerHashes);

    // ---- execution, on the journal moved to the parent's state ----
    this.moveCursor(parent);
    const set = new ChangeSet();
    const changes: Changes = new Map();
    let trie = parent.state;
    const flush = (): Trie => {
      const c = set.take();
      mergeChanges(changes, c);
      trie = this.tries.commit(trie, this.journal, c);
      return trie;
    };
    this.journal.tracker = set;
    try {
      const exec = executeBlock(
        this.journal,
        this.blockContext(block, parent, rules, () => flush().root()),
        block.transactions.map((tx) => this.blockTx(tx)),
      );
      if (exec.gasUsed !== h.gasUsed) this.fail(n, 'gasUsed', `header ${h.gasUsed}, execution used ${exec.gasUsed}`);
      if (!bytesEqual(exec.logsBloom, h.logsBloom)) this.fail(n, 'logsBloom', 'the header bloom is not the bloom of the logs');
      if (!bytesEqual(exec.receiptsRoot, h.receiptsRoot))
        this.fail(n, 'receiptsRoot', `header ${bytesToHex(h.receiptsRoot)}, receipts ${bytesToHex(exec.receiptsRoot)}`);
      if (h.requestsHash !== undefined) {
        const rh = requestsHash(exec.requests ?? []);
        if (!bytesEqual(rh, h.requestsHash))
          this.fail(n, 'requestsHash', `header ${bytesToHex(h.requestsHash)}, requests ${bytesToHex(rh)}`);
      }
      const root = flush().root();
      if (!bytesEqual(root, h.stateRoot)) this.fail(n, 'stateRoot', `header ${bytesToHex(h.stateRoot)}, state ${bytesToHex(root)}`);
      const stored: StoredBlock = {
        block,
        hash: block.hash,
        id,
        number: n,
        header: h,
        parent,
        totalDifficulty: parent.totalDifficulty + h.difficulty,
        rules,
        state: trie,
        changes,
        receipts: exec.receipts,
        senders: exec.senders,
        ...(exec.requests === undefined ? {} : { requests: exec.requests }),
        ommerHashes,
      };
      this.cursor = stored;
      return stored;
    } catch (e) {
      // Undo the block: what its finished transactions changed is read back from the parent's state.
      this.journal.tracker = null;
      this.journal.revert(0);
      this.journal.finalizeTx(false);
      mergeChanges(changes, set.take());
      this.tries.restore(this.journal, parent.state, changes);
      this.cursor = parent;
      if (e instanceof BlockInvalidError) this.fail(n, 'transactions', e.message);
      throw e;
    } finally {
      this.journal.tracker = null;
    }
  }

  private blockTx(tx: Transaction): { tx: Transaction; sender?: Address } {
    if (this.knownSenders.size === 0) return { tx };
    const sender = this.knownSenders.get(bytesToHex(txHash(tx)));
    return sender === undefined ? { tx } : { tx, sender };
  }

  /** What header validation needs besides the headers: the two forks' rules, the DAO block, the fields taken as set. */
  private headerContext(rules: Rules, parentRules: Rules, asSet?: HeaderOverrides): HeaderContext {
    return {
      rules,
      parentRules,
      ...(this.config.daoForkBlock === undefined ? {} : { daoForkBlock: this.config.daoForkBlock }),
      ...(asSet === undefined ? {} : { asSet }),
    };
  }

  private checkSeal(h: Header, rule: string): void {
    if (this.sealVerifier === undefined) return;
    const why = this.sealVerifier(sealFields(h));
    if (why !== null) this.fail(h.number, rule, why);
  }

  /** go-ethereum ethash VerifyUncles, then each ommer's header against its own parent. */
  private validateOmmers(block: Block, parent: StoredBlock, ommerHashes: readonly Uint8Array[]): void {
    const ancestors: Ancestor[] = [];
    const records = new Map<string, StoredBlock>();
    for (let a: StoredBlock | null = parent, i = 0; a !== null && i < OMMER_GENERATIONS; a = a.parent, i++) {
      ancestors.push({ hash: a.hash, header: a.header, ommerHashes: a.ommerHashes });
      records.set(a.id, a);
    }
    const parents = validateOmmerAncestry(block, ommerHashes, ancestors);
    block.ommers.forEach((o, i) => {
      const op = records.get(bytesToHex(o.parentHash))!;
      const rules = rulesAt(this.config, o.number, o.timestamp, op.totalDifficulty);
      try {
        validateHeader(o, parents[i]!, this.headerContext(rules, op.rules));
        if (!rules.merged) this.checkSeal(o, 'seal');
      } catch (e) {
        if (e instanceof BlockValidationError) this.fail(block.header.number, 'ommers', `ommer ${i}: ${e.message}`);
        throw e;
      }
    });
  }

  /** The block's execution context from its header (and its ancestors, for BLOCKHASH). */
  private blockContext(block: Block, parent: StoredBlock, rules: Rules, intermediateRoot: () => Uint8Array): BlockContext {
    const h = block.header;
    const env: BlockEnv = {
      coinbase: h.coinbase,
      gasLimit: h.gasLimit,
      number: h.number,
      timestamp: h.timestamp,
      difficulty: h.difficulty,
      prevRandao: rules.merged ? bytesToBigint(h.mixHash) : h.difficulty,
      baseFee: h.baseFeePerGas ?? 0n,
      ...(rules.eip4844 && h.excessBlobGas !== undefined ? { excessBlobGas: h.excessBlobGas } : {}),
      getBlockHash: (n) => this.ancestorHash(parent, n),
    };
    const executor = this.memoryPool === undefined ? undefined : { memoryPool: this.memoryPool };
    return {
      mode: 'import',
      env,
      rules,
      chainId: this.config.chainId,
      parentHash: h.parentHash,
      ...(h.parentBeaconBlockRoot === undefined ? {} : { parentBeaconBlockRoot: h.parentBeaconBlockRoot }),
      ommers: block.ommers.map((o) => ({ delta: h.number - o.number, address: o.coinbase })),
      ...(block.withdrawals === undefined ? {} : { withdrawals: block.withdrawals }),
      // After the Merge the coinbase is not touched at all (no reward call).
      reward: rules.merged ? -1n : rules.blockReward,
      depositContract: this.config.depositContractAddress,
      ...(this.config.daoForkBlock === h.number ? { daoDrain: DAO_DRAIN } : {}),
      intermediateRoot: () => intermediateRoot(),
      ...(executor === undefined ? {} : { executor }),
    };
  }

  /** The hash of the ancestor of `from` (inclusive) at height n, as a word; 0 when there is none. */
  private ancestorHash(from: StoredBlock, n: bigint): bigint {
    if (n > from.number || n < 0n) return 0n;
    if (n < this.genesis.number) return this.forkedHash(n);
    if (this.canonical.get(from.number) === from) {
      const c = this.canonical.get(n);
      if (c !== undefined) return bytesToBigint(c.hash);
    }
    let b: StoredBlock | null = from;
    while (b !== null && b.number > n) b = b.parent;
    return b === null ? 0n : bytesToBigint(b.hash);
  }

  /** The hash of a block below a forked chain's genesis (the remote's; 0 when not loaded yet, or no fork). */
  forkedHash(n: bigint): bigint {
    return this.fork?.cache.blockHash(n) ?? 0n;
  }

  /** Makes the journal hold the state after `target`, reloading only what changed between them. */
  private moveCursor(target: StoredBlock): void {
    if (this.cursor === target) return;
    const changes: Changes = new Map();
    let a: StoredBlock | null = this.cursor;
    let b: StoredBlock | null = target;
    while (a !== b && a !== null && b !== null) {
      if (a.number >= b.number) {
        mergeChanges(changes, a.changes);
        a = a.parent;
      } else {
        mergeChanges(changes, b.changes);
        b = b.parent;
      }
    }
    this.tries.restore(this.journal, target.state, changes);
    this.cursor = target;
  }

  /** Keeps a valid block and applies the fork choice. */
  private store(b: StoredBlock): void {
    this.blocks.set(b.id, b);
    b.block.transactions.forEach((_, index) => {
      const key = bytesToHex(b.receipts[index]!.txHash);
      const list = this.txIndex.get(key);
      if (list === undefined) this.txIndex.set(key, [{ block: b, index }]);
      else list.push({ block: b, index });
    });
    const head = this._head;
    let reorg: boolean;
    if (b.rules.merged) reorg = true;
    else if (head.rules.merged && head !== this.genesis) reorg = false;
    else reorg = b.totalDifficulty > head.totalDifficulty || (b.totalDifficulty === head.totalDifficulty && b.number < head.number);
    if (reorg) this.setCanonicalHead(b);
  }

  /** Makes `b` the canonical head: the canonical chain becomes b's ancestry. */
  private setCanonicalHead(b: StoredBlock): void {
    for (let n = b.number + 1n; n <= this._head.number; n++) this.canonical.delete(n);
    for (let x: StoredBlock | null = b; x !== null && this.canonical.get(x.number) !== x; x = x.parent) this.canonical.set(x.number, x);
    this._head = b;
  }

  /**
   * Moves the head back to an earlier canonical block (a dev node's snapshot revert): every block above it
   * is forgotten, canonical or not. Returns false when `target` is not a canonical block.
   */
  setHead(target: StoredBlock): boolean {
    if (!this.isCanonical(target)) return false;
    for (const [id, b] of this.blocks) {
      if (b.number > target.number) {
        this.blocks.delete(id);
        for (const r of b.receipts) {
          const key = bytesToHex(r.txHash);
          const list = this.txIndex.get(key)?.filter((e) => e.block !== b);
          if (list === undefined || list.length === 0) this.txIndex.delete(key);
          else this.txIndex.set(key, list);
        }
      }
    }
    if (this.cursor.number > target.number) this.moveCursor(target);
    this.setCanonicalHead(target);
    return true;
  }

  // ---------------------------------------------------------------- dev node edits (additive, for src/rpc)

  /**
   * A dev node's irregular state edit (anvil_setBalance, setCode, setNonce, setStorageAt): `edit` changes
   * the head's state, which then stands for the head's state (its header, state root included, is kept as
   * it was, as anvil and Hardhat do). Blocks built on the head start from the edited state.
   */
  editHeadState(edit: (state: StateJournal) => void): void {
    const head = this._head;
    this.moveCursor(head);
    const set = new ChangeSet();
    this.journal.tracker = set;
    try {
      edit(this.journal);
      this.journal.finalizeTx(false);
    } finally {
      this.journal.tracker = null;
    }
    const edited = set.take();
    const changes: Changes = new Map();
    mergeChanges(changes, head.changes);
    mergeChanges(changes, edited);
    const next: StoredBlock = { ...head, state: this.tries.commit(head.state, this.journal, edited), changes };
    this.replaceRecord(head, next);
    this.cursor = next;
  }

  /**
   * Puts back a record of the head block saved earlier (a snapshot taken before editHeadState): the head
   * must be the same block (same hash). Returns false otherwise.
   */
  restoreHeadRecord(saved: StoredBlock): boolean {
    const head = this._head;
    if (head === saved) return true;
    if (head.id !== saved.id) return false;
    this.moveCursor(saved);
    this.replaceRecord(head, saved);
    return true;
  }

  /**
   * The state root of `parent`'s state with `changes` written from `journal` (which holds the state of a
   * block being built on it): re-hashed along the changed paths only. Nothing is kept as a block.
   */
  stateRootWith(parent: StoredBlock, journal: StateJournal, changes: Changes): Uint8Array {
    return this.commitWith(parent, journal, changes).root();
  }

  /** The account trie after `parent` with what `journal` changed (`changes`): a block builder's post-state. */
  commitWith(parent: StoredBlock, journal: StateJournal, changes: Changes): Trie {
    return this.tries.commit(parent.state, journal, changes);
  }

  /**
   * Stores a post-merge block this chain's own builder made on a known parent (a dev node's mining), without
   * executing it a second time: the header and body are checked as on import, and the execution, the
   * post-state trie and the changes are the build's (`state` from `commitWith`, whose root the header holds).
   * A block that fails a check is rejected as by `importBlock`, and the chain is as it was.
   */
  adoptBuilt(
    block: Block,
    built: { readonly exec: ExecutedBlock; readonly state: Trie; readonly changes: Changes; readonly transactionsRoot?: Uint8Array },
    asSet?: HeaderOverrides,
  ): ImportResult {
    const id = bytesToHex(block.hash);
    const h = block.header;
    const n = h.number;
    if (this.blocks.has(id)) return { status: 'known', hash: block.hash, number: n, head: this.blocks.get(id) === this._head };
    try {
      const parent = this.blocks.get(bytesToHex(h.parentHash));
      if (parent === undefined) this.fail(n, 'parent', `unknown parent ${bytesToHex(h.parentHash)}`);
      const rules = rulesAt(this.config, n, h.timestamp, parent.totalDifficulty);
      if (!rules.merged) this.fail(n, 'adopt', 'only post-merge blocks are adopted without execution');
      validateHeader(h, parent.header, this.headerContext(rules, parent.rules, asSet));
      validateBody(block, rules, built.transactionsRoot);
      const { exec } = built;
      if (exec.gasUsed !== h.gasUsed) this.fail(n, 'gasUsed', `header ${h.gasUsed}, execution used ${exec.gasUsed}`);
      if (!bytesEqual(exec.receiptsRoot, h.receiptsRoot)) this.fail(n, 'receiptsRoot', "the header is not the build's");
      if (!bytesEqual(built.state.root(), h.stateRoot)) this.fail(n, 'stateRoot', "the header is not the build's");
      const stored: StoredBlock = {
        block,
        hash: block.hash,
        id,
        number: n,
        header: h,
        parent,
        totalDifficulty: parent.totalDifficulty + h.difficulty,
        rules,
        state: built.state,
        changes: built.changes,
        receipts: exec.receipts,
        senders: exec.senders,
        ...(exec.requests === undefined ? {} : { requests: exec.requests }),
        ommerHashes: [],
      };
      this.store(stored);
      return { status: 'imported', hash: block.hash, number: n, head: this._head === stored };
    } catch (e) {
      if (!(e instanceof BlockValidationError)) throw e;
      this.bad.set(id, { error: e.message, rule: e.rule });
      return { status: 'invalid', hash: block.hash, number: n, head: false, rule: e.rule, error: e.message };
    }
  }

  private replaceRecord(old: StoredBlock, next: StoredBlock): void {
    this.blocks.set(next.id, next);
    if (this.canonical.get(next.number) === old) this.canonical.set(next.number, next);
    if (this._head === old) this._head = next;
    for (const r of old.receipts) {
      for (const e of this.txIndex.get(bytesToHex(r.txHash)) ?? []) if (e.block === old) e.block = next;
    }
  }
}

/** The state after one block: read accounts, storage and code; or take a writable copy. */
export class ChainState {
  constructor(
    private readonly tries: StateTries,
    readonly block: StoredBlock,
  ) {}

  get stateRoot(): Uint8Array {
    return this.block.header.stateRoot;
  }

  /** The account, or undefined when it does not exist. */
  getAccount(
    addr: Address,
  ): { nonce: bigint; balance: bigint; code: Uint8Array; codeHash: Uint8Array; storageRoot: Uint8Array } | undefined {
    const a = this.tries.account(this.block.state, addr);
    return a === undefined ? undefined : { ...a, code: this.tries.code(a.codeHash) };
  }

  getBalance(addr: Address): bigint {
    return this.tries.account(this.block.state, addr)?.balance ?? 0n;
  }

  getNonce(addr: Address): bigint {
    return this.tries.account(this.block.state, addr)?.nonce ?? 0n;
  }

  getCode(addr: Address): Uint8Array {
    const a = this.tries.account(this.block.state, addr);
    return a === undefined ? new Uint8Array(0) : this.tries.code(a.codeHash);
  }

  getStorage(addr: Address, slot: bigint): bigint {
    return this.tries.storageAt(this.block.state, addr, slot);
  }

  /** The slot's Merkle proof in the account's storage trie (eth_getProof): a walk down the stored trie. */
  storageProof(addr: Address, slot: bigint): Uint8Array[] {
    return this.tries.storageProof(this.block.state, addr, slot);
  }

  /** Every account with its storage (for dumps and test post-state checks). */
  *accounts(): Generator<[Address, { nonce: bigint; balance: bigint; code: Uint8Array; storage: Map<bigint, bigint> }]> {
    for (const [addr, a] of this.tries.accounts(this.block.state)) {
      yield [
        addr,
        { nonce: a.nonce, balance: a.balance, code: this.tries.code(a.codeHash), storage: this.tries.storageEntries(a.storageRoot) },
      ];
    }
  }

  /** A fully loaded, writable journal of this state (changes to it never reach the chain). */
  toJournal(): StateJournal {
    return this.tries.toJournal(this.block.state);
  }
}
