/**
 * A forked node's request layer (anvil's and Hardhat's fork mode), between the method registry and the
 * handlers:
 *
 * - History at or below the pinned block is the remote's: blocks, their transactions and receipts by number
 *   or by a hash the local chain does not hold, transactions and receipts by hash when not local, logs of
 *   the range's part at or below the pinned block, their traces and raw encodings (debug_trace*,
 *   debug_getRaw*), and state reads and calls at a block before it (eth_getBalance, eth_getCode,
 *   eth_getStorageAt, eth_getTransactionCount, eth_call, eth_estimateGas, eth_createAccessList,
 *   eth_getProof, debug_traceCall) go to the remote as they are (its answers, memoized and, with a disk
 *   cache, kept).
 * - Everything after it is local. The chain runs synchronously on the ForkCache; a request that met remote
 *   state not loaded yet (src/state/backends/forkCache.ts) is run again once the cache has everything that
 *   attempt met (one attempt per level of reads depending on reads, at most MAX_FORK_ROUNDS).
 * - anvil_reset / hardhat_reset `{ forking: { jsonRpcUrl, blockNumber } }` forks again (another block or
 *   node); without `forking`, back to the fork the node started from (Hardhat's reset).
 */
import { JsonRpcError, serverError, invalidParams } from '../errors.js';
import { decodeBlockRef, quantity, type BlockRef } from '../codec.js';
import type { NodeContext } from '../context.js';
import { encodeLogCriteria } from '../logFilter.js';
import { RpcError, type RpcCache } from '../../state/backends/jsonRpc.js';
import type { Address } from '../../primitives/address.js';
import { bytesEqual, bytesToHex, hexToBytes } from '../../primitives/hex.js';
import { ForkMiss, MAX_FORK_ROUNDS, type NodeChain } from './nodeChain.js';
import { connectFork, forkChainOptions, type ForkSource, type ForkTarget } from './fork.js';

/** What a node with `fork` asks before running a method (NodeContext.fork). */
export interface ForkHook {
  /**
   * `run` runs the method's handler on the local chain with the given params; `runOther` another method's
   * (no fork routing).
   */
  invoke(
    name: string,
    params: unknown,
    ctx: NodeContext,
    run: (params: unknown) => Promise<unknown>,
    runOther: (name: string, params: unknown) => Promise<unknown>,
  ): Promise<unknown>;
}

export interface ForkNodeOptions {
  /** The node's chain id (default: the remote's). */
  readonly chainId?: bigint;
  readonly accounts: readonly Address[];
  readonly balance?: bigint;
  /** The rules (a test network name, e.g. 'Prague'; default: the remote chain's fork at the pinned block, see forkConfig). */
  readonly fork?: string;
  /** The persistent answer store for a remote URL (none: memory only). */
  readonly cacheFor?: (url: string) => RpcCache | undefined;
  readonly timeoutMs?: number;
}

/** Methods whose block parameter at or below the pinned block sends them to the remote, and its position. */
const BLOCK_METHODS: Readonly<Record<string, number>> = {
  eth_getBlockByNumber: 0,
  eth_getBlockReceipts: 0,
  eth_getBlockTransactionCountByNumber: 0,
  eth_getTransactionByBlockNumberAndIndex: 0,
  eth_getUncleCountByBlockNumber: 0,
  eth_getUncleByBlockNumberAndIndex: 0,
  debug_traceBlockByNumber: 0,
  debug_traceBlockByHash: 0,
  debug_getRawBlock: 0,
  debug_getRawHeader: 0,
  debug_getRawReceipts: 0,
};

/** Methods reading state at a block: before the pinned block they go to the remote. */
const STATE_METHODS: Readonly<Record<string, number>> = {
  eth_getBalance: 1,
  eth_getCode: 1,
  eth_getTransactionCount: 1,
  eth_getStorageAt: 2,
  eth_call: 1,
  eth_estimateGas: 1,
  eth_createAccessList: 1,
  eth_getProof: 2,
  debug_traceCall: 1,
};

/** Methods by transaction hash: the remote's answer when the transaction is not a local one. */
const TX_HASH_METHODS = new Set(['debug_traceTransaction', 'debug_getRawTransaction']);

/** Methods by hash: the local answer, else (null) the remote's. */
const BY_HASH = new Set([
  'eth_getBlockByHash',
  'eth_getTransactionByHash',
  'eth_getTransactionReceipt',
  'eth_getBlockTransactionCountByHash',
  'eth_getTransactionByBlockHashAndIndex',
  'eth_getUncleCountByBlockHash',
]);

/** Methods that change the chain: not run again after they succeeded. */
function isWrite(name: string): boolean {
  return /^(eth_send|anvil_|hardhat_|evm_|personal_|eth_sign)/.test(name);
}

/** State edits: their account (and slot) is loaded first, so an edit never lands on a missing account. */
const EDITS: Readonly<Record<string, 'account' | 'slot'>> = {
  anvil_setBalance: 'account',
  anvil_setCode: 'account',
  anvil_setNonce: 'account',
  anvil_setStorageAt: 'slot',
  hardhat_setBalance: 'account',
  hardhat_setCode: 'account',
  hardhat_setNonce: 'account',
  hardhat_setStorageAt: 'slot',
};

export class ForkNode implements ForkHook {
  /** The fork the node started from (a reset without options goes back to it). */
  readonly origin: ForkTarget;
  /** Requests run again after a load of remote state (for tests and measurements). */
  reruns = 0;

  private constructor(
    readonly chain: NodeChain,
    public source: ForkSource,
    private readonly opts: ForkNodeOptions,
  ) {
    this.origin = { url: source.url, blockNumber: source.number };
  }

  /** Connects to the remote and makes the chain: `make` builds the NodeChain from the fork's chain options. */
  static async create(
    target: ForkTarget,
    opts: ForkNodeOptions,
    make: (chainOptions: Awaited<ReturnType<typeof forkChainOptions>>) => NodeChain,
  ): Promise<ForkNode> {
    const source = await ForkNode.connect(target, opts);
    const chain = make(await forkChainOptions(source, ForkNode.chainOptions(opts)));
    return new ForkNode(chain, source, opts);
  }

  private static connect(target: ForkTarget, opts: ForkNodeOptions): Promise<ForkSource> {
    const cache = opts.cacheFor?.(target.url);
    return connectFork({
      ...target,
      ...(cache === undefined ? {} : { cache }),
      ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
    });
  }

  private static chainOptions(opts: ForkNodeOptions) {
    return {
      accounts: opts.accounts,
      ...(opts.chainId === undefined ? {} : { chainId: opts.chainId }),
      ...(opts.balance === undefined ? {} : { balance: opts.balance }),
      ...(opts.fork === undefined ? {} : { fork: opts.fork }),
    };
  }

  /** The pinned block's number. */
  get number(): bigint {
    return this.source.number;
  }

  /** Forks again: another block of the same or another remote (the node's chain id follows the remote's unless set). */
  async reset(target: ForkTarget, ctx?: NodeContext): Promise<void> {
    const source = await ForkNode.connect(target, this.opts);
    this.chain.replaceChain(await forkChainOptions(source, ForkNode.chainOptions(this.opts)));
    this.source = source;
    if (ctx !== undefined && ctx.config.chainId !== this.chain.config.chainId) ctx.events.publishChainId(this.chain.config.chainId);
  }

  async invoke(
    name: string,
    params: unknown,
    ctx: NodeContext,
    run: (params: unknown) => Promise<unknown>,
    runOther: (name: string, params: unknown) => Promise<unknown>,
  ): Promise<unknown> {
    const args = Array.isArray(params) ? params : [];
    if (name === 'anvil_reset' || name === 'hardhat_reset') return this.resetRequest(args[0], ctx);
    if ((name === 'anvil_setRpcUrl' || name === 'hardhat_setRpcUrl') && typeof args[0] === 'string') {
      await this.setRpcUrl(args[0]);
      return null;
    }
    if (Object.hasOwn(BLOCK_METHODS, name)) {
      const n = this.numberOf(args[BLOCK_METHODS[name]!]);
      if (n !== undefined && n <= this.number) return this.remote(name, args);
    }
    if (Object.hasOwn(STATE_METHODS, name)) {
      const n = this.numberOf(args[STATE_METHODS[name]!]);
      if (n !== undefined && n < this.number) return this.remote(name, args);
    }
    if (TX_HASH_METHODS.has(name) && !this.isLocalTx(args[0])) return this.remote(name, args);
    if (name === 'eth_getLogs') return this.logs(args, ctx, run);
    // A log filter's logs: its criteria asked as eth_getLogs (the part at or below the pinned block, remote).
    if (name === 'eth_getFilterLogs' && typeof args[0] === 'string') {
      const criteria = encodeLogCriteria(ctx.filters.criteria(args[0]));
      return this.logs([criteria], ctx, (p) => runOther('eth_getLogs', p));
    }
    // The pinned block is the local chain's first too, but without its body: by hash, the remote's.
    if (BY_HASH.has(name) && name.includes('Block') && this.isPinnedHash(args[0])) return this.remote(name, args);
    const edit = EDITS[name];
    if (edit !== undefined) await this.prefetch(args, edit);
    if (name === 'anvil_loadState' || name === 'hardhat_loadState') await this.prefetchDump(args[0]);
    const r = await this.local(name, params, run);
    if (r === null && BY_HASH.has(name)) return this.remoteHistory(await this.remote(name, args));
    return r;
  }

  /**
   * anvil_setRpcUrl: remote reads go to another node from now on, which must hold the pinned block (same
   * hash: the same chain); the pinned block, the local chain and what is cached stay.
   */
  async setRpcUrl(url: string): Promise<void> {
    let next: ForkSource;
    try {
      next = await ForkNode.connect({ url, blockNumber: this.number }, this.opts);
    } catch (e) {
      throw this.remoteError(e);
    }
    if (!bytesEqual(next.hash, this.source.hash))
      throw serverError(
        `anvil_setRpcUrl: ${url} has block ${this.number} as ${bytesToHex(next.hash)}, the fork's is ${bytesToHex(this.source.hash)}`,
      );
    this.source.cache.useBackend(next.backend);
    this.source = { ...this.source, url, backend: next.backend };
  }

  /** A remote answer by hash: null when it is from after the pinned block (not this chain's history). */
  private remoteHistory(r: unknown): unknown {
    if (r === null || typeof r !== 'object') return r;
    const o = r as { blockNumber?: unknown; number?: unknown };
    const n = typeof o.blockNumber === 'string' ? o.blockNumber : typeof o.number === 'string' ? o.number : undefined;
    try {
      if (n !== undefined && BigInt(n) > this.number) return null;
    } catch {
      /* the remote's answer as it is */
    }
    return r;
  }

  /** Runs a method on the local chain, again after each load of remote state it met. */
  private async local(name: string, params: unknown, run: (params: unknown) => Promise<unknown>): Promise<unknown> {
    for (let round = 0; ; round++) {
      const cache = this.source.cache;
      const before = cache.misses;
      let result: unknown;
      let error: unknown;
      let failed = false;
      try {
        result = await run(params);
      } catch (e) {
        failed = true;
        error = e;
      }
      const missed = cache.misses > before || error instanceof ForkMiss;
      if (!missed || (!failed && isWrite(name))) {
        if (failed) throw error;
        return result;
      }
      if (round >= MAX_FORK_ROUNDS) throw serverError(`fork: ${name} still needs remote state after ${MAX_FORK_ROUNDS} rounds of loading`);
      await this.settle();
      this.reruns++;
    }
  }

  private async settle(): Promise<void> {
    try {
      await this.source.cache.settle();
    } catch (e) {
      throw this.remoteError(e);
    }
  }

  private remoteError(e: unknown): JsonRpcError {
    if (e instanceof JsonRpcError) return e;
    return serverError(`fork: ${e instanceof Error ? e.message : String(e)}`);
  }

  /** The remote's answer to the request as it was sent. */
  private async remote(name: string, args: readonly unknown[]): Promise<unknown> {
    try {
      return await this.source.backend.call(name, [...args]);
    } catch (e) {
      // The remote's JSON-RPC error (a revert, a bad parameter) reaches the client as a server error.
      throw this.remoteError(e instanceof RpcError ? new Error(e.message) : e);
    }
  }

  private async prefetch(args: readonly unknown[], kind: 'account' | 'slot'): Promise<void> {
    let addr: bigint;
    try {
      addr = BigInt(String(args[0]));
    } catch {
      return; // the handler reports the bad parameter
    }
    const slots: [bigint, bigint][] = [];
    if (kind === 'slot') {
      try {
        slots.push([addr, BigInt(String(args[1]))]);
      } catch {
        return;
      }
    }
    try {
      await this.source.cache.ensure([addr], slots);
    } catch (e) {
      throw this.remoteError(e);
    }
  }

  /** Whether `v` is the hash of a transaction of the local chain (a malformed one is left to the handler). */
  private isLocalTx(v: unknown): boolean {
    if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(v)) return true;
    return this.chain.locate(hexToBytes(v)) !== undefined;
  }

  private isPinnedHash(v: unknown): boolean {
    return typeof v === 'string' && v.toLowerCase() === bytesToHex(this.source.hash);
  }

  /** anvil_loadState: the dump's accounts are loaded first (the dump's fields replace theirs, the rest stays the remote's). */
  private async prefetchDump(v: unknown): Promise<void> {
    let accounts: string[];
    try {
      const text = new TextDecoder().decode(hexToBytes(String(v)));
      accounts = Object.keys((JSON.parse(text) as { accounts?: Record<string, unknown> }).accounts ?? {});
    } catch {
      return; // the handler reports the bad dump
    }
    try {
      await this.source.cache.ensure(accounts.map((a) => BigInt(a)));
    } catch (e) {
      throw this.remoteError(e);
    }
  }

  /** A block parameter's number; undefined for one the local chain answers (latest, pending, a local hash). */
  private numberOf(p: unknown): bigint | undefined {
    let ref: BlockRef;
    try {
      ref = decodeBlockRef(p === undefined ? 'latest' : p);
    } catch {
      return undefined; // the handler reports it
    }
    if ('hash' in ref) {
      const local = this.chain.chain.blockByHash(ref.hash);
      if (local !== undefined) return local.number === this.number ? this.number : undefined;
      return -1n; // not a local block: the remote's (or nobody's)
    }
    if ('number' in ref) return ref.number;
    if (ref.tag === 'earliest') return 0n;
    return undefined;
  }

  /** eth_getLogs: the range's part at or below the pinned block from the remote, the rest local. */
  private async logs(args: readonly unknown[], ctx: NodeContext, run: (params: unknown) => Promise<unknown>): Promise<unknown> {
    const f = args[0];
    if (f === null || typeof f !== 'object' || Array.isArray(f)) return this.local('eth_getLogs', args, run);
    const filter = f as Record<string, unknown>;
    if (filter.blockHash !== undefined && filter.blockHash !== null) {
      if (
        typeof filter.blockHash === 'string' &&
        (this.chain.chain.blockByHash(filter.blockHash) === undefined || this.isPinnedHash(filter.blockHash))
      ) {
        return this.remote('eth_getLogs', args);
      }
      return this.local('eth_getLogs', args, run);
    }
    const head = ctx.chain?.headNumber() ?? this.number;
    const end = (v: unknown): bigint | undefined => {
      if (v === undefined || v === null) return head;
      const n = this.numberOf(v);
      return n === undefined ? head : n;
    };
    const from = end(filter.fromBlock);
    const to = end(filter.toBlock);
    if (from === undefined || to === undefined || from > to) return this.local('eth_getLogs', args, run);
    if (from > this.number) return this.local('eth_getLogs', args, run);
    if (to <= this.number) return this.remote('eth_getLogs', args);
    const remote = (await this.remote('eth_getLogs', [{ ...filter, toBlock: quantity(this.number) }])) as unknown[];
    const local = (await this.local('eth_getLogs', [{ ...filter, fromBlock: quantity(this.number + 1n) }], run)) as unknown[];
    return [...remote, ...local];
  }

  /** anvil_reset / hardhat_reset. */
  private async resetRequest(o: unknown, ctx: NodeContext): Promise<null> {
    let target: ForkTarget = this.origin;
    const forking = o !== null && typeof o === 'object' ? (o as { forking?: unknown }).forking : undefined;
    if (forking !== undefined && forking !== null) {
      if (typeof forking !== 'object') throw invalidParams('forking: expected { jsonRpcUrl, blockNumber }');
      const fo = forking as { jsonRpcUrl?: unknown; blockNumber?: unknown };
      const url = fo.jsonRpcUrl ?? this.source.url;
      if (typeof url !== 'string') throw invalidParams('forking.jsonRpcUrl: expected a URL string');
      let blockNumber: bigint | undefined;
      if (fo.blockNumber !== undefined && fo.blockNumber !== null) {
        try {
          blockNumber = BigInt(fo.blockNumber as string | number);
        } catch {
          throw invalidParams(`forking.blockNumber: not a block number: ${JSON.stringify(fo.blockNumber)}`);
        }
        if (blockNumber < 0n) throw invalidParams(`forking.blockNumber: negative: ${blockNumber}`);
      }
      target = { url, ...(blockNumber === undefined ? {} : { blockNumber }) };
    }
    try {
      await this.reset(target, ctx);
    } catch (e) {
      throw this.remoteError(e);
    }
    return null;
  }
}
