/**
 * A single account's storage for the prototypes, keyed by bigint (every prototype converts its word to a
 * bigint at SLOAD/SSTORE: storage is far off the hot path in these benchmarks, <1.3% of instructions).
 * Tracks EIP-2929 warm slots and EIP-2200 original values for London SSTORE pricing. Refunds are not
 * tracked: evmkit's runCode reports gas used without them, and that is what the harness compares.
 */
import { COLD_SLOAD_COST, SSTORE_RESET_GAS, SSTORE_SET_GAS, WARM_STORAGE_READ_COST } from './table.js';

export class SlotStore {
  private readonly current = new Map<bigint, bigint>();
  private readonly warm = new Set<bigint>();
  /** The storage at the start of the transaction (empty in every bench fixture). */
  private readonly original: ReadonlyMap<bigint, bigint>;

  constructor(initial: ReadonlyMap<bigint, bigint> = new Map()) {
    this.original = initial;
    for (const [k, v] of initial) this.current.set(k, v);
  }

  /** Warms the slot; true when it was cold (EIP-2929). */
  touch(key: bigint): boolean {
    if (this.warm.has(key)) return false;
    this.warm.add(key);
    return true;
  }

  load(key: bigint): bigint {
    return this.current.get(key) ?? 0n;
  }

  /** SLOAD's dynamic gas beyond the static warm price. Warms the slot. */
  sloadExtraGas(key: bigint): number {
    return this.touch(key) ? COLD_SLOAD_COST - WARM_STORAGE_READ_COST : 0;
  }

  /** SSTORE's gas in London (EIP-2200 net metering, EIP-2929 cold surcharge). Warms the slot. */
  sstoreGas(key: bigint, value: bigint): number {
    let cost = this.touch(key) ? COLD_SLOAD_COST : 0;
    const current = this.load(key);
    if (current === value) return cost + WARM_STORAGE_READ_COST;
    const original = this.original.get(key) ?? 0n;
    if (original === current) cost += original === 0n ? SSTORE_SET_GAS : SSTORE_RESET_GAS;
    else cost += WARM_STORAGE_READ_COST;
    return cost;
  }

  store(key: bigint, value: bigint): void {
    this.current.set(key, value);
  }
}
