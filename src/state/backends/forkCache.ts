/**
 * A forked node's view of its remote state: a synchronous cache over a StateBackend (a JsonRpcBackend at
 * the pinned block) shared by every journal and every block's state of the node's chain.
 *
 * The node runs synchronously (blocks are built, imported and called on in one go), so its state cannot
 * await a fetch. Every read goes through this cache: a hit answers at once; a miss starts the fetch,
 * counts a miss and answers "not loaded" (undefined), which the journal's maps below take as "absent" for
 * now. The execution goes on (speculatively) on that guess, so that one attempt meets every read that does
 * not depend on an unloaded value, and each of them starts its fetch. The node's request layer
 * (src/rpc/backend/forkNode.ts) sees the miss counter move, discards the attempt (its result, the block it
 * built, the journal it wrote), awaits `settle()` and runs the request again, now with those values
 * cached: a request takes as many rounds as its reads depend on each other (a slot, then the contract whose
 * address it holds), not one per read, and each round's fetches go out together. Only an attempt that met
 * no miss is answered or kept, so every answer is computed on remote values only.
 *
 * ForkAccounts and ForkStorage are the maps a journal holds its accounts and an account its storage in:
 * a key never seen falls through to the cache (pre-state), a key written or deleted locally never does.
 */
import { Account } from '../account.js';
import { WordMap, WordSet } from '../../primitives/wordMap.js';
import type { Address } from '../../primitives/address.js';
import type { AccountData, StateBackend } from './types.js';

export class ForkCache {
  private readonly accounts = new WordMap<AccountData | null>();
  private readonly slots = new WordMap<WordMap<bigint>>();
  private readonly hashes = new WordMap<bigint>();
  private readonly inflight = new Map<string, Promise<void>>();
  private failure: unknown = undefined;
  /** Reads that found nothing cached (each started a fetch); a request compares it before and after. */
  misses = 0;

  constructor(
    private backend: StateBackend,
    /** The pinned block: BLOCKHASH of it and below comes from the backend. */
    readonly forkNumber: bigint,
  ) {}

  /** The remote account (null: none), or undefined when not loaded yet (the fetch is started). */
  account(addr: Address): AccountData | null | undefined {
    const a = this.accounts.get(addr);
    if (a !== undefined || this.accounts.has(addr)) return a;
    this.fetch(
      `a${addr}`,
      () => this.backend.getAccount(addr),
      (v) => this.accounts.set(addr, v),
    );
    return undefined;
  }

  /** A remote slot, or undefined when not loaded yet (the fetch is started). An absent account's slots are 0. */
  storage(addr: Address, key: bigint): bigint | undefined {
    const v = this.slots.get(addr)?.get(key);
    if (v !== undefined) return v;
    const a = this.account(addr);
    if (a === null) return 0n;
    this.fetch(
      `s${addr}:${key}`,
      () => this.backend.getStorage(addr, key),
      (x) => {
        let m = this.slots.get(addr);
        if (m === undefined) this.slots.set(addr, (m = new WordMap()));
        m.set(key, x);
      },
    );
    return undefined;
  }

  /** The hash of a block at or below the pinned one, or undefined when not loaded yet. */
  blockHash(n: bigint): bigint | undefined {
    const h = this.hashes.get(n);
    if (h !== undefined) return h;
    this.fetch(
      `h${n}`,
      () => this.backend.getBlockHash(n),
      (v) => this.hashes.set(n, v),
    );
    return undefined;
  }

  private fetch<T>(key: string, get: () => T | Promise<T>, put: (v: T) => void): void {
    this.misses++;
    if (this.inflight.has(key)) return;
    let r: T | Promise<T>;
    try {
      r = get();
    } catch (e) {
      this.failure ??= e;
      return;
    }
    if (!(r instanceof Promise)) {
      put(r);
      return;
    }
    const p = r.then(put, (e: unknown) => {
      this.failure ??= e;
    });
    const done = p.finally(() => this.inflight.delete(key));
    this.inflight.set(key, done);
  }

  /** Fetches from now on go to `b` (anvil_setRpcUrl: another node serving the same chain); what is cached stays. */
  useBackend(b: StateBackend): void {
    this.backend = b;
  }

  /** Whether fetches are under way. */
  get pending(): boolean {
    return this.inflight.size > 0;
  }

  /** Waits for every fetch under way; rejects with the first failure (the next request may retry). */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight.values()]);
    const f = this.failure;
    this.failure = undefined;
    if (f !== undefined) throw f;
  }

  /** Loads accounts (and slots) ahead of use. */
  async ensure(accounts: Iterable<Address>, slots: Iterable<readonly [Address, bigint]> = []): Promise<void> {
    for (const a of accounts) this.account(a);
    await this.settle();
    for (const [a, k] of slots) this.storage(a, k);
    await this.settle();
  }
}

/** A journal's accounts: an address never seen falls through to the remote (as it is at the pinned block). */
export class ForkAccounts extends WordMap<Account> {
  private readonly known = new WordSet();

  constructor(private readonly cache: ForkCache) {
    super();
  }

  override get(k: bigint): Account | undefined {
    const v = super.get(k);
    if (v !== undefined || this.known.has(k)) return v;
    return this.fault(k);
  }

  override has(k: bigint): boolean {
    return super.has(k) || (!this.known.has(k) && this.fault(k) !== undefined);
  }

  override set(k: bigint, v: Account): this {
    this.known.add(k);
    return super.set(k, v);
  }

  override delete(k: bigint): boolean {
    this.known.add(k);
    return super.delete(k);
  }

  private fault(k: bigint): Account | undefined {
    const d = this.cache.account(k);
    if (d === undefined) return undefined; // not loaded: the request runs again once it is
    this.known.add(k);
    if (d === null) return undefined;
    const a = new Account(d.nonce, d.balance, d.code, new ForkStorage(this.cache, k));
    super.set(k, a);
    return a;
  }
}

/** An account's storage: a slot never written locally falls through to the remote. */
export class ForkStorage extends WordMap<bigint> {
  private readonly known = new WordSet();

  private cache: ForkCache | null;

  constructor(
    cache: ForkCache,
    private readonly addr: Address,
    /** Slots written locally: value (0 = cleared). */
    local?: Iterable<readonly [bigint, bigint]>,
  ) {
    super();
    this.cache = cache;
    if (local !== undefined) for (const [k, v] of local) v === 0n ? this.delete(k) : this.set(k, v);
  }

  override get(k: bigint): bigint | undefined {
    const v = super.get(k);
    if (v !== undefined || this.known.has(k)) return v;
    return this.fault(k);
  }

  override has(k: bigint): boolean {
    return super.has(k) || (!this.known.has(k) && this.fault(k) !== undefined);
  }

  override set(k: bigint, v: bigint): this {
    this.known.add(k);
    return super.set(k, v);
  }

  override delete(k: bigint): boolean {
    this.known.add(k);
    return super.delete(k);
  }

  /** Every slot is local from now on (a state override replacing all storage). */
  detach(): void {
    this.cache = null;
  }

  private fault(k: bigint): bigint | undefined {
    if (this.cache === null) return undefined;
    const v = this.cache.storage(this.addr, k);
    if (v === undefined) return undefined;
    this.known.add(k);
    if (v === 0n) return undefined;
    super.set(k, v);
    return v;
  }
}
