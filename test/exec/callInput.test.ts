/**
 * A call's input (Host.viewsInput): a view of the caller's memory only for evmkit's own precompiles with no
 * tracer attached; a copy for code, for a caller's own precompile (it may keep the bytes) and while tracing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { NoopTracer } from '../../src/machine/tracer.js';
import type { Executor, ExecutorOptions } from '../../src/exec/executor.js';
import { StateJournal } from '../../src/state/journal.js';
import { EMPTY_BYTES } from '../../src/primitives/hex.js';
import type { Precompile } from '../../src/precompiles/types.js';
import { callMessage, testExecutor } from './harness.js';

const CALLER = 0xca11e4n;
const SHA256 = 2n;
const KEEPER = 0x0100n;

/** MSTORE8 7 at 0, CALL `to` with 32 bytes of input, MSTORE8 9 at 0 (after the call), STOP. */
function run(to: bigint, opts: ExecutorOptions): Executor {
  const state = new StateJournal();
  state.setCode(CALLER, asm(`PUSH1 7 PUSH0 MSTORE8 PUSH0 PUSH0 PUSH1 32 PUSH0 PUSH0 PUSH2 ${to} GAS CALL POP PUSH1 9 PUSH0 MSTORE8 STOP`));
  const exec = testExecutor(state, opts);
  const msg = callMessage(CALLER);
  assert.equal(exec.execute(msg).status !== undefined, true);
  return exec;
}

test('the built-in precompiles take a view of the caller memory; code, a caller precompile and traced calls get a copy', () => {
  const plain = run(SHA256, {});
  assert.equal(plain.viewsInput(SHA256), true);
  assert.equal(plain.viewsInput(KEEPER), false, 'not a precompile: the callee frame keeps its calldata');
  assert.equal(plain.viewsInput(CALLER), false);

  // A precompile of the caller's may keep its input: it gets a copy that later writes of the caller don't change.
  let kept: Uint8Array = EMPTY_BYTES;
  const keeper: Precompile = {
    name: 'KEEPER',
    gas: () => 0n,
    run: (input) => {
      kept = input;
      return EMPTY_BYTES;
    },
  };
  const withOwn = run(KEEPER, { precompiles: new Map([[KEEPER, keeper]]) });
  assert.equal(withOwn.viewsInput(KEEPER), false);
  assert.equal(kept.length, 32);
  assert.equal(kept[0], 7, 'the input as it was at the call, not the 9 written after it');

  // A replaced built-in is the caller's too.
  const replaced = run(SHA256, { precompiles: new Map([[SHA256, keeper]]) });
  assert.equal(replaced.viewsInput(SHA256), false);
  assert.equal(kept[0], 7);

  // While tracing, a tracer may keep the message: copies.
  const traced = run(SHA256, { tracer: new NoopTracer() });
  assert.equal(traced.viewsInput(SHA256), false);
});
