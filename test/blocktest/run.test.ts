/**
 * Blockchain-test loading and judging (src/blocktest/load.ts, run.ts) on tests made here: a malformed file
 * or test is one failed entry naming the field, an unknown network is skipped, --fork/--run select, and the
 * verdicts of go-ethereum's runner (a valid block rejected, an invalid one imported, the wrong head, the
 * wrong post state) each fail with a reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToHex } from '../../src/primitives/hex.js';
import { Chain } from '../../src/chain/chain.js';
import { networkConfig } from '../../src/chain/config.js';
import { parseBlockTestText, networkSelected, type BlockTest } from '../../src/blocktest/load.js';
import { runBlockTest } from '../../src/blocktest/run.js';
import { buildChild, fundedAlloc, transfer, RECIPIENT } from '../chain/builder.js';

function madeTest(): { test: BlockTest; chain: Chain } {
  const config = networkConfig('Cancun');
  const alloc = fundedAlloc();
  const chain = new Chain({ config, alloc, genesis: { gasLimit: 30_000_000n, timestamp: 0n } });
  const b1 = buildChild(chain, chain.genesis, { txs: [transfer(0n, 77n)] });
  assert.equal(chain.importBlock(b1).status, 'imported');
  const bad = buildChild(chain, chain.head, { tamper: (h) => ({ ...h, gasUsed: 5n }) });
  const t: BlockTest = {
    kind: 'test',
    file: 'made.json',
    name: 'made',
    network: 'Cancun',
    config,
    alloc,
    genesis: chain.genesis.header,
    genesisHash: chain.genesis.id,
    blocks: [
      { rlp: bytesToHex(b1.rlp), valid: true, hash: bytesToHex(b1.hash) },
      { rlp: bytesToHex(bad.rlp), valid: false, expectException: 'InvalidGasUsed' },
    ],
    lastBlockHash: bytesToHex(b1.hash),
    postStateHash: bytesToHex(b1.header.stateRoot),
  };
  return { test: t, chain };
}

test('a made test passes; each way of breaking it fails with a reason', () => {
  const { test: t } = madeTest();
  const ok = runBlockTest(t);
  assert.equal(ok.status, 'pass', ok.error ?? '');
  assert.equal(ok.stateRoot, t.postStateHash!);

  const flipped = runBlockTest({ ...t, blocks: [t.blocks[0]!, { ...t.blocks[1]!, valid: true }] });
  assert.equal(flipped.status, 'fail');
  assert.match(flipped.error!, /^block 1 \(expected valid\) was rejected: block 2: gasUsed: header 5, execution used 0/);

  const imported = runBlockTest({ ...t, blocks: [{ ...t.blocks[0]!, valid: false, expectException: 'X' }] });
  assert.match(imported.error!, /^block 0 should have been rejected \(X\) but was imported/);

  const head = runBlockTest({ ...t, lastBlockHash: '0x' + '00'.repeat(32) });
  assert.match(head.error!, /^last block hash mismatch: head 0x[0-9a-f]{64} \(number 1\)/);

  const root = runBlockTest({ ...t, postStateHash: '0x' + '11'.repeat(32) });
  assert.match(root.error!, /^post state root mismatch/);

  const post = runBlockTest({
    ...t,
    postStateHash: undefined,
    postState: new Map([[RECIPIENT, { balance: 78n, nonce: 0n, code: new Uint8Array(0), storage: new Map() }]]),
  } as BlockTest);
  assert.match(post.error!, /^post state mismatch: .*balance 77, want 78|^post state mismatch: account/);

  const garbage = runBlockTest({ ...t, blocks: [{ rlp: '0xzz', valid: true }] });
  assert.match(garbage.error!, /^block 0 \(expected valid\) was rejected: rlp is not hex/);

  const genesis = runBlockTest({ ...t, genesisHash: '0x' + '22'.repeat(32) });
  assert.match(genesis.error!, /^genesis hash mismatch/);
});

test('loading: malformed files and tests are failures naming what is wrong; unknown networks are skipped', () => {
  const bad = parseBlockTestText('{"a": ', 'f.json');
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.kind, 'malformed');
  assert.match((bad[0] as { error: string }).error, /^f\.json: invalid JSON/);
  assert.equal(parseBlockTestText('[1]', 'f.json')[0]!.kind, 'malformed');

  const tests = parseBlockTestText(
    JSON.stringify({
      noNetwork: { blocks: [] },
      future: { network: 'Glamsterdam2', blocks: [] },
      noGenesis: { network: 'Cancun', pre: {}, blocks: [], lastblockhash: '0x00' },
    }),
    'f.json',
  );
  const byName = new Map(tests.map((t) => [t.name, t]));
  assert.match((byName.get('noNetwork') as { error: string }).error, /test "noNetwork": network: /);
  assert.equal(byName.get('future')!.kind, 'skipped');
  assert.match((byName.get('noGenesis') as { error: string }).error, /genesisBlockHeader/);
  for (const t of tests) assert.equal(runBlockTest(t).status, t.kind === 'skipped' ? 'skip' : 'fail');
});

test('selection: --run by name, --fork by network (a fork selects its transitions too)', () => {
  const text = JSON.stringify({
    a_Cancun: { network: 'Cancun' },
    b_Prague: { network: 'Prague' },
    c: { network: 'CancunToPragueAtTime15k' },
  });
  assert.deepEqual(
    parseBlockTestText(text, 'f', { run: /^a_/ }).map((t) => t.name),
    ['a_Cancun'],
  );
  assert.deepEqual(
    parseBlockTestText(text, 'f', { forks: ['Prague'] }).map((t) => t.name),
    ['b_Prague', 'c'],
  );
  assert.deepEqual(
    parseBlockTestText(text, 'f', { forks: ['CancunToPragueAtTime15k'] }).map((t) => t.name),
    ['c'],
  );
  assert.equal(networkSelected('Cancun', ['cancun']), true);
  assert.equal(networkSelected('Cancun', undefined), true);
  assert.equal(networkSelected('Shanghai', ['Cancun']), false);
});
