/**
 * The transaction request object of eth_call, eth_estimateGas, eth_createAccessList, eth_sendTransaction,
 * eth_signTransaction and eth_simulateV1 calls (execution-apis `GenericTransaction`, go-ethereum
 * `TransactionArgs`): decoding, the type a request stands for, and building the unsigned transaction once
 * every field of that type is known.
 *
 * What the node fills in before building (phase 2, from the chain): nonce (pending count), gas (estimate,
 * capped), fees (gasPrice or maxFeePerGas/maxPriorityFeePerGas from the head's base fee), chainId.
 */
import type { Address } from '../primitives/address.js';
import { TxType, type AccessListItem, type Authorization } from '../tx/types.js';
import type { UnsignedTransaction } from '../tx/encode.js';
import { ParamError } from './errors.js';
import { arrayOf, object, optional, required, type Decoder } from './params.js';
import { decodeAddress, decodeData, decodeHash, decodeQuantity, decodeUint64, decodeWord } from './codec.js';

export interface TransactionRequest {
  readonly type?: TxType;
  readonly from?: Address;
  /** null or absent: contract creation. */
  readonly to?: Address | null;
  readonly gas?: bigint;
  readonly gasPrice?: bigint;
  readonly maxFeePerGas?: bigint;
  readonly maxPriorityFeePerGas?: bigint;
  readonly maxFeePerBlobGas?: bigint;
  readonly value?: bigint;
  readonly nonce?: bigint;
  /** `input`, or `data` (the older name); both set must agree. */
  readonly input?: Uint8Array;
  readonly accessList?: readonly AccessListItem[];
  readonly blobVersionedHashes?: readonly Uint8Array[];
  readonly authorizationList?: readonly Authorization[];
  readonly chainId?: bigint;
}

const decodeAccessListItem = object({
  address: required(decodeAddress),
  storageKeys: optional(arrayOf(decodeWord)),
});

export const decodeAccessList: Decoder<AccessListItem[]> = (v) =>
  arrayOf(decodeAccessListItem)(v).map((e) => ({ address: e.address, storageKeys: e.storageKeys ?? [] }));

const decodeAuthorizationItem = object({
  chainId: required(decodeQuantity),
  address: required(decodeAddress),
  nonce: required(decodeUint64),
  yParity: optional(decodeUint64),
  v: optional(decodeUint64),
  r: required(decodeQuantity),
  s: required(decodeQuantity),
});

export const decodeAuthorizationList: Decoder<Authorization[]> = (v) =>
  arrayOf(decodeAuthorizationItem)(v).map((a, i) => {
    const yParity = a.yParity ?? a.v;
    if (yParity === undefined) throw new ParamError('missing required field', [i, 'yParity']);
    return { chainId: a.chainId, address: a.address, nonce: a.nonce, yParity, r: a.r, s: a.s };
  });

const decodeTxType: Decoder<TxType> = (v) => {
  const t = decodeQuantity(v);
  if (t > 4n) throw new ParamError(`transaction type ${t} not supported`);
  return Number(t) as TxType;
};

const decodeTo: Decoder<Address | null> = (v) => decodeAddress(v);

const rawRequest = object({
  type: optional(decodeTxType),
  from: optional(decodeAddress),
  to: optional(decodeTo),
  gas: optional(decodeUint64),
  gasPrice: optional(decodeQuantity),
  maxFeePerGas: optional(decodeQuantity),
  maxPriorityFeePerGas: optional(decodeQuantity),
  maxFeePerBlobGas: optional(decodeQuantity),
  value: optional(decodeQuantity),
  nonce: optional(decodeUint64),
  input: optional(decodeData),
  data: optional(decodeData),
  accessList: optional(decodeAccessList),
  blobVersionedHashes: optional(arrayOf(decodeHash)),
  authorizationList: optional(decodeAuthorizationList),
  chainId: optional(decodeQuantity),
});

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Decodes a transaction request. Rejects (ParamError, -32602) what go-ethereum rejects before executing:
 * `data` and `input` both set and different, gasPrice together with EIP-1559 fees, a tip above the fee cap,
 * and fields that contradict an explicit `type`.
 */
export const decodeTransactionRequest: Decoder<TransactionRequest> = (v) => {
  const r = rawRequest(v);
  if (r.input !== undefined && r.data !== undefined && !sameBytes(r.input, r.data)) {
    throw new ParamError('both "data" and "input" are set and not equal. Please use "input" to pass transaction call data');
  }
  if (r.gasPrice !== undefined && (r.maxFeePerGas !== undefined || r.maxPriorityFeePerGas !== undefined)) {
    throw new ParamError('both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified');
  }
  if (r.maxFeePerGas !== undefined && r.maxPriorityFeePerGas !== undefined && r.maxPriorityFeePerGas > r.maxFeePerGas) {
    throw new ParamError(`maxFeePerGas (${r.maxFeePerGas}) < maxPriorityFeePerGas (${r.maxPriorityFeePerGas})`);
  }
  if (r.type !== undefined) {
    const t = r.type;
    if (t < TxType.FeeMarket && (r.maxFeePerGas !== undefined || r.maxPriorityFeePerGas !== undefined)) {
      throw new ParamError(`type ${t} transactions have no maxFeePerGas/maxPriorityFeePerGas`, ['type']);
    }
    if (t >= TxType.FeeMarket && r.gasPrice !== undefined) throw new ParamError(`type ${t} transactions have no gasPrice`, ['type']);
    if (t === TxType.Legacy && r.accessList !== undefined && r.accessList.length > 0) {
      throw new ParamError('type 0 transactions have no accessList', ['type']);
    }
    if (t !== TxType.Blob && r.blobVersionedHashes !== undefined && r.blobVersionedHashes.length > 0) {
      throw new ParamError(`type ${t} transactions have no blobVersionedHashes`, ['type']);
    }
    if (t !== TxType.SetCode && r.authorizationList !== undefined && r.authorizationList.length > 0) {
      throw new ParamError(`type ${t} transactions have no authorizationList`, ['type']);
    }
  }
  const { data, input, ...rest } = r;
  const body = input ?? data;
  return body === undefined ? rest : { ...rest, input: body };
};

/**
 * The type a request stands for (go-ethereum `TransactionArgs.ToTransaction`): explicit `type`, else
 * authorizationList -> 4, blobVersionedHashes -> 3, EIP-1559 fees -> 2, accessList with gasPrice -> 1,
 * gasPrice -> 0, and 2 when nothing says otherwise (`londonActive`; 0 before London).
 */
export function inferTxType(req: TransactionRequest, londonActive = true): TxType {
  if (req.type !== undefined) return req.type;
  if (req.authorizationList !== undefined) return TxType.SetCode;
  if (req.blobVersionedHashes !== undefined) return TxType.Blob;
  if (req.maxFeePerGas !== undefined || req.maxPriorityFeePerGas !== undefined) return TxType.FeeMarket;
  if (req.gasPrice !== undefined) return req.accessList !== undefined ? TxType.AccessList : TxType.Legacy;
  return londonActive ? TxType.FeeMarket : TxType.Legacy;
}

/** A request with everything its type needs: what `toUnsignedTransaction` builds from. */
export interface FilledRequest extends TransactionRequest {
  readonly type: TxType;
  readonly chainId: bigint;
  readonly nonce: bigint;
  readonly gas: bigint;
}

function need<T>(v: T | undefined, field: string, type: TxType): T {
  if (v === undefined) throw new ParamError(`missing ${field}, required by type ${type} transactions`);
  return v;
}

/**
 * The unsigned transaction a filled request describes. Legacy transactions are EIP-155 protected
 * (chainId in the signature) unless `eip155` is false (before Spurious Dragon).
 */
export function toUnsignedTransaction(req: FilledRequest, eip155 = true): UnsignedTransaction {
  const base = {
    nonce: req.nonce,
    gasLimit: req.gas,
    to: req.to ?? null,
    value: req.value ?? 0n,
    data: req.input ?? new Uint8Array(0),
    accessList: req.accessList ?? [],
  };
  switch (req.type) {
    case TxType.Legacy:
      return {
        type: TxType.Legacy,
        ...(eip155 ? { chainId: req.chainId } : {}),
        gasPrice: need(req.gasPrice, 'gasPrice', 0),
        ...base,
        accessList: [],
      };
    case TxType.AccessList:
      return { type: TxType.AccessList, chainId: req.chainId, gasPrice: need(req.gasPrice, 'gasPrice', 1), ...base };
    case TxType.FeeMarket:
    case TxType.Blob:
    case TxType.SetCode: {
      const fees = {
        type: req.type,
        chainId: req.chainId,
        maxFeePerGas: need(req.maxFeePerGas, 'maxFeePerGas', req.type),
        maxPriorityFeePerGas: need(req.maxPriorityFeePerGas, 'maxPriorityFeePerGas', req.type),
        ...base,
      };
      if (req.type === TxType.Blob) {
        if (req.to === undefined || req.to === null) throw new ParamError('type 3 transactions cannot create contracts: "to" is required');
        return {
          ...fees,
          maxFeePerBlobGas: need(req.maxFeePerBlobGas, 'maxFeePerBlobGas', 3),
          blobVersionedHashes: need(req.blobVersionedHashes, 'blobVersionedHashes', 3),
        };
      }
      if (req.type === TxType.SetCode) {
        if (req.to === undefined || req.to === null) throw new ParamError('type 4 transactions cannot create contracts: "to" is required');
        return { ...fees, authorizationList: need(req.authorizationList, 'authorizationList', 4) };
      }
      return fees;
    }
  }
}
