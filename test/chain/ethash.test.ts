/**
 * Ethash light verification (src/chain/ethash) against known vectors: go-ethereum's consensus/ethash
 * algorithm_test.go (sizes, 1 KiB caches of epochs 0 and 1, dataset items, hashimoto over them), mainnet block 1,
 * and every Ethash-sealed header in the blockchain-test fixtures (blocks/): each valid block's header and uncles
 * pass; the blocks that expect InvalidBlockNonce carry an uncle whose seal fails. The epoch-0 cache (16 MiB) is
 * generated once, on hash-wasm (~1 s quiet); the file took 10.6 s on the 2-core machine with other jobs running
 * (the 952-header fixture check is most of it).
 * Mainnet block 3,311,058 (epoch 110) builds a 28 MiB cache, ~2 s more.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keccak_256 } from '@noble/hashes/sha3.js';
import {
  EthashCacheManager,
  SEAL_ERRORS,
  cacheSize,
  calcDatasetItem,
  datasetSize,
  defaultEthashCaches,
  epochOf,
  ethashReady,
  generateCacheWords,
  hashimoto,
  keccak512Backend,
  sealHashOf,
  seedHash,
  verifySeal,
  type EthashCache,
  type SealFields,
} from '../../src/chain/ethash/index.js';
import { decodeRlp, encodeRlp, type RlpItem } from '../../src/primitives/rlp/index.js';
import { bytesToBigint, bytesToHex, hexToBytes } from '../../src/primitives/hex.js';
import { fixturePath } from '../fixtures.js';

const hex = (b: Uint8Array): string => bytesToHex(b).slice(2);
const wordsHex = (w: Int32Array, from = 0, count = w.length - from): string => {
  const out = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) for (let b = 0; b < 4; b++) out[4 * i + b] = (w[from + i]! >>> (8 * b)) & 0xff;
  return hex(out);
};

// go-ethereum TestCacheGeneration: 1024-byte caches generated from the seeds of epochs 0 and 1.
const CACHE_EPOCH0 = [
  '7ce2991c951f7bf4c4c1bb119887ee07871eb5339d7b97b8588e85c742de90e5bafd5bbe6ce93a134fb6be9ad3e30db99d9528a2ea7846833f52e9ca119b6b54',
  '8979480c46e19972bd0738779c932c1b43e665a2fd3122fc3ddb2691f353ceb0ed3e38b8f51fd55b6940290743563c9f8fa8822e611924657501a12aafab8a8d',
  '88fb5fbae3a99d14792406672e783a06940a42799b1c38bc28715db6d37cb11f9f6b24e386dc52dd8c286bd8c36fa813dffe4448a9f56ebcbeea866b42f68d22',
  '6c32aae4d695a23cab28fd74af53b0c2efcc180ceaaccc0b2e280103d097a03c1d1b0f0f26ce5f32a90238f9bc49f645db001ef9cd3d13d44743f841fad11a37',
  'fa290c62c16042f703578921f30b9951465aae2af4a5dad43a7341d7b4a62750954965a47a1c3af638dc3495c4d62a9bab843168c9fc0114e79cffd1b2827b01',
  '75d30ba054658f214e946cf24c43b40d3383fbb0493408e5c5392434ca21bbcf43200dfb876c713d201813934fa485f48767c5915745cf0986b1dc0f33e57748',
  'bf483ee2aff4248dfe461ec0504a13628401020fc22638584a8f2f5206a13b2f233898c78359b21c8226024d0a7a93df5eb6c282bdbf005a4aab497e096f2847',
  '76c71cee57932a8fb89f6d6b8743b60a4ea374899a94a2e0f218d5c55818cefb1790c8529a76dba31ebb0f4592d709b49587d2317970d39c086f18dd244291d9',
  'eedb16705e53e3350591bd4ff4566a3595ac0f0ce24b5e112a3d033bc51b6fea0a92296dea7f5e20bf6ee6bc347d868fda193c395b9bb147e55e5a9f67cfe741',
  '7eea7d699b155bd13804204df7ea91fa9249e4474dddf35188f77019c67d201e4c10d7079c5ad492a71afff9a23ca7e900ba7d1bdeaf3270514d8eb35eab8a0a',
  '718bb7273aeb37768fa589ed8ab01fbf4027f4ebdbbae128d21e485f061c20183a9bc2e31edbda0727442e9d58eb0fe198440fe199e02e77c0f7b99973f1f74c',
  'c9089a51ab96c94a84d66e6aa48b2d0a4543adb5a789039a2aa7b335ca85c91026c7d3c894da53ae364188c3fd92f78e01d080399884a47385aa792e38150cda',
  'a8620b2ebeca41fbc773bb837b5e724d6eb2de570d99858df0d7d97067fb8103b21757873b735097b35d3bea8fd1c359a9e8a63c1540c76c9784cf8d975e995c',
  '778401b94a2e66e6993ad67ad3ecdc2acb17779f1ea8606827ec92b11c728f8c3b6d3f04a3e6ed05ff81dd76d5dc5695a50377bc135aaf1671cf68b750315493',
  '6c64510164d53312bf3c41740c7a237b05faf4a191bd8a95dafa068dbcf370255c725900ce5c934f36feadcfe55b687c440574c1f06f39d207a8553d39156a24',
  '845f64fd8324bb85312979dead74f764c9677aab89801ad4f927f1c00f12e28f22422bb44200d1969d9ab377dd6b099dc6dbc3222e9321b2c1e84f8e2f07731c',
].join('');
const CACHE_EPOCH1 = [
  '1f56855d59cc5a085720899b4377a0198f1abe948d85fe5820dc0e346b7c0931b9cde8e541d751de3b2b3275d0aabfae316209d5879297d8bd99f8a033c9d4df',
  '35add1029f4e6404a022d504fb8023e42989aba985a65933b0109c7218854356f9284983c9e7de97de591828ae348b63d1fc78d8db58157344d4e06530ffd422',
  '5c7f6080d451ff94961ec2dd9e28e6d81b49102451676dbdcb6ef1094c1e8b29e7e808d47b2ba5aeb52dabf00d5f0ee08c116289cbf56d8132e5ca557c3d6220',
  '5ba3a48539acabfd4ca3c89e3aaa668e24ffeaeb9eb0136a9fc5a8a676b6d5ad76175eeda0a1fa44b5ff5591079e4b7f581569b6c82416adcb82d7e92980df67',
  '2248c4024013e7be52cf91a82491627d9e6d80eda2770ab82badc5e120cd33a4c84495f718b57396a8f397e797087fad81fa50f0e2f5da71e40816a85de35a96',
  '3cd351364905c45b3116ff25851d43a2ca1d2aa5cdb408440dabef8c57778fc18608bf431d0c7ffd37649a21a7bb9d90def39c821669dbaf165c0262434dfb08',
  '5d057a12de4a7a59fd2dfc931c29c20371abf748b69b618a9bd485b3fb3166cad4d3d27edf0197aabeceb28b96670bdf020f26d1bb9b564aaf82d866bdffd6d4',
  '1aea89e20b15a5d1264ab01d1556bfc2a266081609d60928216bd9646038f07de9fedcc9f2b86ab1b07d7bd88ba1df08b3d89b2ac789001b48a723f217debcb7',
  '090303a3ef50c1d5d99a75c640ec2b401ab149e06511753d8c49cafdde2929ae61e09cc0f0319d262869d21ead9e0cf5ff2de3dbedfb994f32432d2e4aa44c82',
  '7c42781d1477fe03ea0772998e776d63363c6c3edd2d52c89b4d2c9d89cdd90fa33b2b41c8e3f78ef06fe90bcf5cc5756d33a032f16b744141aaa8852bb4cb3a',
  '40792b93489c6d6e56c235ec4aa36c263e9b766a4daaff34b2ea709f9f811aef498a65bfbc1deffd36fcc4d1a123345fac7bf57a1fb50394843cd28976a6c7ff',
  'fe70f7b8d8f384aa06e2c9964c92a8788cef397fffdd35181b42a35d5d98cd7244bbd09e802888d7efc0311ae58e0961e3656205df4bdc553f317df4b6ede4ca',
  '846294a32aec830ab1aa5aac4e78b821c35c70fd752fec353e373bf9be656e775a0111bcbeffdfebd3bd5251d27b9f6971aa561a2bd27a99d61b2ce3965c3726',
  '1e114353e6a31b09340f4078b8a8c6ce6ff4213067a8f21020f78aff4f8b472b701ef730aacb8ce7806ea31b14abe8f8efdd6357ca299d339abc4e43ba324ad1',
  'efe6eb1a5a6e137daa6ec9f6be30931ca368a944cfcf2a0a29f9a9664188f0466e6f078c347f9fe26a9a89d2029462b19245f24ace47aecace6ef85a4e96b31b',
  '5f470eb0165c6375eb8f245d50a25d521d1e569e3b2dccce626752bb26eae624a24511e831a81fab6898a791579f462574ca4851e6588116493dbccc3072e0c5',
].join('');
// go-ethereum TestDatasetGeneration (epoch 0, 1024-byte cache, 32 KiB dataset): its first 4 items.
const DATASET_HEAD = [
  '4bc09fbd530a041dd2ec296110a29e8f130f179c59d223f51ecce3126e8b0c74326abc2f32ccd9d7f976bd0944e3ccf8479db39343cbbffa467046ca97e2da63',
  'da5f9d9688c7c33ab7b8aace570e422fa48b24659b72fc534669209d66389ca15b099c5604601e7581488e3bd6925cec0f12d465f8004d4fa84793f8e1e46a1b',
  '31b7298991c6142f4f0b6e6b296728ae5fa63ccb667b61fbb1b078003d18d97b906af157debed5e6c55d5a61cae90c85f9e97d565314a2f9fd9e0c08430547d0',
  '7cfcee3271f921b95c32a11596219abaa30abc62c2c72c6725078c436c677320594df6bcb92134c1b114fffec982a1f68f13a9f812f074b9fb9c78f2cd4c1c90',
].join('');
// go-ethereum TestHashimoto: over that cache and dataset size.
const HASHIMOTO = {
  sealHash: 'c9149cc0386e689d789a1c2f3d5d169a61a6218ed30e74414dc736e442ef3d1f',
  nonce: '0000000000000000',
  mixDigest: 'e4073cffaef931d37117cefd9afd27ea0f1cad6a981dd2605c4a1ac97c519800',
  result: 'd3539235ee2e6f8db665c0a72169f55b7f6c605712330b778ec3944f0eb5a557',
};

test("cache and dataset sizes per epoch match go-ethereum's tables; epochs and seeds", () => {
  const caches: Record<number, number> = { 0: 16776896, 1: 16907456, 7: 17693888, 14: 18611392, 98: 29621824, 100: 29882816 };
  for (const [e, size] of Object.entries(caches)) assert.equal(cacheSize(Number(e)), size, `cache size, epoch ${e}`);
  const datasets: Record<number, number> = { 0: 1073739904, 1: 1082130304, 5: 1115684224, 10: 1157627776 };
  for (const [e, size] of Object.entries(datasets)) assert.equal(datasetSize(Number(e)), size, `dataset size, epoch ${e}`);
  assert.equal(epochOf(0n), 0);
  assert.equal(epochOf(29999), 0);
  assert.equal(epochOf(30000n), 1);
  assert.equal(epochOf(3311058n), 110);
  assert.equal(hex(seedHash(0)), '00'.repeat(32));
  assert.equal(hex(seedHash(1)), hex(keccak_256(new Uint8Array(32))));
  assert.equal(hex(seedHash(2)), hex(keccak_256(keccak_256(new Uint8Array(32)))));
});

/** The go-ethereum vectors over 1 KiB caches, on whichever keccak-512 backend is loaded. */
function tinyVectors(): void {
  const cache0 = generateCacheWords(1024, seedHash(0));
  assert.equal(wordsHex(cache0), CACHE_EPOCH0);
  assert.equal(wordsHex(generateCacheWords(1024, seedHash(1))), CACHE_EPOCH1);
  const items = new Int32Array(64);
  for (let i = 0; i < 4; i++) calcDatasetItem(cache0, 16, i, items, 16 * i);
  assert.equal(wordsHex(items), DATASET_HEAD);
  const r = hashimoto(cache0, 16, 32 * 1024, hexToBytes(HASHIMOTO.sealHash), hexToBytes(HASHIMOTO.nonce));
  assert.equal(hex(r.mixDigest), HASHIMOTO.mixDigest);
  assert.equal(hex(r.result), HASHIMOTO.result);
}

test('go-ethereum vectors: 1 KiB caches, dataset items, hashimoto (pure-JS keccak-512)', () => {
  assert.equal(keccak512Backend(), '@noble/hashes');
  tinyVectors();
});

test("go-ethereum vectors again on hash-wasm's keccak-512, once ethashReady resolves", async () => {
  await ethashReady;
  assert.equal(keccak512Backend(), 'hash-wasm');
  tinyVectors();
});

test('the cache manager keeps the most recently used epochs', () => {
  const made: number[] = [];
  const fake = (epoch: number): EthashCache => {
    made.push(epoch);
    return { epoch, seed: new Uint8Array(32), rows: 1, words: new Int32Array(16), datasetSize: 128 };
  };
  const m = new EthashCacheManager(2, fake);
  m.get(0);
  m.get(1);
  m.get(0); // 0 is now the most recent
  m.get(2); // drops 1
  assert.deepEqual(m.epochs(), [0, 2]);
  m.get(1); // regenerated, drops 0
  assert.deepEqual(made, [0, 1, 2, 1]);
  assert.deepEqual(m.epochs(), [2, 1]);
  assert.equal(m.bytes(), 128);
  assert.throws(() => new EthashCacheManager(0));
});

const h = (s: string): Uint8Array => hexToBytes(s);
/** Mainnet block 1 (hash 0x88e96d45…), as its 15 RLP fields. */
const MAINNET_1: RlpItem[] = [
  h('d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3'),
  h('1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347'),
  h('05a56e2d52c817161883f50c441c3228cfe54d9f'),
  h('d67e4d450343046425ae4271474353857ab860dbc0a1dde64b41b5cd3a532bf3'),
  h('56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'),
  h('56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'),
  new Uint8Array(256),
  h('03ff800000'),
  h('01'),
  h('1388'),
  new Uint8Array(0),
  h('55ba4224'),
  h('476574682f76312e302e302f6c696e75782f676f312e342e32'),
  h('969b900de27b6ac6a67742365dd65f55a0526c41fd18e1b16f1a1215c2e66f59'),
  h('539bd4979fef1ec4'),
];

function sealOf(fields: readonly RlpItem[]): SealFields {
  const f = fields as Uint8Array[];
  return { number: bytesToBigint(f[8]!), difficulty: bytesToBigint(f[7]!), sealHash: sealHashOf(fields), nonce: f[14]!, mixHash: f[13]! };
}

test('mainnet block 1: seal hash, and the seal verifies on the epoch-0 cache', () => {
  assert.equal(hex(keccak_256(encodeRlp(MAINNET_1))), '88e96d4537bea4d9c05d12549907b32561d3bf31f45aae734cdc119f13406cb6');
  const seal = sealOf(MAINNET_1);
  assert.equal(hex(seal.sealHash), '85913a3057ea8bec78cd916871ca73802e77724e014dda65add3405d02240eb7');
  const v = verifySeal(seal);
  assert.ok(v.ok, v.ok ? '' : v.error);
  assert.ok(defaultEthashCaches.has(0));
  assert.equal(defaultEthashCaches.bytes(), cacheSize(0));
});

test('verdicts: a changed nonce or mixHash, a target below the result, a zero difficulty', () => {
  const seal = sealOf(MAINNET_1);
  const v = verifySeal(seal);
  assert.ok(v.ok);
  const result = bytesToBigint(v.hashimoto.result);

  const nonce = seal.nonce.slice();
  nonce[7]! ^= 1;
  assert.deepEqual(pick(verifySeal({ ...seal, nonce })), { ok: false, error: SEAL_ERRORS.mixDigest });
  const mixHash = seal.mixHash.slice();
  mixHash[0]! ^= 0x80;
  assert.deepEqual(pick(verifySeal({ ...seal, mixHash })), { ok: false, error: SEAL_ERRORS.mixDigest });
  assert.deepEqual(pick(verifySeal({ ...seal, mixHash: seal.mixHash.subarray(1) })), { ok: false, error: SEAL_ERRORS.mixDigest });

  // The largest difficulty whose target 2^256/difficulty is still >= the result passes; twice it fails.
  const hardest = (1n << 256n) / result;
  assert.ok(verifySeal({ ...seal, difficulty: hardest }).ok);
  assert.deepEqual(pick(verifySeal({ ...seal, difficulty: hardest * 2n })), { ok: false, error: SEAL_ERRORS.pow });
  assert.deepEqual(pick(verifySeal({ ...seal, difficulty: 0n })), { ok: false, error: SEAL_ERRORS.difficulty });
  assert.throws(() => verifySeal({ ...seal, nonce: seal.nonce.subarray(1) }), /nonce must be 8 bytes/);
  assert.throws(() => verifySeal({ ...seal, sealHash: new Uint8Array(31) }), /seal hash must be 32 bytes/);
});

function pick(v: { ok: boolean; error?: string }): { ok: boolean; error?: string } {
  return v.ok ? { ok: true } : { ok: false, error: v.error! };
}

interface FixtureBlock {
  rlp: string;
  blockHeader?: { hash: string; number: string };
  expectException?: string;
  expectExceptionALL?: string;
}

/** Every blockchain test in blocks/ with sealEngine Ethash, as [file-relative name, blocks]. */
function ethashTests(root: string): [string, FixtureBlock[]][] {
  const out: [string, FixtureBlock[]][] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) {
        const text = readFileSync(p, 'utf8');
        if (!/"sealEngine"\s*:\s*"Ethash"/.test(text)) continue;
        for (const [test, t] of Object.entries(JSON.parse(text) as Record<string, { sealEngine?: string; blocks: FixtureBlock[] }>)) {
          if (t.sealEngine === 'Ethash') out.push([`${p.slice(root.length + 1)} ${test}`, t.blocks]);
        }
      }
    }
  };
  walk(root);
  return out;
}

/** A block's header and uncle headers, as RLP field lists. */
function sealedHeaders(blockRlp: string): RlpItem[][] {
  const block = decodeRlp(hexToBytes(blockRlp)) as RlpItem[];
  return [block[0] as RlpItem[], ...(block[2] as RlpItem[][])];
}

const blocksDir = fixturePath('blocks');
const tests = blocksDir === undefined ? [] : ethashTests(blocksDir);

/**
 * 1 in SEAL_SAMPLE of the distinct headers (by their hash) is verified here; `npm run conformance:blocks`
 * (in .ci/run) checks the seal of every block of every Ethash test.
 */
const SEAL_SAMPLE = 6;

test(
  'Ethash-sealed valid blocks of the blockchain fixtures verify, uncles included (a sample of the headers)',
  { skip: blocksDir === undefined },
  () => {
    assert.ok(tests.length >= 89, `found ${tests.length} Ethash tests`);
    const checked = new Set<string>();
    let blocks = 0;
    let verified = 0;
    const failures: string[] = [];
    for (const [name, list] of tests) {
      for (const b of list) {
        if (b.blockHeader === undefined) continue;
        blocks++;
        const headers = sealedHeaders(b.rlp);
        assert.equal(bytesToHex(keccak_256(encodeRlp(headers[0]!))), b.blockHeader.hash, `${name}: header decoded from the rlp`);
        for (const fields of headers) {
          const key = hex(keccak_256(encodeRlp(fields)));
          if (checked.has(key)) continue; // the same header in another fork's copy of a test
          checked.add(key);
          if (parseInt(key.slice(-4), 16) % SEAL_SAMPLE !== 0) continue;
          verified++;
          const v = verifySeal(sealOf(fields));
          if (!v.ok) failures.push(`${name} block ${b.blockHeader.number} header ${key}: ${v.error}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(blocks >= 930, `${blocks} valid blocks`);
    assert.ok(verified >= checked.size / SEAL_SAMPLE / 2, `${verified} of ${checked.size} headers verified`);
    console.log(
      `ethash: ${tests.length} tests, ${blocks} valid blocks, ${verified} of ${checked.size} distinct headers and uncles verified`,
    );
  },
);

test('the blocks expecting InvalidBlockNonce fail the seal check (on an uncle)', { skip: blocksDir === undefined }, () => {
  let found = 0;
  for (const [name, list] of tests) {
    for (const b of list) {
      if ((b.expectExceptionALL ?? b.expectException) !== 'InvalidBlockNonce') continue;
      found++;
      const verdicts = sealedHeaders(b.rlp).map((fields) => verifySeal(sealOf(fields)));
      // bcUncleHeaderValidity nonceWrong / wrongMixHash: the block's own seal is fine, its uncle's is not.
      assert.ok(verdicts[0]!.ok, `${name}: the block header's own seal`);
      const bad = verdicts.filter((v) => !v.ok);
      assert.ok(bad.length > 0, `${name}: no header fails the seal check`);
      for (const v of bad) assert.equal(v.ok ? '' : v.error, SEAL_ERRORS.mixDigest, name);
    }
  }
  assert.equal(found, 14);
});

test('mainnet block 3,311,058 (epoch 110; go-ethereum TestConcurrentDiskCacheGeneration)', () => {
  const fields: RlpItem[] = [
    h('d783efa4d392943503f28438ad5830b2d5964696ffc285f338585e9fe0a37a05'),
    h('1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347'),
    h('c0ea08a2d404d3172d2add29a45be56da40e2949'),
    h('77d14e10470b5850332524f8cd6f69ad21f070ce92dca33ab2858300242ef2f1'),
    h('56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'),
    h('56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'),
    new Uint8Array(256),
    h('98ba212b716c'), // 167925187834220
    h('3285d2'), // 3311058
    h('3d4642'), // 4015682
    new Uint8Array(0),
    h('58bf4098'), // 1488928920
    new TextEncoder().encode('www.bw.com'),
    h('3e140b0784516af5e5ec6730f2fb20cca22f32be399b9e4ad77d32541f798cd0'),
    h('f400cd0006070c49'),
  ];
  const seal = sealOf(fields);
  assert.equal(seal.difficulty, 167925187834220n);
  assert.equal(seal.number, 3311058n);
  const caches = new EthashCacheManager(1);
  const v = verifySeal(seal, caches);
  assert.ok(v.ok, v.ok ? '' : v.error);
  assert.deepEqual(caches.epochs(), [110]);
  assert.equal(caches.bytes(), cacheSize(110));
});

test('the ethash module bundles for the browser with no Node-only import', async () => {
  const esbuild = await import('esbuild');
  const entry = fileURLToPath(new URL('../../src/chain/ethash/index.js', import.meta.url));
  const r = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  assert.equal(r.errors.length, 0);
  assert.ok(r.outputFiles.length >= 1);
});
