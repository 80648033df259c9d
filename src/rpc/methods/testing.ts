/**
 * testing_buildBlockV1: builds (never inserts) a block on a parent from payload attributes and raw
 * transactions (null: the pool's), and answers it as an engine API execution payload. The gas limit moves
 * toward 60M as go-ethereum's miner does (CalcGasLimit); an unapplicable transaction is an error and the
 * chain is left as it was.
 */
import { decodeTx, encodeTx, type Transaction } from '../../tx/index.js';
import type { Withdrawal } from '../../transition/blockEnv.js';
import { address, data, decodeAddress, decodeData, decodeHash, decodeUint64, hash, quantity } from '../codec.js';
import { serverError } from '../errors.js';
import { formatWithdrawal } from '../format/block.js';
import { arrayOf, object, optional, optionalParam, param, required, type Decoder } from '../params.js';
import { method } from '../registry.js';
import { chainOf } from './chain.js';

const DESIRED_GAS_LIMIT = 60_000_000n;

/** go-ethereum core.CalcGasLimit. */
export function calcGasLimit(parent: bigint, desired: bigint): bigint {
  const delta = parent / 1024n - 1n;
  if (desired < 5000n) desired = 5000n;
  if (parent < desired) {
    const l = parent + delta;
    return l > desired ? desired : l;
  }
  if (parent > desired) {
    const l = parent - delta;
    return l < desired ? desired : l;
  }
  return parent;
}

const decodeWithdrawal: Decoder<Withdrawal> = object({
  index: required(decodeUint64),
  validatorIndex: required(decodeUint64),
  address: required(decodeAddress),
  amount: required(decodeUint64),
}) as Decoder<Withdrawal>;

const decodeAttributes = object({
  timestamp: required(decodeUint64),
  prevRandao: required(decodeHash),
  suggestedFeeRecipient: required(decodeAddress),
  withdrawals: optional(arrayOf(decodeWithdrawal)),
  parentBeaconBlockRoot: optional(decodeHash),
});

export const testingMethods = [
  method(
    'testing_buildBlockV1',
    [
      param('parentHash', decodeHash),
      param('attributes', decodeAttributes),
      optionalParam('transactions', arrayOf(decodeData)),
      optionalParam('extraData', decodeData),
    ],
    ([parentHash, attrs, rawTxs, extra], ctx) => {
      const chain = chainOf(ctx);
      const parent = chain.stored({ hash: parentHash, requireCanonical: false });
      if (parent === undefined) throw serverError('unknown parent');
      let txs: Transaction[];
      if (rawTxs === undefined) txs = chain.poolContent().pending.map((t) => t.tx);
      else {
        try {
          txs = rawTxs.map((r) => decodeTx(r));
        } catch (e) {
          throw serverError(e instanceof Error ? e.message : String(e));
        }
      }
      const built = chain.buildBlock(parent, txs, {
        timestamp: attrs.timestamp,
        coinbase: attrs.suggestedFeeRecipient,
        prevRandao: attrs.prevRandao,
        ...(attrs.withdrawals === undefined ? {} : { withdrawals: attrs.withdrawals }),
        ...(attrs.parentBeaconBlockRoot === undefined ? {} : { parentBeaconBlockRoot: attrs.parentBeaconBlockRoot }),
        ...(extra === undefined ? {} : { extraData: extra }),
        gasLimit: calcGasLimit(parent.header.gasLimit, DESIRED_GAS_LIMIT),
      });
      if (rawTxs !== undefined && built.exec.rejected.length > 0) throw serverError(built.exec.rejected[0]!.error);
      const h = built.block.header;
      const baseFee = h.baseFeePerGas ?? 0n;
      let value = 0n;
      for (const r of built.exec.receipts) value += r.gasUsed * (r.effectiveGasPrice - baseFee);
      const payload: Record<string, unknown> = {
        parentHash: hash(h.parentHash),
        feeRecipient: address(h.coinbase),
        stateRoot: hash(h.stateRoot),
        receiptsRoot: hash(h.receiptsRoot),
        logsBloom: data(h.logsBloom),
        prevRandao: hash(h.mixHash),
        blockNumber: quantity(h.number),
        gasLimit: quantity(h.gasLimit),
        gasUsed: quantity(h.gasUsed),
        timestamp: quantity(h.timestamp),
        extraData: data(h.extraData),
        baseFeePerGas: quantity(baseFee),
        blockHash: hash(built.block.hash),
        transactions: built.block.transactions.map((t) => data(encodeTx(t))),
      };
      if (built.block.withdrawals !== undefined) payload.withdrawals = built.block.withdrawals.map(formatWithdrawal);
      if (h.blobGasUsed !== undefined) {
        payload.blobGasUsed = quantity(h.blobGasUsed);
        payload.excessBlobGas = quantity(h.excessBlobGas ?? 0n);
      }
      return {
        executionPayload: payload,
        blockValue: quantity(value),
        blobsBundle: { commitments: [], proofs: [], blobs: [] },
        executionRequests: (built.exec.requests ?? []).filter((r) => r.length > 1).map(data),
        shouldOverrideBuilder: false,
      };
    },
    'builds a block on a parent (never inserted): an engine API execution payload',
  ),
];
