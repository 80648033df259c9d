/**
 * Requests in, transactions out: a CallRequest / TransactionRequest (viem's field names, hex or bigint
 * values) checked field by field and turned into the pipeline's Transaction. Each error names the method
 * and the field ('runTransaction: value: -1n is out of range 0..2^256-1').
 *
 * Two steps, so a forked EVM can load the accounts in between: `parseRequest` checks and converts what the
 * caller gave (no state read), `buildMessage` fills the defaults that depend on the state and the block
 * (nonce, fees, gas).
 */
import { TxType, type AccessListItem, type Authorization, type Transaction } from '../tx/types.js';
import { EMPTY_BYTES } from '../primitives/hex.js';
import {
  U64_MAX,
  checkAddress,
  checkBytes,
  checkCount,
  checkHash,
  checkNumber,
  checkQuantity,
  checkWord,
  describe,
} from '../primitives/check.js';
import { blobBaseFee } from '../transition/blobs.js';
import type { Address } from '../primitives/address.js';
import type { Rules } from '../spec/rules.js';
import type { BlockEnv } from '../state/env.js';
import type { StateJournal } from '../state/journal.js';
import type { CallRequest, TracerName, TransactionType } from './types.js';

const TYPES: Readonly<Record<TransactionType, TxType>> = {
  legacy: TxType.Legacy,
  eip2930: TxType.AccessList,
  eip1559: TxType.FeeMarket,
  eip4844: TxType.Blob,
  eip7702: TxType.SetCode,
};

const NO_ACCESS_LIST: readonly AccessListItem[] = Object.freeze([]);

export const TYPE_NAMES: readonly TransactionType[] = ['legacy', 'eip2930', 'eip1559', 'eip4844', 'eip7702'];

const TRACERS: readonly TracerName[] = ['callTracer', 'prestateTracer', 'structLogger', 'eip3155'];

const KNOWN_FIELDS = new Set([
  'from',
  'to',
  'data',
  'input',
  'value',
  'gas',
  'gasPrice',
  'maxFeePerGas',
  'maxPriorityFeePerGas',
  'accessList',
  'authorizationList',
  'blobVersionedHashes',
  'maxFeePerBlobGas',
  'nonce',
  'type',
  'tracer',
  'tracerConfig',
  'signal',
  'timeoutMs',
  // viem request fields that do not change execution: accepted and ignored.
  'account',
  'chain',
  'chainId',
  'blobs',
  'kzg',
  'sidecars',
]);

/** A request after its checks: the core's representation of every field given. */
export interface ParsedRequest {
  readonly from: Address | undefined;
  readonly to: Address | null;
  readonly data: Uint8Array;
  readonly value: bigint;
  readonly gas: bigint | undefined;
  readonly gasPrice: bigint | undefined;
  readonly maxFeePerGas: bigint | undefined;
  readonly maxPriorityFeePerGas: bigint | undefined;
  readonly maxFeePerBlobGas: bigint | undefined;
  readonly nonce: bigint | undefined;
  readonly accessList: readonly AccessListItem[] | undefined;
  readonly authorizationList: readonly Authorization[] | undefined;
  readonly blobVersionedHashes: readonly Uint8Array[] | undefined;
  readonly type: TxType | undefined;
}

/** Checks and converts a request (`where` names the method in errors). */
export function parseRequest(req: CallRequest, where: string): ParsedRequest {
  if (typeof req !== 'object' || req === null) throw new TypeError(`${where}: expected a request object, got ${describe(req)}`);
  for (const k in req) {
    if (!KNOWN_FIELDS.has(k))
      throw new TypeError(`${where}: unknown field ${JSON.stringify(k)}${k === 'gasLimit' ? ' (the gas limit is `gas`)' : ''}`);
  }
  const r = req as CallRequest & { input?: unknown };
  if (r.input !== undefined && r.data !== undefined) throw new TypeError(`${where}: give data or input, not both`);
  const data = r.data ?? r.input;
  if (r.gasPrice !== undefined && (r.maxFeePerGas !== undefined || r.maxPriorityFeePerGas !== undefined)) {
    throw new TypeError(`${where}: gasPrice cannot be combined with maxFeePerGas/maxPriorityFeePerGas`);
  }
  let type: TxType | undefined;
  if (r.type !== undefined) {
    type = Object.hasOwn(TYPES, r.type) ? TYPES[r.type] : undefined;
    if (type === undefined)
      throw new TypeError(`${where}: type: unknown transaction type ${describe(r.type)}; known: ${TYPE_NAMES.join(', ')}`);
  }
  if (r.tracer !== undefined && typeof r.tracer !== 'object' && !TRACERS.includes(r.tracer)) {
    throw new TypeError(`${where}: tracer: unknown tracer ${describe(r.tracer)}; known: ${TRACERS.join(', ')}, or a Tracer object`);
  }
  if (r.timeoutMs !== undefined) checkNumber(r.timeoutMs, `${where}: timeoutMs`);
  return {
    from: r.from === undefined ? undefined : checkAddress(r.from, `${where}: from`),
    to: r.to === undefined || r.to === null ? null : checkAddress(r.to, `${where}: to`),
    data: data === undefined ? EMPTY_BYTES : checkBytes(data, `${where}: data`),
    value: r.value === undefined ? 0n : checkQuantity(r.value, `${where}: value`),
    gas: r.gas === undefined ? undefined : checkQuantity(r.gas, `${where}: gas`, U64_MAX),
    gasPrice: r.gasPrice === undefined ? undefined : checkQuantity(r.gasPrice, `${where}: gasPrice`),
    maxFeePerGas: r.maxFeePerGas === undefined ? undefined : checkQuantity(r.maxFeePerGas, `${where}: maxFeePerGas`),
    maxPriorityFeePerGas:
      r.maxPriorityFeePerGas === undefined ? undefined : checkQuantity(r.maxPriorityFeePerGas, `${where}: maxPriorityFeePerGas`),
    maxFeePerBlobGas: r.maxFeePerBlobGas === undefined ? undefined : checkQuantity(r.maxFeePerBlobGas, `${where}: maxFeePerBlobGas`),
    nonce: r.nonce === undefined ? undefined : checkCount(r.nonce, `${where}: nonce`),
    accessList: r.accessList === undefined ? undefined : accessList(r.accessList, `${where}: accessList`),
    authorizationList: r.authorizationList === undefined ? undefined : authorizations(r.authorizationList, `${where}: authorizationList`),
    blobVersionedHashes:
      r.blobVersionedHashes === undefined
        ? undefined
        : list(r.blobVersionedHashes, `${where}: blobVersionedHashes`).map((h, i) => checkHash(h, `${where}: blobVersionedHashes[${i}]`)),
    type,
  };
}

function list(v: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(v)) throw new TypeError(`${field}: expected an array, got ${describe(v)}`);
  return v;
}

function accessList(v: unknown, field: string): AccessListItem[] {
  return list(v, field).map((e, i) => {
    if (typeof e !== 'object' || e === null) throw new TypeError(`${field}[${i}]: expected { address, storageKeys }, got ${describe(e)}`);
    const item = e as { address?: unknown; storageKeys?: unknown };
    return {
      address: checkAddress(item.address, `${field}[${i}].address`),
      storageKeys: list(item.storageKeys ?? [], `${field}[${i}].storageKeys`).map((k, j) =>
        checkWord(k, `${field}[${i}].storageKeys[${j}]`),
      ),
    };
  });
}

function authorizations(v: unknown, field: string): Authorization[] {
  return list(v, field).map((e, i) => {
    const f = `${field}[${i}]`;
    if (typeof e !== 'object' || e === null) throw new TypeError(`${f}: expected a signed authorization, got ${describe(e)}`);
    const a = e as { address?: unknown; chainId?: unknown; nonce?: unknown; r?: unknown; s?: unknown; yParity?: unknown; v?: unknown };
    let yParity: bigint;
    if (a.yParity !== undefined) yParity = checkCount(a.yParity, `${f}.yParity`, 1n);
    else if (a.v !== undefined) {
      const vv = checkCount(a.v, `${f}.v`);
      if (vv !== 27n && vv !== 28n && vv !== 0n && vv !== 1n) throw new RangeError(`${f}.v: ${describe(a.v)} is not 0, 1, 27 or 28`);
      yParity = vv >= 27n ? vv - 27n : vv;
    } else throw new TypeError(`${f}: needs yParity (or v)`);
    return {
      chainId: checkCount(a.chainId, `${f}.chainId`, (1n << 256n) - 1n),
      address: checkAddress(a.address, `${f}.address`),
      nonce: checkCount(a.nonce, `${f}.nonce`),
      yParity,
      r: checkWord(a.r, `${f}.r`),
      s: checkWord(a.s, `${f}.s`),
    };
  });
}

/** What kind of message a request is built into. */
export type BuildMode = 'call' | 'tx';

/**
 * The pipeline's Transaction for a parsed request. Calls (eth_call, estimateGas) take the fees as given
 * (0 when absent: go-ethereum runs such a call with no fee at all) and, without `gas`, `defaultGas`;
 * transactions default the nonce to the sender's, the fees to the block's (base fee, tip 0, blob base fee)
 * and the gas to what the block has left, capped by EIP-7825 and by what the sender can pay.
 */
export function buildMessage(
  p: ParsedRequest,
  from: Address,
  mode: BuildMode,
  ctx: {
    readonly state: StateJournal;
    readonly block: BlockEnv;
    readonly rules: Rules;
    readonly chainId: bigint;
    readonly blockGasLeft: bigint;
    readonly defaultGas: bigint;
  },
): Transaction {
  const { rules, block } = ctx;
  let type = p.type;
  if (type === undefined) {
    if (p.authorizationList !== undefined) type = TxType.SetCode;
    else if (p.blobVersionedHashes !== undefined || p.maxFeePerBlobGas !== undefined) type = TxType.Blob;
    else if (p.maxFeePerGas !== undefined || p.maxPriorityFeePerGas !== undefined) type = TxType.FeeMarket;
    else if (p.gasPrice === undefined && mode === 'tx' && rules.eip1559) type = TxType.FeeMarket;
    else type = p.accessList !== undefined ? TxType.AccessList : TxType.Legacy;
  }
  const legacyFees = type === TxType.Legacy || type === TxType.AccessList;
  const tx = mode === 'tx';
  const tip = p.maxPriorityFeePerGas ?? 0n;
  const gasPrice = legacyFees ? (p.gasPrice ?? (tx ? block.baseFee : 0n)) : undefined;
  const maxFeePerGas = legacyFees ? undefined : (p.maxFeePerGas ?? (tx ? block.baseFee + tip : 0n));
  const maxPriorityFeePerGas = legacyFees ? undefined : tip;
  const maxFeePerBlobGas =
    type === TxType.Blob ? (p.maxFeePerBlobGas ?? (tx && rules.eip4844 ? blobBaseFee(block.excessBlobGas ?? 0n, rules) : 0n)) : undefined;
  const blobHashes = p.blobVersionedHashes ?? (type === TxType.Blob ? [] : undefined);

  let gas = p.gas;
  if (gas === undefined) {
    if (!tx) gas = ctx.defaultGas;
    else {
      gas = ctx.blockGasLeft;
      if (rules.txGasLimitCap > 0n && gas > rules.txGasLimitCap) gas = rules.txGasLimitCap;
      // No more than the sender can pay for at its fee cap (go-ethereum's estimator caps the same way).
      const price = gasPrice ?? maxFeePerGas ?? 0n;
      if (price > 0n) {
        const blobCost = BigInt((blobHashes?.length ?? 0) * rules.blobGasPerBlob) * (maxFeePerBlobGas ?? 0n);
        const available = ctx.state.getBalance(from) - p.value - blobCost;
        const affordable = available > 0n ? available / price : 0n;
        if (affordable < gas) gas = affordable;
      }
    }
  }
  // One literal with every field (absent ones undefined): the same object shape for every message.
  return {
    type,
    chainId: ctx.chainId,
    nonce: p.nonce ?? ctx.state.getNonce(from),
    gasPrice,
    maxPriorityFeePerGas,
    maxFeePerGas,
    gasLimit: gas,
    to: p.to,
    value: p.value,
    data: p.data,
    accessList: p.accessList ?? NO_ACCESS_LIST,
    maxFeePerBlobGas,
    blobVersionedHashes: blobHashes,
    authorizationList: p.authorizationList ?? (type === TxType.SetCode ? [] : undefined),
    v: 0n,
    r: 0n,
    s: 0n,
  };
}
