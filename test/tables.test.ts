/** The per-fork opcode tables: every defined opcode has a handler, and the static-gas matrix is as specified. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFor } from '../src/machine/table.js';
import { opUndefined } from '../src/machine/instructions/control-flow.js';
import { OPCODES } from '../src/spec/opcodes.js';
import { Fork, FORK_COUNT, forkName } from '../src/spec/fork.js';

/** Opcode -> the fork that introduced it (absent: Frontier). */
const INTRODUCED: Record<number, Fork> = {
  0xf4: Fork.Homestead,
  0xfd: Fork.Byzantium,
  0x3d: Fork.Byzantium,
  0x3e: Fork.Byzantium,
  0xfa: Fork.Byzantium,
  0x1b: Fork.Constantinople,
  0x1c: Fork.Constantinople,
  0x1d: Fork.Constantinople,
  0xf5: Fork.Constantinople,
  0x3f: Fork.Constantinople,
  0x46: Fork.Istanbul,
  0x47: Fork.Istanbul,
  0x48: Fork.London,
  0x5f: Fork.Shanghai,
  0x5c: Fork.Cancun,
  0x5d: Fork.Cancun,
  0x5e: Fork.Cancun,
  0x49: Fork.Cancun,
  0x4a: Fork.Cancun,
  0x1e: Fork.Osaka,
};

test('each fork defines exactly the opcodes introduced up to it, each with a handler', () => {
  for (let f = 0; f < FORK_COUNT; f++) {
    const t = tableFor(f as Fork);
    for (let op = 0; op < 256; op++) {
      const known = OPCODES[op] !== undefined;
      const want = known && (INTRODUCED[op] ?? Fork.Frontier) <= f;
      assert.equal(t.defined[op] === 1, want, `${forkName(f as Fork)} 0x${op.toString(16)}`);
      if (want) assert.notEqual(t.handlers[op], opUndefined, `${forkName(f as Fork)} ${OPCODES[op]!.name} handler`);
      else assert.equal(t.handlers[op], opUndefined);
    }
  }
});

test('static gas of IO opcodes by fork (EIP-150, EIP-1884, EIP-2929)', () => {
  const rows: [string, number, number[]][] = [
    // name, opcode, [Frontier, TangerineWhistle, Istanbul, Berlin]
    ['BALANCE', 0x31, [20, 400, 700, 100]],
    ['EXTCODESIZE', 0x3b, [20, 700, 700, 100]],
    ['EXTCODECOPY', 0x3c, [20, 700, 700, 100]],
    ['SLOAD', 0x54, [50, 200, 800, 100]],
    ['CALL', 0xf1, [40, 700, 700, 100]],
    ['SELFDESTRUCT', 0xff, [0, 5000, 5000, 5000]],
  ];
  const forks = [Fork.Frontier, Fork.TangerineWhistle, Fork.Istanbul, Fork.Berlin];
  for (const [name, op, gas] of rows) {
    forks.forEach((f, i) => assert.equal(tableFor(f).staticGas[op], gas[i], `${name} in ${forkName(f)}`));
  }
  assert.equal(tableFor(Fork.Constantinople).staticGas[0x3f], 400);
  assert.equal(tableFor(Fork.Istanbul).staticGas[0x3f], 700);
  assert.equal(tableFor(Fork.Berlin).staticGas[0x3f], 100);
});

test('static gas of the fixed-price instructions (Cancun)', () => {
  const t = tableFor(Fork.Cancun);
  const expect: Record<number, number> = {
    0x00: 0,
    0x01: 3,
    0x02: 5,
    0x03: 3,
    0x04: 5,
    0x08: 8,
    0x0a: 10,
    0x0b: 5,
    0x10: 3,
    0x1d: 3,
    0x20: 30,
    0x30: 2,
    0x35: 3,
    0x37: 3,
    0x40: 20,
    0x44: 2,
    0x49: 3,
    0x4a: 2,
    0x50: 2,
    0x51: 3,
    0x55: 0,
    0x56: 8,
    0x57: 10,
    0x5b: 1,
    0x5c: 100,
    0x5d: 100,
    0x5e: 3,
    0x5f: 2,
    0x60: 3,
    0x7f: 3,
    0x80: 3,
    0x9f: 3,
    0xa0: 375,
    0xa4: 1875,
    0xf0: 32000,
    0xf3: 0,
    0xf5: 32000,
    0xfd: 0,
    0xfe: 0,
  };
  for (const [op, gas] of Object.entries(expect)) assert.equal(t.staticGas[Number(op)], gas, OPCODES[Number(op)]!.name);
});

test('stack bounds come from the opcode metadata', () => {
  const t = tableFor(Fork.Cancun);
  assert.equal(t.stackMin[0x01], 2); // ADD
  assert.equal(t.stackMax[0x01], 1024);
  assert.equal(t.stackMin[0x8f], 16); // DUP16
  assert.equal(t.stackMax[0x8f], 1023);
  assert.equal(t.stackMin[0xf1], 7); // CALL
  assert.equal(t.stackMax[0x5f], 1023); // PUSH0
});
