/**
 * The chain's state, kept as persistent Merkle-Patricia tries (src/primitives/trie: immutable nodes, O(1)
 * copies): one account trie per imported block, sharing every unchanged node with its parent's, and
 * storage tries addressed by their root. A block costs the trie nodes along the paths it changed (plus
 * its change set), never a copy of the state, and its state root is re-hashed along those paths only.
 *
 * The executor runs on one fully loaded StateJournal (the "cursor", at some block). After a block runs,
 * `commit` writes what its transactions changed (reported by the journal's ChangeTracker) into a copy of
 * the parent's trie. Moving the journal to another block (a side chain, a reorg, an invalid block to
 * undo) reloads only the accounts and slots changed on the way (`restore`), read from the target's tries.
 *
 * Keys are keccak256 of the address or slot; their preimages are kept so a trie can be listed back into
 * accounts and slots (go-ethereum's preimage store).
 */
import { Trie } from '../primitives/trie/trie.js';
import { bytesToNibbles } from '../primitives/trie/nibbles.js';
import { accountRlp, storageValueRlp } from '../primitives/trie/state.js';
import { keccak256, EMPTY_TRIE_ROOT, KECCAK_EMPTY } from '../primitives/crypto/keccak.js';
import { decodeRlp } from '../primitives/rlp/decode.js';
import { readFixedBytes, readList, readUint } from '../primitives/rlp/fields.js';
import { addressToBytes, type Address } from '../primitives/address.js';
import { bigintToBytes, bytesEqual, bytesToBigint, bytesToHex, EMPTY_BYTES } from '../primitives/hex.js';
import { Account } from '../state/account.js';
import { WordMap } from '../primitives/wordMap.js';
import { StateJournal, type ChangeTracker } from '../state/journal.js';
import type { GenesisAlloc } from '../state/env.js';
import { ForkAccounts, ForkStorage, type ForkCache } from '../state/backends/forkCache.js';

/** What one block (or transaction) changed in one account. */
export interface AccountChange {
  /** The account was deleted or re-created: its storage starts empty. */
  reset: boolean;
  readonly slots: Set<bigint>;
}

/** Changes by address (the union over a block's transactions). */
export type Changes = Map<Address, AccountChange>;

/** Collects the journal's reports (see StateJournal.tracker). */
export class ChangeSet implements ChangeTracker {
  private current: Changes = new Map();

  /** The changes collected so far. */
  get changes(): Changes {
    return this.current;
  }

  private entry(addr: Address): AccountChange {
    let c = this.current.get(addr);
    if (c === undefined) this.current.set(addr, (c = { reset: false, slots: new Set() }));
    return c;
  }

  account(addr: Address, reset: boolean): void {
    const c = this.entry(addr);
    if (reset) {
      // Slots written before a reset are gone with it; later ones are reported after.
      c.reset = true;
      c.slots.clear();
    }
  }

  slot(addr: Address, key: bigint): void {
    this.entry(addr).slots.add(key);
  }

  /** Takes the changes collected so far and starts a new set. */
  take(): Changes {
    const c = this.current;
    this.current = new Map();
    return c;
  }
}

/** Adds `more` to `into` (changes of consecutive blocks or transactions, in order). */
export function mergeChanges(into: Changes, more: Changes): void {
  for (const [addr, c] of more) {
    const cur = into.get(addr);
    if (cur === undefined) into.set(addr, { reset: c.reset, slots: new Set(c.slots) });
    else {
      if (c.reset) cur.reset = true;
      for (const s of c.slots) cur.slots.add(s);
    }
  }
}

/** An account as the state trie holds it. */
export interface AccountState {
  readonly nonce: bigint;
  readonly balance: bigint;
  readonly storageRoot: Uint8Array;
  readonly codeHash: Uint8Array;
}

/** A latin-1 string of bytes: a compact Map key. */
function key(b: Uint8Array): string {
  return String.fromCharCode.apply(null, b as unknown as number[]);
}

function decodeAccount(rlp: Uint8Array): AccountState {
  const f = readList(decodeRlp(rlp), 'account', 4);
  return {
    nonce: readUint(f[0]!, 'account.nonce'),
    balance: readUint(f[1]!, 'account.balance'),
    storageRoot: readFixedBytes(f[2]!, 'account.storageRoot', 32),
    codeHash: readFixedBytes(f[3]!, 'account.codeHash', 32),
  };
}

const EMPTY_STORAGE = new Trie();

/**
 * A forked chain's tries hold only what was written locally, over the remote state at the pinned block
 * (a ForkCache): an account absent from a block's trie is the remote's, a slot absent from a local
 * account's storage trie is the remote's. So a deletion is kept as this marker (not a valid account RLP),
 * and a slot cleared to zero as an explicit zero value. State roots of such tries are not the chain's real
 * roots (anvil's and Hardhat's forks have none either).
 */
const DELETED = Uint8Array.of(0x00);
const ZERO_SLOT = Uint8Array.of(0x80);

function isDeleted(v: Uint8Array): boolean {
  return v.length === 1 && v[0] === 0x00;
}

export class StateTries {
  /** `base`: a forked chain's remote state (see DELETED). */
  constructor(readonly base?: ForkCache) {}

  private readonly codes = new Map<string, Uint8Array>();
  private readonly storage = new Map<string, Trie>();
  private readonly slotPreimages = new Map<string, bigint>();
  private readonly addressPreimages = new Map<string, Address>();

  /**
   * The paths (hashed key split into nibbles, Trie.getAt) of the keys already used: every block of a dev
   * chain rewrites the same few accounts and slots, and the nodes of every block's tries share these
   * arrays instead of each write splitting a fresh one. WordMaps: slots are chosen by contracts, which could
   * collide a Map<bigint, ...>'s hashing (and V8 hashes a bigint key again on every look-up).
   */
  private readonly addressPaths = new WordMap<Uint8Array>();
  private readonly slotPaths = new WordMap<Uint8Array>();
  /**
   * Per address, the account value written last, its decoded form and its storage trie: every block reads
   * the accounts it changes again, and the node reads the sender's nonce on every request (a trie hands
   * back the very Uint8Array it was given, so identity tells the value is that one).
   */
  private readonly lastWritten = new WordMap<{ readonly rlp: Uint8Array; readonly state: AccountState; readonly storage: Trie }>();

  private decode(addr: Address, rlp: Uint8Array): AccountState {
    const w = this.lastWritten.get(addr);
    return w !== undefined && w.rlp === rlp ? w.state : decodeAccount(rlp);
  }

  private addressPath(addr: Address): Uint8Array {
    let p = this.addressPaths.get(addr);
    if (p === undefined) {
      const k = keccak256(addressToBytes(addr));
      this.addressPreimages.set(key(k), addr);
      this.addressPaths.set(addr, (p = bytesToNibbles(k)));
    }
    return p;
  }

  private slotPath(slot: bigint): Uint8Array {
    let p = this.slotPaths.get(slot);
    if (p === undefined) {
      const k = keccak256(bigintToBytes(slot, 32));
      this.slotPreimages.set(key(k), slot);
      this.slotPaths.set(slot, (p = bytesToNibbles(k)));
    }
    return p;
  }

  /** The storage trie with this root (the empty trie for the empty root). */
  private storageTrie(root: Uint8Array): Trie {
    if (bytesEqual(root, EMPTY_TRIE_ROOT)) return EMPTY_STORAGE;
    const t = this.storage.get(key(root));
    if (t === undefined) throw new Error(`state: no storage trie with root ${bytesToHex(root)}`);
    return t;
  }

  /** Writes one account (from the journal, or its absence) into `trie`; `slots` are the storage keys to rewrite. */
  private writeAccount(trie: Trie, addr: Address, a: Account | undefined, reset: boolean, slots: Iterable<bigint>): void {
    const k = this.addressPath(addr);
    const fork = this.base !== undefined;
    if (a === undefined) {
      if (fork) trie.putAt(k, DELETED);
      else trie.deleteAt(k);
      return;
    }
    let st: Trie;
    if (reset) st = new Trie();
    else {
      const prev = trie.getAt(k);
      if (prev === undefined || isDeleted(prev)) st = new Trie();
      else {
        const w = this.lastWritten.get(addr);
        st = (w !== undefined && w.rlp === prev ? w.storage : this.storageTrie(decodeAccount(prev).storageRoot)).copy();
      }
    }
    for (const slot of slots) {
      const v = a.storage.get(slot) ?? 0n;
      const sk = this.slotPath(slot);
      if (v !== 0n) st.putAt(sk, storageValueRlp(v));
      else if (fork) st.putAt(sk, ZERO_SLOT);
      else st.deleteAt(sk);
    }
    const storageRoot = st.root();
    if (!st.isEmpty) this.storage.set(key(storageRoot), st);
    const codeHash = a.codeHash;
    if (a.code.length > 0) this.codes.set(key(codeHash), a.code);
    const state: AccountState = { nonce: a.nonce, balance: a.balance, storageRoot, codeHash };
    const rlp = accountRlp(state);
    this.lastWritten.set(addr, { rlp, state, storage: st.isEmpty ? EMPTY_STORAGE : st });
    trie.putAt(k, rlp);
  }

  /** The account trie of a state given in full (a genesis). */
  fromJournal(journal: StateJournal): Trie {
    const trie = new Trie();
    for (const [addr, a] of journal.accounts) this.writeAccount(trie, addr, a, true, a.storage.keys());
    return trie;
  }

  /** `base` with `changes` written from the journal (which holds the state after them): a new trie. */
  commit(base: Trie, journal: StateJournal, changes: Changes): Trie {
    const trie = base.copy();
    for (const [addr, c] of changes) this.writeAccount(trie, addr, journal.accounts.get(addr), c.reset, c.slots);
    return trie;
  }

  // ---------------------------------------------------------------- reading a state

  account(trie: Trie, addr: Address): AccountState | undefined {
    // The key as computed for a write when there was one (a read alone does not grow the cache).
    const path = this.addressPaths.get(addr);
    const v = path === undefined ? trie.get(keccak256(addressToBytes(addr))) : trie.getAt(path);
    if (v === undefined) return this.base === undefined ? undefined : this.remoteAccount(addr);
    return this.base !== undefined && isDeleted(v) ? undefined : this.decode(addr, v);
  }

  /** A forked chain's account as the remote has it (a miss reads as absent: the request runs again). */
  private remoteAccount(addr: Address): AccountState | undefined {
    const d = this.base!.account(addr);
    if (d === undefined || d === null) return undefined;
    const codeHash = keccak256(d.code);
    if (d.code.length > 0) this.codes.set(key(codeHash), d.code);
    return { nonce: d.nonce, balance: d.balance, storageRoot: EMPTY_TRIE_ROOT, codeHash };
  }

  code(codeHash: Uint8Array): Uint8Array {
    if (bytesEqual(codeHash, KECCAK_EMPTY)) return EMPTY_BYTES;
    const c = this.codes.get(key(codeHash));
    if (c === undefined) throw new Error(`state: no code with hash ${bytesToHex(codeHash)}`);
    return c;
  }

  storageAt(trie: Trie, addr: Address, slot: bigint): bigint {
    if (this.base !== undefined) return this.forkStorageAt(trie, addr, slot);
    const a = this.account(trie, addr);
    if (a === undefined) return 0n;
    return this.slotValue(this.storageTrie(a.storageRoot), slot);
  }

  /** The slot's Merkle proof in the account's storage trie (EIP-1186); none when the account does not exist. */
  storageProof(trie: Trie, addr: Address, slot: bigint): Uint8Array[] {
    const a = this.account(trie, addr);
    if (a === undefined) return [];
    return this.storageTrie(a.storageRoot).proof(keccak256(bigintToBytes(slot, 32)));
  }

  /** A forked chain's slot: written locally, else the remote's (a deleted account has none). */
  private forkStorageAt(trie: Trie, addr: Address, slot: bigint): bigint {
    const v = trie.get(keccak256(addressToBytes(addr)));
    if (v !== undefined) {
      if (isDeleted(v)) return 0n;
      const raw = this.storageTrie(decodeAccount(v).storageRoot).get(keccak256(bigintToBytes(slot, 32)));
      if (raw !== undefined) return bytesToBigint(readUintBytes(raw));
    }
    return this.base!.storage(addr, slot) ?? 0n;
  }

  private slotValue(st: Trie, slot: bigint): bigint {
    const v = st.get(keccak256(bigintToBytes(slot, 32)));
    return v === undefined ? 0n : bytesToBigint(readUintBytes(v));
  }

  /** Every slot of an account's storage (slot -> value), from its storage root. */
  storageEntries(storageRoot: Uint8Array): Map<bigint, bigint> {
    const out = new Map<bigint, bigint>();
    for (const [k, v] of this.storageTrie(storageRoot).entries()) {
      const slot = this.slotPreimages.get(key(k));
      if (slot === undefined) throw new Error('state: a storage key without a preimage');
      out.set(slot, bytesToBigint(readUintBytes(v)));
    }
    return out;
  }

  /** Every account of a state (address -> account), for dumps and full copies. */
  *accounts(trie: Trie): Generator<[Address, AccountState]> {
    for (const [addr, a] of this.entriesOf(trie)) if (a !== undefined) yield [addr, a];
  }

  /** Every account of the trie, a forked chain's deleted ones as undefined. */
  private *entriesOf(trie: Trie): Generator<[Address, AccountState | undefined]> {
    for (const [k, v] of trie.entries()) {
      const addr = this.addressPreimages.get(key(k));
      if (addr === undefined) throw new Error('state: an account key without a preimage');
      yield [addr, this.base !== undefined && isDeleted(v) ? undefined : decodeAccount(v)];
    }
  }

  private loadAccount(a: AccountState, addr: Address): Account {
    if (this.base === undefined) return new Account(a.nonce, a.balance, this.code(a.codeHash), this.storageEntries(a.storageRoot));
    // A forked chain's account: the slots written locally (zeros too), the rest from the remote.
    const local: [bigint, bigint][] = [];
    if (!bytesEqual(a.storageRoot, EMPTY_TRIE_ROOT)) {
      for (const [k, v] of this.storageTrie(a.storageRoot).entries()) {
        const slot = this.slotPreimages.get(key(k));
        if (slot === undefined) throw new Error('state: a storage key without a preimage');
        local.push([slot, bytesToBigint(readUintBytes(v))]);
      }
    }
    return new Account(a.nonce, a.balance, this.code(a.codeHash), new ForkStorage(this.base, addr, local));
  }

  /** A new journal (a forked chain's falls through to the remote for what it has not seen). */
  private newJournal(): StateJournal {
    return this.base === undefined ? new StateJournal() : new StateJournal(new ForkAccounts(this.base));
  }

  /** A fully loaded journal of a state (O(state): for a writable copy at an old block). */
  toJournal(trie: Trie): StateJournal {
    const j = this.newJournal();
    for (const [addr, a] of this.entriesOf(trie)) {
      if (a === undefined) j.accounts.delete(addr);
      else j.accounts.set(addr, this.loadAccount(a, addr));
    }
    return j;
  }

  /**
   * Makes `journal` hold the state of `trie`, where the two differ at most in `changes` (the changes of the
   * blocks between them): each changed account is read back from the trie; storage slot by slot, or in full
   * where it was reset on the way.
   */
  restore(journal: StateJournal, trie: Trie, changes: Changes): void {
    for (const [addr, c] of changes) {
      const target = this.account(trie, addr);
      if (target === undefined) {
        journal.accounts.delete(addr);
        continue;
      }
      const cur = this.base === undefined ? journal.accounts.get(addr) : undefined;
      if (c.reset || cur === undefined) {
        // (A forked chain's account is always read back whole: its slots fall through to the remote.)
        journal.accounts.set(addr, this.loadAccount(target, addr));
        continue;
      }
      cur.nonce = target.nonce;
      cur.balance = target.balance;
      if (!bytesEqual(cur.codeHash, target.codeHash)) cur.code = this.code(target.codeHash);
      const st = this.storageTrie(target.storageRoot);
      for (const slot of c.slots) {
        const v = this.slotValue(st, slot);
        if (v === 0n) cur.storage.delete(slot);
        else cur.storage.set(slot, v);
      }
    }
  }

  /** A journal over a genesis allocation, with its trie. */
  genesis(alloc: GenesisAlloc): { journal: StateJournal; trie: Trie } {
    if (this.base === undefined) {
      const journal = StateJournal.fromAlloc(alloc);
      return { journal, trie: this.fromJournal(journal) };
    }
    const journal = this.newJournal();
    for (const [addr, a] of alloc)
      journal.accounts.set(addr, new Account(a.nonce, a.balance, a.code, new ForkStorage(this.base, addr, a.storage)));
    return { journal, trie: this.fromJournal(journal) };
  }
}

/** The payload of an RLP-encoded storage value (a byte string of at most 32 bytes). */
function readUintBytes(rlp: Uint8Array): Uint8Array {
  const item = decodeRlp(rlp);
  if (!(item instanceof Uint8Array)) throw new Error('state: a storage value is not a byte string');
  return item;
}
