/**
 * An account as the journal holds it. Addresses and storage keys/values are bigints (words); storage is a
 * WordMap (src/primitives/wordMap.ts), whose hashing contracts cannot collide.
 */
import { KECCAK_EMPTY, codeHash } from '../primitives/crypto/keccak.js';
import { WordMap } from '../primitives/wordMap.js';
import { EMPTY_BYTES } from '../primitives/hex.js';

export class Account {
  nonce: bigint;
  balance: bigint;
  private _code: Uint8Array;
  private _codeHash: Uint8Array | null;
  /** Current storage; a zero value is removed rather than stored. */
  storage: Map<bigint, bigint>;
  /**
   * Values at the start of the current transaction of the slots written during it (EIP-2200's
   * "original value"). A slot absent here has its original equal to its current value.
   */
  original: Map<bigint, bigint>;

  constructor(nonce = 0n, balance = 0n, code: Uint8Array = EMPTY_BYTES, storage?: Map<bigint, bigint>) {
    this.nonce = nonce;
    this.balance = balance;
    this._code = code;
    this._codeHash = code.length === 0 ? KECCAK_EMPTY : null;
    this.storage = storage === undefined ? new WordMap() : storage instanceof WordMap ? storage : new WordMap(storage);
    this.original = new WordMap();
  }

  get code(): Uint8Array {
    return this._code;
  }

  set code(c: Uint8Array) {
    this._code = c;
    this._codeHash = c.length === 0 ? KECCAK_EMPTY : null;
  }

  get codeHash(): Uint8Array {
    if (this._codeHash === null) this._codeHash = codeHash(this._code);
    return this._codeHash;
  }

  /** EIP-161: no code, zero nonce, zero balance. */
  isEmpty(): boolean {
    return this.nonce === 0n && this.balance === 0n && this._code.length === 0;
  }

  /** The value of a slot at the start of the transaction. */
  originalValue(key: bigint): bigint {
    const o = this.original.get(key);
    if (o !== undefined) return o;
    return this.storage.get(key) ?? 0n;
  }

  clone(): Account {
    const a = new Account(this.nonce, this.balance, this._code, new WordMap(this.storage));
    a._codeHash = this._codeHash;
    return a;
  }
}
