/** `evmkit run` in-process: return data on stdout, the EIP-3155 trace on stderr, errors, --dump, --bench. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { goDuration } from '../../src/cli/duration.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), stdin: Readable.from([]), stdinIsTTY: true };
  const code = await main(['run', ...args], io);
  return { code, out, err };
}

test('run: the first stdout line is the return data; --json writes EIP-3155 lines and the closing line to stderr', async () => {
  // PUSH1 2a PUSH1 0 MSTORE PUSH1 20 PUSH1 0 RETURN
  const r = await run(['--json', '--gas', '100', '--code', '0x602a60005260206000f3']);
  assert.equal(r.code, 0);
  assert.equal(r.out.split('\n')[0], '0x' + '2a'.padStart(64, '0'));
  const lines = r.err.trimEnd().split('\n');
  assert.equal(lines.length, 7);
  assert.equal(lines[0], '{"pc":0,"op":96,"gas":"0x64","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}');
  assert.equal(lines[6], `{"output":"${'2a'.padStart(64, '0')}","gasUsed":"0x12"}`);
});

test('run: the default fork is Osaka (CLZ is defined) and an error goes to stderr with exit 1', async () => {
  // PUSH1 1 CLZ PUSH0 MSTORE PUSH1 32 PUSH0 RETURN: clz(1) = 255
  const ok = await run(['--code', '60011e5f5260205ff3']);
  assert.equal(ok.code, 0);
  assert.equal(ok.out, '0x' + 'ff'.padStart(64, '0') + '\n');
  const bad = await run(['--code', '60006000fd']);
  assert.equal(bad.code, 1);
  assert.equal(bad.out, '0x\n');
  assert.equal(bad.err, 'error: execution reverted\n');
});

test('run --dump prints the post-state after the return data; --bench prints gas and time', async () => {
  const r = await run(['--dump', '--bench', '--code', '0x6001600055']);
  assert.equal(r.code, 0);
  const [first, ...rest] = r.out.split('\n');
  assert.equal(first, '0x');
  const dump = JSON.parse(rest.join('\n'));
  const receiver = dump.accounts['0x0000000000000000000000007265636569766572'];
  assert.deepEqual(receiver.storage, { ['0x' + '0'.repeat(64)]: '01' });
  assert.equal(receiver.code, '0x6001600055');
  assert.equal(Object.keys(dump.accounts).length, 1, 'the empty sender is deleted, as go-ethereum commits before dumping');
  assert.match(r.err, /^EVM gas used:    22106\nexecution time:  \S+\n/);
});

test('go durations', () => {
  assert.deepEqual(
    [goDuration(850), goDuration(12500), goDuration(1234567), goDuration(2.5e9), goDuration(3e6)],
    ['850ns', '12.5µs', '1.234567ms', '2.5s', '3ms'],
  );
});
