/**
 * Derived opcode tables: the fork's table with some handlers wrapped or replaced, built once per
 * combination and cached, so features that are off cost nothing in the loop.
 *  - lazy state: instructions that read state by a key on the stack first ask the executor's StateLoader
 *    whether the key is loaded; if not they undo the loop's start (pc, static gas) and return
 *    Status.Suspend with the stack untouched, so the driver can fetch and run the same instruction again.
 *  - cancellation: JUMP/JUMPI check the executor's AbortSignal / deadline every 1024 jumps (every loop
 *    iterates through a jump; straight-line code is bounded by the code size).
 *  - opcode overrides (HostOptions.opcodes).
 */
import { Status } from '../machine/status.js';
import type { Frame } from '../machine/frame.js';
import { derivedTable, type Handler, type OpTable } from '../machine/table.js';
import { ADDRESS_MASK } from '../primitives/address.js';
import { delegationTarget } from '../state/delegation.js';

export interface OverlayOptions {
  readonly lazy: boolean;
  readonly cancellable: boolean;
  readonly overrides?: Readonly<Record<number, Handler>>;
}

const cache = new Map<number, OpTable>();
const overrideCache = new WeakMap<object, Map<number, OpTable>>();

export function overlayTable(base: OpTable, o: OverlayOptions): OpTable {
  if (!o.lazy && !o.cancellable && o.overrides === undefined) return base;
  const key = base.fork * 4 + (o.lazy ? 2 : 0) + (o.cancellable ? 1 : 0);
  let m: Map<number, OpTable> = cache;
  if (o.overrides !== undefined) {
    m = overrideCache.get(o.overrides) ?? new Map();
    overrideCache.set(o.overrides, m);
  }
  let t = m.get(key);
  if (t === undefined) {
    t = build(base, o);
    m.set(key, t);
  }
  return t;
}

function build(base: OpTable, o: OverlayOptions): OpTable {
  const h = base.handlers.slice();
  const defined = base.defined.slice();
  if (o.overrides !== undefined) {
    for (const [k, fn] of Object.entries(o.overrides)) {
      const op = Number(k);
      if (!Number.isInteger(op) || op < 0 || op > 255 || typeof fn !== 'function') {
        throw new Error(`opcode override ${JSON.stringify(k)}: expected a byte (0-255) mapped to a handler function`);
      }
      h[op] = fn;
      defined[op] = 1;
    }
  }
  if (o.lazy) {
    for (const op of [0x31, 0x3b, 0x3c, 0x3f, 0xff]) if (base.defined[op]) h[op] = accountAtTop(h[op]!, op);
    for (const op of [0x54, 0x55]) if (base.defined[op]) h[op] = slotAtTop(h[op]!, op);
    for (const op of [0xf1, 0xf2, 0xf4, 0xfa]) if (base.defined[op]) h[op] = callTarget(h[op]!, op);
    if (base.defined[0x40]) h[0x40] = blockHash(h[0x40]!);
  }
  if (o.cancellable) {
    for (const op of [0x56, 0x57]) h[op] = cancelCheck(h[op]!);
  }
  return derivedTable(base, h, defined);
}

/** Undo what the loop did before the handler (pc advanced, static gas charged) and suspend. */
function suspend(f: Frame, op: number): Status {
  f.pc -= 1;
  f.gas += f.table.staticGas[op]!;
  return Status.Suspend;
}

function accountAtTop(inner: Handler, op: number): Handler {
  return (f) => (f.evm.loader!.missingAccount(f.stack[f.sp - 1]! & ADDRESS_MASK) ? suspend(f, op) : inner(f));
}

function slotAtTop(inner: Handler, op: number): Handler {
  return (f) => (f.evm.loader!.missingSlot(f.address, f.stack[f.sp - 1]!) ? suspend(f, op) : inner(f));
}

/** CALL*: the callee (and, EIP-7702, its delegation target) must be loaded. */
function callTarget(inner: Handler, op: number): Handler {
  return (f) => {
    const l = f.evm.loader!;
    const to = f.stack[f.sp - 2]! & ADDRESS_MASK;
    if (l.missingAccount(to)) return suspend(f, op);
    if (f.evm.rules.eip7702) {
      const target = delegationTarget(f.evm.state.getCode(to));
      if (target !== null && l.missingAccount(target)) return suspend(f, op);
    }
    return inner(f);
  };
}

function blockHash(inner: Handler): Handler {
  return (f) => {
    const n = f.stack[f.sp - 1]!;
    const cur = f.evm.env.number;
    if (n < cur && n + 256n >= cur && f.evm.loader!.missingBlockHash(n)) return suspend(f, 0x40);
    return inner(f);
  };
}

function cancelCheck(inner: Handler): Handler {
  return (f) => {
    const ex = f.evm;
    if ((++ex.ticks & 1023) === 0 && ex.cancelled()) return Status.Cancelled;
    return inner(f);
  };
}
