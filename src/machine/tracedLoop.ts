/**
 * The traced copy of the interpreter loop (evmone `dispatch<true>`, revm `inspect_instructions`): the
 * same checks and handlers as loop.ts, with tracer hooks around each opcode. The executor picks this
 * loop only when a tracer is set, so the plain loop carries no hooks at all.
 *
 * What the hooks see follows go-ethereum's interpreter (core/vm/interpreter.go): `gas` before the
 * opcode, `cost` = static + dynamic gas (memory expansion, cold access, and for CALL* the gas passed
 * on, but not the gas a CREATE passes to its init code), reported before the opcode executes; errors of
 * the stack check or of the gas end the step, errors of execution come after it as a fault.
 */
import { Status, statusMessage } from './status.js';
import { gasLeft, refillGas, type Frame } from './frame.js';
import { isCreate } from './message.js';
import { opName, opHas, CALL } from '../spec/opcodes.js';
import { ADDRESS_MASK } from '../primitives/address.js';
import type { Tracer } from './tracer.js';

const SSTORE = 0x55;
const SELFDESTRUCT = 0xff;

/** CALL, CALLCODE, DELEGATECALL, STATICCALL: the callee address is the stack's second item. */
function isCallOp(op: number): boolean {
  return opHas(op, CALL);
}

/**
 * go-ethereum's EIP-2929/EIP-7702 call gas wrappers charge the cold-callee surcharge and the
 * delegation-target access with UseGas inside the gas function and fail with ErrOutOfGas, which the
 * interpreter wraps ("out of gas: out of gas") and reports with only the static cost (the dynamic part
 * it returns is 0). Later failures (memory, value, forwarded gas) are plain "out of gas" with the full
 * cost. `afterStatic` is the gas left once the static cost was paid, `cold` whether the callee was cold
 * before the opcode, `charged` what the handler took on top of the static cost (its failed charge
 * included).
 */
function failedOnAccess(f: Frame, afterStatic: bigint, cold: boolean, charged: bigint): boolean {
  const r = f.host.rules;
  const coldPart = cold ? BigInt(r.coldAccountAccessCost - r.warmStorageReadCost) : 0n;
  if (afterStatic < coldPart) return true;
  if (!r.eip7702) return false;
  // The delegation access was the failed charge when it is all that was charged after the cold part
  // and it did not fit (a warm target costs 100, a cold one 2600).
  const d = charged - coldPart;
  return (d === BigInt(r.warmStorageReadCost) || d === BigInt(r.coldAccountAccessCost)) && afterStatic - coldPart < d;
}

/** Ends a step with an error of the stack check or the gas (one trace line, carrying the error). */
function failStep(tracer: Tracer, f: Frame, op: number, cost: bigint, text: string): void {
  f.stepError = text;
  tracer.onStepEnd(f, op, cost, text);
}

export function interpretTraced(f: Frame, tracer: Tracer): Status {
  const t = f.table;
  const staticGas = t.staticGas;
  const stackMin = t.stackMin;
  const stackMax = t.stackMax;
  const handlers = t.handlers;
  const code = f.code;
  for (;;) {
    const pc = f.pc;
    const op = code[pc]!;
    const sp = f.sp;
    const before = gasLeft(f);
    tracer.onStep(f, op, before);
    if (sp < stackMin[op]!) {
      failStep(tracer, f, op, BigInt(staticGas[op]!), `stack underflow (${sp} <=> ${stackMin[op]!})`);
      return Status.StackUnderflow;
    }
    if (sp > stackMax[op]!) {
      failStep(tracer, f, op, BigInt(staticGas[op]!), `stack limit reached ${sp} (${stackMax[op]!})`);
      return Status.StackOverflow;
    }
    if ((f.gas -= staticGas[op]!) < 0 && !refillGas(f)) {
      failStep(tracer, f, op, BigInt(staticGas[op]!), 'out of gas');
      return Status.OutOfGas;
    }
    const h = f.host;
    const balance = op === SELFDESTRUCT ? h.balance(f.address) : 0n;
    const callCold = isCallOp(op) && h.rules.eip2929 && !h.isWarmAccount(f.stack[sp - 2]! & ADDRESS_MASK);
    f.pc = pc + 1;
    const status = handlers[op]!(f);
    // Signed: a failed charge leaves f.gas below zero, so the cost includes what could not be paid.
    let cost = before - (BigInt(f.gas) + f.gasReserve);
    switch (status) {
      case Status.Continue:
      case Status.Stop:
      case Status.Return:
        tracer.onStepEnd(f, op, cost, null);
        break;
      case Status.Trap: {
        const m = f.pending!;
        // go-ethereum charges a CREATE's init-code gas inside the opcode, outside its reported cost.
        if (isCreate(m.kind)) cost -= m.gas;
        tracer.onStepEnd(f, op, cost, null);
        break;
      }
      case Status.SelfDestruct:
        tracer.onStepEnd(f, op, cost, null);
        tracer.onSelfDestruct(f, f.stack[f.sp]! & ADDRESS_MASK, balance);
        break;
      case Status.OutOfGas:
        if (isCallOp(op) && h.rules.eip2929) {
          const st = BigInt(staticGas[op]!);
          if (failedOnAccess(f, before - st, callCold, cost - st)) {
            failStep(tracer, f, op, st, 'out of gas: out of gas');
            break;
          }
        }
        failStep(tracer, f, op, cost, op === SSTORE && cost === 0n ? 'out of gas: not enough gas for reentrancy sentry' : 'out of gas');
        break;
      case Status.MaxInitcodeSizeExceeded:
        // EIP-3860: go-ethereum's CREATE gas function rejects the size before charging anything dynamic.
        failStep(tracer, f, op, BigInt(staticGas[op]!), `out of gas: max initcode size exceeded: size ${f.stack[sp - 3]!}`);
        break;
      default: {
        tracer.onStepEnd(f, op, cost, null);
        const text = executionError(status, op);
        f.stepError = text;
        tracer.onFault(f, op, cost, text);
      }
    }
    if (status !== Status.Continue) return status;
  }
}

/** go-ethereum's text for an error raised while an opcode executes. */
function executionError(status: Status, op: number): string {
  if (status === Status.UndefinedOpcode) return `invalid opcode: ${opName(op)}`;
  return statusMessage(status);
}
