/** Storage: SLOAD, SSTORE, TLOAD, TSTORE (execution-specs `storage.py`). */
import { Status } from '../status.js';
import { gasLeft, useGas, type Frame } from '../frame.js';
import { SstoreRule } from '../../spec/rules.js';

/**
 * SLOAD: the static price is 50, 200 (EIP-150), 800 (EIP-1884); under EIP-2929 it is the warm cost (100)
 * and a cold slot costs 2000 more.
 */
export function opSload(f: Frame): Status {
  const i = f.sp - 1;
  const key = f.stack[i]!;
  const h = f.host;
  const r = h.rules;
  if (r.eip2929 && h.accessSlot(f.address, key) === 'cold') {
    if (!useGas(f, r.coldSloadCost - r.warmStorageReadCost)) return Status.OutOfGas;
  }
  f.stack[i] = h.sload(f.address, key);
  return Status.Continue;
}

/**
 * SSTORE. Gas and refunds by the fork's rule:
 * - Legacy (Frontier..Byzantium, Petersburg): 20000 to set a zero slot, else reset cost; 15000 refund to clear.
 * - EIP-1283 (Constantinople) / EIP-2200 (Istanbul+): net metering against the slot's original value;
 *   EIP-2200 adds the 2300-gas sentry; EIP-2929 adds the cold-slot surcharge and reprices, EIP-3529
 *   lowers the clearing refund (all numbers come from Rules).
 */
export function opSstore(f: Frame): Status {
  if (f.isStatic) return Status.WriteProtection;
  const h = f.host;
  const r = h.rules;
  const s = f.stack;
  const sp = (f.sp -= 2);
  const key = s[sp + 1]!;
  const value = s[sp]!;
  const addr = f.address;

  if (r.sstoreRule === SstoreRule.Legacy) {
    const current = h.sload(addr, key);
    let cost: number;
    if (current === 0n && value !== 0n) cost = r.sstoreSetGas;
    else cost = r.sstoreResetGas;
    if (!useGas(f, cost)) return Status.OutOfGas;
    if (current !== 0n && value === 0n) h.addRefund(r.sstoreClearsRefund);
    h.sstore(addr, key, value);
    return Status.Continue;
  }

  // EIP-2200: fail when gas left is at most the call stipend, so a 2300-stipend call can never write.
  if (r.sstoreRule === SstoreRule.Eip2200 && gasLeft(f) <= BigInt(r.sstoreSentryGas)) return Status.OutOfGas;

  let cost = 0;
  if (r.eip2929 && h.accessSlot(addr, key) === 'cold') cost += r.coldSloadCost;
  const noop = r.sstoreRule === SstoreRule.Eip1283 ? 200 : r.sloadGas;
  const current = h.sload(addr, key);
  if (current === value) {
    cost += noop;
  } else {
    const original = h.originalStorage(addr, key);
    if (original === current) {
      if (original === 0n) cost += r.sstoreSetGas;
      else {
        cost += r.sstoreResetGas;
        if (value === 0n) h.addRefund(r.sstoreClearsRefund);
      }
    } else {
      cost += noop;
      if (original !== 0n) {
        if (current === 0n) h.subRefund(r.sstoreClearsRefund);
        else if (value === 0n) h.addRefund(r.sstoreClearsRefund);
      }
      if (original === value) {
        if (original === 0n) h.addRefund(r.sstoreSetGas - noop);
        else h.addRefund(r.sstoreResetGas - noop);
      }
    }
  }
  if (!useGas(f, cost)) return Status.OutOfGas;
  h.sstore(addr, key, value);
  return Status.Continue;
}

/** TLOAD: EIP-1153 (Cancun). */
export function opTload(f: Frame): Status {
  const i = f.sp - 1;
  f.stack[i] = f.host.tload(f.address, f.stack[i]!);
  return Status.Continue;
}

/** TSTORE: EIP-1153; a write, so forbidden in static frames. */
export function opTstore(f: Frame): Status {
  if (f.isStatic) return Status.WriteProtection;
  const s = f.stack;
  const sp = (f.sp -= 2);
  f.host.tstore(f.address, s[sp + 1]!, s[sp]!);
  return Status.Continue;
}
