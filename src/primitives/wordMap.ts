/**
 * Maps and sets keyed by non-negative bigints (words, addresses) that an attacker cannot make slow.
 *
 * V8 hashes a BigInt key by its lowest 64-bit digit, without a seed: keys that differ only above bit 64
 * (slot i << 64, address i << 64) all fall into one bucket, so a contract that touches such keys turns
 * every lookup of a Map<bigint, V> into a walk over all of them (a 30M-gas loop of cold SLOADs took 7.1 s
 * against 0.57 s for keys i). Small numbers are hashed without a seed too, so number keys are no better.
 *
 * WordMap hashes keys itself, with a per-process random key: the low 64 bits (read through a
 * BigUint64Array, which costs no allocation) mixed with secret multipliers. Keys that share their low 64
 * bits still share that hash; when a lookup meets more than COLLISION_LIMIT of them the map switches to
 * hashing all of every key's bits (a few bigint shifts per operation, for that map only), so forcing
 * collisions buys an attacker a constant factor on the maps they fill, never a quadratic one.
 *
 * Open addressing with linear probing over an Int32Array index into insertion-ordered entry arrays, so
 * iteration order is insertion order as with Map. It implements the Map (WordMap) and Set (WordSet)
 * interfaces, so code written for Map<bigint, V> keeps working.
 */

const SEED = new Uint32Array(6);
if (typeof globalThis.crypto?.getRandomValues === 'function') globalThis.crypto.getRandomValues(SEED);
else for (let i = 0; i < SEED.length; i++) SEED[i] = (Math.random() * 2 ** 32) >>> 0;
const S0 = SEED[0]! | 0;
const S1 = SEED[1]! | 0;
const S2 = SEED[2]! | 0;
const M1 = SEED[3]! | 1;
const M2 = SEED[4]! | 1;
const M3 = SEED[5]! | 1;

/** The low 64 bits of a key as two 32-bit halves, without allocating (B64 truncates modulo 2^64). */
const B64 = new BigUint64Array(1);
const U32 = new Int32Array(B64.buffer);

/** Keyed mix of two 32-bit words (multiply-xorshift with secret seeds and odd multipliers). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ S0, M1);
  h ^= h >>> 15;
  h = Math.imul(h ^ b ^ S1, M2);
  h ^= h >>> 13;
  h = Math.imul(h ^ S2, M3);
  return h ^ (h >>> 16);
}

/** The keyed hash of all of a key's bits, 64 at a time. */
function fullHash(k: bigint): number {
  B64[0] = k;
  let h = mix(U32[0]!, U32[1]!);
  for (let x = k >> 64n; x !== 0n && x !== -1n; x >>= 64n) {
    B64[0] = x;
    h = mix(U32[0]! ^ h, U32[1]! + 0x3c6ef372);
  }
  return k < 0n ? ~h : h;
}

/** Entries with the same low 64 bits as the key a lookup passes before its map hashes all bits. */
const COLLISION_LIMIT = 8;
const EMPTY = 0;
const TOMBSTONE = -1;
const NO_I32 = new Int32Array(0);
const NO_U8 = new Uint8Array(0);
/** The entry lists of an empty table (never written: the first insertion allocates). */
const NO_ENTRIES: never[] = [];
/** The largest index (slots) `clear` keeps for reuse (tables of up to 32 entries). */
const KEEP_SLOTS = 64;

/** The table behind WordMap and WordSet. */
class WordTable<V> {
  protected keyList: bigint[] = NO_ENTRIES;
  protected valList: V[] = NO_ENTRIES;
  /** Per entry: low 32 bits, next 32 bits, hash, and whether it is live. */
  private lo: Int32Array = NO_I32;
  private hi: Int32Array = NO_I32;
  private hashes: Int32Array = NO_I32;
  protected live: Uint8Array = NO_U8;
  /** Slots: entry index + 1, EMPTY or TOMBSTONE. */
  private index: Int32Array = NO_I32;
  private mask = -1;
  /** Entries appended (live or dead), live ones, tombstones in the index. */
  protected used = 0;
  protected count = 0;
  private tombs = 0;
  /** Hash all bits of every key (after collisions on the low 64 bits). */
  private full = false;
  /**
   * In full mode, the last key hashed and its hash: the operations on one key come in runs (has then add,
   * get then set), and a full hash costs a few bigint shifts.
   */
  private lastKey: bigint | null = null;
  private lastHash = 0;

  get size(): number {
    return this.count;
  }

  /** The hash of k in the current mode (B64/U32 hold k's low 64 bits on return). */
  private hashOf(k: bigint): number {
    if (!this.full) {
      B64[0] = k;
      return mix(U32[0]!, U32[1]!);
    }
    if (k !== this.lastKey) {
      this.lastHash = fullHash(k);
      this.lastKey = k;
    }
    B64[0] = k;
    return this.lastHash;
  }

  /** The entry of k, or -1. */
  protected find(k: bigint): number {
    if (this.count === 0) return -1;
    const h = this.hashOf(k);
    const a = U32[0]!;
    const b = U32[1]!;
    const index = this.index;
    const mask = this.mask;
    let i = h & mask;
    let same = 0;
    for (;;) {
      const e = index[i]!;
      if (e === EMPTY) break;
      if (e > 0) {
        const j = e - 1;
        if (this.lo[j] === a && this.hi[j] === b) {
          if (this.keyList[j] === k) return j;
          same++;
        }
      }
      i = (i + 1) & mask;
    }
    if (same > COLLISION_LIMIT && !this.full) this.hashAllBits();
    return -1;
  }

  /** Adds a new key (not present) with its value; returns its entry. */
  protected append(k: bigint, v: V): number {
    if ((this.used + this.tombs + 1) * 2 > this.index.length || this.used === this.lo.length) this.grow();
    const h = this.hashOf(k);
    const a = U32[0]!;
    const b = U32[1]!;
    const j = this.used++;
    this.keyList[j] = k;
    this.valList[j] = v;
    this.lo[j] = a;
    this.hi[j] = b;
    this.hashes[j] = h;
    this.live[j] = 1;
    this.count++;
    this.place(h, j);
    return j;
  }

  private place(h: number, j: number): void {
    const index = this.index;
    const mask = this.mask;
    let i = h & mask;
    while (index[i]! > 0) i = (i + 1) & mask;
    if (index[i] === TOMBSTONE) this.tombs--;
    index[i] = j + 1;
  }

  /** Removes k; false when absent. */
  protected remove(k: bigint): boolean {
    const j = this.find(k);
    if (j < 0) return false;
    const index = this.index;
    const mask = this.mask;
    let i = this.hashes[j]! & mask;
    while (index[i] !== j + 1) i = (i + 1) & mask;
    index[i] = TOMBSTONE;
    this.tombs++;
    this.live[j] = 0;
    this.count--;
    if (this.count === 0) this.reset();
    return true;
  }

  /** Room for more entries: compacts the entries and rebuilds the index (twice as large when needed). */
  private grow(): void {
    this.rebuild(Math.max(8, this.count * 2));
  }

  /** Every key hashed by all its bits from now on (keys sharing their low 64 bits were found). */
  private hashAllBits(): void {
    this.full = true;
    this.lastKey = null;
    this.rebuild(Math.max(8, this.count * 2));
  }

  private rebuild(capacity: number): void {
    const n = this.used;
    const keys = this.keyList;
    const vals = this.valList;
    const lo = this.lo;
    const hi = this.hi;
    const live = this.live;
    this.keyList = [];
    this.valList = [];
    this.lo = new Int32Array(capacity);
    this.hi = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.live = new Uint8Array(capacity);
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.index = new Int32Array(slots);
    this.mask = slots - 1;
    this.used = 0;
    this.tombs = 0;
    let m = 0;
    for (let j = 0; j < n; j++) {
      if (live[j] === 0) continue;
      const k = keys[j]!;
      const h = this.full ? fullHash(k) : mix(lo[j]!, hi[j]!);
      this.keyList.push(k);
      this.valList.push(vals[j]!);
      this.lo[m] = lo[j]!;
      this.hi[m] = hi[j]!;
      this.hashes[m] = h;
      this.live[m] = 1;
      this.place(h, m);
      m++;
    }
    this.used = m;
  }

  /** The longest distance of an entry from its home slot (tests: collisions stay bounded). */
  longestProbe(): number {
    let worst = 0;
    for (let i = 0; i < this.index.length; i++) {
      const e = this.index[i]!;
      if (e <= 0) continue;
      const d = (i - (this.hashes[e - 1]! & this.mask)) & this.mask;
      if (d > worst) worst = d;
    }
    return worst;
  }

  /**
   * The probes all live keys' successful lookups take together (each key's distance from its home slot,
   * plus one): the work a lookup of every key costs, n for a perfect table and n^2/2 for one bucket.
   */
  totalProbes(): number {
    let total = 0;
    for (let i = 0; i < this.index.length; i++) {
      const e = this.index[i]!;
      if (e <= 0) continue;
      total += 1 + ((i - (this.hashes[e - 1]! & this.mask)) & this.mask);
    }
    return total;
  }

  protected reset(): void {
    this.keyList = NO_ENTRIES;
    this.valList = NO_ENTRIES;
    this.lo = NO_I32;
    this.hi = NO_I32;
    this.hashes = NO_I32;
    this.live = NO_U8;
    this.index = NO_I32;
    this.mask = -1;
    this.used = 0;
    this.count = 0;
    this.tombs = 0;
  }

  /**
   * Empties the table. A small one keeps its arrays (zeroed index and liveness): the journal clears its
   * warm sets, transient storage and original values at the end of every transaction and fills them again
   * in the next, which otherwise allocated them afresh each time. Entries past `used` are never read.
   */
  clear(): void {
    const index = this.index;
    if (index.length === 0 || index.length > KEEP_SLOTS) return this.reset();
    index.fill(0);
    this.live.fill(0, 0, this.used);
    this.used = 0;
    this.count = 0;
    this.tombs = 0;
  }

  /**
   * Live entry indices, in insertion order. Entries added during the iteration are visited, as with Map;
   * when an insertion rebuilds the table meanwhile, the iteration goes on in the rebuilt entries after as
   * many as it had visited (exact unless entries it had visited were deleted before the rebuild).
   */
  protected *entryIndices(): IterableIterator<number> {
    let keys = this.keyList;
    let visited = 0;
    for (let j = 0; j < this.used; j++) {
      if (keys !== this.keyList) {
        keys = this.keyList;
        j = visited;
        if (j >= this.used) break;
      }
      if (this.live[j] === 1) {
        visited++;
        yield j;
      }
    }
  }
}

/** A Map<bigint, V> whose hashing an attacker cannot collide (see the file comment). */
export class WordMap<V> extends WordTable<V> implements Map<bigint, V> {
  constructor(entries?: Iterable<readonly [bigint, V]> | null) {
    super();
    if (entries != null) for (const [k, v] of entries) this.set(k, v);
  }

  get(k: bigint): V | undefined {
    const j = this.find(k);
    return j < 0 ? undefined : this.valList[j];
  }

  has(k: bigint): boolean {
    return this.find(k) >= 0;
  }

  set(k: bigint, v: V): this {
    const j = this.find(k);
    if (j >= 0) this.valList[j] = v;
    else this.append(k, v);
    return this;
  }

  delete(k: bigint): boolean {
    return this.remove(k);
  }

  forEach(fn: (value: V, key: bigint, map: Map<bigint, V>) => void, thisArg?: unknown): void {
    for (const j of this.entryIndices()) fn.call(thisArg, this.valList[j]!, this.keyList[j]!, this);
  }

  *entries(): MapIterator<[bigint, V]> {
    for (const j of this.entryIndices()) yield [this.keyList[j]!, this.valList[j]!];
  }

  *keys(): MapIterator<bigint> {
    for (const j of this.entryIndices()) yield this.keyList[j]!;
  }

  *values(): MapIterator<V> {
    for (const j of this.entryIndices()) yield this.valList[j]!;
  }

  [Symbol.iterator](): MapIterator<[bigint, V]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'WordMap';
  }
}

/** A Set<bigint> whose hashing an attacker cannot collide (see the file comment). */
export class WordSet extends WordTable<true> implements Set<bigint> {
  constructor(values?: Iterable<bigint> | null) {
    super();
    if (values != null) for (const k of values) this.add(k);
  }

  has(k: bigint): boolean {
    return this.find(k) >= 0;
  }

  add(k: bigint): this {
    if (this.find(k) < 0) this.append(k, true);
    return this;
  }

  /** Adds k, which the caller has just found absent (has(k) was false): no second lookup. */
  addNew(k: bigint): void {
    this.append(k, true);
  }

  delete(k: bigint): boolean {
    return this.remove(k);
  }

  forEach(fn: (value: bigint, key: bigint, set: Set<bigint>) => void, thisArg?: unknown): void {
    for (const j of this.entryIndices()) fn.call(thisArg, this.keyList[j]!, this.keyList[j]!, this);
  }

  *entries(): SetIterator<[bigint, bigint]> {
    for (const j of this.entryIndices()) yield [this.keyList[j]!, this.keyList[j]!];
  }

  *keys(): SetIterator<bigint> {
    for (const j of this.entryIndices()) yield this.keyList[j]!;
  }

  values(): SetIterator<bigint> {
    return this.keys();
  }

  [Symbol.iterator](): SetIterator<bigint> {
    return this.keys();
  }

  get [Symbol.toStringTag](): string {
    return 'WordSet';
  }
}
