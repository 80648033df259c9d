/**
 * Hostile blocks against the chain (src/chain/chain.ts): every header field off by one in turn, every
 * truncation of a block's RLP, garbage and wrongly shaped RLP, a 10 MiB block, and 10,000 empty blocks in a
 * row. A bad block is rejected with a reason naming the block number (when the bytes up to its header's
 * number are there) and the rule, the chain and its state stay as they were, and the process goes on; memory per stored block stays
 * bounded: an empty block costs ~4 KB (heap ~3.5 KB: the block, its header and RLP, the state-trie nodes
 * along the coinbase's path; ~0.6 KB of buffers), measured after full GCs from block 2,000 to 10,000.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { encodeRlp } from '../../src/primitives/rlp/index.js';
import { ordinalTrieRoot } from '../../src/primitives/trie/index.js';
import { Chain } from '../../src/chain/chain.js';
import { networkConfig } from '../../src/chain/config.js';
import { encodeBlock } from '../../src/chain/block.js';
import { headerItems, type Header } from '../../src/chain/header.js';
import { encodeTx, signTx, TxType } from '../../src/tx/index.js';
import { ONE_ETHER, KEY, RECIPIENT, SENDER, buildChild, extend, fundedAlloc, transfer } from '../chain/builder.js';

/** EIP-4788's system contract address, here with code of our own: storage[TIMESTAMP] = 1, storage[0] = calldata[0]. */
const BEACON_ROOTS = 0x000f3df6d732807ef1319fb7b8bb8522d0beac02n;
// PUSH1 1 TIMESTAMP SSTORE PUSH0 CALLDATALOAD PUSH0 SSTORE STOP
const STORE_ROOT = Uint8Array.of(0x60, 0x01, 0x42, 0x55, 0x5f, 0x35, 0x5f, 0x55, 0x00);

function newChain(network: string): Chain {
  const alloc = new Map(fundedAlloc());
  alloc.set(BEACON_ROOTS, { balance: 0n, nonce: 1n, code: STORE_ROOT, storage: new Map() });
  return new Chain({ config: networkConfig(network), alloc, genesis: { gasLimit: 30_000_000n } });
}

function snapshot(chain: Chain): string {
  const s = chain.stateAt();
  return `${chain.head.id} ${chain.size} ${s.getBalance(SENDER)} ${s.getNonce(SENDER)} ${s.getBalance(RECIPIENT)}`;
}

function bump(v: unknown): unknown {
  if (typeof v === 'bigint') return v + 1n;
  if (v instanceof Uint8Array) {
    const c = v.slice();
    if (c.length === 0) return Uint8Array.of(1);
    c[c.length - 1] = (c[c.length - 1]! + 1) & 0xff;
    return c;
  }
  throw new Error(`bump: ${typeof v}`);
}

/**
 * Cancun header fields, each + 1 in turn (the last byte of byte fields): the rule that rejects it, or null
 * where the changed block is simply another valid block (prevRandao, extraData and the gas limit within
 * its bounds change nothing this block's execution reads).
 */
const EXPECTED: Record<keyof Header, string | null> = {
  parentHash: 'parent',
  ommersHash: 'ommersHash',
  coinbase: 'stateRoot', // the tips go to another account
  stateRoot: 'stateRoot',
  transactionsRoot: 'transactionsRoot',
  receiptsRoot: 'receiptsRoot',
  logsBloom: 'logsBloom',
  difficulty: 'difficulty',
  number: 'number',
  gasLimit: null,
  gasUsed: 'gasUsed',
  timestamp: 'stateRoot', // the EIP-4788 system call stores the root under the timestamp
  extraData: null,
  mixHash: null,
  nonce: 'nonce',
  baseFeePerGas: 'baseFeePerGas',
  withdrawalsRoot: 'withdrawalsRoot',
  blobGasUsed: 'blobGasUsed',
  excessBlobGas: 'excessBlobGas',
  parentBeaconBlockRoot: 'stateRoot', // EIP-4788 stores it
  requestsHash: 'requestsHash',
};

/**
 * London (proof of work, no seal check on this NoProof chain): the nonce and mixHash are the seal's, and
 * one second more (13 s after the parent instead of 12) gives the same difficulty, so those blocks are
 * other valid blocks; the rest as in Cancun.
 */
const EXPECTED_LONDON: Partial<Record<keyof Header, string | null>> = {
  ...EXPECTED,
  timestamp: null,
  nonce: null,
};

for (const [network, expected, fields] of [
  ['Cancun', EXPECTED, 20],
  ['London', EXPECTED_LONDON, 16],
] as const) {
  test(`every ${network} header field off by one in turn: rejected by its rule, or another valid block`, () => {
    const chain = newChain(network);
    extend(chain, chain.genesis, 1, () => ({ txs: [transfer(0n, 1n)] }));
    const parent = chain.head;
    const good = buildChild(chain, parent, { txs: [transfer(1n, 2n)] });
    const before = snapshot(chain);
    let checked = 0;
    for (const field of Object.keys(good.header) as (keyof Header)[]) {
      const header = { ...good.header, [field]: bump(good.header[field]) } as Header;
      const r = chain.importBlock(encodeBlock(header, good.transactions, [], good.withdrawals));
      const want = expected[field];
      assert.notEqual(want, undefined, `${field}: no expectation`);
      if (want === null) {
        assert.equal(r.status, 'imported', `${field}: ${r.error ?? ''}`);
        chain.setHead(parent); // forget it again
      } else {
        assert.equal(r.status, 'invalid', field);
        assert.equal(r.rule, want, `${field}: ${r.error}`);
        assert.match(r.error!, new RegExp(`^block ${header.number}: ${want}: `), field);
      }
      assert.equal(snapshot(chain), before, field);
      checked++;
    }
    assert.equal(checked, fields, `a ${network} header has ${fields} fields`);
    assert.equal(chain.importBlock(good).status, 'imported');
  });
}

test('every truncation of a block, garbage and wrongly shaped RLP: decode errors, the chain unchanged', () => {
  const chain = newChain('Cancun');
  const good = buildChild(chain, chain.genesis, { txs: [transfer(0n, 1n)] });
  const before = snapshot(chain);
  // From the prefix that holds the header's number on, the rejection names block 1.
  const items = headerItems(good.header);
  const prefixLength = (rlp: Uint8Array): number => (rlp[0]! < 0xf8 ? 1 : 1 + rlp[0]! - 0xf7);
  const numberEnd =
    prefixLength(good.rlp) + prefixLength(encodeRlp(items)) + items.slice(0, 9).reduce((sum, item) => sum + encodeRlp(item).length, 0);
  let named = 0;
  for (let n = 0; n < good.rlp.length; n++) {
    const r = chain.importBlock(good.rlp.subarray(0, n));
    assert.equal(r.status, 'invalid', `prefix ${n}`);
    assert.equal(r.rule, 'decode', `prefix ${n}: ${r.error}`);
    if (r.number !== undefined) {
      assert.equal(r.number, 1n, `prefix ${n}`);
      assert.match(r.error!, /^block 1: invalid block RLP: /, `prefix ${n}`);
      named++;
    } else assert.match(r.error!, /^invalid block RLP: /, `prefix ${n}`);
  }
  assert.equal(named, good.rlp.length - numberEnd, 'every prefix that holds the number names the block');
  const extra = new Uint8Array(good.rlp.length + 1);
  extra.set(good.rlp);
  const trailing = chain.importBlock(extra);
  assert.equal(trailing.rule, 'decode', 'trailing bytes');
  assert.match(trailing.error!, /^block 1: invalid block RLP: .*after the top-level item/);
  let seed = 12345;
  const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
  for (let i = 0; i < 500; i++) {
    const junk = Uint8Array.from({ length: 1 + (i % 200) }, rand);
    if (i % 2 === 0) junk[0] = 0xf9; // a long list header
    assert.equal(chain.importBlock(junk).status, 'invalid');
  }
  // Valid RLP of the wrong shapes.
  const shapes = [
    encodeRlp([]),
    encodeRlp([items.slice(0, 14), [], []]),
    encodeRlp([[...items, new Uint8Array(32), new Uint8Array(32)], [], []]),
    encodeRlp([items, [], [], [], []]),
    encodeRlp([items, new Uint8Array(3), []]),
    encodeRlp([items, [[new Uint8Array(1)]], []]),
    encodeRlp(new Uint8Array(40)),
  ];
  for (const [i, s] of shapes.entries()) {
    const r = chain.importBlock(s);
    assert.equal(r.status, 'invalid', `shape ${i}`);
    assert.ok(r.error !== undefined && r.error.length > 0);
  }
  assert.equal(snapshot(chain), before);
  assert.equal(chain.importBlock(good).status, 'imported');
});

test('a 10 MiB block: over the EIP-7934 cap in Osaka, an invalid transaction before; the chain unchanged', () => {
  const big = signTx(
    {
      type: TxType.Legacy,
      chainId: 1n,
      nonce: 0n,
      gasPrice: 10n ** 10n,
      gasLimit: 21000n,
      to: RECIPIENT,
      value: 1n,
      data: new Uint8Array(10 * 1024 * 1024),
      accessList: [],
    },
    KEY,
  );
  const txRoot = ordinalTrieRoot([encodeTx(big)]);
  for (const [network, rule] of [
    ['Osaka', 'size'],
    ['Cancun', 'transactions'],
  ] as const) {
    const chain = newChain(network);
    const before = snapshot(chain);
    const h = buildChild(chain, chain.genesis, { tamper: (x) => ({ ...x, transactionsRoot: txRoot }) }).header;
    const rlp = encodeBlock(h, [big], [], []);
    assert.ok(rlp.length > 10 * 1024 * 1024);
    const r = chain.importBlock(rlp);
    assert.equal(r.status, 'invalid');
    assert.equal(r.rule, rule, r.error ?? '');
    assert.match(r.error!, /^block 1: /);
    assert.equal(snapshot(chain), before);
  }
});

test('10,000 empty blocks in a row import, with a bounded heap per block', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const chain = newChain('London');
  // The JavaScript heap only: buffers freed by earlier tests leave the external count late (V8 frees
  // them concurrently), which would make a per-block figure of them meaningless here.
  const used = (): number => process.memoryUsage().heapUsed;
  const N = 10_000;
  // Measured from block 2,000 on (after the code has warmed up), after full GCs.
  const WARM = 2_000;
  let m0 = 0;
  let p = chain.genesis;
  for (let i = 0; i < N; i++) {
    const b = buildChild(chain, p);
    const r = chain.importBlock(b.rlp);
    assert.equal(r.status, 'imported', r.error ?? '');
    p = chain.head;
    if (i === WARM - 1) {
      gc();
      gc();
      m0 = used();
    }
  }
  gc();
  gc();
  const perBlock = (used() - m0) / (N - WARM);
  console.log(`10,000 empty London blocks: ${perBlock.toFixed(0)} bytes of heap per stored block`);
  assert.equal(chain.head.number, BigInt(N));
  assert.ok(chain.stateAt().getBalance(0xc0ffeen) === BigInt(N) * 2n * ONE_ETHER);
  assert.ok(perBlock < 8192, `${perBlock.toFixed(0)} bytes per empty block`);
  // An old block's state is still there.
  assert.equal(chain.stateAt(chain.blockByNumber(10n)!).getBalance(0xc0ffeen), 20n * ONE_ETHER);
});
