/**
 * A synchronous backend over accounts held in memory (tests, or plugging a user's own store). With it the
 * EVM loads lazily but never waits: every miss is answered at once.
 */
import type { Address } from '../../primitives/address.js';
import type { GenesisAlloc } from '../env.js';
import type { AccountData, StateBackend } from './types.js';

export class MemoryBackend implements StateBackend {
  constructor(
    readonly alloc: GenesisAlloc,
    readonly blockHashes: (n: bigint) => bigint = () => 0n,
  ) {}

  getAccount(addr: Address): AccountData | null {
    const a = this.alloc.get(addr);
    if (a === undefined) return null;
    return { balance: a.balance, nonce: a.nonce, code: a.code };
  }

  getStorage(addr: Address, key: bigint): bigint {
    return this.alloc.get(addr)?.storage.get(key) ?? 0n;
  }

  getBlockHash(n: bigint): bigint {
    return this.blockHashes(n);
  }
}
