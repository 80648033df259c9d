/**
 * Execution: eth_call, eth_estimateGas, eth_createAccessList (with state and block overrides),
 * eth_sendTransaction (dev accounts), eth_sendRawTransaction (types 0-4, blob transactions in the network
 * form with their sidecar), debug_traceTransaction/traceCall/traceBlockByNumber/ByHash (structLogger,
 * callTracer, prestateTracer).
 */
import type { Address } from '../../primitives/address.js';
import { decodeRlp } from '../../primitives/rlp/decode.js';
import { encodeRlp } from '../../primitives/rlp/encode.js';
import { concatBytes } from '../../primitives/hex.js';
import { decodeTx, encodeTx, TxType, type Transaction } from '../../tx/index.js';
import { runMessage } from '../../transition/pipeline.js';
import { precompileAddresses } from '../../precompiles/registry.js';
import { executeBlock } from '../../transition/block.js';
import { CallTracer, PrestateTracer, StructLogger } from '../../tracing/index.js';
import type { Tracer } from '../../machine/tracer.js';
import type { StoredBlock } from '../../chain/chain.js';
import { NodeChain, RPC_GAS_CAP } from '../backend/nodeChain.js';
import type { BlockOverrides, StateOverride } from '../context.js';
import {
  data,
  decodeAddress,
  decodeBlockNumberOrTag,
  decodeBlockRef,
  decodeBool,
  decodeData,
  decodeHash,
  decodeQuantity,
  decodeUint64,
  decodeWord,
  hash,
  quantity,
  type BlockRef,
} from '../codec.js';
import { ErrorCode, JsonRpcError, ParamError, invalidParams, revertError, serverError } from '../errors.js';
import { formatAccessList } from '../format/transaction.js';
import { anyJson, arrayOf, object, optional, optionalParam, param, record, required, type Decoder } from '../params.js';
import { formatBlock } from '../format/block.js';
import { formatCallResult } from '../format/simulate.js';
import { simulate, MAX_SIMULATE_BLOCKS, type SimBlock, type SimBlockOverrides, type SimulateOptions } from '../backend/simulate.js';
import type { Withdrawal } from '../../transition/blockEnv.js';
import { method } from '../registry.js';
import { signTransactionRequest } from '../signing.js';
import { decodeTransactionRequest, inferTxType, toUnsignedTransaction, type FilledRequest, type TransactionRequest } from '../txRequest.js';
import { chainOf } from './chain.js';

const LATEST: BlockRef = { tag: 'latest' };
const latest = (): BlockRef => LATEST;

const decodeSlotMap: Decoder<Map<bigint, bigint>> = (v) => {
  const m = record((k) => decodeWord(k), decodeWord)(v);
  return m;
};

const decodeStateOverride: Decoder<StateOverride> = (v) => {
  const o = object({
    balance: optional(decodeQuantity),
    nonce: optional(decodeUint64),
    code: optional(decodeData),
    state: optional(decodeSlotMap),
    stateDiff: optional(decodeSlotMap),
    movePrecompileToAddress: optional(decodeAddress),
  })(v);
  if (o.state !== undefined && o.stateDiff !== undefined) throw new ParamError('both state and stateDiff are set');
  return o;
};

export const decodeStateOverrides: Decoder<Map<Address, StateOverride>> = record(decodeAddress, decodeStateOverride);

export const decodeBlockOverrides: Decoder<BlockOverrides> = (v) => {
  const o = object({
    number: optional(decodeQuantity),
    time: optional(decodeUint64),
    gasLimit: optional(decodeUint64),
    feeRecipient: optional(decodeAddress),
    coinbase: optional(decodeAddress),
    prevRandao: optional(decodeWord),
    random: optional(decodeWord),
    baseFeePerGas: optional(decodeQuantity),
    baseFee: optional(decodeQuantity),
    blobBaseFee: optional(decodeQuantity),
  })(v);
  const out: { -readonly [K in keyof BlockOverrides]: BlockOverrides[K] } = {};
  if (o.number !== undefined) out.number = o.number;
  if (o.time !== undefined) out.time = o.time;
  if (o.gasLimit !== undefined) out.gasLimit = o.gasLimit;
  const fr = o.feeRecipient ?? o.coinbase;
  if (fr !== undefined) out.feeRecipient = fr;
  const pr = o.prevRandao ?? o.random;
  if (pr !== undefined) out.prevRandao = pr;
  const bf = o.baseFeePerGas ?? o.baseFee;
  if (bf !== undefined) out.baseFeePerGas = bf;
  if (o.blobBaseFee !== undefined) out.blobBaseFee = o.blobBaseFee;
  return out;
};

/** The error of a failed message as go-ethereum answers eth_call: revert (3, data) or -32000. */
function failure(o: { reverted: boolean; output: Uint8Array; error?: string; rejected?: string }): JsonRpcError {
  if (o.rejected !== undefined) return serverError(o.rejected);
  if (o.reverted) return revertError(o.output);
  return serverError(o.error ?? 'execution failed');
}

// ---------------------------------------------------------------- tracers

interface TraceConfig {
  readonly tracer?: string;
  readonly tracerConfig?: Record<string, unknown>;
  readonly disableStack?: boolean;
  readonly disableStorage?: boolean;
  readonly enableMemory?: boolean;
  readonly enableReturnData?: boolean;
}

const decodeTraceConfig: Decoder<TraceConfig> = (v) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ParamError('cannot unmarshal into trace config');
  const o = v as Record<string, unknown>;
  if (o.tracer !== undefined && typeof o.tracer !== 'string') throw new ParamError('tracer: expected a string');
  return o as TraceConfig;
};

interface ResultTracer extends Tracer {
  result(): unknown;
}

function makeTracer(cfg: TraceConfig | undefined): ResultTracer {
  const name = cfg?.tracer;
  const tc = (cfg?.tracerConfig ?? {}) as Record<string, unknown>;
  if (name === undefined || name === '' || name === 'structLogger') {
    return new StructLogger({
      ...(cfg?.disableStack === true ? { disableStack: true } : {}),
      ...(cfg?.disableStorage === true ? { disableStorage: true } : {}),
      ...(cfg?.enableMemory === true ? { enableMemory: true } : {}),
      ...(cfg?.enableReturnData === true ? { enableReturnData: true } : {}),
    }) as ResultTracer;
  }
  if (name === 'callTracer') return new CallTracer({ withLog: tc.withLog === true, onlyTopCall: tc.onlyTopCall === true }) as ResultTracer;
  if (name === 'prestateTracer') return new PrestateTracer({ diffMode: tc.diffMode === true }) as ResultTracer;
  throw serverError(`tracer ${JSON.stringify(name)} not found`);
}

/** Re-executes `block`'s transactions up to `upTo` (inclusive) on its parent's state, tracing those asked for. */
function traceBlock(
  chain: NodeChain,
  b: StoredBlock,
  cfg: TraceConfig | undefined,
  only?: number,
): { txHash: Uint8Array; result: unknown }[] {
  if (b.parent === null) return [];
  const parent = b.parent;
  const state = chain.journalAt(parent);
  const txs = b.block.transactions;
  const last = only ?? txs.length - 1;
  const tracers = new Map<number, ResultTracer>();
  const h = b.header;
  executeBlock(
    state,
    {
      mode: 'build',
      env: chain.blockEnv(b),
      rules: b.rules,
      chainId: chain.config.chainId,
      parentHash: h.parentHash,
      ...(h.parentBeaconBlockRoot === undefined ? {} : { parentBeaconBlockRoot: h.parentBeaconBlockRoot }),
      ommers: [],
      ...(b.block.withdrawals === undefined ? {} : { withdrawals: b.block.withdrawals }),
      reward: -1n,
      depositContract: chain.config.depositContractAddress,
      tracerFor: (i) => {
        if (only !== undefined && i !== only) return undefined;
        const t = makeTracer(cfg);
        tracers.set(i, t);
        return t;
      },
    },
    txs.slice(0, last + 1).map((tx) => ({ tx })),
  );
  const out: { txHash: Uint8Array; result: unknown }[] = [];
  for (const [i, t] of tracers) out.push({ txHash: b.receipts[i]!.txHash, result: traceResult(t) });
  return out;
}

const with0x = (s: string): string => (s.startsWith('0x') ? s : '0x' + s);

/** A tracer's result as go-ethereum's debug API shows it (struct logs: memory and storage words 0x-prefixed). */
function traceResult(t: ResultTracer): unknown {
  const r = t.result();
  if (!(t instanceof StructLogger)) return r;
  const s = r as { structLogs: { memory?: string[]; storage?: Record<string, string>; returnData?: string }[] };
  for (const l of s.structLogs) {
    if (l.memory !== undefined) l.memory = l.memory.map(with0x);
    if (l.storage !== undefined) l.storage = Object.fromEntries(Object.entries(l.storage).map(([k, v]) => [with0x(k), with0x(v)]));
    if (l.returnData !== undefined) l.returnData = with0x(l.returnData);
  }
  return r;
}

// ---------------------------------------------------------------- sending

/** Fills a request from a dev account: nonce, chain id, type, fees, gas (estimated). */
function fillRequest(chain: NodeChain, req: TransactionRequest, from: Address): FilledRequest {
  const rules = chain.head.rules;
  const type = inferTxType(req, rules.eip1559);
  const nonce = req.nonce ?? chain.nextNonce(from);
  const tip = req.maxPriorityFeePerGas ?? chain.maxPriorityFee();
  const legacy = type === TxType.Legacy || type === TxType.AccessList;
  const fees = legacy
    ? { gasPrice: req.gasPrice ?? chain.gasPrice() }
    : { maxPriorityFeePerGas: tip, maxFeePerGas: req.maxFeePerGas ?? chain.nextBaseFee() * 2n + tip };
  const base = { ...req, ...fees, type, nonce, chainId: chain.config.chainId, from };
  let gas = req.gas;
  if (gas === undefined) {
    const e = chain.estimate({ ...base, gas: undefined } as TransactionRequest, LATEST);
    if (e.error !== undefined) {
      if (e.revertData !== undefined) throw revertError(e.revertData);
      throw serverError(e.error);
    }
    gas = e.gas;
  }
  const out: FilledRequest = {
    ...base,
    gas,
    ...(type === TxType.Blob ? { maxFeePerBlobGas: req.maxFeePerBlobGas ?? chain.nextBlobBaseFee() * 2n } : {}),
  };
  return out;
}

/**
 * A raw transaction: the canonical encoding, or a blob transaction in the network form (EIP-4844 /
 * EIP-7594 wrapper `0x03 || rlp([tx_payload, (version,) blobs, commitments, proofs])`): the payload is the
 * transaction, the sidecar is checked against its versioned hashes by count.
 */
function decodeRawTransaction(raw: Uint8Array): Transaction {
  if (raw.length > 1 && raw[0] === TxType.Blob) {
    const item = decodeRlp(raw.subarray(1));
    if (Array.isArray(item) && item.length >= 4 && Array.isArray(item[0])) {
      const tx = decodeTx(concatBytes(Uint8Array.of(TxType.Blob), encodeRlp(item[0])));
      const blobs = item[item.length === 5 ? 2 : 1];
      const commitments = item[item.length === 5 ? 3 : 2];
      const n = tx.blobVersionedHashes?.length ?? 0;
      if (!Array.isArray(blobs) || !Array.isArray(commitments) || blobs.length !== n || commitments.length !== n) {
        throw serverError(`invalid blob sidecar: ${n} versioned hashes`);
      }
      return tx;
    }
  }
  return decodeTx(raw);
}

/**
 * An impersonated account's transaction: unsigned, with a placeholder signature that keeps hashes apart
 * (r = the sender, s = 1; v by type) - the node executes it as from the sender (Chain.knownSenders).
 */
function impersonatedTransaction(req: FilledRequest, from: Address, eip155: boolean): Transaction {
  const unsigned = toUnsignedTransaction(req, eip155);
  const v = unsigned.type !== TxType.Legacy ? 0n : eip155 ? req.chainId * 2n + 35n : 27n;
  return { ...unsigned, v, r: from, s: 1n };
}

// ---------------------------------------------------------------- methods

function callArgs() {
  return [
    param('transaction', decodeTransactionRequest),
    optionalParam('block', decodeBlockRef, latest),
    optionalParam('stateOverrides', decodeStateOverrides),
    optionalParam('blockOverrides', decodeBlockOverrides),
  ] as const;
}

export const executionMethods = [
  method(
    'eth_call',
    callArgs(),
    ([req, b, so, bo], ctx) => {
      const o = chainOf(ctx).call(req, b, so, bo);
      if (o.rejected !== undefined || !o.success) throw failure(o);
      return data(o.output);
    },
    "a call on a block's state, with state and block overrides",
  ),
  method(
    'eth_estimateGas',
    callArgs(),
    ([req, b, so, bo], ctx) => {
      const e = chainOf(ctx).estimate(req, b, so, bo);
      if (e.error !== undefined) {
        if (e.revertData !== undefined) throw revertError(e.revertData);
        throw serverError(e.error);
      }
      return quantity(e.gas);
    },
    "the smallest gas limit that succeeds (go-ethereum's estimator, exact)",
  ),
  method(
    'eth_createAccessList',
    [
      param('transaction', decodeTransactionRequest),
      optionalParam('block', decodeBlockRef, latest),
      optionalParam('stateOverrides', decodeStateOverrides),
    ],
    ([req, b, so], ctx) => createAccessList(chainOf(ctx), req, b, so),
    'the access list a call uses and its gas with it',
  ),
  method(
    'eth_sendRawTransaction',
    [param('transaction', decodeData)],
    ([raw], ctx) => {
      let tx: Transaction;
      try {
        tx = decodeRawTransaction(raw);
      } catch (e) {
        if (e instanceof JsonRpcError) throw e;
        throw serverError(e instanceof Error ? e.message : String(e));
      }
      return hash(chainOf(ctx).submit(tx));
    },
    'adds a signed transaction to the pool (types 0-4; blob transactions with their sidecar)',
  ),
  method(
    'eth_sendTransaction',
    [param('transaction', decodeTransactionRequest)],
    ([req], ctx) => {
      const chain = chainOf(ctx);
      const from = req.from;
      if (from === undefined) throw invalidParams('missing "from"');
      const key = ctx.accounts.keyOf(from);
      const filled = () => fillRequest(chain, req, from);
      if (key === undefined) {
        if (!ctx.accounts.isImpersonated(from)) throw serverError('unknown account');
        return hash(chain.submit(impersonatedTransaction(filled(), from, chain.head.rules.eip155), from));
      }
      const tx = signTransactionRequest(filled(), key, chain.head.rules.eip155);
      // Signed here with the account's key: the sender is known, no need to recover it.
      return hash(chain.submit(tx, from));
    },
    'signs with a dev account and adds to the pool (mined at once under automine)',
  ),
  method(
    'eth_sendUnsignedTransaction',
    [param('transaction', decodeTransactionRequest)],
    ([req], ctx) => {
      const chain = chainOf(ctx);
      const from = req.from;
      if (from === undefined) throw invalidParams('missing "from"');
      return hash(chain.submit(impersonatedTransaction(fillRequest(chain, req, from), from, chain.head.rules.eip155), from));
    },
    'a transaction from any address, unsigned (as if impersonated)',
  ),
  method(
    'eth_signTransaction',
    [param('transaction', decodeTransactionRequest)],
    ([req], ctx) => {
      const chain = chainOf(ctx);
      const from = req.from;
      if (from === undefined) throw invalidParams('missing "from"');
      const key = ctx.accounts.keyOf(from);
      if (key === undefined) throw serverError('unknown account');
      return data(encodeTx(signTransactionRequest(fillRequest(chain, req, from), key, chain.head.rules.eip155)));
    },
    'signs with a dev account; the raw transaction',
  ),
  method(
    'debug_traceTransaction',
    [param('hash', decodeHash), optionalParam('config', decodeTraceConfig)],
    ([h, cfg], ctx) => {
      const chain = chainOf(ctx);
      const at = chain.locate(h);
      if (at === undefined) throw serverError('transaction not found');
      return traceBlock(chain, at.block, cfg, at.index)[0]!.result;
    },
    'a mined transaction re-executed with a tracer (structLogger, callTracer, prestateTracer)',
  ),
  method(
    'debug_traceBlockByNumber',
    [param('block', decodeBlockNumberOrTag), optionalParam('config', decodeTraceConfig)],
    ([b, cfg], ctx) => {
      const chain = chainOf(ctx);
      const blk = chain.stored(b);
      if (blk === undefined) throw serverError(`block #${'number' in b ? b.number : b.tag} not found`);
      return traceBlock(chain, blk, cfg).map((r) => ({ txHash: hash(r.txHash), result: r.result }));
    },
    'every transaction of a block traced',
  ),
  method(
    'debug_traceBlockByHash',
    [param('hash', decodeHash), optionalParam('config', decodeTraceConfig)],
    ([h, cfg], ctx) => {
      const chain = chainOf(ctx);
      const blk = chain.stored({ hash: h, requireCanonical: false });
      if (blk === undefined) throw serverError(`block ${hash(h)} not found`);
      return traceBlock(chain, blk, cfg).map((r) => ({ txHash: hash(r.txHash), result: r.result }));
    },
    'every transaction of a block traced',
  ),
  method(
    'debug_traceCall',
    [param('transaction', decodeTransactionRequest), optionalParam('block', decodeBlockRef, latest), optionalParam('config', anyJson)],
    ([req, b, rawCfg], ctx) => {
      const cfg = rawCfg === undefined ? undefined : decodeTraceConfig(rawCfg);
      const c = cfg as (TraceConfig & { stateOverrides?: unknown; blockOverrides?: unknown }) | undefined;
      const so = c?.stateOverrides === undefined ? undefined : decodeStateOverrides(c.stateOverrides);
      const bo = c?.blockOverrides === undefined ? undefined : decodeBlockOverrides(c.blockOverrides);
      const tracer = makeTracer(cfg);
      const o = chainOf(ctx).call(req, b, so, bo, tracer);
      if (o.rejected !== undefined) throw serverError(o.rejected);
      return traceResult(tracer);
    },
    "a call traced on a block's state",
  ),
];

/** go-ethereum's eth_createAccessList: run, collect what was accessed, rerun with it, until it is stable. */
function createAccessList(chain: NodeChain, req: TransactionRequest, ref: BlockRef, so?: ReadonlyMap<Address, StateOverride>) {
  const from = req.from ?? 0n;
  let list = req.accessList ?? [];
  for (let round = 0; round < 16; round++) {
    const { ctx } = chain.callContext(ref, so, undefined, undefined, true);
    const r0 = { ...req, accessList: list };
    const { tx, sender } = NodeChain.callMessage(r0, ctx.state, ctx.block, chain.config.chainId, req.gas ?? RPC_GAS_CAP);
    const typed: Transaction = tx.type === TxType.Legacy ? { ...tx, type: TxType.AccessList } : tx;
    const r = runMessage(ctx, typed, sender, 'call');
    if (r.rejected !== undefined) throw serverError(r.rejected);
    const warm = ctx.state.warmSet();
    const exclude = new Set<Address>([from, ...(tx.to === null ? [] : [tx.to]), ...precompileAddresses(ctx.rules)]);
    if (r.createdAddress !== undefined) exclude.add(r.createdAddress);
    const next = new Map<Address, bigint[]>();
    for (const a of warm.addresses) if (!exclude.has(a) && a !== ctx.block.coinbase) next.set(a, []);
    for (const [a, slots] of warm.slots) {
      if (exclude.has(a) && slots.size === 0) continue;
      next.set(
        a,
        [...slots].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
      );
    }
    const nextList = [...next].map(([address, storageKeys]) => ({ address, storageKeys }));
    const same = JSON.stringify(formatAccessList(nextList)) === JSON.stringify(formatAccessList(list));
    if (same || round === 15) {
      const out: Record<string, unknown> = { accessList: formatAccessList(nextList), gasUsed: quantity(r.gasUsed) };
      if (!r.success) out.error = r.error ?? 'execution reverted';
      return out;
    }
    list = nextList;
  }
  return null;
}

// ---------------------------------------------------------------- eth_simulateV1

const decodeSimWithdrawal = object({
  index: required(decodeUint64),
  validatorIndex: required(decodeUint64),
  address: required(decodeAddress),
  amount: required(decodeUint64),
});

const decodeSimBlockOverrides: Decoder<SimBlockOverrides> = (v) => {
  const base = decodeBlockOverrides(v);
  const o = object({ withdrawals: optional(arrayOf(decodeSimWithdrawal)), beaconRoot: optional(decodeHash) })(v);
  return {
    ...base,
    ...(o.withdrawals === undefined ? {} : { withdrawals: o.withdrawals as Withdrawal[] }),
    ...(o.beaconRoot === undefined ? {} : { beaconRoot: o.beaconRoot }),
  };
};

const decodeSimBlock: Decoder<SimBlock> = object({
  blockOverrides: optional(decodeSimBlockOverrides),
  stateOverrides: optional(decodeStateOverrides),
  calls: optional(arrayOf(decodeTransactionRequest)),
});

const decodeSimulateOptions: Decoder<SimulateOptions> = (v) => {
  const o = object({
    blockStateCalls: required(arrayOf(decodeSimBlock)),
    validation: optional(decodeBool),
    traceTransfers: optional(decodeBool),
    returnFullTransactions: optional(decodeBool),
  })(v);
  return o;
};

export const simulateMethods = [
  method(
    'eth_simulateV1',
    [param('options', decodeSimulateOptions), optionalParam('block', decodeBlockRef, latest)],
    ([opts, ref], ctx) => {
      const chain = chainOf(ctx);
      const base = chain.require(ref);
      if (BigInt(opts.blockStateCalls.length) > MAX_SIMULATE_BLOCKS)
        throw new JsonRpcError(ErrorCode.ClientLimitExceeded, 'too many blocks');
      return simulate(chain, base, opts).map((b) => ({
        ...formatBlock(b.block, opts.returnFullTransactions === true),
        calls: b.calls.map(formatCallResult),
      }));
    },
    "blocks of calls on a block's state, with overrides, validation and transfer logs (go-ethereum's rules)",
  ),
];
