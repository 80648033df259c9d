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
import type { Instruction } from '../machine/instruction.js';
import { derivedTable, type OpTable } from '../machine/table.js';
import { ACCOUNT_AT_TOP, BLOCK_HASH, CALL, JUMP, SLOT_AT_TOP, opHas } from '../spec/opcodes.js';
import { ADDRESS_MASK } from '../primitives/address.js';
import { delegationTarget } from '../state/delegation.js';
import type { Executor } from './executor.js';
import { forgetAllWords } from '../machine/wordCache.js';

/** An opcode override may write the frame's memory directly: MLOAD's word cache forgets everything after it. */
function forgettingWords(fn: Instruction): Instruction {
  return (f) => {
    const st = fn(f);
    forgetAllWords(f);
    return st;
  };
}

interface OverlayOptions {
  readonly lazy: boolean;
  readonly cancellable: boolean;
  readonly overrides?: Readonly<Record<number, Instruction>>;
}

/** Derived tables by base table, then by overrides object (or the base itself when there are none), then by mode. */
const cache = new WeakMap<OpTable, WeakMap<object, Map<number, OpTable>>>();

export function overlayTable(base: OpTable, o: OverlayOptions): OpTable {
  if (!o.lazy && !o.cancellable && o.overrides === undefined) return base;
  const key = (o.lazy ? 2 : 0) + (o.cancellable ? 1 : 0);
  let byOverrides = cache.get(base);
  if (byOverrides === undefined) cache.set(base, (byOverrides = new WeakMap()));
  const ok = o.overrides ?? base;
  let m = byOverrides.get(ok);
  if (m === undefined) byOverrides.set(ok, (m = new Map()));
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
      h[op] = forgettingWords(fn);
      defined[op] = 1;
    }
  }
  // Which opcodes need a wrapper comes from the opcode rows' flags (src/spec/opcodes.ts).
  for (let op = 0; op < 256; op++) {
    if (!base.defined[op]) continue;
    if (o.lazy) {
      if (opHas(op, ACCOUNT_AT_TOP)) h[op] = accountAtTop(h[op]!, op);
      else if (opHas(op, SLOT_AT_TOP)) h[op] = slotAtTop(h[op]!, op);
      else if (opHas(op, CALL)) h[op] = callTarget(h[op]!, op);
      else if (opHas(op, BLOCK_HASH)) h[op] = blockHash(h[op]!, op);
    }
    if (o.cancellable && opHas(op, JUMP)) h[op] = cancelCheck(h[op]!);
  }
  return derivedTable(base, h, defined);
}

/** The overlays run only in frames an Executor made: their host is that executor. */
function exec(f: Frame): Executor {
  return f.host as Executor;
}

/** Undo what the loop did before the handler (pc advanced, static gas charged) and suspend. */
function suspend(f: Frame, op: number): Status {
  f.pc -= 1;
  f.gas += f.table.staticGas[op]!;
  return Status.Suspend;
}

function accountAtTop(inner: Instruction, op: number): Instruction {
  return (f) => (exec(f).loader!.missingAccount(f.stack[f.sp - 1]! & ADDRESS_MASK) ? suspend(f, op) : inner(f));
}

function slotAtTop(inner: Instruction, op: number): Instruction {
  return (f) => (exec(f).loader!.missingSlot(f.address, f.stack[f.sp - 1]!) ? suspend(f, op) : inner(f));
}

/** CALL*: the callee (and, EIP-7702, its delegation target) must be loaded. */
function callTarget(inner: Instruction, op: number): Instruction {
  return (f) => {
    const l = exec(f).loader!;
    const to = f.stack[f.sp - 2]! & ADDRESS_MASK;
    if (l.missingAccount(to)) return suspend(f, op);
    if (f.host.rules.eip7702) {
      const target = delegationTarget(f.host.code(to));
      if (target !== null && l.missingAccount(target)) return suspend(f, op);
    }
    return inner(f);
  };
}

function blockHash(inner: Instruction, op: number): Instruction {
  return (f) => {
    const n = f.stack[f.sp - 1]!;
    const cur = f.host.block.number;
    if (n < cur && n + 256n >= cur && exec(f).loader!.missingBlockHash(n)) return suspend(f, op);
    return inner(f);
  };
}

function cancelCheck(inner: Instruction): Instruction {
  return (f) => {
    const ex = exec(f);
    if ((++ex.ticks & 1023) === 0 && ex.cancelled()) return Status.Cancelled;
    return inner(f);
  };
}
