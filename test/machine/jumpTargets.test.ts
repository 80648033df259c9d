/**
 * Jump destinations known from the code (analysis.ts `jumpTargets`): a JUMP or JUMPI right after a PUSH1
 * or PUSH2 takes that PUSH's immediate without converting the popped word (loop.ts). Checks the analysis
 * itself, that such jumps behave as dynamic ones do (valid, into PUSH data, past the code), and that a
 * table whose PUSH is overridden still jumps to what the override pushed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JUMP_DYNAMIC, JUMP_INVALID, analyze } from '../../src/machine/analysis.js';
import { Status } from '../../src/machine/status.js';
import { tableFor, withHandler, type OpTable } from '../../src/machine/table.js';
import { Fork } from '../../src/spec/fork.js';
import { runCode } from '../../src/transition/runCode.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/hex.js';
import { asm } from '../../src/spec/asm.js';
import { executeCode } from './harness.js';

function execute(code: Uint8Array, table: OpTable | undefined, gas: bigint) {
  return executeCode(code, gas, table);
}

test('analysis: jumps right after PUSH1/PUSH2 get their destination, every other jump stays dynamic', () => {
  // 0 PUSH1 6 | 2 JUMP | 3 PUSH2 0x0006 | 6 JUMPDEST | 7 PUSH1 3 | 9 JUMPI | 10 PUSH3 0x000006 | 14 JUMP
  // 15 DUP1 | 16 JUMP | 17 PUSH1 0x5b | 19 PUSH1 18 | 21 JUMP (into PUSH data) | 22 PUSH2 0x0100 | 25 JUMPI (past the end)
  const code = hexToBytes('0x6006566100065b600357620000065680566015b6012566101005700'.replace('6015b', '605b'));
  const { jumpTargets } = analyze(code);
  assert.equal(jumpTargets[2], 6, 'PUSH1 6 JUMP');
  assert.equal(jumpTargets[9], JUMP_INVALID, 'PUSH1 3 JUMPI: 3 is not a JUMPDEST');
  assert.equal(jumpTargets[14], JUMP_DYNAMIC, 'after PUSH3: not resolved');
  assert.equal(jumpTargets[16], JUMP_DYNAMIC, 'after DUP1');
  assert.equal(jumpTargets[21], JUMP_INVALID, 'into PUSH data');
  assert.equal(jumpTargets[25], JUMP_INVALID, 'past the end of the code');
  // only JUMP/JUMPI positions are resolved
  for (const pc of [0, 3, 6, 7, 10, 15, 17, 19, 22]) assert.equal(jumpTargets[pc], JUMP_DYNAMIC, `pc ${pc}`);
  // a 0x56 inside PUSH data is no jump: no known jump at all, so no array either
  assert.equal(analyze(hexToBytes('0x6156005b')).jumpTargets.length, 0);
  assert.equal(analyze(new Uint8Array(100_000)).jumpTargets.length, 0, 'a large initcode of zeros');
  // a destination of 0 is left to the dynamic path (0 marks "unknown")
  const zero = analyze(asm('JUMPDEST PUSH1 0 PUSH1 0 JUMPI PUSH1 0 JUMP'));
  assert.equal(zero.jumpTargets[5], JUMP_DYNAMIC);
  assert.equal(zero.jumpTargets[8], JUMP_DYNAMIC);
  assert.equal(JUMP_DYNAMIC, 0);
});

test('known jumps behave as dynamic ones: taken, fall-through, invalid destinations consume all gas', () => {
  // 0 PUSH1 4 | 2 JUMP | 3 INVALID | 4 JUMPDEST | 5 PUSH1 1 | 7 PUSH2 0x000c | 10 JUMPI | 11 INVALID | 12 JUMPDEST | 13 STOP
  const ok = runCode(asm('PUSH1 4 JUMP INVALID JUMPDEST PUSH1 1 PUSH2 0x000c JUMPI INVALID JUMPDEST STOP'), { gas: 100n });
  assert.equal(ok.status, Status.Stop);
  assert.equal(ok.gasUsed, 3n + 8n + 1n + 3n + 3n + 10n + 1n);
  const fallThrough = runCode(asm('PUSH1 0 PUSH1 6 JUMPI STOP JUMPDEST INVALID'), { gas: 100n });
  assert.equal(fallThrough.status, Status.Stop);
  const intoData = runCode(hexToBytes('0x60035660005b00'.replace('60005b', '605b00')), { gas: 100n });
  assert.equal(intoData.status, Status.InvalidJump);
  assert.equal(intoData.gasUsed, 100n);
  // back to pc 0 (the dynamic path): a loop that runs out of gas
  const toZero = runCode(asm('JUMPDEST PUSH1 0 JUMP'), { gas: 100n });
  assert.equal(toZero.status, Status.OutOfGas);
  const pastEnd = runCode(asm('PUSH1 1 PUSH2 0x0100 JUMPI'), { gas: 100n });
  assert.equal(pastEnd.status, Status.InvalidJump);
  assert.equal(pastEnd.gasUsed, 100n);
});

test('with PUSH1 overridden, a jump after it goes where the override pushed', () => {
  // The override pushes 7 where the code says 3 (any other immediate as it is).
  // 0 PUSH1 3 | 2 JUMP | 3 JUMPDEST | 4 PUSH1 0xaa | 6 STOP | 7 JUMPDEST | 8 PUSH1 0xbb | 10 PUSH1 0 | 12 MSTORE8 | 13 PUSH1 1 | 15 PUSH1 0 | 17 RETURN
  const code = asm('PUSH1 3 JUMP JUMPDEST PUSH1 0xaa STOP JUMPDEST PUSH1 0xbb PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 RETURN');
  const t = tableFor(Fork.Cancun);
  const pushPlusFour = withHandler(t, 0x60, (f) => {
    const v = f.pushValues[f.pc - 1]!;
    f.stack[f.sp++] = v === 3n ? 7n : v;
    f.pc += 1;
    return Status.Continue;
  });
  const plain = execute(code, undefined, 1000n);
  assert.equal(plain.status, Status.Stop, 'standard PUSH1: jumps to 3 and stops');
  const over = execute(code, pushPlusFour, 1000n);
  assert.equal(over.status, Status.Return);
  assert.equal(bytesToHex(over.output), '0xbb');
});
