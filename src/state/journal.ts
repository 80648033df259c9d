/**
 * The journaled world state (go-ethereum `state.StateDB` + `journal.go`, revm `journaled_state`):
 * accounts in memory, every change appended to a journal so a checkpoint can be reverted exactly.
 * Synchronous: the interpreter never awaits. Warm/cold sets (EIP-2929), transient storage (EIP-1153),
 * the refund counter, logs, self-destructs (EIP-6780) and the set of accounts created in the current
 * transaction are journaled with it. Every table keyed by an address or a slot is a WordMap/WordSet
 * (src/primitives/wordMap.ts): those keys come from contracts, which could otherwise collide them in V8's hash.
 */
import { Account } from './account.js';
import { EMPTY_BYTES } from '../primitives/hex.js';
import { WordMap, WordSet } from '../primitives/wordMap.js';
import type { Address } from '../primitives/address.js';
import type { GenesisAlloc } from './env.js';

/** Whether an access was the first of the transaction (EIP-2929): it then costs more. */
export type Access = 'cold' | 'warm';

export interface Log {
  readonly address: Address;
  readonly topics: readonly bigint[];
  readonly data: Uint8Array;
}

const enum Entry {
  /** The account did not exist: revert deletes it. */
  Created,
  /** An account object replaced another (or none): revert restores `prev`. */
  Replaced,
  Balance,
  Nonce,
  Code,
  Storage,
  Transient,
  WarmAddress,
  WarmSlot,
  Touch,
  Refund,
  Log,
  SelfDestruct,
  NewContract,
}

class JournalEntry {
  constructor(
    readonly kind: Entry,
    readonly addr: Address,
    readonly key: bigint,
    readonly prev: unknown,
  ) {}
}

/**
 * Told what each transaction changed, when it ends (`finalizeTx`): the chain keeps its state trie up to
 * date from this instead of re-hashing the whole state (src/chain). Reverted changes are never reported.
 */
export interface ChangeTracker {
  /** The account changed, or was deleted; `reset`: its storage was cleared (deleted, or re-created). */
  account(addr: Address, reset: boolean): void;
  /** A storage slot of the account was written. */
  slot(addr: Address, key: bigint): void;
}

export class StateJournal {
  /** The world state. An address absent here does not exist. */
  readonly accounts: Map<Address, Account>;
  private journal: JournalEntry[] = [];
  private warmAddresses = new WordSet();
  /**
   * Addresses warm for the whole transaction without being recorded one by one (EIP-2929's precompiles:
   * the pipeline hands the executor's precompile addresses over instead of ten warm-set entries and
   * journal entries per transaction). Cleared by finalizeTx.
   */
  private prewarmed: ReadonlySet<Address> | null = null;
  private warmSlots = new WordMap<WordSet>();
  private transient = new WordMap<WordMap<bigint>>();
  /** Accounts created in the current transaction (EIP-6780). */
  private createdInTx = new WordSet();
  /** Accounts that executed SELFDESTRUCT and are to be deleted at the end of the transaction. */
  private destructed = new WordSet();
  refund = 0;
  logs: Log[] = [];
  /**
   * The RIPEMD-160 precompile touch quirk (mainnet block 2675119): a zero-value touch of this address
   * survives the revert of the frame that made it, so an empty account there is still deleted. Set by
   * the transition from Rules.ripemdTouchQuirk (Spurious Dragon to London; EIP-7523 ends it).
   */
  stickyTouchAddress: Address | null = null;
  private stickyTouched = false;
  /** Receives each transaction's changes as it ends (null: nobody listens, nothing is collected). */
  tracker: ChangeTracker | null = null;
  /**
   * The accounts whose original-value records (`Account.original`, written by setStorage only) got an entry
   * since the last finalizeTx, which clears them: not a walk over every account of the state each transaction.
   */
  private withOriginals: Account[] = [];

  /** `accounts`: the map to hold the world state in (a forked node's faults accounts in from its remote). */
  constructor(accounts?: Map<Address, Account>) {
    this.accounts = accounts ?? new WordMap<Account>();
  }

  static fromAlloc(alloc: GenesisAlloc): StateJournal {
    const s = new StateJournal();
    for (const [addr, a] of alloc) {
      const storage = new WordMap<bigint>();
      for (const [k, v] of a.storage) if (v !== 0n) storage.set(k, v);
      s.accounts.set(addr, new Account(a.nonce, a.balance, a.code, storage));
    }
    return s;
  }

  // ---------------------------------------------------------------- checkpoints

  checkpoint(): number {
    return this.journal.length;
  }

  /** Undo every change made since the checkpoint, newest first. */
  revert(cp: number): void {
    const j = this.journal;
    for (let i = j.length - 1; i >= cp; i--) this.undo(j[i]!);
    j.length = cp;
  }

  private undo(e: JournalEntry): void {
    switch (e.kind) {
      case Entry.Created:
        this.accounts.delete(e.addr);
        break;
      case Entry.Replaced:
        if (e.prev === undefined) this.accounts.delete(e.addr);
        else this.accounts.set(e.addr, e.prev as Account);
        break;
      case Entry.Balance:
        this.accounts.get(e.addr)!.balance = e.prev as bigint;
        break;
      case Entry.Nonce:
        this.accounts.get(e.addr)!.nonce = e.prev as bigint;
        break;
      case Entry.Code:
        this.accounts.get(e.addr)!.code = e.prev as Uint8Array;
        break;
      case Entry.Storage: {
        const st = this.accounts.get(e.addr)!.storage;
        if (e.prev === 0n) st.delete(e.key);
        else st.set(e.key, e.prev as bigint);
        break;
      }
      case Entry.Transient: {
        const t = this.transient.get(e.addr)!;
        if (e.prev === 0n) t.delete(e.key);
        else t.set(e.key, e.prev as bigint);
        break;
      }
      case Entry.WarmAddress:
        this.warmAddresses.delete(e.addr);
        break;
      case Entry.WarmSlot:
        this.warmSlots.get(e.addr)!.delete(e.key);
        break;
      case Entry.Touch:
        break;
      case Entry.Refund:
        this.refund = e.prev as number;
        break;
      case Entry.Log:
        this.logs.pop();
        break;
      case Entry.SelfDestruct:
        this.destructed.delete(e.addr);
        break;
      case Entry.NewContract:
        this.createdInTx.delete(e.addr);
        break;
    }
  }

  // ---------------------------------------------------------------- accounts

  exists(addr: Address): boolean {
    return this.accounts.has(addr);
  }

  /** EIP-161 "empty": absent, or no code, zero nonce and zero balance. */
  isEmptyOrAbsent(addr: Address): boolean {
    const a = this.accounts.get(addr);
    return a === undefined || a.isEmpty();
  }

  getAccount(addr: Address): Account | undefined {
    return this.accounts.get(addr);
  }

  getBalance(addr: Address): bigint {
    return this.accounts.get(addr)?.balance ?? 0n;
  }

  getNonce(addr: Address): bigint {
    return this.accounts.get(addr)?.nonce ?? 0n;
  }

  getCode(addr: Address): Uint8Array {
    return this.accounts.get(addr)?.code ?? EMPTY_BYTES;
  }

  /** The code hash, or undefined for an absent account (EXTCODEHASH pushes 0 then). */
  getCodeHash(addr: Address): Uint8Array | undefined {
    return this.accounts.get(addr)?.codeHash;
  }

  private getOrCreate(addr: Address): Account {
    let a = this.accounts.get(addr);
    if (a === undefined) {
      a = new Account();
      this.accounts.set(addr, a);
      this.journal.push(new JournalEntry(Entry.Created, addr, 0n, undefined));
    }
    return a;
  }

  /**
   * A fresh account at addr for a contract creation (go-ethereum `CreateAccount`): any balance already
   * there is kept, storage and code start empty.
   */
  createContractAccount(addr: Address): void {
    const prev = this.accounts.get(addr);
    const a = new Account(0n, prev?.balance ?? 0n);
    this.accounts.set(addr, a);
    this.journal.push(new JournalEntry(Entry.Replaced, addr, 0n, prev));
    this.createdInTx.add(addr);
    this.journal.push(new JournalEntry(Entry.NewContract, addr, 0n, undefined));
  }

  /** Makes an account exist (empty) when it does not; a touch otherwise. */
  touch(addr: Address): void {
    if (addr === this.stickyTouchAddress) this.stickyTouched = true;
    if (!this.accounts.has(addr)) this.getOrCreate(addr);
    else this.journal.push(new JournalEntry(Entry.Touch, addr, 0n, undefined));
  }

  setBalance(addr: Address, v: bigint): void {
    const a = this.getOrCreate(addr);
    this.journal.push(new JournalEntry(Entry.Balance, addr, 0n, a.balance));
    a.balance = v;
  }

  addBalance(addr: Address, v: bigint): void {
    if (v === 0n && addr === this.stickyTouchAddress) this.stickyTouched = true;
    const a = this.getOrCreate(addr);
    this.journal.push(new JournalEntry(Entry.Balance, addr, 0n, a.balance));
    a.balance += v;
  }

  /** Caller checks the balance suffices. */
  subBalance(addr: Address, v: bigint): void {
    const a = this.getOrCreate(addr);
    this.journal.push(new JournalEntry(Entry.Balance, addr, 0n, a.balance));
    a.balance -= v;
  }

  setNonce(addr: Address, n: bigint): void {
    const a = this.getOrCreate(addr);
    this.journal.push(new JournalEntry(Entry.Nonce, addr, 0n, a.nonce));
    a.nonce = n;
  }

  setCode(addr: Address, code: Uint8Array): void {
    const a = this.getOrCreate(addr);
    this.journal.push(new JournalEntry(Entry.Code, addr, 0n, a.code));
    a.code = code;
  }

  // ---------------------------------------------------------------- storage

  getStorage(addr: Address, key: bigint): bigint {
    const a = this.accounts.get(addr);
    if (a === undefined) return 0n;
    return a.storage.get(key) ?? 0n;
  }

  /** The slot's value at the start of the transaction (EIP-2200 original value). */
  getOriginalStorage(addr: Address, key: bigint): bigint {
    const a = this.accounts.get(addr);
    return a === undefined ? 0n : a.originalValue(key);
  }

  setStorage(addr: Address, key: bigint, value: bigint): void {
    const a = this.getOrCreate(addr);
    const prev = a.storage.get(key) ?? 0n;
    if (!a.original.has(key)) {
      if (a.original.size === 0) this.withOriginals.push(a);
      a.original.set(key, prev);
    }
    this.journal.push(new JournalEntry(Entry.Storage, addr, key, prev));
    if (value === 0n) a.storage.delete(key);
    else a.storage.set(key, value);
  }

  /** EIP-7610: a non-empty storage makes a creation collide. */
  hasStorage(addr: Address): boolean {
    const a = this.accounts.get(addr);
    return a !== undefined && a.storage.size > 0;
  }

  // ---------------------------------------------------------------- transient storage (EIP-1153)

  getTransient(addr: Address, key: bigint): bigint {
    return this.transient.get(addr)?.get(key) ?? 0n;
  }

  setTransient(addr: Address, key: bigint, value: bigint): void {
    let t = this.transient.get(addr);
    if (t === undefined) {
      t = new WordMap();
      this.transient.set(addr, t);
    }
    const prev = t.get(key) ?? 0n;
    this.journal.push(new JournalEntry(Entry.Transient, addr, key, prev));
    if (value === 0n) t.delete(key);
    else t.set(key, value);
  }

  // ---------------------------------------------------------------- access lists (EIP-2929)

  isWarmAccount(addr: Address): boolean {
    return this.warmAddresses.has(addr) || (this.prewarmed !== null && this.prewarmed.has(addr));
  }

  /** Makes every address of `set` warm until the end of the transaction (not journaled: a revert keeps it). */
  warmForTx(set: ReadonlySet<Address>): void {
    this.prewarmed = set;
  }

  /** Marks the account warm (journaled); says whether this access was the transaction's first. */
  accessAccount(addr: Address): Access {
    if (this.warmAddresses.has(addr) || (this.prewarmed !== null && this.prewarmed.has(addr))) return 'warm';
    this.warmAddresses.addNew(addr);
    this.journal.push(new JournalEntry(Entry.WarmAddress, addr, 0n, undefined));
    return 'cold';
  }

  /** Marks the slot warm (journaled); says whether this access was the transaction's first. */
  accessSlot(addr: Address, key: bigint): Access {
    let s = this.warmSlots.get(addr);
    if (s === undefined) {
      s = new WordSet();
      this.warmSlots.set(addr, s);
    } else if (s.has(key)) return 'warm';
    s.addNew(key);
    this.journal.push(new JournalEntry(Entry.WarmSlot, addr, key, undefined));
    return 'cold';
  }

  // ---------------------------------------------------------------- refunds, logs, self-destruct

  addRefund(n: number): void {
    this.journal.push(new JournalEntry(Entry.Refund, 0n, 0n, this.refund));
    this.refund += n;
  }

  subRefund(n: number): void {
    this.journal.push(new JournalEntry(Entry.Refund, 0n, 0n, this.refund));
    this.refund -= n;
  }

  addLog(log: Log): void {
    this.logs.push(log);
    this.journal.push(new JournalEntry(Entry.Log, log.address, 0n, undefined));
  }

  isCreatedInTx(addr: Address): boolean {
    return this.createdInTx.has(addr);
  }

  hasSelfDestructed(addr: Address): boolean {
    return this.destructed.has(addr);
  }

  /** Schedules the account for deletion at the end of the transaction. */
  markSelfDestructed(addr: Address): void {
    if (this.destructed.has(addr)) return;
    this.destructed.add(addr);
    this.journal.push(new JournalEntry(Entry.SelfDestruct, addr, 0n, undefined));
  }

  // ---------------------------------------------------------------- transaction boundaries

  /**
   * Ends a transaction (go-ethereum `Finalise`): deletes self-destructed accounts and, under EIP-161,
   * every empty account the transaction touched; clears the journal, access lists, transient storage,
   * the refund counter and original-value records.
   */
  finalizeTx(deleteEmpty: boolean): void {
    const t = this.tracker;
    if (t !== null) this.report(t);
    for (const addr of this.destructed) {
      this.accounts.delete(addr);
      t?.account(addr, true);
    }
    if (deleteEmpty) {
      if (this.stickyTouched) {
        const a = this.accounts.get(this.stickyTouchAddress!);
        if (a !== undefined && a.isEmpty()) {
          this.accounts.delete(this.stickyTouchAddress!);
          t?.account(this.stickyTouchAddress!, true);
        }
      }
      for (const e of this.journal) {
        switch (e.kind) {
          case Entry.Created:
          case Entry.Replaced:
          case Entry.Balance:
          case Entry.Nonce:
          case Entry.Code:
          case Entry.Storage:
          case Entry.Touch: {
            const a = this.accounts.get(e.addr);
            if (a !== undefined && a.isEmpty()) {
              this.accounts.delete(e.addr);
              t?.account(e.addr, true);
            }
          }
        }
      }
    }
    const wo = this.withOriginals;
    if (wo.length > 0) {
      for (let i = 0; i < wo.length; i++) wo[i]!.original.clear();
      wo.length = 0;
    }
    this.journal = [];
    this.warmAddresses.clear();
    this.prewarmed = null;
    this.warmSlots.clear();
    this.transient.clear();
    this.createdInTx.clear();
    this.destructed.clear();
    this.stickyTouched = false;
    this.refund = 0;
  }

  /** Tells the tracker every account and slot the journal's surviving entries changed. */
  private report(t: ChangeTracker): void {
    for (const e of this.journal) {
      switch (e.kind) {
        case Entry.Created:
        case Entry.Balance:
        case Entry.Nonce:
        case Entry.Code:
          t.account(e.addr, false);
          break;
        case Entry.Replaced:
          t.account(e.addr, true);
          break;
        case Entry.Storage:
          t.slot(e.addr, e.key);
          break;
      }
    }
  }

  /** The accounts and slots warm now (EIP-2929): what a transaction accessed so far (eth_createAccessList). */
  warmSet(): { readonly addresses: ReadonlySet<Address>; readonly slots: ReadonlyMap<Address, ReadonlySet<bigint>> } {
    return { addresses: this.warmAddresses, slots: this.warmSlots };
  }

  /** Drops the logs collected so far and returns them. */
  takeLogs(): Log[] {
    const l = this.logs;
    this.logs = [];
    return l;
  }
}
