/**
 * A state test's `transaction` object: shared fields plus the arrays `data[]`, `gasLimit[]`, `value[]`
 * (and `accessLists[]`, parallel to `data[]`) that each post entry's `indexes` pick from.
 *
 * The transaction type is not written in the fixture; it follows from the fields present, in the order
 * go-ethereum's `stTransaction.toMessage` and the fillers use: `authorizationList` -> 4 (EIP-7702),
 * `blobVersionedHashes` -> 3 (EIP-4844), `maxFeePerGas` -> 2 (EIP-1559), a non-null `accessLists[d]`
 * -> 1 (EIP-2930), else legacy. (A null `accessLists[d]` marks a legacy transaction in a test that
 * mixes types, e.g. stEIP2930/transactionCosts; the fixtures' txbytes agree with this rule.)
 */
import { TxType, type AccessListItem, type Authorization, type Transaction } from '../tx/types.js';
import type { Address } from '../primitives/address.js';
import { privateKeyToAddress } from '../primitives/crypto/secp256k1.js';
import { FieldError, address, array, bytes, object, optional, quantity, string, u256 } from './fields.js';

/** The fields every vector of a test shares, parsed once per test. */
export interface TxTemplate {
  readonly sender: Address;
  readonly nonce: bigint;
  readonly to: Address | null;
  readonly gasPrice?: bigint;
  readonly maxFeePerGas?: bigint;
  readonly maxPriorityFeePerGas?: bigint;
  readonly maxFeePerBlobGas?: bigint;
  readonly blobVersionedHashes?: readonly Uint8Array[];
  readonly authorizationList?: readonly Authorization[];
  readonly data: readonly unknown[];
  readonly gasLimit: readonly unknown[];
  readonly value: readonly unknown[];
  readonly accessLists?: readonly unknown[];
  /** Parsed `data[i]`, memoised: many vectors share one (sometimes large) payload. */
  readonly dataCache: Map<number, Uint8Array>;
}

/** Parses the shared part of `transaction`; throws FieldError naming the field. */
export function parseTxTemplate(raw: unknown): TxTemplate {
  const tx = object(raw, 'transaction');
  // An absent `to` is a creation, as an empty one (go-ethereum reads both as nil; evmone-filled fixtures omit it).
  const toText = tx.to === undefined ? '' : string(tx.to, 'transaction.to');
  let sender: Address;
  if (tx.sender !== undefined) {
    sender = address(tx.sender, 'transaction.sender');
  } else if (tx.secretKey !== undefined) {
    const key = bytes(tx.secretKey, 'transaction.secretKey', 32);
    try {
      sender = privateKeyToAddress(key);
    } catch (e) {
      throw new FieldError('transaction.secretKey', `cannot derive the sender: ${e instanceof Error ? e.message : e}`);
    }
  } else {
    throw new FieldError('transaction.sender', 'missing, and no secretKey to derive it from');
  }
  return {
    sender,
    nonce: quantity(tx.nonce, 'transaction.nonce'),
    // An empty `to` means contract creation.
    to: toText === '' ? null : address(toText, 'transaction.to'),
    gasPrice: optional(tx.gasPrice, 'transaction.gasPrice', u256),
    maxFeePerGas: optional(tx.maxFeePerGas, 'transaction.maxFeePerGas', u256),
    maxPriorityFeePerGas: optional(tx.maxPriorityFeePerGas, 'transaction.maxPriorityFeePerGas', u256),
    maxFeePerBlobGas: optional(tx.maxFeePerBlobGas, 'transaction.maxFeePerBlobGas', u256),
    blobVersionedHashes: optional(tx.blobVersionedHashes, 'transaction.blobVersionedHashes', (v, f) =>
      array(v, f).map((h, i) => bytes(h, `${f}[${i}]`, 32)),
    ),
    authorizationList: optional(tx.authorizationList, 'transaction.authorizationList', (v, f) =>
      array(v, f).map((a, i) => parseAuthorization(a, `${f}[${i}]`)),
    ),
    data: array(tx.data, 'transaction.data'),
    gasLimit: array(tx.gasLimit, 'transaction.gasLimit'),
    value: array(tx.value, 'transaction.value'),
    accessLists: optional(tx.accessLists, 'transaction.accessLists', array),
    dataCache: new Map(),
  };
}

/** EIP-7702 tuple; `yParity` is absent in older fixtures, where `v` carries it. */
function parseAuthorization(raw: unknown, field: string): Authorization {
  const a = object(raw, field);
  return {
    chainId: u256(a.chainId, `${field}.chainId`),
    address: address(a.address, `${field}.address`),
    nonce: quantity(a.nonce, `${field}.nonce`),
    yParity: quantity(a.yParity ?? a.v, `${field}.${a.yParity === undefined ? 'v' : 'yParity'}`),
    r: u256(a.r, `${field}.r`),
    s: u256(a.s, `${field}.s`),
  };
}

function parseAccessList(raw: unknown, field: string): AccessListItem[] {
  return array(raw, field).map((item, i) => {
    const it = object(item, `${field}[${i}]`);
    return {
      address: address(it.address, `${field}[${i}].address`),
      storageKeys: array(it.storageKeys, `${field}[${i}].storageKeys`).map((k, j) => u256(k, `${field}[${i}].storageKeys[${j}]`)),
    };
  });
}

function pick(list: readonly unknown[], i: number, field: string): unknown {
  if (i >= list.length) throw new FieldError(`${field}[${i}]`, `index out of range (${field} has ${list.length} entries)`);
  return list[i];
}

/**
 * The transaction of one vector: `t` with `data[d]`, `gasLimit[g]`, `value[v]` and `accessLists[d]`.
 * Legacy transactions get no `chainId` (the fixture does not say whether they are EIP-155 protected;
 * execution does not depend on it); the signature is not in the fixture (only in `txbytes`) and is 0.
 */
export function buildTransaction(t: TxTemplate, d: number, g: number, v: number, chainId: bigint): Transaction {
  let data = t.dataCache.get(d);
  if (data === undefined) {
    data = bytes(pick(t.data, d, 'transaction.data'), `transaction.data[${d}]`);
    t.dataCache.set(d, data);
  }
  const gasLimit = quantity(pick(t.gasLimit, g, 'transaction.gasLimit'), `transaction.gasLimit[${g}]`);
  const value = quantity(pick(t.value, v, 'transaction.value'), `transaction.value[${v}]`);
  const rawList = t.accessLists === undefined ? null : pick(t.accessLists, d, 'transaction.accessLists');
  const accessList = rawList === null ? [] : parseAccessList(rawList, `transaction.accessLists[${d}]`);

  const type =
    t.authorizationList !== undefined
      ? TxType.SetCode
      : t.blobVersionedHashes !== undefined
        ? TxType.Blob
        : t.maxFeePerGas !== undefined
          ? TxType.FeeMarket
          : rawList !== null
            ? TxType.AccessList
            : TxType.Legacy;

  const common = { nonce: t.nonce, gasLimit, to: t.to, value, data, accessList, v: 0n, r: 0n, s: 0n };
  if (type === TxType.Legacy || type === TxType.AccessList) {
    if (t.gasPrice === undefined) throw new FieldError('transaction.gasPrice', 'missing (needed by a legacy or EIP-2930 transaction)');
    return { ...common, type, chainId: type === TxType.Legacy ? undefined : chainId, gasPrice: t.gasPrice };
  }
  if (t.maxFeePerGas === undefined) throw new FieldError('transaction.maxFeePerGas', 'missing (needed by a typed transaction)');
  if (t.maxPriorityFeePerGas === undefined) throw new FieldError('transaction.maxPriorityFeePerGas', 'missing');
  const feeMarket = { ...common, chainId, maxFeePerGas: t.maxFeePerGas, maxPriorityFeePerGas: t.maxPriorityFeePerGas };
  if (type === TxType.FeeMarket) return { ...feeMarket, type };
  if (type === TxType.Blob) {
    if (t.maxFeePerBlobGas === undefined) throw new FieldError('transaction.maxFeePerBlobGas', 'missing (needed by a blob transaction)');
    return { ...feeMarket, type, maxFeePerBlobGas: t.maxFeePerBlobGas, blobVersionedHashes: t.blobVersionedHashes };
  }
  return { ...feeMarket, type, authorizationList: t.authorizationList };
}
