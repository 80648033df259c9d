/**
 * The formatters (src/rpc/format) reproduce the execution-apis conformance fixtures exactly: every block,
 * transaction, receipt, log, fee history and eth_simulateV1 block/call result in ../shared/fixtures/rpc is
 * read back into typed data and formatted again, and must come out equal (key order aside).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '../fixtures.js';
import { collectIoFiles, parseIo } from '../../tools/rpcConformance.js';
import {
  formatBlock,
  formatTransaction,
  formatReceipt,
  formatLog,
  formatFeeHistory,
  formatCallResult,
  type TxData,
  type BlockData,
  type HeaderData,
  type ReceiptData,
  type LogData,
} from '../../src/rpc/format/index.js';
import { hexToBytes } from '../../src/primitives/hex.js';
import { parseAddress } from '../../src/primitives/address.js';
import type { Transaction, TxType } from '../../src/tx/types.js';

const dir = fixturePath('rpc');
type J = Record<string, any>;

const big = (v: string | undefined) => (v === undefined ? undefined : BigInt(v));
const bytes = (v: string) => hexToBytes(v);

function txData(j: J, baseFee?: bigint): TxData {
  const type = Number(j.type) as TxType;
  const tx: Record<string, unknown> = {
    type,
    nonce: BigInt(j.nonce),
    gasLimit: BigInt(j.gas),
    to: j.to === null ? null : parseAddress(j.to),
    value: BigInt(j.value),
    data: bytes(j.input),
    accessList: (j.accessList ?? []).map((e: J) => ({
      address: parseAddress(e.address),
      storageKeys: e.storageKeys.map((k: string) => BigInt(k)),
    })),
    v: BigInt(j.v),
    r: BigInt(j.r),
    s: BigInt(j.s),
  };
  if (j.chainId !== undefined) tx.chainId = BigInt(j.chainId);
  if (type < 2) tx.gasPrice = BigInt(j.gasPrice);
  else {
    tx.maxFeePerGas = BigInt(j.maxFeePerGas);
    tx.maxPriorityFeePerGas = BigInt(j.maxPriorityFeePerGas);
  }
  if (j.maxFeePerBlobGas !== undefined) tx.maxFeePerBlobGas = BigInt(j.maxFeePerBlobGas);
  if (j.blobVersionedHashes !== undefined) tx.blobVersionedHashes = j.blobVersionedHashes.map(bytes);
  if (j.authorizationList !== undefined) {
    tx.authorizationList = j.authorizationList.map((a: J) => ({
      chainId: BigInt(a.chainId),
      address: parseAddress(a.address),
      nonce: BigInt(a.nonce),
      yParity: BigInt(a.yParity),
      r: BigInt(a.r),
      s: BigInt(a.s),
    }));
  }
  // The effective gas price of fee-market transactions: the block's base fee (or one that yields it).
  const fee = type >= 2 ? (baseFee ?? BigInt(j.gasPrice) - BigInt(j.maxPriorityFeePerGas)) : undefined;
  const out: TxData = { tx: tx as unknown as Transaction, hash: bytes(j.hash), from: parseAddress(j.from) };
  if (j.blockHash === null) return out;
  return {
    ...out,
    location: {
      blockHash: bytes(j.blockHash),
      blockNumber: BigInt(j.blockNumber),
      blockTimestamp: BigInt(j.blockTimestamp),
      index: Number(j.transactionIndex),
      ...(fee === undefined ? {} : { baseFeePerGas: fee }),
    },
  };
}

function header(j: J): HeaderData {
  const h: Record<string, unknown> = {
    hash: bytes(j.hash),
    parentHash: bytes(j.parentHash),
    ommersHash: bytes(j.sha3Uncles),
    coinbase: parseAddress(j.miner),
    stateRoot: bytes(j.stateRoot),
    transactionsRoot: bytes(j.transactionsRoot),
    receiptsRoot: bytes(j.receiptsRoot),
    logsBloom: bytes(j.logsBloom),
    difficulty: BigInt(j.difficulty),
    number: BigInt(j.number),
    gasLimit: BigInt(j.gasLimit),
    gasUsed: BigInt(j.gasUsed),
    timestamp: BigInt(j.timestamp),
    extraData: bytes(j.extraData),
    mixHash: bytes(j.mixHash),
    nonce: bytes(j.nonce),
  };
  for (const k of ['baseFeePerGas', 'blobGasUsed', 'excessBlobGas'] as const) if (j[k] !== undefined) h[k] = BigInt(j[k]);
  for (const k of ['withdrawalsRoot', 'parentBeaconBlockRoot', 'requestsHash'] as const) if (j[k] !== undefined) h[k] = bytes(j[k]);
  return h as unknown as HeaderData;
}

function block(j: J): { data: BlockData; full: boolean } {
  const full = j.transactions.length > 0 && typeof j.transactions[0] === 'object';
  const baseFee = big(j.baseFeePerGas);
  const transactions = j.transactions.map((t: J | string) => (typeof t === 'string' ? ({ hash: bytes(t) } as TxData) : txData(t, baseFee)));
  const data: Record<string, unknown> = { header: header(j), size: BigInt(j.size), transactions, uncles: j.uncles.map(bytes) };
  if (j.withdrawals !== undefined)
    data.withdrawals = j.withdrawals.map((w: J) => ({
      index: BigInt(w.index),
      validatorIndex: BigInt(w.validatorIndex),
      address: parseAddress(w.address),
      amount: BigInt(w.amount),
    }));
  return { data: data as unknown as BlockData, full };
}

function logData(j: J): LogData {
  return {
    log: { address: parseAddress(j.address), topics: j.topics.map((t: string) => BigInt(t)), data: bytes(j.data) },
    blockHash: bytes(j.blockHash),
    blockNumber: BigInt(j.blockNumber),
    blockTimestamp: BigInt(j.blockTimestamp),
    transactionHash: bytes(j.transactionHash),
    transactionIndex: Number(j.transactionIndex),
    logIndex: Number(j.logIndex),
    removed: j.removed,
  };
}

function receipt(j: J): ReceiptData {
  const r: Record<string, unknown> = {
    tx: { type: Number(j.type), to: j.to === null ? null : parseAddress(j.to) },
    transactionHash: bytes(j.transactionHash),
    from: parseAddress(j.from),
    blockHash: bytes(j.blockHash),
    blockNumber: BigInt(j.blockNumber),
    transactionIndex: Number(j.transactionIndex),
    cumulativeGasUsed: BigInt(j.cumulativeGasUsed),
    gasUsed: BigInt(j.gasUsed),
    effectiveGasPrice: BigInt(j.effectiveGasPrice),
    logs: j.logs.map(logData),
    logsBloom: bytes(j.logsBloom),
    contractAddress: j.contractAddress === null ? null : parseAddress(j.contractAddress),
  };
  if (j.root !== undefined) r.postState = bytes(j.root);
  else r.status = j.status === '0x1';
  if (j.blobGasUsed !== undefined) r.blobGasUsed = BigInt(j.blobGasUsed);
  if (j.blobGasPrice !== undefined) r.blobGasPrice = BigInt(j.blobGasPrice);
  return r as unknown as ReceiptData;
}

/** Every expected result of the fixtures for `method` (errors and nulls left out). */
function results(method: string): { name: string; result: any }[] {
  const out: { name: string; result: any }[] = [];
  for (const p of collectIoFiles(join(dir!, method))) {
    const t = parseIo(`${method}/${p.split('/').pop()}`, readFileSync(p, 'utf8'));
    for (const x of t.exchanges) {
      const e = x.expected as J;
      if (JSON.parse(x.request).method === method && e.result !== undefined && e.result !== null)
        out.push({ name: t.name, result: e.result });
    }
  }
  return out;
}

const skip = dir === undefined ? 'rpc fixtures not found' : false;

test('blocks of every fork (Frontier to Prague, hashes or full transactions) format as the fixtures', { skip }, () => {
  let n = 0;
  for (const m of ['eth_getBlockByNumber', 'eth_getBlockByHash']) {
    for (const { name, result } of results(m)) {
      const { data, full } = block(result);
      assert.deepEqual(formatBlock(data, full), result, name);
      n++;
    }
  }
  assert.ok(n >= 10, `${n} blocks`);
});

test('transactions of types 0-4 (pre-EIP-155 and EIP-155 legacy) format as the fixtures', { skip }, () => {
  const seen = new Set<string>();
  for (const m of ['eth_getTransactionByHash', 'eth_getTransactionByBlockNumberAndIndex']) {
    for (const { name, result } of results(m)) {
      assert.deepEqual(formatTransaction(txData(result)), result, name);
      seen.add(`${result.type}${result.chainId === undefined ? '' : '+chainId'}`);
    }
  }
  for (const k of ['0x0', '0x1+chainId', '0x2+chainId', '0x3+chainId', '0x4+chainId'])
    assert.ok(seen.has(k), `no fixture of kind ${k}: ${[...seen].join(' ')}`);
});

test('receipts (root before Byzantium, status after, blob gas for type 3) and their logs format as the fixtures', { skip }, () => {
  let n = 0;
  for (const { name, result } of results('eth_getTransactionReceipt')) {
    assert.deepEqual(formatReceipt(receipt(result)), result, name);
    n++;
  }
  for (const { name, result } of results('eth_getBlockReceipts')) {
    assert.deepEqual(
      result.map((r: J) => formatReceipt(receipt(r))),
      result,
      name,
    );
    n += result.length;
  }
  assert.ok(n > 8);
});

test('eth_getLogs results format as the fixtures', { skip }, () => {
  for (const { name, result } of results('eth_getLogs'))
    assert.deepEqual(
      result.map((l: J) => formatLog(logData(l))),
      result,
      name,
    );
});

test('fee history formats as the fixture', { skip }, () => {
  for (const { name, result } of results('eth_feeHistory')) {
    const f = {
      oldestBlock: BigInt(result.oldestBlock),
      reward: result.reward.map((r: string[]) => r.map((x) => BigInt(x))),
      baseFeePerGas: result.baseFeePerGas.map((x: string) => BigInt(x)),
      gasUsedRatio: result.gasUsedRatio,
      baseFeePerBlobGas: result.baseFeePerBlobGas.map((x: string) => BigInt(x)),
      blobGasUsedRatio: result.blobGasUsedRatio,
    };
    assert.deepEqual(formatFeeHistory(f), result, name);
    assert.deepEqual(Object.keys(formatFeeHistory({ ...f, reward: undefined } as never)).includes('reward'), false);
  }
});

test('eth_simulateV1 blocks and call results (success, revert with data, VM error, transfer logs) format as the fixtures', { skip }, () => {
  let calls = 0;
  for (const { name, result } of results('eth_simulateV1')) {
    for (const b of result as J[]) {
      const { calls: cs, ...rest } = b;
      const { data, full } = block(rest);
      assert.deepEqual(formatBlock(data, full), rest, name);
      for (const c of cs as J[]) {
        const d = {
          returnData: bytes(c.returnData),
          logs: c.logs.map(logData),
          gasUsed: BigInt(c.gasUsed),
          maxUsedGas: BigInt(c.maxUsedGas),
          status: c.status === '0x1',
          ...(c.error === undefined
            ? {}
            : {
                error: {
                  message: c.error.message,
                  code: c.error.code,
                  ...(c.error.data === undefined ? {} : { data: bytes(c.error.data) }),
                },
              }),
        };
        assert.deepEqual(formatCallResult(d), c, name);
        calls++;
      }
    }
  }
  assert.ok(calls > 100, `${calls} calls`);
});
