/**
 * go-ethereum's prestateTracer (eth/tracers/native/prestate.go): the accounts and slots a transaction
 * touched, as they were before it; with `diffMode`, {post, pre} holding only what changed.
 * Account JSON: {balance, code?, codeHash?, nonce?, storage?} (go-ethereum's order and omissions),
 * addresses and slots as 0x-hex map keys in byte order.
 */
import { WordMap, WordSet } from '../primitives/wordMap.js';
import { keccak256 } from '../primitives/crypto/keccak.js';
import { createAddress, create2Address } from '../state/addresses.js';
import { ADDRESS_MASK, addressToHex, type Address } from '../primitives/address.js';
import { bytesEqual } from '../primitives/hex.js';
import { NoopTracer, type TxStart } from '../machine/tracer.js';
import { hash0x, hexBytes, hexQuantity, memoryBytes } from './format.js';
import type { Frame } from '../machine/frame.js';

export interface PrestateTracerConfig {
  readonly diffMode?: boolean;
}

export interface PrestateAccount {
  balance?: string;
  code?: string;
  codeHash?: string;
  nonce?: number;
  storage?: Record<string, string>;
}

interface Snapshot {
  balance: bigint;
  nonce: bigint;
  code: Uint8Array;
  storage: Map<bigint, bigint>;
  empty: boolean;
}

export type PrestateResult =
  Record<string, PrestateAccount> | { post: Record<string, PrestateAccount>; pre: Record<string, PrestateAccount> };

const OP = {
  SLOAD: 0x54,
  SSTORE: 0x55,
  BALANCE: 0x31,
  EXTCODESIZE: 0x3b,
  EXTCODECOPY: 0x3c,
  EXTCODEHASH: 0x3f,
  SELFDESTRUCT: 0xff,
  CREATE: 0xf0,
  CREATE2: 0xf5,
};
const CALLS = new Set([0xf1, 0xf2, 0xf4, 0xfa]);

export class PrestateTracer extends NoopTracer {
  // addresses and slots come from the traced contracts: tables they cannot collide (src/primitives/wordMap.ts)
  private readonly pre = new WordMap<Snapshot>();
  private post = new WordMap<PrestateAccount>();
  private readonly created = new WordSet();
  private readonly deleted = new WordSet();

  constructor(private readonly config: PrestateTracerConfig = {}) {
    super();
  }

  override onTxStart(tx: TxStart): void {
    super.onTxStart(tx);
    let to = tx.to;
    if (to === null) {
      to = createAddress(tx.from, tx.state.getNonce(tx.from));
      this.created.add(to);
    }
    this.lookupAccount(tx.from);
    this.lookupAccount(to);
    this.lookupAccount(tx.coinbase);
    for (const a of tx.authorities ?? []) this.lookupAccount(a);
  }

  override onStep(f: Frame, op: number, _gas: bigint): void {
    // Before the opcode runs, as go-ethereum's OnOpcode: the values it sees are those before any change.
    this.inspectBefore(f, op);
  }

  private inspectBefore(f: Frame, op: number): void {
    const s = f.stack;
    const n = f.sp;
    const self = f.address;
    if (n >= 1 && (op === OP.SLOAD || op === OP.SSTORE)) {
      this.lookupStorage(self, s[n - 1]!);
    } else if (
      n >= 1 &&
      (op === OP.EXTCODECOPY || op === OP.EXTCODEHASH || op === OP.EXTCODESIZE || op === OP.BALANCE || op === OP.SELFDESTRUCT)
    ) {
      this.lookupAccount(s[n - 1]! & ADDRESS_MASK);
      if (op === OP.SELFDESTRUCT) this.deleted.add(self);
    } else if (n >= 5 && CALLS.has(op)) {
      this.lookupAccount(s[n - 2]! & ADDRESS_MASK);
    } else if (op === OP.CREATE) {
      const addr = createAddress(self, this.state!.getNonce(self));
      this.lookupAccount(addr);
      this.created.add(addr);
    } else if (n >= 4 && op === OP.CREATE2) {
      const off = s[n - 2]!;
      const size = s[n - 3]!;
      if (size > 0x100000n || off > 0xffffffffn) return; // go-ethereum skips CREATE2 inputs it cannot copy
      const mem = memoryBytes(f);
      const init = new Uint8Array(Number(size));
      const o = Number(off);
      if (o < mem.length) init.set(mem.subarray(o, Math.min(mem.length, o + init.length)));
      const addr = create2Address(self, s[n - 4]!, init);
      this.lookupAccount(addr);
      this.created.add(addr);
    }
  }

  override onTxEnd(_gasUsed: bigint): void {
    if (this.config.diffMode) this.processDiff();
    // Contracts this transaction created were absent before it.
    for (const a of this.created) if (this.pre.get(a)?.empty) this.pre.delete(a);
  }

  result(): PrestateResult {
    const pre = render(this.pre);
    if (!this.config.diffMode) return pre;
    return { post: sortKeys(this.post), pre };
  }

  private lookupAccount(addr: Address): void {
    if (this.pre.has(addr) || this.state === null) return;
    const st = this.state;
    const balance = st.getBalance(addr);
    const nonce = st.getNonce(addr);
    const code = st.getCode(addr);
    this.pre.set(addr, { balance, nonce, code, storage: new WordMap(), empty: balance === 0n && nonce === 0n && code.length === 0 });
  }

  private lookupStorage(addr: Address, key: bigint): void {
    this.lookupAccount(addr);
    const a = this.pre.get(addr);
    if (a === undefined || a.storage.has(key)) return;
    a.storage.set(key, this.state!.getStorage(addr, key));
  }

  private processDiff(): void {
    const st = this.state!;
    for (const [addr, pre] of this.pre) {
      if (this.deleted.has(addr)) continue;
      const post: PrestateAccount = {};
      let modified = false;
      const balance = st.getBalance(addr);
      const nonce = st.getNonce(addr);
      const code = st.getCode(addr);
      if (balance !== pre.balance) {
        modified = true;
        post.balance = hexQuantity(balance);
      }
      if (code.length > 0 && !bytesEqual(code, pre.code)) {
        modified = true;
        post.code = hexBytes(code);
        post.codeHash = hexBytes(keccak256(code));
      } else if (!bytesEqual(code, pre.code)) modified = true;
      if (nonce !== pre.nonce) {
        modified = true;
        post.nonce = Number(nonce);
      }
      const slots: [bigint, bigint][] = [];
      for (const [k, v] of [...pre.storage]) {
        if (v === 0n) pre.storage.delete(k); // the empty slot is not listed in pre
        const now = st.getStorage(addr, k);
        if (now === v) pre.storage.delete(k);
        else {
          modified = true;
          if (now !== 0n) slots.push([k, now]);
        }
      }
      if (slots.length > 0) post.storage = storageJson(slots);
      if (modified) this.post.set(addr, post);
      else this.pre.delete(addr);
    }
  }
}

function storageJson(slots: Iterable<[bigint, bigint]>): Record<string, string> {
  const sorted = [...slots].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(sorted.map(([k, v]) => [hash0x(k), hash0x(v)]));
}

function render(pre: Map<Address, Snapshot>): Record<string, PrestateAccount> {
  const out = new WordMap<PrestateAccount>();
  for (const [addr, a] of pre) {
    const acc: PrestateAccount = { balance: hexQuantity(a.balance) };
    if (a.code.length > 0) {
      acc.code = hexBytes(a.code);
      acc.codeHash = hexBytes(keccak256(a.code));
    }
    if (a.nonce !== 0n) acc.nonce = Number(a.nonce);
    if (a.storage.size > 0) acc.storage = storageJson(a.storage);
    out.set(addr, acc);
  }
  return sortKeys(out);
}

function sortKeys(m: Map<Address, PrestateAccount>): Record<string, PrestateAccount> {
  return Object.fromEntries([...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, v]) => [addressToHex(k), v]));
}
