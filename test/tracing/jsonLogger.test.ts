/**
 * EIP-3155 lines in go-ethereum's JSON logger shape, byte for byte. The expected trace of the fixed
 * program (program.ts) is written out by hand from go-ethereum's semantics (core/vm/interpreter.go,
 * eth/tracers/logger/logger_json.go):
 * - `gas` is the gas before the opcode, `gasCost` static + dynamic: MSTORE 3 + 3 for the first memory
 *   word; SSTORE 0->1 cold 2100 + 20000 = 0x5654; SSTORE 1->0 warm 100, and the refund counter shows
 *   the 19900 on that very line (go-ethereum adds it in the gas function, before logging);
 *   CALL = 100 warm + 2500 cold callee + 3 (return window grows memory to 2 words) + 0xffff sent = 0x10a2a.
 * - memSize is the size before the opcode (MSTORE's line shows 0); the stack is bottom first.
 * - depth starts at 1; the callee's lines are at depth 2 and start with the 0xffff gas it got.
 * - REVERT: a line with gasCost 0, then go-ethereum's OnFault line with the stack it left and the error.
 * - after the call, the caller has 75152 - 65535 + 65517 returned = 75134 = 0x1257e.
 * - the callee's exit line: its revert data, gasUsed 0xffff - 0xffed = 0x12, the error.
 * - closing line: output without 0x, gasUsed = 100000 - 75128 = 0x6128, no error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonLogger } from '../../src/tracing/jsonLogger.js';
import { runCode } from '../../src/transition/runCode.js';
import { hexToBytes } from '../../src/primitives/hex.js';
import { forkFromName } from '../../src/spec/fork.js';
import { runProgram } from './program.js';

const WORD_2A = '000000000000000000000000000000000000000000000000000000000000002a';

export const EXPECTED_TRACE =
  [
    '{"pc":0,"op":96,"gas":"0x186a0","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}',
    '{"pc":2,"op":96,"gas":"0x1869d","gasCost":"0x3","memSize":0,"stack":["0x2a"],"depth":1,"refund":0,"opName":"PUSH1"}',
    '{"pc":4,"op":82,"gas":"0x1869a","gasCost":"0x6","memSize":0,"stack":["0x2a","0x0"],"depth":1,"refund":0,"opName":"MSTORE"}',
    '{"pc":5,"op":96,"gas":"0x18694","gasCost":"0x3","memSize":32,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}',
    '{"pc":7,"op":96,"gas":"0x18691","gasCost":"0x3","memSize":32,"stack":["0x1"],"depth":1,"refund":0,"opName":"PUSH1"}',
    '{"pc":9,"op":85,"gas":"0x1868e","gasCost":"0x5654","memSize":32,"stack":["0x1","0x0"],"depth":1,"refund":0,"opName":"SSTORE"}',
    '{"pc":10,"op":96,"gas":"0x1303a","gasCost":"0x3","memSize":32,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}',
    '{"pc":12,"op":96,"gas":"0x13037","gasCost":"0x3","memSize":32,"stack":["0x0"],"depth":1,"refund":0,"opName":"PUSH1"}',
    '{"pc":14,"op":85,"gas":"0x13034","gasCost":"0x64","memSize":32,"stack":["0x0","0x0"],"depth":1,"refund":19900,"opName":"SSTORE"}',
    '{"pc":15,"op":96,"gas":"0x12fd0","gasCost":"0x3","memSize":32,"stack":[],"depth":1,"refund":19900,"opName":"PUSH1"}',
    '{"pc":17,"op":96,"gas":"0x12fcd","gasCost":"0x3","memSize":32,"stack":["0x20"],"depth":1,"refund":19900,"opName":"PUSH1"}',
    '{"pc":19,"op":96,"gas":"0x12fca","gasCost":"0x3","memSize":32,"stack":["0x20","0x20"],"depth":1,"refund":19900,"opName":"PUSH1"}',
    '{"pc":21,"op":96,"gas":"0x12fc7","gasCost":"0x3","memSize":32,"stack":["0x20","0x20","0x0"],"depth":1,"refund":19900,"opName":"PUSH1"}',
    '{"pc":23,"op":96,"gas":"0x12fc4","gasCost":"0x3","memSize":32,"stack":["0x20","0x20","0x0","0x0"],"depth":1,"refund":19900,"opName":"PUSH1"}',
    '{"pc":25,"op":97,"gas":"0x12fc1","gasCost":"0x3","memSize":32,"stack":["0x20","0x20","0x0","0x0","0x0"],"depth":1,"refund":19900,"opName":"PUSH2"}',
    '{"pc":28,"op":97,"gas":"0x12fbe","gasCost":"0x3","memSize":32,"stack":["0x20","0x20","0x0","0x0","0x0","0xc0de"],"depth":1,"refund":19900,"opName":"PUSH2"}',
    '{"pc":31,"op":241,"gas":"0x12fbb","gasCost":"0x10a2a","memSize":32,"stack":["0x20","0x20","0x0","0x0","0x0","0xc0de","0xffff"],"depth":1,"refund":19900,"opName":"CALL"}',
    '{"pc":0,"op":96,"gas":"0xffff","gasCost":"0x3","memSize":0,"stack":[],"depth":2,"refund":19900,"opName":"PUSH1"}',
    '{"pc":2,"op":96,"gas":"0xfffc","gasCost":"0x3","memSize":0,"stack":["0x2a"],"depth":2,"refund":19900,"opName":"PUSH1"}',
    '{"pc":4,"op":82,"gas":"0xfff9","gasCost":"0x6","memSize":0,"stack":["0x2a","0x0"],"depth":2,"refund":19900,"opName":"MSTORE"}',
    '{"pc":5,"op":96,"gas":"0xfff3","gasCost":"0x3","memSize":32,"stack":[],"depth":2,"refund":19900,"opName":"PUSH1"}',
    '{"pc":7,"op":96,"gas":"0xfff0","gasCost":"0x3","memSize":32,"stack":["0x20"],"depth":2,"refund":19900,"opName":"PUSH1"}',
    '{"pc":9,"op":253,"gas":"0xffed","gasCost":"0x0","memSize":32,"stack":["0x20","0x0"],"depth":2,"refund":19900,"opName":"REVERT"}',
    '{"pc":9,"op":253,"gas":"0xffed","gasCost":"0x0","memSize":32,"stack":[],"depth":2,"refund":19900,"opName":"REVERT","error":"execution reverted"}',
    // Every frame's exit is written (go-ethereum's recorded evmrun/8.out.2.txt has them for sub-calls).
    `{"output":"${WORD_2A}","gasUsed":"0x12","error":"execution reverted"}`,
    '{"pc":32,"op":96,"gas":"0x1257e","gasCost":"0x3","memSize":64,"stack":["0x0"],"depth":1,"refund":19900,"opName":"PUSH1"}',
    '{"pc":34,"op":96,"gas":"0x1257b","gasCost":"0x3","memSize":64,"stack":["0x0","0x40"],"depth":1,"refund":19900,"opName":"PUSH1"}',
    '{"pc":36,"op":243,"gas":"0x12578","gasCost":"0x0","memSize":64,"stack":["0x0","0x40","0x0"],"depth":1,"refund":19900,"opName":"RETURN"}',
    `{"output":"${WORD_2A}${WORD_2A}","gasUsed":"0x6128"}`,
  ].join('\n') + '\n';

function trace(run: (t: JsonLogger) => void, config = {}): string {
  let out = '';
  run(new JsonLogger((l) => (out += l), config));
  return out;
}

test('the fixed program traces byte for byte as go-ethereum writes it', () => {
  let result;
  const out = trace((t) => (result = runProgram(t)));
  assert.equal(out, EXPECTED_TRACE);
  assert.equal(result!.gasUsed, 0x6128n);
});

test('tracing does not change the result', () => {
  let traced;
  trace((t) => (traced = runProgram(t)));
  const plain = runProgram(undefined as never);
  assert.deepEqual([traced!.status, traced!.gasUsed, traced!.output], [plain.status, plain.gasUsed, plain.output]);
});

const osaka = forkFromName('Osaka')!;
const lines = (code: string, config = {}) =>
  trace((t) => runCode(hexToBytes(code), { fork: osaka, gas: 1000n, tracer: t }), config)
    .trimEnd()
    .split('\n');

test("a stack underflow is one line carrying go-ethereum's error text, HTML-escaped like encoding/json", () => {
  assert.deepEqual(lines('01'), [
    '{"pc":0,"op":1,"gas":"0x3e8","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"ADD","error":"stack underflow (0 \\u003c=\\u003e 2)"}',
    '{"output":"","gasUsed":"0x3e8","error":"stack underflow (0 \\u003c=\\u003e 2)"}',
  ]);
});

test('an undefined opcode is logged, then faults with its name', () => {
  assert.deepEqual(lines('0c'), [
    '{"pc":0,"op":12,"gas":"0x3e8","gasCost":"0x0","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"opcode 0xc not defined"}',
    '{"pc":0,"op":12,"gas":"0x3e8","gasCost":"0x0","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"opcode 0xc not defined","error":"invalid opcode: opcode 0xc not defined"}',
    '{"output":"","gasUsed":"0x3e8","error":"invalid opcode: opcode 0xc not defined"}',
  ]);
});

test('out of gas on dynamic gas: one line whose cost includes the unpayable expansion', () => {
  // PUSH1 1, PUSH2 0x4000 MSTORE: 513 words of memory cost 3*513 + 513^2/512 = 2053 > what is left.
  const l = lines('60016140005200');
  assert.equal(l.length, 4);
  assert.equal(
    l[2],
    '{"pc":5,"op":82,"gas":"0x3e2","gasCost":"0x808","memSize":0,"stack":["0x1","0x4000"],"depth":1,"refund":0,"opName":"MSTORE","error":"out of gas"}',
  );
  assert.equal(l[3], '{"output":"","gasUsed":"0x3e8","error":"out of gas"}');
});

test('memory and returnData appear when enabled and non-empty; nostack writes null', () => {
  const l = lines('602a60005200', { enableMemory: true, disableStack: true, enableReturnData: true });
  assert.equal(l[2], '{"pc":4,"op":82,"gas":"0x3e2","gasCost":"0x6","memSize":0,"stack":null,"depth":1,"refund":0,"opName":"MSTORE"}');
  assert.equal(
    l[3],
    `{"pc":5,"op":0,"gas":"0x3dc","gasCost":"0x0","memory":"0x${WORD_2A}","memSize":32,"stack":null,"depth":1,"refund":0,"opName":"STOP"}`,
  );
});

test('statetest --trace: the trace, its closing line, then the stateRoot line, on stderr', async () => {
  const { main } = await import('../../src/cli/main.js');
  const { Readable } = await import('node:stream');
  const { fixturePath } = await import('../fixtures.js');
  let err = '';
  const io = { stdout: () => {}, stderr: (t: string) => void (err += t), stdin: Readable.from([]), stdinIsTTY: true };
  const file = fixturePath('state/istanbul-to-cancun/stExample/add11_yml.json');
  assert.ok(file !== undefined, 'the add11 state test fixture is needed');
  const code = await main(['statetest', '--trace', '--fork', 'Cancun', file], io);
  assert.equal(code, 0);
  const lines = err.split('\n');
  // add11: PUSH1 1 PUSH1 1 ADD PUSH1 0 SSTORE STOP, with 0x5c878 gas after intrinsic gas.
  assert.equal(lines[0], '{"pc":0,"op":96,"gas":"0x5c878","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}');
  assert.equal(
    lines[4],
    '{"pc":7,"op":85,"gas":"0x5c86c","gasCost":"0x5654","memSize":0,"stack":["0x2","0x0"],"depth":1,"refund":0,"opName":"SSTORE"}',
  );
  assert.equal(lines[6], '{"output":"","gasUsed":"0x5660"}');
  assert.match(lines[7]!, /^\{"stateRoot": "0x[0-9a-f]{64}"\}$/);
});
