/**
 * The chain (src/chain/chain.ts) on blocks built here (./builder.ts), no fixtures: import and receipts,
 * rejected blocks (a clear reason naming the block and the rule; chain and state unchanged), fork choice by
 * total difficulty before the Merge and by the last imported block after it, and the state at older blocks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToHex } from '../../src/primitives/hex.js';
import { Chain, type StoredBlock } from '../../src/chain/chain.js';
import { networkConfig } from '../../src/chain/config.js';
import type { Header } from '../../src/chain/header.js';
import { ordinalTrieRoot } from '../../src/primitives/trie/index.js';
import { encodeTx } from '../../src/tx/index.js';
import { encodeBlock } from '../../src/chain/block.js';
import { ONE_ETHER, RECIPIENT, SENDER, buildChild, extend, fundedAlloc, transfer } from './builder.js';

function newChain(network: string, genesis: Partial<Header> = {}): Chain {
  const config = networkConfig(network);
  // The genesis header from the config's defaults (base fee, withdrawals root... as the forks want).
  return new Chain({
    config,
    alloc: fundedAlloc(),
    genesis: {
      gasLimit: 30_000_000n,
      difficulty: 0x1000000n,
      ...(genesis.timestamp === undefined ? {} : { timestamp: genesis.timestamp }),
    },
  });
}

/** What a rejected import must leave as it was. */
function snapshot(chain: Chain): string {
  const s = chain.stateAt();
  return `${chain.head.id} ${chain.size} ${s.getBalance(SENDER)} ${s.getNonce(SENDER)} ${s.getBalance(RECIPIENT)}`;
}

test('London: blocks of transfers import; receipts, transactions and state follow', () => {
  const chain = newChain('London');
  const [b1, b2] = extend(chain, chain.genesis, 2, (i) => ({ txs: [transfer(BigInt(2 * i), ONE_ETHER), transfer(BigInt(2 * i + 1), 2n)] }));
  assert.equal(chain.head, b2);
  assert.equal(chain.head.number, 2n);
  assert.equal(chain.blockByNumber(1n), b1);
  assert.equal(b2!.receipts.length, 2);
  assert.equal(b2!.receipts[1]!.cumulativeGasUsed, 42000n);
  const tx = chain.transaction(b1!.receipts[0]!.txHash);
  assert.equal(tx?.block, b1);
  assert.equal(tx?.sender, SENDER);
  const s = chain.stateAt();
  assert.equal(s.getBalance(RECIPIENT), 2n * ONE_ETHER + 4n);
  assert.equal(s.getNonce(SENDER), 4n);
  assert.ok(s.getBalance(0xc0ffeen) >= 2n * 2n * ONE_ETHER, 'the coinbase got the block rewards (2 ether each) and the tips');
  // Importing the same block again is "known" and changes nothing.
  assert.equal(chain.importBlock(b1!.block.rlp).status, 'known');
});

test('an invalid block is rejected with a reason naming the block and the rule; chain and state unchanged', () => {
  const chain = newChain('London');
  extend(chain, chain.genesis, 1, () => ({ txs: [transfer(0n, 5n)] }));
  const before = snapshot(chain);
  const cases: [string, (h: Header) => Header, RegExp][] = [
    ['stateRoot', (h) => ({ ...h, stateRoot: new Uint8Array(32).fill(1) }), /^block 2: stateRoot: header 0x0101/],
    ['gasUsed', (h) => ({ ...h, gasUsed: h.gasUsed + 1n }), /^block 2: gasUsed: header 21001, execution used 21000/],
    ['receiptsRoot', (h) => ({ ...h, receiptsRoot: new Uint8Array(32) }), /^block 2: receiptsRoot: /],
    ['baseFeePerGas', (h) => ({ ...h, baseFeePerGas: h.baseFeePerGas! + 1n }), /^block 2: baseFeePerGas: \d+, expected \d+/],
    ['timestamp', (h) => ({ ...h, timestamp: chain.head.header.timestamp }), /^block 2: timestamp: \d+ is not after the parent's/],
    ['number', (h) => ({ ...h, number: 3n }), /^block 3: number: 3 does not follow the parent's 1/],
    ['extraData', (h) => ({ ...h, extraData: new Uint8Array(33) }), /^block 2: extraData: 33 bytes, at most 32/],
    ['difficulty', (h) => ({ ...h, difficulty: h.difficulty + 1n }), /^block 2: difficulty: \d+, expected \d+/],
    ['parent', (h) => ({ ...h, parentHash: new Uint8Array(32) }), /^block 2: parent: unknown parent 0x0000/],
    ['transactionsRoot', (h) => ({ ...h, transactionsRoot: new Uint8Array(32) }), /^block 2: transactionsRoot: /],
  ];
  for (const [rule, tamper, message] of cases) {
    const b = buildChild(chain, chain.head, { txs: [transfer(1n, 7n)], tamper });
    const r = chain.importBlock(b.rlp);
    assert.equal(r.status, 'invalid', rule);
    assert.equal(r.rule, rule);
    assert.match(r.error!, message);
    assert.equal(snapshot(chain), before, `${rule}: the chain and its state are as they were`);
  }
  // A transaction the block cannot hold (nonce too high): execution rejects it, and the block.
  const good = buildChild(chain, chain.head, { txs: [transfer(1n, 7n)] });
  const bad = encodeBlock(good.header, [transfer(5n, 7n)], []);
  const r = chain.importBlock(bad);
  assert.equal(r.status, 'invalid');
  assert.match(r.error!, /^block 2: transactionsRoot/); // the body no longer matches its header first
  // Garbage and truncated RLP: decode errors, and the chain goes on.
  assert.match(chain.importBlock(Uint8Array.of(0xf9, 0xff)).error!, /RLP/);
  assert.equal(chain.importBlock(good.rlp.subarray(0, good.rlp.length - 3)).rule, 'decode');
  assert.equal(chain.importBlock(new Uint8Array(0)).rule, 'decode');
  assert.equal(snapshot(chain), before);
  assert.equal(chain.importBlock(good.rlp).status, 'imported');
  assert.equal(chain.stateAt().getBalance(RECIPIENT), 12n);
});

test('a transaction invalid in block context rejects the block at execution, state unchanged', () => {
  const chain = newChain('London');
  extend(chain, chain.genesis, 1, () => ({ txs: [transfer(0n, 1n)] }));
  const before = snapshot(chain);
  // A body whose transactions root is right, so the block reaches execution: nonce 0 again.
  const replay = transfer(0n, 1n);
  const b = buildChild(chain, chain.head, {
    txs: [transfer(1n, 1n)],
    tamper: (h) => ({ ...h, transactionsRoot: ordinalTrieRoot([encodeTx(replay)]) }),
  });
  const r = chain.importBlock(encodeBlock(b.header, [replay], []));
  assert.equal(r.status, 'invalid');
  assert.equal(r.rule, 'transactions');
  assert.match(r.error!, /^block 2: transactions: transaction 0: nonce too low/);
  assert.equal(snapshot(chain), before);
  assert.equal(chain.badBlock(r.hash!)?.rule, 'transactions');
});

test('fork choice before the Merge: the chain of highest total difficulty, reorgs both ways', () => {
  const chain = newChain('Byzantium');
  const g = chain.genesis;
  // Chain A: two blocks with a transfer each.
  const a = extend(chain, g, 2, (i) => ({ txs: [transfer(BigInt(i), 100n)] }));
  assert.equal(chain.head, a[1]);
  // Chain B from genesis: block times of 30 s lower each block's difficulty, so B needs more blocks.
  const b = extend(chain, g, 2, () => ({ dt: 30n, coinbase: 0xbbbbn }));
  assert.ok(b[1]!.totalDifficulty < a[1]!.totalDifficulty);
  assert.equal(chain.head, a[1], 'a side chain of lower total difficulty does not become canonical');
  assert.equal(chain.isCanonical(b[0]!), false);
  const b3 = extend(chain, b[1]!, 2, () => ({ dt: 1n, coinbase: 0xbbbbn }));
  assert.ok(b3[1]!.totalDifficulty > a[1]!.totalDifficulty);
  assert.equal(chain.head, b3[1], 'B overtakes A');
  assert.equal(chain.blockByNumber(1n), b[0]);
  assert.equal(chain.blockByNumber(4n), b3[1]);
  assert.equal(chain.transaction(a[0]!.receipts[0]!.txHash), undefined, "A's transactions are no longer canonical");
  assert.equal(chain.stateAt().getBalance(RECIPIENT), 0n);
  assert.equal(chain.stateAt().getNonce(SENDER), 0n);
  // A grows past B again: canonical again, with its transactions and state.
  const a5 = extend(chain, a[1]!, 3, (i) => ({ dt: 1n, txs: [transfer(BigInt(2 + i), 100n)] }));
  assert.ok(a5[2]!.totalDifficulty > b3[1]!.totalDifficulty);
  assert.equal(chain.head, a5[2]);
  assert.equal(chain.blockByNumber(1n), a[0]);
  assert.equal(chain.transaction(a[0]!.receipts[0]!.txHash)?.block, a[0]);
  assert.equal(chain.stateAt().getBalance(RECIPIENT), 500n);
  assert.equal(chain.size, 1 + 2 + 2 + 2 + 3);
});

test('after the Merge the last imported block is the head', () => {
  const chain = newChain('Shanghai');
  const a = extend(chain, chain.genesis, 2);
  const b = extend(chain, chain.genesis, 1, () => ({
    coinbase: 0xbn,
    withdrawals: [{ index: 0n, validatorIndex: 1n, address: 0xabcn, amount: 5n }],
  }));
  assert.equal(chain.head, b[0], 'a shorter branch imported last is the head');
  assert.equal(chain.blockByNumber(2n), undefined);
  assert.equal(chain.stateAt().getBalance(0xabcn), 5_000_000_000n, 'withdrawal amounts are in gwei');
  extend(chain, a[1]!, 1);
  assert.equal(chain.head.number, 3n);
  assert.equal(chain.stateAt().getBalance(0xabcn), 0n);
});

test('the state at an older block stays readable, and importing on an old parent works', () => {
  const chain = newChain('Cancun');
  const blocks: StoredBlock[] = extend(chain, chain.genesis, 4, (i) => ({ txs: [transfer(BigInt(i), 1000n * BigInt(i + 1))] }));
  const balances = [0n, 1000n, 3000n, 6000n, 10000n];
  [chain.genesis, ...blocks].forEach((b, i) => {
    const s = chain.stateAt(b);
    assert.equal(s.getBalance(RECIPIENT), balances[i], `balance after block ${i}`);
    assert.equal(s.getNonce(SENDER), BigInt(i));
    assert.equal(bytesToHex(s.stateRoot), bytesToHex(b.header.stateRoot));
  });
  // A writable copy of an old state is independent of the chain.
  const j = chain.stateAt(blocks[0]!).toJournal();
  assert.equal(j.getBalance(RECIPIENT), 1000n);
  // A side block on block 1 executes on block 1's state (the executor's journal moves back and forth).
  const side = buildChild(chain, blocks[0]!, { txs: [transfer(1n, 1n)], coinbase: 0x5151n });
  assert.equal(chain.importBlock(side).status, 'imported');
  assert.equal(chain.stateAt(chain.blockByHash(side.hash)!).getBalance(RECIPIENT), 1001n);
  assert.equal(chain.head.hash, side.hash, 'after the Merge the block imported last is the head');
  assert.equal(chain.blockByNumber(3n), undefined);
  assert.equal(chain.stateAt(blocks[3]!).getBalance(RECIPIENT), 10000n, 'the old branch keeps its state');
});
