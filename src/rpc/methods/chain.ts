/**
 * Reading the chain: state at a block (eth_getBalance, getCode, getStorageAt, getStorageValues,
 * getTransactionCount, getProof), blocks, transactions, receipts, logs, fees, raw encodings (debug_getRaw*)
 * and the pool (txpool_*). Every method here needs ctx.chain (the NodeChain).
 */
import type { AccountProof, NodeContext } from '../context.js';
import type { NodeChain } from '../backend/nodeChain.js';
import {
  address,
  data,
  decodeAddress,
  decodeBlockNumberOrTag,
  decodeBlockRef,
  decodeBool,
  decodeHash,
  decodeSafeInteger,
  decodeStorageKey,
  decodeString,
  hash,
  quantity,
  type BlockRef,
} from '../codec.js';
import { ErrorCode, JsonRpcError, invalidParams, serverError } from '../errors.js';
import { formatBlock } from '../format/block.js';
import { formatFeeHistory } from '../format/feeHistory.js';
import { formatLog, formatReceipt } from '../format/receipt.js';
import { formatTransaction, type TxData } from '../format/transaction.js';
import { decodeLogCriteria } from '../logFilter.js';
import { arrayOf, optionalParam, param, record, type Decoder } from '../params.js';
import { method } from '../registry.js';
import { txData } from '../backend/views.js';

export function chainOf(ctx: NodeContext): NodeChain {
  if (ctx.chain === undefined) throw new JsonRpcError(ErrorCode.MethodNotFound, 'this node has no chain');
  return ctx.chain;
}

const LATEST: BlockRef = { tag: 'latest' };
const latest = (): BlockRef => LATEST;
const blockParam = optionalParam('block', decodeBlockRef, latest);

function stateAt(ctx: NodeContext, ref: BlockRef) {
  const s = chainOf(ctx).state(ref);
  if (s === undefined) throw serverError('header not found');
  return s;
}

const decodeKey = (v: unknown) => decodeStorageKey(v);

/** eth_feeHistory's block count: a quantity, or (as clients send) a JSON number. */
const decodeCount: Decoder<number> = (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : decodeSafeInteger(v));

const decodePercentiles: Decoder<number[]> = (v) =>
  arrayOf((x) => {
    if (typeof x !== 'number' || !(x >= 0 && x <= 100)) throw invalidParams(`invalid reward percentile: ${String(x)}`);
    return x;
  })(v);

function poolGroup(list: readonly TxData[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const t of list) {
    const k = address(t.from);
    (out[k] ??= {})[t.tx.nonce.toString(10)] = formatTransaction(t);
  }
  return out;
}

export const chainMethods = [
  method('eth_blockNumber', [], (_, ctx) => quantity(chainOf(ctx).headNumber()), 'the head block number'),
  method(
    'eth_getBalance',
    [param('address', decodeAddress), blockParam],
    ([a, b], ctx) => quantity(stateAt(ctx, b).balance(a) as bigint),
    'balance at a block',
  ),
  method(
    'eth_getCode',
    [param('address', decodeAddress), blockParam],
    ([a, b], ctx) => data(stateAt(ctx, b).code(a) as Uint8Array),
    'code at a block (EIP-7702 designators as stored)',
  ),
  method(
    'eth_getTransactionCount',
    [param('address', decodeAddress), blockParam],
    ([a, b], ctx) => {
      if ('tag' in b && b.tag === 'pending') return quantity(chainOf(ctx).nextNonce(a));
      return quantity(stateAt(ctx, b).nonce(a) as bigint);
    },
    'nonce at a block (pending: with the pool)',
  ),
  method(
    'eth_getStorageAt',
    [param('address', decodeAddress), param('slot', decodeKey), blockParam],
    ([a, k, b], ctx) => hash(stateAt(ctx, b).storage(a, k.key) as bigint),
    'a storage word at a block',
  ),
  method(
    'eth_getStorageValues',
    [param('requests', record(decodeAddress, arrayOf(decodeKey))), blockParam],
    ([req, b], ctx) => {
      if (req.size === 0) throw invalidParams('empty request');
      const s = stateAt(ctx, b);
      const out: Record<string, string[]> = {};
      for (const [a, keys] of req) out[address(a)] = keys.map((k) => hash(s.storage(a, k.key) as bigint));
      return out;
    },
    'several storage words of several accounts at a block',
  ),
  method(
    'eth_getProof',
    [param('address', decodeAddress), param('keys', arrayOf(decodeKey)), blockParam],
    ([a, keys, b], ctx) => {
      const proof = stateAt(ctx, b).proof(
        a,
        keys.map((k) => k.key),
      ) as AccountProof;
      return {
        address: address(a),
        accountProof: proof.accountProof.map(data),
        balance: quantity(proof.balance),
        codeHash: data(proof.codeHash),
        nonce: quantity(proof.nonce),
        storageHash: data(proof.storageHash),
        storageProof: proof.storageProof.map((s, i) => ({
          key: keys[i]!.byteLength < 32 ? quantity(s.key) : hash(s.key),
          value: quantity(s.value),
          proof: s.proof.map(data),
        })),
      };
    },
    'EIP-1186 account and storage proofs',
  ),
  method(
    'eth_getBlockByNumber',
    [param('block', decodeBlockNumberOrTag), param('full', decodeBool)],
    ([b, full], ctx) => {
      const blk = chainOf(ctx).block(b);
      return blk === undefined ? null : formatBlock(blk, full);
    },
    'a block by number or tag',
  ),
  method(
    'eth_getBlockByHash',
    [param('hash', decodeHash), param('full', decodeBool)],
    ([h, full], ctx) => {
      const blk = chainOf(ctx).block({ hash: h, requireCanonical: false });
      return blk === undefined ? null : formatBlock(blk, full);
    },
    'a block by hash',
  ),
  method(
    'eth_getBlockTransactionCountByNumber',
    [param('block', decodeBlockNumberOrTag)],
    ([b], ctx) => {
      const s = chainOf(ctx).stored(b);
      return s === undefined ? null : quantity(s.block.transactions.length);
    },
    'transactions in a block',
  ),
  method(
    'eth_getBlockTransactionCountByHash',
    [param('hash', decodeHash)],
    ([h], ctx) => {
      const s = chainOf(ctx).stored({ hash: h, requireCanonical: false });
      return s === undefined ? null : quantity(s.block.transactions.length);
    },
    'transactions in a block',
  ),
  method(
    'eth_getUncleCountByBlockNumber',
    [param('block', decodeBlockNumberOrTag)],
    ([b], ctx) => {
      const s = chainOf(ctx).stored(b);
      return s === undefined ? null : quantity(s.block.ommers.length);
    },
    'ommers in a block',
  ),
  method(
    'eth_getUncleCountByBlockHash',
    [param('hash', decodeHash)],
    ([h], ctx) => {
      const s = chainOf(ctx).stored({ hash: h, requireCanonical: false });
      return s === undefined ? null : quantity(s.block.ommers.length);
    },
    'ommers in a block',
  ),
  method(
    'eth_getBlockReceipts',
    [param('block', decodeBlockRef)],
    ([b], ctx) => {
      const r = chainOf(ctx).blockReceipts(b);
      return r === undefined ? null : r.map(formatReceipt);
    },
    'every receipt of a block',
  ),
  method(
    'eth_getTransactionByHash',
    [param('hash', decodeHash)],
    ([h], ctx) => {
      const t = chainOf(ctx).transaction(h);
      return t === undefined ? null : formatTransaction(t);
    },
    'a mined or pending transaction',
  ),
  method(
    'eth_getTransactionByBlockNumberAndIndex',
    [param('block', decodeBlockNumberOrTag), param('index', decodeSafeInteger)],
    ([b, i], ctx) => {
      const s = chainOf(ctx).stored(b);
      return s === undefined || i >= s.block.transactions.length ? null : formatTransaction(txData(s, i));
    },
    'a transaction by block number and index',
  ),
  method(
    'eth_getTransactionByBlockHashAndIndex',
    [param('hash', decodeHash), param('index', decodeSafeInteger)],
    ([h, i], ctx) => {
      const s = chainOf(ctx).stored({ hash: h, requireCanonical: false });
      return s === undefined || i >= s.block.transactions.length ? null : formatTransaction(txData(s, i));
    },
    'a transaction by block hash and index',
  ),
  method(
    'eth_getTransactionReceipt',
    [param('hash', decodeHash)],
    ([h], ctx) => {
      const r = chainOf(ctx).receipt(h);
      return r === undefined ? null : formatReceipt(r);
    },
    "a mined transaction's receipt",
  ),
  method(
    'eth_getLogs',
    [param('filter', decodeLogCriteria)],
    ([c], ctx) => chainOf(ctx).logs(c).map(formatLog),
    'logs by range or block hash, address and topics',
  ),
  method(
    'eth_getFilterLogs',
    [param('id', decodeString)],
    ([id], ctx) => chainOf(ctx).logs(ctx.filters.criteria(id)).map(formatLog),
    'every log a log filter matches',
  ),
  method('eth_coinbase', [], (_, ctx) => address(chainOf(ctx).coinbase), 'the coinbase of mined blocks'),
  method(
    'eth_mining',
    [],
    (_, ctx) => {
      const c = chainOf(ctx);
      return c.automine || c.intervalMs !== undefined;
    },
    'whether blocks are mined (automine or interval mining)',
  ),
  method('eth_gasPrice', [], (_, ctx) => quantity(chainOf(ctx).gasPrice()), 'the next base fee plus the suggested tip'),
  method('eth_maxPriorityFeePerGas', [], (_, ctx) => quantity(chainOf(ctx).maxPriorityFee()), 'the suggested tip (1 gwei)'),
  method('eth_baseFee', [], (_, ctx) => quantity(chainOf(ctx).nextBaseFee()), "the next block's base fee"),
  method('eth_blobBaseFee', [], (_, ctx) => quantity(chainOf(ctx).nextBlobBaseFee()), "the next block's blob base fee"),
  method(
    'eth_feeHistory',
    [param('blockCount', decodeCount), param('newestBlock', decodeBlockNumberOrTag), optionalParam('rewardPercentiles', decodePercentiles)],
    ([n, newest, p], ctx) => formatFeeHistory(chainOf(ctx).feeHistory(n, newest, p ?? [])),
    'base fees, gas used ratios, tips at percentiles, blob fees',
  ),
  method(
    'debug_getRawBlock',
    [param('block', decodeBlockRef)],
    ([b], ctx) => {
      const r = chainOf(ctx).raw('block', b);
      if (r === undefined) throw serverError('header not found');
      return data(r as Uint8Array);
    },
    "a block's RLP",
  ),
  method(
    'debug_getRawHeader',
    [param('block', decodeBlockRef)],
    ([b], ctx) => {
      const r = chainOf(ctx).raw('header', b);
      if (r === undefined) throw serverError('header not found');
      return data(r as Uint8Array);
    },
    "a header's RLP",
  ),
  method(
    'debug_getRawReceipts',
    [param('block', decodeBlockRef)],
    ([b], ctx) => {
      const r = chainOf(ctx).raw('receipts', b);
      if (r === undefined) throw serverError('header not found');
      return (r as Uint8Array[]).map(data);
    },
    "a block's receipts, consensus-encoded",
  ),
  method(
    'debug_getRawTransaction',
    [param('hash', decodeHash)],
    ([h], ctx) => {
      const r = chainOf(ctx).rawTransaction(h);
      return r === undefined ? '0x' : data(r);
    },
    "a transaction's encoding",
  ),
  method(
    'txpool_status',
    [],
    (_, ctx) => {
      const p = chainOf(ctx).poolContent();
      return { pending: quantity(p.pending.length), queued: quantity(p.queued.length) };
    },
    'pending and queued counts',
  ),
  method(
    'txpool_content',
    [],
    (_, ctx) => {
      const p = chainOf(ctx).poolContent();
      return { pending: poolGroup(p.pending), queued: poolGroup(p.queued) };
    },
    'pending and queued transactions by sender and nonce',
  ),
  method(
    'txpool_inspect',
    [],
    (_, ctx) => {
      const p = chainOf(ctx).poolContent();
      const summary = (l: readonly TxData[]) => {
        const out: Record<string, Record<string, string>> = {};
        for (const t of l) {
          const price = t.tx.gasPrice ?? t.tx.maxFeePerGas ?? 0n;
          (out[address(t.from)] ??= {})[t.tx.nonce.toString(10)] =
            `${t.tx.to === null ? 'contract creation' : address(t.tx.to)}: ${t.tx.value} wei + ${t.tx.gasLimit} gas × ${price} wei`;
        }
        return out;
      };
      return { pending: summary(p.pending), queued: summary(p.queued) };
    },
    "pending and queued transactions summarised (go-ethereum's text)",
  ),
  method(
    'txpool_contentFrom',
    [param('address', decodeAddress)],
    ([a], ctx) => {
      const p = chainOf(ctx).poolContent();
      const mine = (l: readonly TxData[]) => l.filter((t) => t.from === a);
      const group = (l: readonly TxData[]) => Object.fromEntries(mine(l).map((t) => [t.tx.nonce.toString(10), formatTransaction(t)]));
      return { pending: group(p.pending), queued: group(p.queued) };
    },
    "one sender's pending and queued transactions",
  ),
];
