import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEVM } from '../../src/api/evm.js';
import { ExecutionAborted } from '../../src/api/types.js';
import { asm } from '../../src/spec/asm.js';
import { Status } from '../../src/machine/status.js';
import { MemoryBackend } from '../../src/state/backends/memory.js';
import { bytesToHex } from '../../src/primitives/hex.js';

const CALLER = 0x1111n;
const CALLEE = 0xbeefn;
// CALL CALLEE, copy 32 bytes of its output to 0, return them with the CALL's success flag at 32.
const CALLER_CODE = asm(`PUSH1 32 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 ${CALLEE} GAS CALL PUSH1 32 MSTORE PUSH1 64 PUSH0 RETURN`);
const CALLEE_CODE = asm('PUSH1 7 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN');

function setup() {
  const evm = createEVM({ fork: 'Prague' });
  evm.setCode(CALLER, CALLER_CODE);
  evm.setCode(CALLEE, CALLEE_CODE);
  return evm;
}

test('step-through: a host resolves the CALL trap itself and execution continues', () => {
  const rt = setup().runtime({ to: CALLER });
  const pcs: number[] = [];
  let s: Status;
  do {
    pcs.push(rt.pc);
    s = rt.step();
  } while (s === Status.Continue);
  assert.equal(s, Status.Trap);
  assert.equal(rt.opcodeName, 'PUSH1'); // pc is past the CALL
  const msg = rt.trap!;
  assert.equal(msg.codeAddress, CALLEE);
  const out = new Uint8Array(32).fill(0xab);
  rt.resolve({ status: Status.Return, gasLeft: msg.gas - 100n, output: out });
  assert.equal(rt.trap, null);
  assert.deepEqual(rt.stack, [1n]); // the success flag the host decided
  const r = rt.finish(rt.run());
  assert.equal(r.status, Status.Return);
  assert.equal(bytesToHex(r.output.subarray(0, 32)), '0x' + 'ab'.repeat(32));
  assert.equal(r.output[63], 1);
  assert.deepEqual(pcs.slice(0, 3), [0, 2, 3]);
});

test('executeTrap resolves the default way: same output and gas as the executor', () => {
  const rt = setup().runtime({ to: CALLER });
  assert.equal(rt.run(), Status.Trap);
  rt.executeTrap();
  const viaRuntime = rt.finish(rt.run());
  const direct = setup().call({ to: CALLER });
  assert.equal(bytesToHex(viaRuntime.output), direct.returnData);
  assert.equal(viaRuntime.output[31], 7);
});

test('a host-answered failure pushes 0 and the frame goes on', () => {
  const rt = setup().runtime({ to: CALLER });
  assert.equal(rt.run(), Status.Trap);
  rt.resolve({ status: Status.Revert, gasLeft: 0n, output: new Uint8Array(0) });
  const r = rt.finish(rt.run());
  assert.equal(r.output[63], 0);
});

test('an aborted AbortSignal cancels and leaves the state unchanged', () => {
  const evm = createEVM({ fork: 'Prague' });
  evm.setCode(CALLER, asm('PUSH1 1 PUSH0 SSTORE JUMPDEST PUSH1 5 JUMP'));
  const ac = new AbortController();
  ac.abort();
  assert.throws(() => evm.runTransaction({ from: 0xa11cen, to: CALLER, signal: ac.signal }), ExecutionAborted);
  assert.equal(evm.getStorage(CALLER, 0n), 0n);
  assert.equal(evm.getNonce(0xa11cen), 0n);
});

test("the value-transfer rule is the host's", () => {
  const evm = createEVM({ fork: 'Prague', host: { canTransfer: () => false } });
  evm.setBalance(0xa11cen, 10n ** 18n);
  const r = evm.call({ from: 0xa11cen, to: CALLEE, value: 1n });
  assert.equal(r.success, false);
  assert.equal(r.error, 'insufficient balance for transfer');
});

test('a synchronous backend loads lazily without awaiting; snapshots keep what was loaded straight', () => {
  const alloc = new Map([
    [CALLEE, { balance: 0n, nonce: 1n, code: asm('PUSH0 SLOAD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'), storage: new Map([[0n, 77n]]) }],
  ]);
  const evm = createEVM({ fork: 'Prague', backend: new MemoryBackend(alloc) });
  const snap = evm.snapshot();
  assert.equal(BigInt(evm.call({ to: CALLEE }).returnData), 77n);
  evm.setStorage(CALLEE, 0n, 5n);
  assert.equal(BigInt(evm.call({ to: CALLEE }).returnData), 5n);
  evm.revert(snap);
  assert.equal(BigInt(evm.call({ to: CALLEE }).returnData), 77n);
});
