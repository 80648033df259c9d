/**
 * One default fork across library and command line: DEFAULT_FORK, the fork mainnet runs today (Osaka with
 * the blob parameters of BPO2, since 2026-01-07). createEVM, runCode, `evmkit run`, `evmkit t8n` and a
 * forked EVM on a chain evmkit has no schedule for all run it; a forked EVM on a known chain runs the fork
 * of the pinned block (src/spec/schedule.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { DEFAULT_FORK, Fork, forkName } from '../../src/spec/fork.js';
import { rulesFor } from '../../src/spec/rules.js';
import { forkAt } from '../../src/spec/schedule.js';
import { createEVM } from '../../src/api/evm.js';
import { createForkedEVM } from '../../src/api/fork.js';
import { runCode } from '../../src/transition/runCode.js';
import { blobBaseFee } from '../../src/transition/blobs.js';
import { asm } from '../../src/spec/asm.js';
import { main } from '../../src/cli/main.js';
import { startNode } from '../rpc/server.js';
import { ALLOC } from '../rpc/fixture.js';

/** BLOBBASEFEE at an excess blob gas where BPO2's update fraction differs from Osaka's, BPO1's, ... */
const EXCESS = 30_000_000n;
const BLOB_FEE_CODE = asm('BLOBBASEFEE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN');

test('the default fork is BPO2 (Osaka + the latest blob-parameter fork): what mainnet runs today', () => {
  assert.equal(DEFAULT_FORK, Fork.BPO2);
  assert.equal(forkName(DEFAULT_FORK), 'BPO2');
  assert.equal(forkAt(1n, 24_000_000n, 1_770_000_000n), Fork.BPO2);
  // The distinguishing value: BPO2's blob base fee differs from every other fork's at this excess.
  const bpo2 = blobBaseFee(EXCESS, rulesFor('BPO2'));
  for (const f of ['Cancun', 'Prague', 'Osaka', 'BPO1'] as const) assert.notEqual(blobBaseFee(EXCESS, rulesFor(f)), bpo2, f);
});

test('createEVM and runCode default to it', () => {
  const evm = createEVM({ block: { excessBlobGas: EXCESS } });
  assert.equal(evm.rules, rulesFor(DEFAULT_FORK));
  const want = blobBaseFee(EXCESS, rulesFor(DEFAULT_FORK));
  evm.setCode('0x00000000000000000000000000000000000000aa', BLOB_FEE_CODE);
  assert.equal(BigInt(evm.call({ to: '0x00000000000000000000000000000000000000aa' }).returnData), want);
  const r = runCode(BLOB_FEE_CODE, { env: { excessBlobGas: EXCESS } });
  assert.equal(BigInt('0x' + Buffer.from(r.output).toString('hex')), want);
});

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = {
    stdout: (t: string) => void (out += t),
    stderr: (t: string) => void (err += t),
    stdin: Readable.from([stdin]),
    stdinIsTTY: false,
  };
  const code = await main(args, io);
  return { code, out, err };
}

test('evmkit run and evmkit t8n default to it (and say so in --help)', async () => {
  for (const cmd of ['run', 't8n', 'call']) {
    const h = await cli([cmd, '--help']);
    assert.match(h.out, /BPO2/, `${cmd} --help names the default fork`);
  }
  // run: CLZ (Osaka) is defined
  const run = await cli(['run', '--code', '60011e5f5260205ff3']);
  assert.equal(run.out, '0x' + 'ff'.padStart(64, '0') + '\n');
  // t8n without --state.fork: the excess blob gas follows BPO2's target (14 blobs per block).
  const ZERO32 = '0x' + '00'.repeat(32);
  const input = {
    alloc: {},
    env: {
      currentCoinbase: '0x' + '00'.repeat(20),
      currentGasLimit: '0x1000000',
      currentNumber: '0x10',
      currentTimestamp: '0x3e8',
      currentRandom: ZERO32,
      currentBaseFee: '0x7',
      parentExcessBlobGas: '0x0',
      parentBlobGasUsed: '0x' + (20n * 131072n).toString(16),
      parentBeaconBlockRoot: ZERO32,
      withdrawals: [],
    },
    txs: [],
  };
  const t = await cli(
    ['t8n', '--input.alloc=stdin', '--input.env=stdin', '--input.txs=stdin', '--output.result=stdout', '--output.alloc=stdout'],
    JSON.stringify(input),
  );
  assert.equal(t.code, 0, t.err);
  const result = (JSON.parse(t.out) as { result: { currentExcessBlobGas: string } }).result;
  assert.equal(BigInt(result.currentExcessBlobGas), (20n - 14n) * 131072n);
});

test("a forked EVM runs the pinned block's fork on a known chain, the default fork on any other", async () => {
  assert.equal(forkAt(1n, 19_000_000n, 1_710_338_135n), Fork.Cancun);
  assert.equal(forkAt(1n, 15_537_393n, 1_663_224_162n), Fork.GrayGlacier);
  assert.equal(forkAt(1n, 15_537_394n, 1_663_224_179n), Fork.Paris);
  assert.equal(forkAt(1n, 22_500_000n, 1_746_612_311n), Fork.Prague);
  assert.equal(forkAt(11155111n, 9_000_000n, 1_760_427_360n), Fork.Osaka);
  assert.equal(forkAt(31337n, 1n, 1n), DEFAULT_FORK);
  const node = await startNode(ALLOC); // chain id 31337
  try {
    const evm = await createForkedEVM({ url: node.url });
    assert.equal(evm.rules, rulesFor(DEFAULT_FORK));
    const latest = await cli(['call', '--rpc-url', node.url, '--block', 'latest', '--to', '0x' + 'aa'.padStart(40, '0')]);
    assert.equal(latest.code, 0, latest.err);
  } finally {
    await node.close();
  }
});
