/**
 * Header rules per fork (src/chain/headerRules.ts, go-ethereum's verifyHeader family): a child derived as
 * the rules want passes for every era; each field off by one, or of the wrong shape for its fork, fails with
 * the rule's name and the block number. The difficulty formula of each era (Frontier, Homestead EIP-2,
 * Byzantium EIP-100 with ommers, the bomb and its delays) and the fork boundaries (the first London block's
 * doubled gas limit and 1 gwei base fee, the Merge) are checked against hand-computed values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_TRIE_ROOT } from '../../src/primitives/crypto/keccak.js';
import { networkConfig, rulesAt, type ChainConfig } from '../../src/chain/config.js';
import { genesisHeader } from '../../src/chain/genesis.js';
import type { Header } from '../../src/chain/header.js';
import { BlockValidationError, DAO_EXTRA_DATA, validateHeader } from '../../src/chain/headerRules.js';
import { calcDifficulty } from '../../src/transition/blockEnv.js';
import { childHeader } from './builder.js';

interface Parent {
  readonly header: Header;
  readonly totalDifficulty: bigint;
}

function genesisOf(config: ChainConfig, difficulty = 0x1000000n, timestamp = 0n): Parent {
  const header = genesisHeader(config, { gasLimit: 30_000_000n, difficulty, timestamp }, EMPTY_TRIE_ROOT);
  return { header, totalDifficulty: header.difficulty };
}

function check(config: ChainConfig, parent: Parent, h: Header): void {
  const p = parent.header;
  validateHeader(h, p, {
    rules: rulesAt(config, h.number, h.timestamp, parent.totalDifficulty),
    parentRules: rulesAt(config, p.number, p.timestamp, parent.totalDifficulty - p.difficulty),
    ...(config.daoForkBlock === undefined ? {} : { daoForkBlock: config.daoForkBlock }),
  });
}

function rejects(config: ChainConfig, parent: Parent, h: Header, rule: string, message?: RegExp): void {
  assert.throws(
    () => check(config, parent, h),
    (e: unknown) => {
      assert.ok(e instanceof BlockValidationError, String(e));
      assert.equal(e.rule, rule, e.message);
      assert.equal(e.number, h.number);
      assert.match(e.message, new RegExp(`^block ${h.number}: ${rule}: `));
      if (message !== undefined) assert.match(e.message, message);
      return true;
    },
  );
}

const ERAS = ['Frontier', 'Homestead', 'Byzantium', 'Istanbul', 'London', 'Paris', 'Shanghai', 'Cancun', 'Prague', 'Osaka'];

for (const network of ERAS) {
  test(`${network}: a derived child passes; every rule fails on its field`, () => {
    const config = networkConfig(network);
    const g = genesisOf(config);
    const h = childHeader(config, g);
    check(config, g, h);
    const merged = rulesAt(config, 1n, h.timestamp, g.totalDifficulty).merged;
    rejects(config, g, { ...h, number: 2n }, 'number', /2 does not follow the parent's 0/);
    rejects(config, g, { ...h, timestamp: g.header.timestamp }, 'timestamp');
    rejects(config, g, { ...h, extraData: new Uint8Array(33) }, 'extraData', /33 bytes, at most 32/);
    check(config, g, { ...h, extraData: new Uint8Array(32) });
    rejects(config, g, { ...h, gasUsed: h.gasLimit + 1n }, 'gasUsed');
    const bound = g.header.gasLimit / 1024n;
    if (h.baseFeePerGas === undefined || h.gasLimit === g.header.gasLimit) {
      check(config, g, { ...h, gasLimit: h.gasLimit + bound - 1n });
      rejects(config, g, { ...h, gasLimit: h.gasLimit + bound }, 'gasLimit', /too far from the parent's/);
      rejects(config, g, { ...h, gasLimit: h.gasLimit - bound }, 'gasLimit');
    }
    rejects(config, g, { ...h, gasLimit: 1n << 63n }, 'gasLimit', /exceeds 2\^63-1/);
    if (merged) {
      rejects(config, g, { ...h, difficulty: 1n }, 'difficulty', /must be 0 \(EIP-3675\)/);
      rejects(config, g, { ...h, nonce: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1) }, 'nonce');
      rejects(config, g, { ...h, ommersHash: new Uint8Array(32) }, 'ommersHash');
    } else {
      rejects(config, g, { ...h, difficulty: h.difficulty + 1n }, 'difficulty', /expected/);
      rejects(config, g, { ...h, difficulty: h.difficulty - 1n }, 'difficulty');
    }
    if (h.baseFeePerGas !== undefined) {
      rejects(config, g, { ...h, baseFeePerGas: h.baseFeePerGas + 1n }, 'baseFeePerGas');
      rejects(config, g, { ...h, baseFeePerGas: h.baseFeePerGas - 1n }, 'baseFeePerGas');
    } else {
      rejects(config, g, { ...h, baseFeePerGas: 7n }, 'baseFeePerGas', /present before London/);
    }
    if (h.withdrawalsRoot === undefined)
      rejects(config, g, { ...h, withdrawalsRoot: EMPTY_TRIE_ROOT }, 'withdrawalsRoot', /present before Shanghai/);
    else {
      const { withdrawalsRoot: _, ...without } = h;
      rejects(config, g, without as Header, 'withdrawalsRoot', /missing \(required by Shanghai/);
    }
    if (h.excessBlobGas !== undefined) {
      rejects(config, g, { ...h, excessBlobGas: h.excessBlobGas + 1n }, 'excessBlobGas');
      rejects(config, g, { ...h, blobGasUsed: 1n }, 'blobGasUsed', /not a multiple/);
      rejects(config, g, { ...h, blobGasUsed: 131072n * 100n }, 'blobGasUsed', /exceeds the maximum/);
    }
    if (h.requestsHash !== undefined) {
      const { requestsHash: _, ...without } = h;
      rejects(config, g, without as Header, 'requestsHash', /missing/);
    } else if (h.parentBeaconBlockRoot !== undefined) {
      rejects(config, g, { ...h, requestsHash: new Uint8Array(32) }, 'requestsHash', /present before Prague/);
    }
  });
}

test('difficulty per era: Frontier, Homestead (EIP-2), Byzantium (EIP-100, ommers), the bomb and its delays', () => {
  const D = 0x1000000n;
  const step = D / 2048n;
  const rules = (network: string, n = 1n) => rulesAt(networkConfig(network), n, 1000n, 0n);
  const EMPTY = genesisOf(networkConfig('Frontier')).header.ommersHash;
  const WITH_OMMERS = new Uint8Array(32).fill(7);
  // Frontier: +step under 13 s, -step from 13 s.
  assert.equal(calcDifficulty(rules('Frontier'), 1n, 12n, 0n, D, EMPTY), D + step);
  assert.equal(calcDifficulty(rules('Frontier'), 1n, 13n, 0n, D, EMPTY), D - step);
  // Homestead: (1 - dt/10) steps, at least -99.
  assert.equal(calcDifficulty(rules('Homestead'), 1n, 9n, 0n, D, EMPTY), D + step);
  assert.equal(calcDifficulty(rules('Homestead'), 1n, 25n, 0n, D, EMPTY), D - step);
  assert.equal(calcDifficulty(rules('Homestead'), 1n, 10_000n, 0n, D, EMPTY), D - 99n * step);
  // Byzantium: (1 or 2 with ommers - dt/9) steps.
  assert.equal(calcDifficulty(rules('Byzantium'), 1n, 9n, 0n, D, EMPTY), D);
  assert.equal(calcDifficulty(rules('Byzantium'), 1n, 9n, 0n, D, WITH_OMMERS), D + step);
  // Never below the minimum 131072.
  assert.equal(calcDifficulty(rules('Byzantium'), 1n, 1000n, 0n, 131072n, EMPTY), 131072n);
  // The bomb at block 200,000 (period 2: +1) in Homestead; Byzantium delays it by 3,000,000 blocks.
  assert.equal(calcDifficulty(rules('Homestead', 200_000n), 200_000n, 9n, 0n, D, EMPTY), D + step + 1n);
  // (the delayed number is the parent's minus 2,999,999: block 3,200,000 is the first to feel it)
  assert.equal(calcDifficulty(rules('Byzantium', 3_200_000n), 3_200_000n, 9n, 0n, D, EMPTY), D + 1n);
  assert.equal(calcDifficulty(rules('Byzantium', 3_199_999n), 3_199_999n, 9n, 0n, D, EMPTY), D);
  // Constantinople (EIP-1234): 5,000,000; London (EIP-3554): 9,700,000; Gray Glacier (EIP-5133): 11,400,000.
  assert.equal(calcDifficulty(rules('Constantinople', 5_300_001n), 5_300_001n, 9n, 0n, D, EMPTY), D + 2n);
  assert.equal(calcDifficulty(rules('London', 9_900_001n), 9_900_001n, 9n, 0n, D, EMPTY), D + 1n);
  assert.equal(calcDifficulty(rules('GrayGlacier', 11_600_001n), 11_600_001n, 9n, 0n, D, EMPTY), D + 1n);
});

test("London's first block: the gas limit may double and the base fee is 1 gwei", () => {
  const config = networkConfig('BerlinToLondonAt5');
  const g = genesisOf(config);
  let p: Parent = g;
  for (let i = 0; i < 4; i++) {
    const h = childHeader(config, p);
    check(config, p, h);
    assert.equal(h.baseFeePerGas, undefined);
    p = { header: h, totalDifficulty: p.totalDifficulty + h.difficulty };
  }
  const first = childHeader(config, p);
  assert.equal(first.number, 5n);
  assert.equal(first.baseFeePerGas, 1_000_000_000n);
  assert.equal(first.gasLimit, 2n * p.header.gasLimit);
  check(config, p, first);
  rejects(config, p, { ...first, baseFeePerGas: undefined } as unknown as Header, 'baseFeePerGas', /missing \(required by London/);
  rejects(config, p, { ...first, baseFeePerGas: 999_999_999n }, 'baseFeePerGas', /expected 1000000000/);
});

test('the Merge by total difficulty: a PoW block after the terminal difficulty is rejected', () => {
  const config = networkConfig('ArrowGlacierToParisAtDiffC0000'); // TTD 0xC0000
  const g = genesisOf(config, 0x20000n);
  let p: Parent = g;
  while (!rulesAt(config, p.header.number + 1n, p.header.timestamp + 12n, p.totalDifficulty).merged) {
    const h = childHeader(config, p);
    check(config, p, h);
    p = { header: h, totalDifficulty: p.totalDifficulty + h.difficulty };
  }
  assert.ok(p.totalDifficulty >= 0xc0000n);
  const pos = childHeader(config, p);
  assert.equal(pos.difficulty, 0n);
  check(config, p, pos);
  rejects(config, p, { ...pos, difficulty: 131072n }, 'difficulty', /after the Merge, must be 0/);
});

test('the DAO fork: extraData "dao-hard-fork" in the fork block and the 9 after it', () => {
  const config = networkConfig('HomesteadToDaoAt5');
  let p: Parent = genesisOf(config);
  for (let n = 1n; n <= 16n; n++) {
    const inRange = n >= 5n && n < 15n;
    const h = childHeader(config, p, inRange ? { extraData: DAO_EXTRA_DATA } : {});
    check(config, p, h);
    if (inRange) rejects(config, p, { ...h, extraData: new Uint8Array(0) }, 'extraData', /DAO fork range/);
    else check(config, p, { ...h, extraData: Uint8Array.of(1) });
    p = { header: h, totalDifficulty: p.totalDifficulty + h.difficulty };
  }
});
