/**
 * The block-import benchmark's harness (bench/blocks) on one small fixture, untimed: a Berlin chain of 10
 * blocks overtaken by a side chain forking at block 4 (newChainFrom4Block: a reorg, so ethereumjs runs
 * blocks from a parent state other than the last one it executed). Both engines import every valid
 * block, reach the fixture's head (`lastblockhash`) with the same state root, and count the blocks' gas;
 * the go-ethereum config built for ethereumjs schedules the same forks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadBlockTestCase } from '../../bench/blocks/cases.js';
import { checkCase, setUpEvmkit } from '../../bench/blocks/harness.js';
import { gethConfigOf } from '../../bench/blocks/gethConfig.js';
import { networkConfig } from '../../src/chain/config.js';
import { fixturesRoot } from '../fixtures.js';

const FILE = 'istanbul-to-cancun/ValidBlocks/bcTotalDifficultyTest/newChainFrom4Block.json';
const present = existsSync(join(fixturesRoot(), 'blocks', FILE));

test('go-ethereum config for ethereumjs: forks by block, the Merge at block 0, times after it', () => {
  assert.deepEqual(gethConfigOf(networkConfig('ShanghaiToCancunAtTime15k')), {
    chainId: 1,
    homesteadBlock: 0,
    eip150Block: 0,
    eip155Block: 0,
    eip158Block: 0,
    byzantiumBlock: 0,
    constantinopleBlock: 0,
    petersburgBlock: 0,
    istanbulBlock: 0,
    muirGlacierBlock: 0,
    berlinBlock: 0,
    londonBlock: 0,
    arrowGlacierBlock: 0,
    grayGlacierBlock: 0,
    mergeForkBlock: 0,
    terminalTotalDifficulty: 0,
    shanghaiTime: 0,
    cancunTime: 15000,
    depositContractAddress: '0x00000000219ab540356cbb839cbe05303d7705fa',
  });
  assert.equal(gethConfigOf(networkConfig('FrontierToHomesteadAt5')).homesteadBlock, 5);
  assert.throws(() => gethConfigOf(networkConfig('ArrowGlacierToParisAtDiffC0000')), /total difficulty/);
});

test(
  'harness: both engines import newChainFrom4Block_Berlin to its head',
  { skip: present ? false : 'blocks fixtures absent' },
  async () => {
    await setUpEvmkit();
    const c = loadBlockTestCase(fixturesRoot(), FILE, 'newChainFrom4Block_Berlin');
    assert.equal(c.blocks.length, 18);
    assert.equal(c.head, '0x' + c.head.slice(2).toLowerCase());
    const r = await checkCase(c);
    for (const run of [r.evmkit, r.ethereumjs]) {
      assert.equal(run.head, c.head);
      assert.equal(run.gasUsed, c.gas);
      assert.ok(run.ms > 0);
    }
    assert.equal(r.evmkit.stateRoot, r.ethereumjs.stateRoot);
    assert.match(r.evmkit.stateRoot, /^0x[0-9a-f]{64}$/);
  },
);
