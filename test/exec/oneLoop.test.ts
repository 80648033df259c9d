/**
 * Stepping, tracing, async loading and plain runs are modes of one frame loop (Executor.drive): the
 * memory pool, the tracer's enter/exit and cancellation work the same in each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEVM } from '../../src/api/evm.js';
import { asm } from '../../src/spec/asm.js';
import { Status } from '../../src/machine/status.js';
import { callMessage, testExecutor } from './harness.js';
import type { ExecResult, Message } from '../../src/machine/message.js';
import { NoopTracer } from '../../src/machine/tracer.js';
import type { Host } from '../../src/machine/host.js';
import { RESERVE_FROM } from '../../src/machine/memory.js';
import { Executor } from '../../src/exec/executor.js';
import { StateJournal } from '../../src/state/journal.js';

const BIG = 0xb16n;
// Writes one byte past RESERVE_FROM (memory grows past 256 KB), then calls itself at depth 1 once.
const BIG_CODE = asm(`PUSH1 1 PUSH3 ${RESERVE_FROM + 64} MSTORE8 STOP`);

test('ten stepped calls that grow memory past 256 KB leave the pool balanced: a plain call still gets its reservation', async () => {
  const evm = createEVM({ fork: 'Cancun' });
  evm.setCode(BIG, BIG_CODE);
  const pool = evm.memoryPool;
  for (let i = 0; i < 10; i++) {
    let steps = 0;
    const r = await evm.callStepping({ to: BIG, gas: 30_000_000n }, () => void steps++);
    assert.equal(r.success, true);
    assert.equal(steps, 4);
    assert.equal(pool.live, 0, `stepped call ${i} gave its buffer back`);
  }
  const before = pool.reservations;
  assert.equal(before, 10);
  assert.equal(evm.call({ to: BIG, gas: 30_000_000n }).success, true);
  assert.equal(pool.reservations, before + 1, 'the plain call was given a reservation');
  assert.equal(pool.live, 0);
});

class Recorder extends NoopTracer {
  readonly events: string[] = [];
  override onEnter(_h: Host, msg: Message): void {
    this.events.push(`enter ${msg.depth} ${msg.codeAddress}`);
  }
  override onExit(_h: Host, msg: Message, r: ExecResult, error: string | undefined): void {
    this.events.push(`exit ${msg.depth} ${r.status} ${error ?? ''}`);
  }
}

const CALLER = 0xca11n;
const CALLEE = 0xbeefn;

function executor(opts: { tracer?: Recorder; signal?: AbortSignal }): [Executor, Message] {
  const state = new StateJournal();
  // CALLER calls CALLEE (which reverts) and then the identity precompile, then stops.
  state.setCode(
    CALLER,
    asm(`PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 ${CALLEE} GAS CALL POP PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH1 4 GAS CALL STOP`),
  );
  state.setCode(CALLEE, asm('PUSH0 PUSH0 REVERT'));
  return [testExecutor(state, opts), callMessage(CALLER)];
}

test('the tracer hears the same enter/exit sequence stepping as running', () => {
  const plain = new Recorder();
  const [e1, m1] = executor({ tracer: plain });
  const r1 = e1.execute(m1);
  const stepped = new Recorder();
  const [e2, m2] = executor({ tracer: stepped });
  let steps = 0;
  const x = e2.start(m2, () => void steps++);
  const r2 = e2.drive(x)!;
  assert.deepEqual(r2, r1);
  assert.equal(r1.status, Status.Stop);
  assert.deepEqual(stepped.events, plain.events);
  assert.deepEqual(plain.events, [
    `enter 0 ${CALLER}`,
    `enter 1 ${CALLEE}`,
    `exit 1 ${Status.Revert} execution reverted`,
    'enter 1 4',
    `exit 1 ${Status.Stop} `,
    `exit 0 ${Status.Stop} `,
  ]);
  assert.ok(steps > 20);
});

test('cancellation ends a stepped execution, reverting what it did', () => {
  const ac = new AbortController();
  const state = new StateJournal();
  const LOOP = 0x100n;
  state.setCode(LOOP, asm('PUSH1 1 PUSH0 SSTORE JUMPDEST PUSH1 4 JUMP'));
  const exec = testExecutor(state, { signal: ac.signal });
  const msg = callMessage(LOOP, 10_000_000_000n);
  let steps = 0;
  const r = exec.drive(
    exec.start(msg, () => {
      if (++steps === 100) ac.abort();
    }),
  )!;
  assert.equal(r.status, Status.Cancelled);
  assert.ok(steps < 100 + 3 * 1024, `stopped within one check interval (${steps} steps)`);
  assert.equal(state.getStorage(LOOP, 0n), 0n, 'the SSTORE was reverted');
});
