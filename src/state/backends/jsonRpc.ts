/**
 * A JSON-RPC fork backend: accounts, code, storage and block hashes read lazily from an Ethereum node at
 * a pinned block (eth_getBalance / eth_getTransactionCount / eth_getCode / eth_getStorageAt /
 * eth_getBlockByNumber). Requests made in the same tick go out as one JSON-RPC batch; every answer is
 * cached in memory and, with `cache`, in a persistent store (src/cli/rpcDiskCache.ts keeps one on disk),
 * so a second run at the same block asks nothing. Uses only `fetch`, so it runs in browsers too.
 *
 * Any failure (connection refused, HTTP error, JSON-RPC error, malformed answer) rejects with an RpcError
 * naming the URL and the method: execution never goes on with a guessed value.
 */
import { bytesToBigint, hexToBytes, parseQuantity, toQuantity } from '../../primitives/hex.js';
import { addressToHex, parseAddress, type Address } from '../../primitives/address.js';
import type { AccountData, StateBackend } from './types.js';
import type { BlockEnv } from '../env.js';

/** A persistent answer store: key -> JSON text of the result. */
export interface RpcCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  /** Called after each batch that added answers. */
  flush?(): void;
}

export class RpcError extends Error {
  override name = 'RpcError';
}

export interface JsonRpcOptions {
  readonly url: string;
  /** The pinned block: a number, or 'latest' (resolved once, at connect). Default 'latest'. */
  readonly block?: bigint | 'latest';
  readonly cache?: RpcCache;
  /** Per HTTP request, in milliseconds. Default 30000. */
  readonly timeoutMs?: number;
  /** Most requests in one batch. Default 100. */
  readonly maxBatch?: number;
  readonly fetch?: typeof fetch;
}

/** The pinned block's header fields the EVM needs. */
export interface ForkHeader {
  readonly number: bigint;
  readonly hash: bigint;
  readonly env: Omit<BlockEnv, 'getBlockHash'>;
}

interface Queued {
  readonly method: string;
  readonly params: unknown[];
  readonly key: string;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

export class JsonRpcBackend implements StateBackend {
  /** HTTP requests sent (each one batch). */
  httpRequests = 0;
  private readonly memo = new Map<string, Promise<unknown>>();
  private queue: Queued[] = [];
  private readonly fetchFn: typeof fetch;

  private constructor(
    readonly opts: JsonRpcOptions,
    public blockNumber: bigint,
    public chainId: bigint,
    public header: ForkHeader,
  ) {
    this.fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Connects: resolves the block number, the chain id and the pinned block's header. */
  static async connect(opts: JsonRpcOptions): Promise<JsonRpcBackend> {
    if (typeof opts.url !== 'string' || !/^https?:\/\//i.test(opts.url)) {
      throw new RpcError(`JSON-RPC URL must be http(s)://..., got ${JSON.stringify(opts.url)}`);
    }
    const b = new JsonRpcBackend(opts, 0n, 0n, undefined as unknown as ForkHeader);
    const block = opts.block ?? 'latest';
    const [num, chain] = await Promise.all([
      block === 'latest' ? b.call('eth_blockNumber', [], false) : Promise.resolve(toQuantity(block)),
      b.call('eth_chainId', []),
    ]);
    b.blockNumber = b.quantity(num, 'eth_blockNumber');
    b.chainId = b.quantity(chain, 'eth_chainId');
    const h = await b.call('eth_getBlockByNumber', [toQuantity(b.blockNumber), false]);
    b.header = b.parseHeader(h);
    return b;
  }

  private get tag(): string {
    return toQuantity(this.blockNumber);
  }

  async getAccount(addr: Address): Promise<AccountData | null> {
    const a = addressToHex(addr);
    const [bal, nonce, code] = await Promise.all([
      this.call('eth_getBalance', [a, this.tag]),
      this.call('eth_getTransactionCount', [a, this.tag]),
      this.call('eth_getCode', [a, this.tag]),
    ]);
    const balance = this.quantity(bal, `eth_getBalance(${a})`);
    const n = this.quantity(nonce, `eth_getTransactionCount(${a})`);
    const c = this.bytes(code, `eth_getCode(${a})`);
    // JSON-RPC cannot tell an empty existing account from an absent one; both read as absent.
    if (balance === 0n && n === 0n && c.length === 0) return null;
    return { balance, nonce: n, code: c };
  }

  async getStorage(addr: Address, key: bigint): Promise<bigint> {
    const a = addressToHex(addr);
    const k = '0x' + key.toString(16).padStart(64, '0');
    const v = await this.call('eth_getStorageAt', [a, k, this.tag]);
    return bytesToBigint(this.bytes(v, `eth_getStorageAt(${a}, ${k})`));
  }

  async getBlockHash(n: bigint): Promise<bigint> {
    const h = await this.call('eth_getBlockByNumber', [toQuantity(n), false]);
    const hash = (h as { hash?: unknown } | null)?.hash;
    return bytesToBigint(this.bytes(hash, `eth_getBlockByNumber(${n}).hash`));
  }

  // ---------------------------------------------------------------- answers

  private quantity(v: unknown, what: string): bigint {
    try {
      if (typeof v !== 'string') throw new Error(`expected a hex quantity, got ${JSON.stringify(v)}`);
      return parseQuantity(v, what);
    } catch (e) {
      throw new RpcError(`${this.opts.url}: ${what}: malformed answer: ${(e as Error).message}`);
    }
  }

  private bytes(v: unknown, what: string): Uint8Array {
    try {
      if (typeof v !== 'string') throw new Error(`expected hex data, got ${JSON.stringify(v)}`);
      return hexToBytes(v, what);
    } catch (e) {
      throw new RpcError(`${this.opts.url}: ${what}: malformed answer: ${(e as Error).message}`);
    }
  }

  private parseHeader(h: unknown): ForkHeader {
    if (h === null || typeof h !== 'object') throw new RpcError(`${this.opts.url}: block ${this.blockNumber} not found`);
    const o = h as Record<string, unknown>;
    const q = (k: string, d?: bigint): bigint =>
      o[k] === undefined || o[k] === null ? (d ?? this.quantity(o[k], `block.${k}`)) : this.quantity(o[k], `block.${k}`);
    const w = (k: string): bigint => (o[k] === undefined || o[k] === null ? 0n : bytesToBigint(this.bytes(o[k], `block.${k}`)));
    let coinbase: Address;
    try {
      coinbase = parseAddress(String(o.miner), 'block.miner');
    } catch (e) {
      throw new RpcError(`${this.opts.url}: malformed block header: ${(e as Error).message}`);
    }
    const excess = o.excessBlobGas;
    return {
      number: q('number'),
      hash: w('hash'),
      env: {
        coinbase,
        gasLimit: q('gasLimit'),
        number: q('number'),
        timestamp: q('timestamp'),
        difficulty: q('difficulty', 0n),
        prevRandao: w('mixHash'),
        baseFee: q('baseFeePerGas', 0n),
        excessBlobGas: excess === undefined || excess === null ? undefined : this.quantity(excess, 'block.excessBlobGas'),
      },
    };
  }

  // ---------------------------------------------------------------- transport

  /** One JSON-RPC call: memoized, cached (unless `cacheable` is false), batched with its tick's others. */
  call(method: string, params: unknown[], cacheable = true): Promise<unknown> {
    const key = `${method}${JSON.stringify(params)}`;
    if (cacheable) {
      const m = this.memo.get(key);
      if (m !== undefined) return m;
      const hit = this.opts.cache?.get(key);
      if (hit !== undefined) {
        const p = Promise.resolve(JSON.parse(hit) as unknown);
        this.memo.set(key, p);
        return p;
      }
    }
    const p = new Promise<unknown>((resolve, reject) => {
      if (this.queue.length === 0) queueMicrotask(() => void this.flush());
      this.queue.push({ method, params, key, resolve, reject });
    });
    if (cacheable) {
      this.memo.set(key, p);
      p.catch(() => this.memo.delete(key)); // a failure is not remembered: a later run may retry
    }
    return p;
  }

  private async flush(): Promise<void> {
    const q = this.queue;
    this.queue = [];
    const max = this.opts.maxBatch ?? 100;
    const batches: Queued[][] = [];
    for (let i = 0; i < q.length; i += max) batches.push(q.slice(i, i + max));
    await Promise.all(batches.map((b) => this.send(b)));
  }

  private async send(batch: Queued[]): Promise<void> {
    const url = this.opts.url;
    const body = JSON.stringify(batch.map((r, id) => ({ jsonrpc: '2.0', id, method: r.method, params: r.params })));
    let answers: unknown;
    try {
      this.httpRequests++;
      const res = await this.fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
      const text = await res.text();
      if (!res.ok) throw new RpcError(`${url}: HTTP ${res.status} ${res.statusText}: ${text.slice(0, 200)}`);
      try {
        answers = JSON.parse(text);
      } catch {
        throw new RpcError(`${url}: answer is not JSON: ${text.slice(0, 200)}`);
      }
      if (!Array.isArray(answers)) throw new RpcError(`${url}: expected a JSON-RPC batch answer (array), got ${text.slice(0, 200)}`);
    } catch (e) {
      const err =
        e instanceof RpcError
          ? e
          : new RpcError(
              `${url}: request (${batch[0]!.method}${batch.length > 1 ? ` and ${batch.length - 1} more` : ''}) failed: ${describe(e)}`,
            );
      for (const r of batch) r.reject(err);
      return;
    }
    const byId = new Map<unknown, Record<string, unknown>>();
    for (const a of answers as unknown[])
      if (a !== null && typeof a === 'object') byId.set((a as { id?: unknown }).id, a as Record<string, unknown>);
    let added = false;
    batch.forEach((r, id) => {
      const a = byId.get(id);
      const what = `${r.method}(${r.params.map((p) => JSON.stringify(p)).join(', ')})`;
      if (a === undefined) return r.reject(new RpcError(`${url}: no answer to ${what}`));
      if (a.error !== undefined && a.error !== null) {
        const e = a.error as { code?: unknown; message?: unknown };
        return r.reject(new RpcError(`${url}: ${what} failed: ${String(e.message ?? JSON.stringify(e))} (code ${String(e.code)})`));
      }
      if (!('result' in a)) return r.reject(new RpcError(`${url}: answer to ${what} has neither result nor error`));
      if (this.opts.cache !== undefined && r.method !== 'eth_blockNumber') {
        this.opts.cache.set(r.key, JSON.stringify(a.result));
        added = true;
      }
      r.resolve(a.result);
    });
    if (added) this.opts.cache!.flush?.();
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const c = cause instanceof Error ? `: ${(cause as { code?: string }).code ?? cause.message}` : '';
    return `${e.message}${c}`;
  }
  return String(e);
}
