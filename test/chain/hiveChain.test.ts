/**
 * The execution-apis test chain (../shared/fixtures/rpc: genesis.json + chain.rlp, Frontier through BPO2 with
 * proof-of-work blocks before the Merge, sealed by go-ethereum's fake ethash, so imported without a seal
 * check) imports from its genesis file, through Chain, to the head hash the fixtures' forkchoice update
 * (headfcu.json) names. The first Cancun block, the first Prague block and the head (Osaka with BPO2's blob
 * parameters) have the hash, receipts root and state root go-ethereum answered for them
 * (eth_getBlockByNumber .io files); the state at older blocks stays readable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex } from '../../src/primitives/hex.js';
import { Chain } from '../../src/chain/chain.js';
import { splitBlocks } from '../../src/chain/block.js';
import { parseGenesis } from '../../src/chain/genesis.js';
import { forkName } from '../../src/spec/fork.js';
import { fixturesRoot } from '../fixtures.js';

const RPC = join(fixturesRoot(), 'rpc');
const present = existsSync(join(RPC, 'chain.rlp')) && existsSync(join(RPC, 'genesis.json'));

/** The result of the one request in an .io file. */
function ioResult(path: string): { number: string; hash: string; receiptsRoot: string; stateRoot: string } {
  const line = readFileSync(join(RPC, path), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('<< '))!;
  return (JSON.parse(line.slice(3)) as { result: { number: string; hash: string; receiptsRoot: string; stateRoot: string } }).result;
}

test(
  'chain.rlp imports from genesis.json to the head of headfcu.json; blocks at Cancun, Prague and Osaka match go-ethereum',
  { skip: present ? false : 'rpc fixtures absent' },
  () => {
    const genesis = parseGenesis(JSON.parse(readFileSync(join(RPC, 'genesis.json'), 'utf8')));
    const chain = new Chain({ config: genesis.config, alloc: genesis.alloc, genesis: genesis.fields });
    const { blocks, error } = splitBlocks(readFileSync(join(RPC, 'chain.rlp')));
    assert.equal(error, undefined);
    const results = chain.importBlocks(blocks);
    const bad = results.find((r) => r.status !== 'imported');
    assert.equal(bad, undefined, bad?.error ?? '');
    const fcu = JSON.parse(readFileSync(join(RPC, 'headfcu.json'), 'utf8')) as { params: [{ headBlockHash: string }] };
    assert.equal(chain.head.id, fcu.params[0].headBlockHash);

    for (const [file, fork] of [
      ['eth_getBlockByNumber/get-block-cancun-fork.io', 'Cancun'],
      ['eth_getBlockByNumber/get-block-prague-fork.io', 'Prague'],
      ['eth_getBlockByNumber/get-latest.io', 'BPO2'], // Osaka's rules with BPO2's blob parameters
    ] as const) {
      const want = ioResult(file);
      const b = chain.blockByNumber(BigInt(want.number))!;
      assert.equal(b.id, want.hash, `${fork} block ${want.number}: hash`);
      assert.equal(bytesToHex(b.header.receiptsRoot), want.receiptsRoot, `${fork}: receipts root`);
      assert.equal(bytesToHex(b.header.stateRoot), want.stateRoot, `${fork}: state root`);
      assert.equal(bytesToHex(chain.stateAt(b).stateRoot), want.stateRoot);
      assert.equal(forkName(b.rules.fork), fork);
    }
    // Receipts were kept per block: the Prague block's receipts root is the root of the kept receipts.
    const prague = chain.blockByNumber(0x2dn)!;
    assert.equal(prague.receipts.length, prague.block.transactions.length);
    assert.equal(prague.receipts.at(-1)!.cumulativeGasUsed, prague.header.gasUsed);
  },
);
