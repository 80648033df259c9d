/** Block-level t8n behaviour: system calls (EIP-4788, EIP-2935), Prague requests, rewards, withdrawals, rejections. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes } from '../../src/primitives/hex.js';
import { calcBaseFee, calcDifficulty, calcExcessBlobGas } from '../../src/transition/blockEnv.js';
import { depositFromLog, requestsHash } from '../../src/transition/blockSystem.js';
import { rulesFor } from '../../src/spec/rules.js';
import { Fork } from '../../src/spec/fork.js';
import { createAddress } from '../../src/state/addresses.js';
import { addressToHex } from '../../src/primitives/address.js';
import { T8nError } from '../../src/cli/t8nInput.js';
import { COINBASE, SENDER, env, richAlloc, run, tx } from './helpers.js';

// EIP-2935 and EIP-4788 system contract code, as deployed (from the EIPs).
const HISTORY = '0x0000f90827f1c53a10cb7a02335b175320002935';
const HISTORY_CODE =
  '0x3373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f35600143038111604257611fff81430311604257611fff9006545f5260205ff35b5f5ffd5b5f35611fff60014303065500';
const BEACON = '0x000f3df6d732807ef1319fb7b8bb8522d0beac02';
const BEACON_CODE =
  '0x3373fffffffffffffffffffffffffffffffffffffffe14604d57602036146024575f5ffd5b5f35801560495762001fff810690815414603c575f5ffd5b62001fff01545f5260205ff35b5f5ffd5b62001fff42064281555f359062001fff015500';
const WITHDRAWAL_QUEUE = '0x00000961ef480eb55e80d19ad83579a64c007002';

const slot = (n: bigint): string => bytesToHex(hexToBytes('0x' + n.toString(16).padStart(64, '0')));
const EMPTY_REQUESTS_HASH = '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

test('EIP-2935: the system call stores the parent hash in the history contract', () => {
  const parent = '0x' + 'ab'.repeat(32);
  const out = run({
    alloc: richAlloc({ [HISTORY]: { balance: '0x0', nonce: '0x1', code: HISTORY_CODE } }),
    env: env({ blockHashes: { '15': parent } }),
    txs: [],
  });
  const account = out.alloc[HISTORY] as { storage: Record<string, string> };
  assert.deepEqual(account.storage, { [slot(15n % 8191n)]: parent });
});

test('EIP-2935: not before Prague; without blockHashes no call', () => {
  const alloc = richAlloc({ [HISTORY]: { balance: '0x0', nonce: '0x1', code: HISTORY_CODE } });
  const cancun = run({ alloc, env: env({ blockHashes: { '15': '0x' + 'ab'.repeat(32) } }), txs: [] }, 'Cancun');
  assert.equal((cancun.alloc[HISTORY] as Record<string, unknown>).storage, undefined);
  const prague = run({ alloc, env: env(), txs: [] });
  assert.equal((prague.alloc[HISTORY] as Record<string, unknown>).storage, undefined);
});

test('EIP-4788: the beacon root and timestamp ring buffers', () => {
  const root = '0x' + 'cd'.repeat(32);
  const out = run(
    {
      alloc: richAlloc({ [BEACON]: { balance: '0x0', nonce: '0x1', code: BEACON_CODE } }),
      env: env({ parentBeaconBlockRoot: root }),
      txs: [],
    },
    'Cancun',
  );
  const t = 1000n % 8191n;
  assert.deepEqual((out.alloc[BEACON] as { storage: Record<string, string> }).storage, { [slot(t)]: slot(1000n), [slot(t + 8191n)]: root });
});

test('Prague requests: none without the request contracts -> requests [] and sha256 of nothing', () => {
  const out = run({ alloc: richAlloc(), env: env(), txs: [] });
  assert.deepEqual(out.result.requests, []);
  assert.equal(out.result.requestsHash, EMPTY_REQUESTS_HASH);
  assert.equal(run({ alloc: richAlloc(), env: env(), txs: [] }, 'Cancun').result.requestsHash, undefined);
});

test('Prague requests: the EIP-7002 contract output becomes a type-1 request', () => {
  // Code: return 32 bytes holding 0x..01.
  const out = run({
    alloc: richAlloc({ [WITHDRAWAL_QUEUE]: { balance: '0x0', nonce: '0x1', code: '0x600160005260206000f3' } }),
    env: env(),
    txs: [],
  });
  const request = concatBytes(Uint8Array.of(1), hexToBytes(slot(1n)));
  assert.deepEqual(out.result.requests, [bytesToHex(request)]);
  assert.equal(out.result.requestsHash, bytesToHex(sha256(sha256(request))));
  assert.equal(bytesToHex(requestsHash([request, Uint8Array.of(2)])), out.result.requestsHash, 'type-only requests are skipped');
});

test('EIP-6110: deposit log data -> 192-byte request', () => {
  const fields = [48, 32, 8, 96, 8];
  const offsets = [160, 256, 320, 384, 512];
  const data = new Uint8Array(576);
  const setWord = (at: number, v: number): void => void ((data[at + 31] = v & 0xff), (data[at + 30] = v >> 8));
  offsets.forEach((o, i) => {
    setWord(i * 32, o);
    setWord(o, fields[i]!);
    data.fill(i + 1, o + 32, o + 32 + fields[i]!);
  });
  const req = depositFromLog(data);
  assert.equal(req.length, 192);
  assert.deepEqual([req[0], req[48], req[80], req[88], req[184]], [1, 2, 3, 4, 5]);
  assert.throws(() => depositFromLog(data.subarray(0, 575)), /wrong length/);
});

test('rejected transactions are listed and the block goes on', () => {
  const out = run({ alloc: richAlloc(), env: env(), txs: [tx({ nonce: '0x5' }), tx(), tx({ nonce: '0x1', gas: '0x10' })] });
  const rejected = out.result.rejected as { index: number; error: string }[];
  assert.deepEqual(
    rejected.map((r) => r.index),
    [0, 2],
  );
  assert.match(rejected[0]!.error, /nonce too high/);
  assert.match(rejected[1]!.error, /intrinsic gas too low/);
  const receipts = out.result.receipts as Record<string, unknown>[];
  assert.equal(receipts.length, 1);
  assert.equal(receipts[0]!.status, '0x1');
  assert.equal(receipts[0]!.gasUsed, '0x5208');
  assert.equal(receipts[0]!.transactionIndex, '0x0');
  assert.equal(out.result.gasUsed, '0x5208');
  assert.equal((out.alloc[SENDER] as Record<string, string>).nonce, '0x1');
});

test('block reward and ommers before the Merge; coinbase touched with reward 0 after it', () => {
  const e = { ...env(), currentDifficulty: '0x20000', ommers: [{ delta: 1, address: '0x00000000000000000000000000000000000000aa' }] };
  delete (e as Record<string, unknown>).currentRandom;
  const out = run({ alloc: richAlloc(), env: e, txs: [] }, 'London', 2_000_000_000_000_000_000n);
  assert.equal(
    (out.alloc[COINBASE] as Record<string, string>).balance,
    '0x' + (2_000_000_000_000_000_000n + 2_000_000_000_000_000_000n / 32n).toString(16),
  );
  assert.equal(
    (out.alloc['0x00000000000000000000000000000000000000aa'] as Record<string, string>).balance,
    '0x' + ((7n * 2_000_000_000_000_000_000n) / 8n).toString(16),
  );
  assert.equal(out.result.currentDifficulty, '0x20000');
  const merged = run({ alloc: richAlloc({ [COINBASE]: { balance: '0x0' } }), env: env(), txs: [] });
  assert.equal(merged.alloc[COINBASE], undefined, 'an empty coinbase touched by the zero reward is removed (EIP-161)');
  assert.equal(merged.result.currentDifficulty, null);
});

test('withdrawals credit Gwei and give a withdrawals root', () => {
  const w = { index: '0x0', validatorIndex: '0x1', address: '0x00000000000000000000000000000000000000bb', amount: '0x3' };
  const out = run({ alloc: richAlloc(), env: env({ withdrawals: [w] }), txs: [] }, 'Shanghai');
  assert.equal((out.alloc[w.address] as Record<string, string>).balance, '0x' + (3n * 1_000_000_000n).toString(16));
  assert.match(String(out.result.withdrawalsRoot), /^0x[0-9a-f]{64}$/);
  assert.notEqual(out.result.withdrawalsRoot, run({ alloc: richAlloc(), env: env(), txs: [] }, 'Shanghai').result.withdrawalsRoot);
});

test('base fee and excess blob gas from the parent', () => {
  assert.equal(calcBaseFee(1000n, 500n, 1000n), 1000n);
  assert.equal(calcBaseFee(1000n, 1000n, 1000n), 1125n);
  assert.equal(calcBaseFee(1000n, 0n, 1000n), 875n);
  const e = env({ parentBaseFee: '0x3e8', parentGasUsed: '0x3e8', parentGasLimit: '0x3e8' });
  delete e.currentBaseFee;
  assert.equal(run({ alloc: richAlloc(), env: e, txs: [] }).result.currentBaseFee, '0x465');
  const cancun = rulesFor(Fork.Cancun);
  assert.equal(calcExcessBlobGas(0n, 393216n, 7n, cancun), 0n);
  assert.equal(calcExcessBlobGas(393216n, 786432n, 7n, cancun), 786432n);
  // EIP-7918 (Osaka): with the execution base fee pricing blobs above the blob market, excess grows by
  // the used share only; Prague subtracts the target.
  assert.equal(calcExcessBlobGas(786432n, 786432n, 100n, rulesFor(Fork.Prague)), 786432n);
  assert.equal(calcExcessBlobGas(786432n, 786432n, 100n, rulesFor(Fork.Osaka)), 786432n + (786432n * 393216n) / 1179648n);
  assert.equal(calcExcessBlobGas(786432n, 786432n, 1n, rulesFor(Fork.Osaka)), 786432n, 'a low base fee keeps the Prague rule');
  const e2 = env({ parentExcessBlobGas: '0x60000', parentBlobGasUsed: '0xc0000' });
  delete e2.currentExcessBlobGas;
  assert.equal(run({ alloc: richAlloc(), env: e2, txs: [] }, 'Cancun').result.currentExcessBlobGas, '0xc0000');
});

test('receipts: fields, contract address, logs bloom and roots', () => {
  // Creates a contract whose init code logs one topic: PUSH1 0x42 PUSH1 0 PUSH1 0 LOG1.
  const out = run({ alloc: richAlloc(), env: env(), txs: [tx({ to: null, gas: '0x20000', input: '0x604260006000a100' })] });
  const [r] = out.result.receipts as Record<string, unknown>[];
  assert.deepEqual(Object.keys(r!), [
    'type',
    'root',
    'status',
    'cumulativeGasUsed',
    'logsBloom',
    'logs',
    'transactionHash',
    'contractAddress',
    'gasUsed',
    'effectiveGasPrice',
    'blockHash',
    'blockNumber',
    'transactionIndex',
  ]);
  assert.equal(r!.type, '0x2');
  assert.equal(r!.root, '0x');
  assert.equal((r!.logs as unknown[]).length, 1);
  assert.equal(r!.contractAddress, addressToHex(createAddress(BigInt(SENDER), 0n)));
  assert.equal(r!.effectiveGasPrice, '0x8');
  assert.notEqual(out.result.logsBloom, '0x' + '00'.repeat(256));
  assert.equal(out.result.logsBloom, r!.logsBloom);
  assert.match(String(out.result.txRoot), /^0x[0-9a-f]{64}$/);
  // The body (RLP list of included transactions) fed back as txsRlp builds the same block.
  assert.match(out.body, /^0x[0-9a-f]+$/);
  const again = run({ alloc: richAlloc(), env: env(), txsRlp: out.body });
  assert.equal(again.result.stateRoot, out.result.stateRoot);
  assert.equal(again.result.txRoot, out.result.txRoot);
  assert.equal(again.result.receiptsRoot, out.result.receiptsRoot);
  assert.equal(again.body, out.body);
});

test('ethash difficulty from the parent (Frontier, Homestead, Byzantium with ommers, the bomb)', () => {
  const P = 131072n;
  const frontier = rulesFor(Fork.Frontier);
  const homestead = rulesFor(Fork.Homestead);
  const byzantium = rulesFor(Fork.Byzantium);
  assert.equal(calcDifficulty(frontier, 1n, 12n, 0n, P * 2n), P * 2n + (P * 2n) / 2048n);
  assert.equal(calcDifficulty(frontier, 1n, 13n, 0n, P * 2n), P * 2n - (P * 2n) / 2048n);
  assert.equal(calcDifficulty(homestead, 1n, 10n, 0n, P), P);
  assert.equal(calcDifficulty(homestead, 1n, 1n, 0n, P), P + 64n);
  assert.equal(calcDifficulty(byzantium, 1n, 1n, 0n, P), P + 64n);
  assert.equal(calcDifficulty(byzantium, 1n, 1n, 0n, P, hexToBytes('0x' + '11'.repeat(32))), P + 128n);
  // London's bomb delay 9.7M (EIP-3554) at block 10M: fake number 300000 -> period 3 -> + 2^1.
  assert.equal(rulesFor(Fork.London).difficultyBombDelay, 9_700_000n);
  assert.equal(calcDifficulty(rulesFor(Fork.London), 10_000_000n, 10n, 0n, P), P + 2n);
  // Through t8n: London without currentDifficulty takes it from the parent.
  const e: Record<string, unknown> = { ...env(), parentDifficulty: '0x20000', parentTimestamp: '0x3e7' };
  delete e.currentRandom;
  assert.equal(run({ alloc: richAlloc(), env: e, txs: [] }, 'London').result.currentDifficulty, '0x' + (P + 64n).toString(16));
});

test('pre-Byzantium receipts carry the intermediate state root, not a status', () => {
  const e: Record<string, unknown> = { ...env(), currentDifficulty: '0x20000' };
  delete e.currentRandom;
  delete e.currentBaseFee;
  const out = run({ alloc: richAlloc(), env: e, txs: [tx({ type: '0x0', gasPrice: '0x1', chainId: undefined })] }, 'Homestead', -1n);
  const [r] = out.result.receipts as Record<string, unknown>[];
  assert.match(String(r!.root), /^0x[0-9a-f]{64}$/);
  assert.equal(r!.root, out.result.stateRoot, 'one transaction, no reward (-1): the block root is the receipt root');
  assert.equal(r!.type, undefined);
});

test('a failing EIP-7002 request contract makes the block invalid (exit code 2)', () => {
  // Code: REVERT(0, 0).
  const alloc = richAlloc({ [WITHDRAWAL_QUEUE]: { balance: '0x0', nonce: '0x1', code: '0x60006000fd' } });
  assert.throws(
    () => run({ alloc, env: env(), txs: [] }),
    (e: unknown) => e instanceof T8nError && e.code === 2 && /failed/.test(e.message),
  );
});

test('blob transactions: rejected without an excess blob gas, and past the block blob gas limit', () => {
  const hash = '0x01' + '00'.repeat(31);
  const blobTx = (nonce: number, count: number): Record<string, unknown> =>
    tx({ type: '0x3', nonce: '0x' + nonce.toString(16), maxFeePerBlobGas: '0x10', blobVersionedHashes: Array(count).fill(hash) });
  const e = env();
  delete e.currentExcessBlobGas;
  const none = run({ alloc: richAlloc(), env: e, txs: [blobTx(0, 1)] }, 'Cancun');
  assert.deepEqual(none.result.rejected, [{ index: 0, error: 'blob tx used but field env.ExcessBlobGas missing' }]);
  // Cancun: at most 6 blobs per block.
  const out = run({ alloc: richAlloc(), env: env(), txs: [blobTx(0, 4), blobTx(1, 3), blobTx(1, 2)] }, 'Cancun');
  const rejected = out.result.rejected as { index: number; error: string }[];
  assert.deepEqual(
    rejected.map((r) => r.index),
    [1],
  );
  assert.match(rejected[0]!.error, /blob gas \(917504\) would exceed maximum allowance 786432/);
  assert.equal(out.result.blobGasUsed, '0x' + (6 * 131072).toString(16));
  const receipts = out.result.receipts as Record<string, unknown>[];
  assert.equal(receipts[0]!.blobGasUsed, '0x80000');
  assert.equal(receipts[0]!.blobGasPrice, '0x1');
});
