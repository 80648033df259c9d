/**
 * Lazily loaded state: a StateJournal filled from a StateBackend on first use. The journal stays the one
 * source of truth during execution; this class only knows which accounts, slots and block hashes have been
 * loaded, records misses (it is the executor's StateLoader) and installs fetched values as pre-state.
 *
 * A slot is fetched only for an account object that came from the backend: an account re-created in this
 * session (CREATE over it, or deleted by SELFDESTRUCT) has no remote storage any more. Addresses, slots and
 * block numbers come from contracts: every table here is a WordMap/WordSet (src/primitives/wordMap.ts).
 */
import { Account } from '../account.js';
import { WordMap, WordSet } from '../../primitives/wordMap.js';
import type { StateJournal } from '../journal.js';
import type { Address } from '../../primitives/address.js';
import type { StateLoader } from './loader.js';
import type { AccountData, StateBackend } from './types.js';

export interface LazySnapshot {
  readonly loaded: ReadonlySet<Address>;
  readonly remote: ReadonlySet<Address>;
  readonly slots: ReadonlyMap<Address, ReadonlySet<bigint>>;
}

export class LazyState implements StateLoader {
  private loaded = new WordSet();
  private remote = new WordMap<Account>();
  private slotsLoaded = new WordMap<WordSet>();
  private readonly hashes = new WordMap<bigint>();
  private wantAccounts = new WordSet();
  private wantSlots = new WordMap<WordSet>();
  private wantHashes = new WordSet();
  /** Number of backend requests made (accounts + slots + hashes), for tests and benchmarks. */
  fetches = 0;

  constructor(
    readonly journal: StateJournal,
    readonly backend: StateBackend,
  ) {}

  // ---------------------------------------------------------------- StateLoader

  missingAccount(addr: Address): boolean {
    if (this.loaded.has(addr)) return false;
    this.wantAccounts.add(addr);
    return true;
  }

  missingSlot(addr: Address, key: bigint): boolean {
    if (!this.loaded.has(addr)) {
      this.wantAccounts.add(addr);
      return true;
    }
    const a = this.journal.accounts.get(addr);
    if (a === undefined || this.remote.get(addr) !== a) return false;
    if (this.slotsLoaded.get(addr)?.has(key)) return false;
    let w = this.wantSlots.get(addr);
    if (w === undefined) this.wantSlots.set(addr, (w = new WordSet()));
    w.add(key);
    return true;
  }

  missingBlockHash(n: bigint): boolean {
    if (this.hashes.has(n)) return false;
    this.wantHashes.add(n);
    return true;
  }

  /** BLOCKHASH source for the BlockEnv (the executor loads the hash before asking). */
  blockHash = (n: bigint): bigint => {
    const h = this.hashes.get(n);
    if (h === undefined) throw new Error(`block hash of ${n} was read before it was loaded`);
    return h;
  };

  /** Whether anything is recorded to load. */
  get pending(): boolean {
    return this.wantAccounts.size > 0 || this.wantSlots.size > 0 || this.wantHashes.size > 0;
  }

  /** Records accounts (and slots) to load with the next `load()`, e.g. a transaction's sender and recipient. */
  want(accounts: Iterable<Address>, slots: Iterable<readonly [Address, bigint]> = []): void {
    for (const a of accounts) this.missingAccount(a);
    for (const [a, k] of slots) if (this.loaded.has(a)) this.missingSlot(a, k);
  }

  // ---------------------------------------------------------------- loading

  /**
   * Fetches everything recorded and installs it. Returns true when the backend answered synchronously
   * (all installed already), else a Promise that settles when installed (rejects with the backend's error).
   */
  load(): true | Promise<void> {
    const accounts = [...this.wantAccounts];
    const slots: [Address, bigint][] = [];
    for (const [a, ks] of this.wantSlots) for (const k of ks) slots.push([a, k]);
    const hashes = [...this.wantHashes];
    this.wantAccounts = new WordSet();
    this.wantSlots = new WordMap();
    this.wantHashes = new WordSet();
    this.fetches += accounts.length + slots.length + hashes.length;
    const b = this.backend;
    const ra = accounts.map((a) => b.getAccount(a));
    const rs = slots.map(([a, k]) => b.getStorage(a, k));
    const rh = hashes.map((n) => b.getBlockHash(n));
    const all = [...ra, ...rs, ...rh];
    if (!all.some((r) => r instanceof Promise)) {
      this.install(accounts, ra as (AccountData | null)[], slots, rs as bigint[], hashes, rh as bigint[]);
      return true;
    }
    return Promise.all([Promise.all(ra), Promise.all(rs), Promise.all(rh)]).then(([va, vs, vh]) =>
      this.install(accounts, va, slots, vs, hashes, vh),
    );
  }

  /** Synchronous load for the executor's `execute`: false when the backend is asynchronous. */
  loadSync = (): boolean => {
    const r = this.load();
    if (r === true) return true;
    r.catch(() => {}); // the caller reports the failure to go async; this fetch's outcome is not used
    return false;
  };

  private install(
    accounts: Address[],
    va: readonly (AccountData | null)[],
    slots: [Address, bigint][],
    vs: readonly bigint[],
    hashes: bigint[],
    vh: readonly bigint[],
  ): void {
    const j = this.journal;
    accounts.forEach((addr, i) => {
      if (this.loaded.has(addr)) return;
      this.loaded.add(addr);
      const d = va[i];
      if (d === null || d === undefined || j.accounts.has(addr)) return;
      const a = new Account(d.nonce, d.balance, d.code);
      j.accounts.set(addr, a);
      this.remote.set(addr, a);
    });
    slots.forEach(([addr, key], i) => {
      const a = this.remote.get(addr);
      if (a === undefined || j.accounts.get(addr) !== a) return;
      let s = this.slotsLoaded.get(addr);
      if (s === undefined) this.slotsLoaded.set(addr, (s = new WordSet()));
      if (s.has(key)) return;
      s.add(key);
      const v = vs[i]!;
      if (v !== 0n && !a.storage.has(key)) a.storage.set(key, v);
    });
    hashes.forEach((n, i) => this.hashes.set(n, vh[i]!));
  }

  // ---------------------------------------------------------------- snapshots

  snapshot(): LazySnapshot {
    const remote = new WordSet();
    for (const [addr, a] of this.remote) if (this.journal.accounts.get(addr) === a) remote.add(addr);
    const slots = new WordMap<ReadonlySet<bigint>>();
    for (const [a, s] of this.slotsLoaded) slots.set(a, new WordSet(s));
    return { loaded: new WordSet(this.loaded), remote, slots };
  }

  /** After the journal's accounts were restored from a copy: re-link what came from the backend. */
  restore(s: LazySnapshot): void {
    this.loaded = new WordSet(s.loaded);
    this.remote = new WordMap();
    for (const addr of s.remote) {
      const a = this.journal.accounts.get(addr);
      if (a !== undefined) this.remote.set(addr, a);
    }
    this.slotsLoaded = new WordMap();
    for (const [a, ks] of s.slots) this.slotsLoaded.set(a, new WordSet(ks));
  }
}
