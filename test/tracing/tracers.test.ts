/**
 * go-ethereum's callTracer, struct logger and prestateTracer over the fixed program (program.ts),
 * expected values written from go-ethereum's shapes (eth/tracers/native/call.go, prestate.go,
 * eth/tracers/logger/logger.go).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallTracer } from '../../src/tracing/callTracer.js';
import { StructLogger } from '../../src/tracing/structLogger.js';
import { PrestateTracer } from '../../src/tracing/prestateTracer.js';
import { unpackRevert } from '../../src/tracing/revertReason.js';
import { hexToBytes } from '../../src/primitives/hex.js';
import { CALLEE_CODE, CALLER_CODE, runProgram } from './program.js';

const WORD_2A = '000000000000000000000000000000000000000000000000000000000000002a';
const SENDER = '0x000000000000000000000000000073656e646572';
const RECEIVER = '0x0000000000000000000000007265636569766572';
const CALLEE = '0x000000000000000000000000000000000000c0de';
const ZERO_WORD = '0x' + '0'.repeat(64);

test('callTracer: the call tree, keys in go-ethereum order, the reverted sub-call with its output', () => {
  const t = new CallTracer();
  runProgram(t);
  const r = t.result();
  assert.equal(
    JSON.stringify(r),
    JSON.stringify({
      from: SENDER,
      gas: '0x186a0',
      gasUsed: '0x6128',
      to: RECEIVER,
      input: '0x',
      output: `0x${WORD_2A}${WORD_2A}`,
      calls: [
        {
          from: RECEIVER,
          gas: '0xffff',
          gasUsed: '0x12',
          to: CALLEE,
          input: '0x',
          output: `0x${WORD_2A}`,
          error: 'execution reverted',
          value: '0x0',
          type: 'CALL',
        },
      ],
      value: '0x0',
      type: 'CALL',
    }),
  );
});

test('struct logger: one entry per opcode, storage snapshots on SSTORE, refund only when non-zero', () => {
  const t = new StructLogger();
  runProgram(t);
  const r = t.result();
  assert.equal(r.gas, 0x6128);
  assert.equal(r.failed, false);
  assert.equal(r.returnValue, `0x${WORD_2A}${WORD_2A}`);
  assert.equal(r.structLogs.length, 26); // the REVERT has no second (fault) entry
  assert.equal(
    JSON.stringify(r.structLogs[5]),
    `{"pc":9,"op":"SSTORE","gas":99982,"gasCost":22100,"depth":1,"stack":["0x1","0x0"],"storage":{"${'0'.repeat(64)}":"${'0'.repeat(63)}1"}}`,
  );
  assert.equal(
    JSON.stringify(r.structLogs[8]),
    `{"pc":14,"op":"SSTORE","gas":77876,"gasCost":100,"depth":1,"stack":["0x0","0x0"],"storage":{"${'0'.repeat(64)}":"${'0'.repeat(64)}"},"refund":19900}`,
  );
  assert.equal(
    JSON.stringify(r.structLogs[22]),
    '{"pc":9,"op":"REVERT","gas":65517,"gasCost":0,"depth":2,"stack":["0x20","0x0"],"refund":19900}',
  );
});

test('prestateTracer: accounts and slots as they were before; diffMode keeps what changed', () => {
  const t = new PrestateTracer();
  runProgram(t);
  const pre = t.result() as Record<string, { storage?: Record<string, string>; code?: string }>;
  assert.deepEqual(Object.keys(pre), ['0x0000000000000000000000000000000000000000', CALLEE, SENDER, RECEIVER].sort());
  assert.equal(pre[RECEIVER]!.code, '0x' + CALLER_CODE);
  assert.deepEqual(pre[RECEIVER]!.storage, { [ZERO_WORD]: ZERO_WORD });
  assert.equal(pre[CALLEE]!.code, '0x' + CALLEE_CODE);

  const d = new PrestateTracer({ diffMode: true });
  runProgram(d);
  // Slot 0 went 0 -> 1 -> 0 and nothing else changed: no account differs.
  assert.equal(JSON.stringify(d.result()), '{"post":{},"pre":{}}');
});

test('revert reasons: Error(string) and Panic(uint256) as go-ethereum unpacks them', () => {
  const err = hexToBytes(
    '0x08c379a0' + '20'.padStart(64, '0') + '4'.padStart(64, '0') + Buffer.from('nope').toString('hex').padEnd(64, '0'),
  );
  assert.equal(unpackRevert(err), 'nope');
  assert.equal(unpackRevert(hexToBytes('0x4e487b71' + '11'.padStart(64, '0'))), 'arithmetic underflow or overflow');
  assert.equal(unpackRevert(hexToBytes('0x4e487b71' + '99'.padStart(64, '0'))), 'unknown panic code: 0x99');
  assert.equal(unpackRevert(hexToBytes('0x1234')), null);
});
