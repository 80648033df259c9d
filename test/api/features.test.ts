/**
 * What createEVM offers beyond call/runTransaction, in viem's types: tracers on call and runTransaction,
 * decoded reverts, transaction hashes and receipts, blocks advanced by mine(), EIP-1559/4844/7702 fields on
 * unsigned transactions with a default gas limit the sender can pay, raw signed transactions, and the
 * 1-based Runtime.depth.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEVM } from '../../src/api/evm.js';
import { asm } from '../../src/spec/asm.js';
import { bigintToBytes, bytesToHex, hexToBytes, type Hex } from '../../src/primitives/hex.js';
import { signAuthorization } from '../../src/tx/authorization.js';
import { delegationCode } from '../../src/state/delegation.js';
import { addressToHex, toChecksumAddress, type HexAddress } from '../../src/primitives/address.js';
import { createAddress } from '../../src/state/addresses.js';
import { privateKeyToAddress } from '../../src/primitives/crypto/secp256k1.js';
import { signTx } from '../../src/tx/signing.js';
import { encodeTx, txHash } from '../../src/tx/encode.js';
import { TxType } from '../../src/tx/types.js';
import { rulesFor } from '../../src/spec/rules.js';
import { calcBaseFee } from '../../src/transition/blockEnv.js';
import { NoopTracer } from '../../src/machine/tracer.js';
import { Status } from '../../src/machine/status.js';
import type { CallFrame } from '../../src/tracing/callTracer.js';

const ALICE: HexAddress = '0x00000000000000000000000000000000000a11ce';
const A: HexAddress = '0x000000000000000000000000000000000000aaaa';
const B: HexAddress = '0x000000000000000000000000000000000000bbbb';
const TOPIC = 0x1234n;

/** A calls B (which logs and stores) and returns B's word. */
function setup(fork?: 'Prague' | 'Cancun') {
  const evm = createEVM(fork === undefined ? {} : { fork });
  evm.setBalance(ALICE, 10n ** 18n);
  evm.setCode(A, asm(`PUSH1 32 PUSH0 PUSH0 PUSH0 PUSH0 PUSH20 ${B} GAS CALL POP PUSH1 32 PUSH0 RETURN`));
  evm.setCode(B, asm(`PUSH1 7 PUSH0 MSTORE PUSH2 ${TOPIC} PUSH1 32 PUSH0 LOG1 PUSH1 1 PUSH0 SSTORE PUSH1 32 PUSH0 RETURN`));
  return evm;
}

test('results are viem-typed: Hex return data, checksummed addresses, 32-byte topics', () => {
  const evm = setup();
  const r = evm.call({ from: ALICE, to: A });
  assert.equal(r.returnData, `0x${'07'.padStart(64, '0')}`);
  assert.equal(r.logs.length, 1);
  assert.equal(r.logs[0]!.address, toChecksumAddress(BigInt(B)));
  assert.deepEqual(r.logs[0]!.topics, [`0x${TOPIC.toString(16).padStart(64, '0')}`]);
  assert.equal(r.logs[0]!.data, `0x${'07'.padStart(64, '0')}`);
  assert.equal(r.trace, undefined);
  const d = evm.deploy(asm('PUSH0 PUSH0 RETURN'), { from: ALICE });
  assert.equal(d.createdAddress, toChecksumAddress(createAddress(BigInt(ALICE), 0n)));
  assert.match(d.createdAddress!, /^0x[0-9a-fA-F]{40}$/);
  assert.notEqual(d.createdAddress, d.createdAddress!.toLowerCase()); // mixed case: EIP-55
});

test('tracers from createEVM: callTracer, prestateTracer, structLogger, eip3155 and your own, on call and runTransaction', () => {
  const evm = setup();
  const ct = evm.call({ from: ALICE, to: A, tracer: 'callTracer', tracerConfig: { withLog: true } });
  const frame: CallFrame = ct.trace;
  assert.equal(frame.type, 'CALL');
  assert.equal(frame.to, A);
  assert.equal(frame.calls?.[0]?.to, B);
  assert.equal(frame.calls?.[0]?.logs?.length, 1);
  assert.equal(frame.gasUsed, `0x${ct.gasUsed.toString(16)}`);

  const sl = evm.call({ from: ALICE, to: A, tracer: 'structLogger' });
  assert.equal(sl.trace.failed, false);
  assert.equal(sl.trace.structLogs[0]!.depth, 1);
  assert.ok(sl.trace.structLogs.some((l) => l.depth === 2));

  const lines = evm.call({ from: ALICE, to: A, tracer: 'eip3155' }).trace;
  assert.deepEqual(JSON.parse(lines[0]!), {
    pc: 0,
    op: 0x60,
    gas: JSON.parse(lines[0]!).gas,
    gasCost: '0x3',
    memSize: 0,
    stack: [],
    depth: 1,
    refund: 0,
    opName: 'PUSH1',
  });

  const pre = evm.call({ from: ALICE, to: A, tracer: 'prestateTracer' }).trace as Record<string, unknown>;
  assert.ok(B in pre && A in pre && ALICE in pre);

  // runTransaction traces too, and commits.
  const tx = evm.runTransaction({ from: ALICE, to: A, tracer: 'callTracer' });
  assert.equal(tx.trace.calls?.[0]?.type, 'CALL');
  assert.equal(evm.getStorage(B, 0n), 1n);

  class Counter extends NoopTracer {
    steps = 0;
    override onStep(): void {
      this.steps++;
    }
  }
  const mine = new Counter();
  const own = evm.call({ from: ALICE, to: A, tracer: mine });
  assert.equal(own.trace, mine);
  assert.ok(mine.steps > 10);
});

test('reverts are decoded in results: Error(string), Panic(uint256), custom errors', () => {
  const evm = createEVM();
  const reason = new TextEncoder().encode('insufficient balance');
  const data = new Uint8Array(4 + 64 + 32);
  data.set(hexToBytes('0x08c379a0'));
  data[35] = 0x20;
  data[67] = reason.length;
  data.set(reason, 68);
  let src = '';
  for (let o = 0; o < data.length; o += 32) src += `PUSH32 ${bytesToHex(data.subarray(o, o + 32))} PUSH1 ${o} MSTORE `;
  evm.setCode(A, asm(`${src} PUSH1 ${data.length} PUSH0 REVERT`));
  const r = evm.call({ to: A });
  assert.equal(r.success, false);
  assert.equal(r.status, Status.Revert);
  assert.equal(r.error, 'execution reverted: insufficient balance');
  assert.deepEqual(r.revert, { kind: 'error', data: bytesToHex(data), reason: 'insufficient balance', selector: '0x08c379a0' });
  assert.equal(r.returnData, bytesToHex(data));

  evm.setCode(A, asm('PUSH4 0xdeadbeef PUSH1 224 SHL PUSH0 MSTORE PUSH1 4 PUSH0 REVERT'));
  assert.deepEqual(evm.call({ to: A }).revert, { kind: 'custom', data: '0xdeadbeef', selector: '0xdeadbeef', args: '0x' });
  evm.setCode(A, asm('PUSH0 PUSH0 REVERT'));
  assert.deepEqual(evm.call({ to: A }).revert, { kind: 'empty', data: '0x' });
  assert.equal(evm.call({ to: A }).error, 'execution reverted');
});

test('every committed transaction has a hash and a receipt; mine() closes the block', () => {
  const evm = setup('Prague');
  const t1 = evm.runTransaction({ from: ALICE, to: A });
  const t2 = evm.runTransaction({ from: ALICE, to: A, data: '0x01' });
  assert.match(t1.hash, /^0x[0-9a-f]{64}$/);
  assert.notEqual(t1.hash, t2.hash);
  assert.equal(t1.receipt.transactionHash, t1.hash);
  assert.deepEqual([t1.receipt.transactionIndex, t2.receipt.transactionIndex], [0, 1]);
  assert.equal(t1.receipt.status, 'success');
  assert.equal(t1.receipt.type, 'eip1559'); // unsigned, London on: viem's default type
  assert.equal(t1.receipt.from, toChecksumAddress(BigInt(ALICE)));
  assert.equal(t1.receipt.to, toChecksumAddress(BigInt(A)));
  assert.equal(t1.receipt.contractAddress, null);
  assert.equal(t2.receipt.cumulativeGasUsed, t1.gasUsed + t2.gasUsed);
  assert.deepEqual(
    t2.receipt.logs.map((l) => [l.logIndex, l.transactionIndex, l.transactionHash]),
    [[1, 1, t2.hash]],
  );
  assert.equal(t1.receipt.logsBloom.length, 2 + 512);
  assert.notEqual(t1.receipt.logsBloom, '0x' + '00'.repeat(256));
  assert.equal(t1.receipt.blockNumber, 0n);
  assert.equal(evm.pendingReceipts.length, 2);

  const block = evm.mine();
  assert.equal(block.number, 0n);
  assert.equal(block.gasUsed, t1.gasUsed + t2.gasUsed);
  assert.deepEqual(block.receipts, [t1.receipt, t2.receipt]);
  assert.equal(evm.block.number, 1n);
  assert.equal(evm.block.timestamp, 12n);
  assert.equal(evm.pendingReceipts.length, 0);
  assert.equal(evm.runTransaction({ from: ALICE, to: A }).receipt.blockNumber, 1n);
  evm.mine({ timestamp: 100n });
  assert.equal(evm.block.timestamp, 100n);
});

test('mine(): the next base fee follows EIP-1559 from the gas used; the excess blob gas from the blob gas', () => {
  const evm = createEVM({ block: { baseFee: 1_000_000_000n, gasLimit: 30_000_000n } });
  evm.setBalance(ALICE, 10n ** 18n);
  const t = evm.runTransaction({ from: ALICE, to: B, value: 1n });
  evm.mine();
  // target 15M, used 21000: the base fee drops by (15M - 21000) / 15M / 8
  const want = 1_000_000_000n - (1_000_000_000n * (15_000_000n - t.gasUsed)) / 15_000_000n / 8n;
  assert.equal(evm.block.baseFee, want);
  assert.equal(evm.block.baseFee, calcBaseFee(1_000_000_000n, t.gasUsed, 30_000_000n));

  // BPO2: target 14 blobs; three transactions of 6 blobs put the next block's excess 4 blobs over.
  const blobs = createEVM();
  blobs.setBalance(ALICE, 10n ** 18n);
  const hashes = Array.from({ length: 6 }, (_, i) => `0x01${i.toString(16).padStart(62, '0')}` as Hex);
  for (let i = 0; i < 3; i++) {
    const r = blobs.runTransaction({ from: ALICE, to: B, blobVersionedHashes: hashes });
    assert.equal(r.receipt.type, 'eip4844');
    assert.equal(r.receipt.blobGasUsed, 6n * 131072n);
    assert.equal(r.receipt.blobGasPrice, 1n);
  }
  const mined = blobs.mine();
  assert.equal(mined.blobGasUsed, 18n * 131072n);
  assert.equal(blobs.block.excessBlobGas, 4n * 131072n);
});

test('unsigned transactions: a default gas limit a 1 ETH account can pay at 30 gwei; EIP-1559 fields', () => {
  for (const fork of ['Prague', 'Osaka'] as const) {
    const evm = createEVM({ fork, block: { baseFee: 30_000_000_000n } });
    evm.setBalance(ALICE, 10n ** 18n);
    const r = evm.runTransaction({ from: ALICE, to: B, value: 1n });
    assert.equal(r.success, true, fork);
    assert.equal(r.receipt.effectiveGasPrice, 30_000_000_000n);
    assert.equal(evm.getBalance(ALICE), 10n ** 18n - 1n - 21000n * 30_000_000_000n);
  }
  const evm = createEVM({ block: { baseFee: 10n } });
  evm.setBalance(ALICE, 10n ** 18n);
  const coinbase = evm.block.coinbase;
  const r = evm.runTransaction({ from: ALICE, to: B, maxFeePerGas: 100n, maxPriorityFeePerGas: 3n, gas: 30000n, nonce: 0 });
  assert.equal(r.receipt.effectiveGasPrice, 13n);
  assert.equal(evm.getBalance(addressToHex(coinbase)), 21000n * 3n);
  const legacy = evm.runTransaction({ from: ALICE, to: B, gasPrice: 20n });
  assert.equal(legacy.receipt.type, 'legacy');
  assert.equal(legacy.receipt.effectiveGasPrice, 20n);
});

test('unsigned EIP-7702 transactions: viem-shaped signed authorizations delegate the authority', () => {
  const key = hexToBytes('0x' + '00'.repeat(31) + '0b');
  const authority = addressToHex(privateKeyToAddress(key));
  const evm = createEVM();
  evm.setBalance(ALICE, 10n ** 18n);
  evm.setCode(B, asm('PUSH1 1 PUSH0 SSTORE STOP'));
  const a = signAuthorization({ chainId: 1n, address: BigInt(B), nonce: 0n }, key);
  // viem's SignedAuthorization: numbers for chainId, nonce and yParity, hex r and s.
  const viemAuth = {
    address: B,
    chainId: 1,
    nonce: 0,
    yParity: Number(a.yParity),
    r: bytesToHex(bigintToBytes(a.r, 32)),
    s: bytesToHex(bigintToBytes(a.s, 32)),
  };
  const r = evm.runTransaction({ from: ALICE, to: authority, authorizationList: [viemAuth] });
  assert.equal(r.success, true, String(r.error));
  assert.equal(r.receipt.type, 'eip7702');
  assert.equal(evm.getCode(authority), bytesToHex(delegationCode(BigInt(B))));
  assert.equal(evm.getStorage(authority, 0n), 1n);
  assert.equal(evm.getNonce(authority), 1n);
});

test('signed transactions: as objects or raw bytes (eth_sendRawTransaction); the hash is the signed hash', () => {
  const key = hexToBytes('0x' + '00'.repeat(31) + '09');
  const from = privateKeyToAddress(key);
  const evm = createEVM();
  evm.setBalance(from, 10n ** 18n);
  const tx = signTx(
    {
      type: TxType.FeeMarket,
      chainId: 1n,
      nonce: 0n,
      maxFeePerGas: 10n,
      maxPriorityFeePerGas: 1n,
      gasLimit: 21000n,
      to: BigInt(B),
      value: 5n,
      data: new Uint8Array(0),
      accessList: [],
    },
    key,
  );
  const r = evm.sendRawTransaction(bytesToHex(encodeTx(tx)));
  assert.equal(r.hash, bytesToHex(txHash(tx)));
  assert.equal(r.receipt.from, toChecksumAddress(from));
  assert.equal(evm.getBalance(B), 5n);
  const tx2 = signTx({ ...tx, nonce: 1n }, key);
  assert.equal(evm.runTransaction(tx2, { tracer: 'callTracer' }).trace.value, '0x5');
  assert.throws(() => evm.runTransaction(tx2), /nonce too low/);
});

test('a creation by eth_call returns the deployed code; deploy gives the receipt its contractAddress', () => {
  const evm = createEVM({ fork: 'Cancun' });
  evm.setBalance(ALICE, 10n ** 18n);
  const code = asm('PUSH1 42 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN');
  const initcode = new Uint8Array([...asm(`PUSH1 ${code.length} DUP1 PUSH1 9 PUSH0 CODECOPY PUSH0 RETURN`), ...code]);
  assert.equal(evm.call({ from: ALICE, data: initcode }).returnData, bytesToHex(code));
  const d = evm.deploy(bytesToHex(initcode), { from: ALICE });
  assert.equal(d.receipt.contractAddress, d.createdAddress);
  assert.equal(evm.getCode(d.createdAddress!), bytesToHex(code));
});

test('Runtime.depth is 1 for the top frame, as every trace format counts', () => {
  const evm = setup();
  const rt = evm.runtime({ to: A });
  assert.equal(rt.depth, 1);
});

test('snapshots cover the block and its pending receipts too', () => {
  const evm = setup();
  const snap = evm.snapshot();
  evm.runTransaction({ from: ALICE, to: A });
  evm.mine();
  evm.revert(snap);
  assert.equal(evm.block.number, 0n);
  assert.equal(evm.pendingReceipts.length, 0);
  assert.equal(evm.getNonce(ALICE), 0n);
  assert.equal(rulesFor('BPO2'), evm.rules);
});
