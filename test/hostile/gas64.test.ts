/**
 * Gas values near and past 2^64 in state-test fixtures: a block and transaction gas limit of 2^64-1
 * executes exactly (frame gas beyond 2^53 included), a CALL asking for 2^64-1 gas is capped by the
 * 63/64 rule, and limits of 2^64 and more are rejected or reported as malformed, never thrown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStateTestFile } from '../../src/statetest/files.js';
import { runEntry } from '../../src/statetest/check.js';
import { runStateVector } from '../../src/transition/stateTest.js';
import type { LoadedEntry } from '../../src/statetest/types.js';
import { stateTest, TARGET } from '../statetest/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'evmkit-gas64-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const U64_MAX = '0xffffffffffffffff';

function load(name: string, edit: (t: Record<string, any>) => void): LoadedEntry[] {
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      stateTest(name, (t) => {
        t.transaction.data = ['0x'];
        t.transaction.value = ['0x00'];
        t.post = { Cancun: [{ hash: '0x' + '00'.repeat(32), logs: '0x' + '00'.repeat(32), indexes: { data: 0, gas: 0, value: 0 } }] };
        t.pre['0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'].balance = '0x' + 'ff'.repeat(20);
        edit(t);
      }),
    ),
  );
  return loadStateTestFile(file);
}

function only(entries: LoadedEntry[]): LoadedEntry {
  assert.equal(entries.length, 1);
  return entries[0]!;
}

test('block and transaction gas limit 2^64-1: executes, exact gas used', () => {
  const e = only(
    load('u64max', (t) => {
      t.env.currentGasLimit = U64_MAX;
      t.transaction.gasLimit = [U64_MAX];
      t.pre[TARGET].code = '0x6001600555'; // PUSH1 1 PUSH1 5 SSTORE: 3 + 3 + 22100 (cold, zero to non-zero)
    }),
  );
  assert.equal(e.kind, 'vector');
  if (e.kind !== 'vector') return;
  const r = runStateVector(e.vector);
  assert.equal(r.rejected, undefined);
  assert.equal(r.gasUsed, 21000n + 3n + 3n + 22100n);
});

test('a CALL asking for 2^64-1 gas with ~2^64 available is capped (63/64) and recurses to depth 1024', () => {
  const e = only(
    load('call64', (t) => {
      t.env.currentGasLimit = U64_MAX;
      t.transaction.gasLimit = [U64_MAX];
      // CALL(2^64-1, self, 0, 0, 0, 0, 0); SSTORE(5, success)
      t.pre[TARGET].code = '0x' + '6000600060006000600030' + '67ffffffffffffffff' + 'f1' + '600555';
    }),
  );
  assert.equal(e.kind, 'vector');
  if (e.kind !== 'vector') return;
  const r = runStateVector(e.vector);
  assert.equal(r.rejected, undefined);
  assert.ok(r.gasUsed !== undefined && r.gasUsed > 21000n && r.gasUsed < 100_000_000n, `gas used ${r.gasUsed}`);
});

test('gas limits of 2^64 and above: rejected or malformed, with the field named, never an exception', () => {
  const cases: [string, (t: Record<string, any>) => void][] = [
    [
      'txgas2p64',
      (t) => {
        t.env.currentGasLimit = U64_MAX;
        t.transaction.gasLimit = ['0x010000000000000000'];
      },
    ],
    [
      'blockgas2p64',
      (t) => {
        t.env.currentGasLimit = '0x010000000000000000';
        t.transaction.gasLimit = ['0x010000000000000000'];
      },
    ],
    [
      'txgas2p256',
      (t) => {
        t.transaction.gasLimit = ['0x' + 'ff'.repeat(32)];
      },
    ],
    [
      'txgasOverWord',
      (t) => {
        t.transaction.gasLimit = ['0x01' + '00'.repeat(32)];
      },
    ],
    [
      'overBlock',
      (t) => {
        t.env.currentGasLimit = '0x7fffffffffffffff';
        t.transaction.gasLimit = [U64_MAX];
      },
    ],
    [
      'cannotPay',
      (t) => {
        t.env.currentGasLimit = U64_MAX;
        t.transaction.gasLimit = [U64_MAX];
        t.pre['0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'].balance = '0xffffffffffffffff';
      },
    ],
  ];
  for (const [name, edit] of cases) {
    const e = only(load(name, edit));
    const o = runEntry(e, runStateVector);
    assert.equal(o.status, 'fail', name); // the fixture's expectations are placeholders
    assert.ok(!String(o.error).startsWith('exception:'), `${name}: threw: ${o.error}`);
    if (e.kind === 'malformed') assert.match(String(o.error), /gasLimit|GasLimit/, `${name}: names the field`);
    else assert.match(String(o.error), /^unexpected error: /, `${name}: rejected (${o.error})`);
  }
});
