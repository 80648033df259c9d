/**
 * The fixed program of the trace tests: the caller stores 0x2a in memory (growth 0 -> 32 bytes), sets
 * slot 0 to 1 (cold, 22100) and back to 0 (warm 100, refund 19900), CALLs the callee with 0xffff gas
 * and a 32-byte return window at 0x20 (memory grows to 64), and returns those 64 bytes. The callee
 * stores 0x2a and REVERTs with it. Run with 100000 gas at Osaka.
 */
import { StateJournal } from '../../src/state/journal.js';
import { hexToBytes } from '../../src/primitives/hex.js';
import { forkFromName } from '../../src/spec/fork.js';
import { runCode, type RunCodeResult } from '../../src/transition/runCode.js';
import type { Tracer } from '../../src/machine/tracer.js';

export const CALLEE = 0xc0den;
//                         PUSH1 2a PUSH1 0 MSTORE PUSH1 20 PUSH1 0 REVERT
export const CALLEE_CODE = '602a' + '6000' + '52' + '6020' + '6000' + 'fd';
export const CALLER_CODE =
  '602a6000' +
  '52' + // PUSH1 2a PUSH1 0 MSTORE
  '60016000' +
  '55' + // PUSH1 1 PUSH1 0 SSTORE
  '60006000' +
  '55' + // PUSH1 0 PUSH1 0 SSTORE
  '6020' +
  '6020' +
  '6000' +
  '6000' +
  '6000' +
  '61c0de' +
  '61ffff' +
  'f1' + // CALL(0xffff, 0xc0de, 0, 0, 0, 0x20, 0x20)
  '6040' +
  '6000' +
  'f3'; // PUSH1 40 PUSH1 0 RETURN

export function runProgram(tracer: Tracer): RunCodeResult {
  const state = new StateJournal();
  state.setCode(CALLEE, hexToBytes(CALLEE_CODE));
  return runCode(hexToBytes(CALLER_CODE), { fork: forkFromName('Osaka')!, gas: 100000n, state, tracer });
}
