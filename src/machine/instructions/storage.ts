/** Storage: SLOAD, SSTORE, TLOAD, TSTORE (execution-specs `storage.py`). */
import { Status } from '../status.js';
import { gasLeft, useGas, type Frame } from '../frame.js';
import { SstoreRule } from '../../spec/rules.js';

/** SLOAD before EIP-2929: the flat price (50/200/800) is the table's static gas. */
export function opSload(f: Frame): Status {
  const i = f.sp - 1;
  f.stack[i] = f.evm.state.getStorage(f.address, f.stack[i]!);
  return Status.Continue;
}

/** SLOAD with EIP-2929: 100 warm (static) + 2000 more when the slot is cold. */
export function opSload2929(f: Frame): Status {
  const i = f.sp - 1;
  const key = f.stack[i]!;
  const st = f.evm.state;
  if (st.warmSlot(f.address, key)) {
    const r = f.evm.rules;
    if (!useGas(f, r.coldSloadCost - r.warmStorageReadCost)) return Status.OutOfGas;
  }
  f.stack[i] = st.getStorage(f.address, key);
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
  const r = f.evm.rules;
  const st = f.evm.state;
  const s = f.stack;
  const sp = (f.sp -= 2);
  const key = s[sp + 1]!;
  const value = s[sp]!;
  const addr = f.address;

  if (r.sstoreRule === SstoreRule.Legacy) {
    const current = st.getStorage(addr, key);
    let cost: number;
    if (current === 0n && value !== 0n) cost = r.sstoreSetGas;
    else cost = r.sstoreResetGas;
    if (!useGas(f, cost)) return Status.OutOfGas;
    if (current !== 0n && value === 0n) st.addRefund(r.sstoreClearsRefund);
    st.setStorage(addr, key, value);
    return Status.Continue;
  }

  // EIP-2200: fail when gas left is at most the call stipend, so a 2300-stipend call can never write.
  if (r.sstoreRule === SstoreRule.Eip2200 && gasLeft(f) <= BigInt(r.sstoreSentryGas)) return Status.OutOfGas;

  let cost = 0;
  if (r.eip2929 && st.warmSlot(addr, key)) cost += r.coldSloadCost;
  const noop = r.sstoreRule === SstoreRule.Eip1283 ? 200 : r.sloadGas;
  const current = st.getStorage(addr, key);
  if (current === value) {
    cost += noop;
  } else {
    const original = st.getOriginalStorage(addr, key);
    if (original === current) {
      if (original === 0n) cost += r.sstoreSetGas;
      else {
        cost += r.sstoreResetGas;
        if (value === 0n) st.addRefund(r.sstoreClearsRefund);
      }
    } else {
      cost += noop;
      if (original !== 0n) {
        if (current === 0n) st.subRefund(r.sstoreClearsRefund);
        else if (value === 0n) st.addRefund(r.sstoreClearsRefund);
      }
      if (original === value) {
        if (original === 0n) st.addRefund(r.sstoreSetGas - noop);
        else st.addRefund(r.sstoreResetGas - noop);
      }
    }
  }
  if (!useGas(f, cost)) return Status.OutOfGas;
  st.setStorage(addr, key, value);
  return Status.Continue;
}

/** TLOAD: EIP-1153 (Cancun). */
export function opTload(f: Frame): Status {
  const i = f.sp - 1;
  f.stack[i] = f.evm.state.getTransient(f.address, f.stack[i]!);
  return Status.Continue;
}

/** TSTORE: EIP-1153; a write, so forbidden in static frames. */
export function opTstore(f: Frame): Status {
  if (f.isStatic) return Status.WriteProtection;
  const s = f.stack;
  const sp = (f.sp -= 2);
  f.evm.state.setTransient(f.address, s[sp + 1]!, s[sp]!);
  return Status.Continue;
}
