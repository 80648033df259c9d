/**
 * Static gas and stack bounds checked once per run of code (src/machine/blocks.ts, loop.ts): the values
 * the analysis computes, and that what instructions inside a run see (GAS, a CALL's 63/64, SSTORE's
 * stipend check, memory expansion, an opcode override with its own stack effect) and the status and gas
 * of every outcome are those of per-instruction checks, swept over every gas limit around the need.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/machine/analysis.js';
import { blocksFor } from '../../src/machine/blocks.js';
import { NOT_INLINED, tableFor, withHandler, type OpTable } from '../../src/machine/table.js';
import { Status } from '../../src/machine/status.js';
import { Fork } from '../../src/spec/fork.js';
import { bytesToHex } from '../../src/primitives/hex.js';
import { asm } from '../../src/spec/asm.js';
import { executeCode, perInstruction } from './harness.js';

const CALLEE = 0xca11een;
/** The callee stores, logs nothing, and returns 32 bytes: a CALL in the middle of a run. */
const OTHERS = new Map([[CALLEE, asm('PUSH1 7 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN')]]);

function run(code: Uint8Array, gas: bigint, table: OpTable | undefined, fork: Fork = Fork.Cancun) {
  return executeCode(code, gas, table, fork, OTHERS);
}

/**
 * Runs `code` with the run checks and per instruction at every gas limit in [from, to] and within 300 of
 * the need (plus 3 above it).
 */
function sweep(code: Uint8Array, from: number, to: number, fork: Fork = Fork.Cancun): Set<Status> {
  const ref = perInstruction(tableFor(fork));
  const full = run(code, 1_000_000n, ref, fork);
  const need = Number(1_000_000n - full.gasLeft);
  const seen = new Set<Status>();
  const limits = new Set<number>();
  for (let g = from; g <= Math.min(to, need + 3); g++) limits.add(g);
  for (let g = Math.max(from, need - 300); g <= need + 3; g++) limits.add(g);
  for (const g of limits) {
    const gas = BigInt(g);
    const a = run(code, gas, undefined, fork);
    const b = run(code, gas, ref, fork);
    const what = `${bytesToHex(code)} gas ${g}`;
    assert.equal(a.status, b.status, what);
    assert.equal(a.gasLeft, b.gasLeft, what);
    assert.equal(bytesToHex(a.output), bytesToHex(b.output), what);
    seen.add(a.status);
  }
  return seen;
}

test('the analysis: static gas of the run from each instruction, and its stack bounds', () => {
  const t = tableFor(Fork.Cancun);
  // 0: PUSH1 1  2: DUP1  3: ADD  4: JUMPDEST  5: PUSH1 9  7: JUMPI  8: POP  9: JUMPDEST  10: STOP
  const code = asm('PUSH1 1 DUP1 ADD JUMPDEST PUSH1 9 JUMPI POP JUMPDEST STOP');
  const b = blocksFor(analyze(code), t);
  // The run goes on through the JUMPDESTs and the JUMPI to the STOP: 3+3+3+1+3+10+2+1+0.
  assert.deepEqual(
    [0, 2, 3, 4, 5, 7, 8, 9, 10].map((pc) => b.need[pc]),
    [26, 23, 20, 17, 16, 13, 3, 1, 0],
  );
  const bounds = (pc: number): [number, number] => [b.bounds[pc]! & 0xffff, (b.bounds[pc]! >>> 16) - 1];
  // From pc 0: PUSH1 DUP1 ADD leave one more item; PUSH1 and JUMPI take it and one below, POP one more.
  assert.deepEqual(bounds(0), [1, 1022]);
  assert.deepEqual(bounds(4), [2, 1023]);
  assert.deepEqual(bounds(8), [1, 1024]);
  assert.deepEqual(bounds(10), [0, 1024]);
  // Cached per table: the same object again, another for another fork's table.
  assert.equal(blocksFor(analyze(code), t), b);
  assert.notEqual(blocksFor(analyze(code), tableFor(Fork.Frontier)), b);
});

test('a JUMP ends a run, and so does a byte whose handler is not the standard one', () => {
  const t = tableFor(Fork.Cancun);
  const code = asm('PUSH1 4 JUMP INVALID JUMPDEST ADDRESS POP STOP');
  const b = blocksFor(analyze(code), t);
  assert.equal(b.need[0], 3 + 8, 'PUSH1 + JUMP only');
  assert.equal(b.need[4], 1 + 2 + 2);
  const wrapped = withHandler(t, 0x30, (f) => t.handlers[0x30]!(f));
  const w = blocksFor(analyze(code), wrapped);
  assert.equal(w.need[4], 1 + 2, 'JUMPDEST + the wrapped ADDRESS: the run ends at the barrier');
  assert.equal(w.need[6], 2);
});

test('GAS, a CALL forwarding all but 1/64 and memory expansion inside a run see per-instruction gas', () => {
  // GAS mid-run, then a CALL of all gas but 1/64 after more instructions of the same run, then MSTOREs
  // that expand memory, then the return of everything seen.
  const code = asm(`
    GAS PUSH1 0 MSTORE
    PUSH1 32 PUSH1 64 PUSH1 0 PUSH1 0 PUSH1 0 PUSH3 ${'0x' + CALLEE.toString(16)} GAS CALL
    PUSH1 96 MSTORE
    GAS PUSH2 0x0200 MSTORE
    PUSH2 0x0220 PUSH1 0 RETURN`);
  const seen = sweep(code, 2500, 4000);
  assert.ok(seen.has(Status.OutOfGas) && seen.has(Status.Return), [...seen].join(','));
});

test("SSTORE's stipend check (EIP-2200) inside a run sees per-instruction gas", () => {
  // SSTORE fails when 2300 or less is left *before* it: its run continues with instructions after it.
  const code = asm('PUSH1 1 PUSH1 0 SSTORE PUSH1 1 PUSH1 2 ADD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN');
  // The stipend boundary (2300 left before SSTORE) and the need.
  const seen = sweep(code, 2200, 2700);
  assert.ok(seen.has(Status.OutOfGas) && seen.has(Status.Return), [...seen].join(','));
});

test('stack limits inside a run: each instruction fails where it would by itself', () => {
  // 1020 items, then a run that pushes 5 more: the fifth push overflows, after the others ran.
  const deep = 'PUSH1 1 '.repeat(1020);
  const over = asm(`${deep} JUMPDEST PUSH1 1 PUSH1 2 ADD PUSH1 3 PUSH1 4 PUSH1 5 PUSH1 6 STOP`);
  const ref = perInstruction(tableFor(Fork.Cancun));
  for (const gas of [3100n, 3200n, 100_000n]) {
    const a = run(over, gas, undefined);
    const b = run(over, gas, ref);
    assert.equal(a.status, b.status, `gas ${gas}`);
    assert.equal(a.gasLeft, b.gasLeft);
  }
  assert.equal(run(over, 100_000n, undefined).status, Status.StackOverflow);
  // Underflow in the middle of a run, with and without the gas to reach it.
  const under = asm('PUSH1 1 PUSH1 2 ADD ADD PUSH1 0 STOP');
  assert.equal(run(under, 100n, undefined).status, Status.StackUnderflow);
  assert.equal(run(under, 9n, undefined).status, Status.StackUnderflow, 'enough for the instructions before it only');
  assert.equal(run(under, 5n, undefined).status, Status.OutOfGas, 'out of gas at the second PUSH1, before the underflow');
});

test('an override with its own stack effect is checked by itself (a barrier of the run checks)', () => {
  const t = tableFor(Fork.Cancun);
  assert.equal(t.defined[0x0c], 0);
  // 0x0c: pushes two words for 5 gas.
  const custom = withHandler(
    t,
    0x0c,
    (f) => {
      f.stack[f.sp++] = 11n;
      f.stack[f.sp++] = 22n;
      return Status.Continue;
    },
    5,
  );
  assert.equal(custom.inline[0x0c], NOT_INLINED);
  const code = Uint8Array.from([...asm('PUSH1 1'), 0x0c, ...asm('ADD ADD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN')]);
  const r = run(code, 100n, custom);
  assert.equal(r.status, Status.Return);
  assert.equal(BigInt(bytesToHex(r.output)), 34n);
  // Near 1024 and near the need: as with per-instruction checks.
  const ref = perInstruction(custom);
  for (const code2 of [
    Uint8Array.from([...asm('PUSH1 1 '.repeat(1022)), 0x0c, ...asm('POP PUSH1 1 PUSH1 1 STOP')]),
    Uint8Array.from([...asm('PUSH1 1 '.repeat(1020)), 0x0c, ...asm('PUSH1 1 PUSH1 1 PUSH1 1 STOP')]),
  ]) {
    for (const gas of [3064n, 3065n, 3066n, 3067n, 3070n, 3072n, 3075n, 3080n, 100_000n]) {
      const a = run(code2, gas, custom);
      const b = run(code2, gas, ref);
      assert.equal(a.status, b.status, `gas ${gas}`);
      assert.equal(a.gasLeft, b.gasLeft, `gas ${gas}`);
    }
  }
});

test('a run whose static gas passes 2^31 steps instruction by instruction until the rest of it fits', () => {
  const t = tableFor(Fork.Cancun);
  // PUSH0 PUSH0 PUSH0 CREATE POP: 32,008 gas per group, 67,200 groups in one run (2.15e9 gas).
  const group = asm('PUSH0 PUSH0 PUSH0 CREATE POP');
  const groups = 67_200;
  const code = new Uint8Array(group.length * groups + 1);
  for (let i = 0; i < groups; i++) code.set(group, i * group.length);
  const b = blocksFor(analyze(code), t);
  assert.equal(b.need[0], 0x7fffffff);
  assert.equal(b.bounds[0], 0, 'no stack height passes: the loop steps');
  const last = (groups - 1) * group.length;
  assert.equal(b.need[last], 32_008);
  assert.notEqual(b.bounds[last], 0);
  const ref = perInstruction(t);
  for (const gas of [100_000n, 150_000n]) {
    const a = run(code, gas, undefined);
    const r = run(code, gas, ref);
    assert.equal(a.status, r.status);
    assert.equal(a.gasLeft, r.gasLeft);
  }
});
