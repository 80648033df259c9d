/**
 * System operations (execution-specs `system.py`): CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE,
 * CREATE2, RETURN, REVERT, SELFDESTRUCT. Calls and creates charge their gas here, then suspend the frame
 * with a Message (the rust-evm trap); the executor runs the callee and resumes this frame.
 */
import { Status } from '../status.js';
import { gasLeft, useGas, useGasBig, type Frame } from '../frame.js';
import { CallKind, type Message } from '../message.js';
import { copyGas, expandMemory } from '../memory.js';
import { ADDRESS_MASK } from '../../primitives/address.js';
import { EMPTY_BYTES } from '../../primitives/hex.js';
import { delegationTarget } from '../../state/delegation.js';
import { chargeColdAccount } from './access.js';
import type { Instruction } from '../instruction.js';

/** All but one 64th (EIP-150), or everything before Tangerine Whistle (where asking for more fails). */
function forwardableGas(f: Frame, requested: bigint | null): bigint | null {
  const avail = gasLeft(f);
  if (!f.host.rules.eip150) {
    if (requested === null) return avail;
    return requested > avail ? null : requested;
  }
  const cap = avail - avail / 64n;
  return requested === null || requested > cap ? cap : requested;
}

function memSlice(f: Frame, off: bigint, size: bigint): Uint8Array {
  if (size === 0n) return EMPTY_BYTES;
  const o = Number(off);
  return f.mem.slice(o, o + Number(size));
}

/** A call's input: a view of the caller's memory where the host allows it (Host.viewsInput), else a copy. */
function callInput(f: Frame, to: bigint, off: bigint, size: bigint): Uint8Array {
  if (size === 0n) return EMPTY_BYTES;
  if (!f.host.viewsInput(to)) return memSlice(f, off, size);
  const o = Number(off);
  return f.mem.subarray(o, o + Number(size));
}

export function makeCall(kind: CallKind): Instruction {
  const hasValue = kind === CallKind.Call || kind === CallKind.CallCode;
  return (f: Frame): Status => {
    const s = f.stack;
    let sp = f.sp;
    const gasReq = s[--sp]!;
    const to = s[--sp]! & ADDRESS_MASK;
    const value = hasValue ? s[--sp]! : 0n;
    const argsOff = s[--sp]!;
    const argsSize = s[--sp]!;
    const retOff = s[--sp]!;
    const retSize = s[--sp]!;
    f.sp = sp;
    // EIP-214: no value may leave a static frame.
    if (kind === CallKind.Call && value !== 0n && f.isStatic) return Status.WriteProtection;
    const h = f.host;
    const r = h.rules;
    // EIP-2929: the table charged the warm cost; a cold callee costs the rest.
    if (!chargeColdAccount(f, to)) return Status.OutOfGas;
    // EIP-7702: resolving a delegated callee's code costs an access to the target.
    if (r.eip7702) {
      const target = delegationTarget(h.code(to));
      if (target !== null) {
        const cost = h.accessAccount(target) === 'cold' ? r.coldAccountAccessCost : r.warmStorageReadCost;
        if (!useGas(f, cost)) return Status.OutOfGas;
      }
    }
    if (!expandMemory(f, argsOff, argsSize) || !expandMemory(f, retOff, retSize)) return Status.OutOfGas;
    let extra = 0;
    if (value !== 0n) extra += r.callValueTransferGas;
    if (kind === CallKind.Call) {
      // EIP-161: only a value transfer to an empty account pays for creating it.
      if (r.eip161 ? value !== 0n && h.isEmpty(to) : !h.exists(to)) extra += r.callNewAccountGas;
    }
    if (!useGas(f, extra)) return Status.OutOfGas;
    let callGas = forwardableGas(f, gasReq);
    if (callGas === null || !useGasBig(f, callGas)) return Status.OutOfGas;
    if (value !== 0n) callGas += BigInt(r.callStipend);

    const msg: Message = {
      kind,
      depth: f.depth + 1,
      gas: callGas,
      caller: kind === CallKind.DelegateCall ? f.caller : f.address,
      recipient: kind === CallKind.Call || kind === CallKind.StaticCall ? to : f.address,
      codeAddress: to,
      value: kind === CallKind.DelegateCall ? f.value : value,
      input: callInput(f, to, argsOff, argsSize),
      isStatic: f.isStatic || kind === CallKind.StaticCall,
      salt: 0n,
      retOffset: retSize === 0n ? 0 : Number(retOff),
      retSize: Number(retSize),
    };
    f.pending = msg;
    return Status.Trap;
  };
}

export function makeCreate(kind: typeof CallKind.Create | typeof CallKind.Create2): Instruction {
  return (f: Frame): Status => {
    if (f.isStatic) return Status.WriteProtection;
    const s = f.stack;
    let sp = f.sp;
    const value = s[--sp]!;
    const off = s[--sp]!;
    const size = s[--sp]!;
    const salt = kind === CallKind.Create2 ? s[--sp]! : 0n;
    f.sp = sp;
    const r = f.host.rules;
    if (!expandMemory(f, off, size)) return Status.OutOfGas;
    // EIP-3860: bounded initcode, 2 gas per word.
    if (r.maxInitcodeSize > 0 && size > BigInt(r.maxInitcodeSize)) return Status.MaxInitcodeSizeExceeded;
    let extra = 0;
    if (size !== 0n) {
      const words = copyGas(size) / 3;
      extra += r.initcodeWordGas * words;
      if (kind === CallKind.Create2) extra += 6 * words; // hashing the initcode for the address
    }
    if (!useGas(f, extra)) return Status.OutOfGas;
    const callGas = forwardableGas(f, null)!;
    useGasBig(f, callGas);
    f.pending = {
      kind,
      depth: f.depth + 1,
      gas: callGas,
      caller: f.address,
      recipient: 0n,
      codeAddress: 0n,
      value,
      input: memSlice(f, off, size),
      isStatic: false,
      salt,
      retOffset: 0,
      retSize: 0,
    };
    return Status.Trap;
  };
}

function returnData(f: Frame): boolean {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const off = s[sp + 1]!;
  const size = s[sp]!;
  if (!expandMemory(f, off, size)) return false;
  f.output = memSlice(f, off, size);
  return true;
}

export function opReturn(f: Frame): Status {
  return returnData(f) ? Status.Return : Status.OutOfGas;
}

/** REVERT: EIP-140 (Byzantium): stops, undoes the frame's changes, and keeps the gas left. */
export function opRevert(f: Frame): Status {
  return returnData(f) ? Status.Revert : Status.OutOfGas;
}

/**
 * SELFDESTRUCT: moves the whole balance to the beneficiary. EIP-150 prices it (5000, +25000 for a new
 * account; EIP-161: only when value moves to an empty one), EIP-2929 adds the cold surcharge, EIP-3529
 * removes the refund, EIP-6780 deletes the account only when it was created in this transaction.
 */
export function opSelfdestruct(f: Frame): Status {
  if (f.isStatic) return Status.WriteProtection;
  const beneficiary = f.stack[--f.sp]! & ADDRESS_MASK;
  const h = f.host;
  const r = h.rules;
  const self = f.address;
  let cost = 0;
  if (r.eip2929 && h.accessAccount(beneficiary) === 'cold') cost += r.coldAccountAccessCost;
  if (r.selfdestructNewAccountGas > 0) {
    const charge = r.eip161 ? h.balance(self) !== 0n && h.isEmpty(beneficiary) : !h.exists(beneficiary);
    if (charge) cost += r.selfdestructNewAccountGas;
  }
  if (!useGas(f, cost)) return Status.OutOfGas;
  if (h.selfDestruct(self, beneficiary) && r.selfdestructRefund > 0) h.addRefund(r.selfdestructRefund);
  return Status.SelfDestruct;
}
