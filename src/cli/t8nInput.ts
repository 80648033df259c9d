/**
 * t8n input JSON (go-ethereum cmd/evm/internal/t8ntool: `stEnv`, `types.GenesisAlloc`, `txWithKey`)
 * -> the block builder's types. Quantities are hex or decimal, as go-ethereum's HexOrDecimal accepts.
 * Transactions carrying `secretKey` and no signature are signed here (EIP-155 for legacy ones unless
 * `protected` is false), as go-ethereum's `signUnsignedTransactions` does.
 */
import { parseAlloc } from '../statetest/block.js';
import { FieldError, address, array, bytes, object, optional, quantity, u256 } from '../statetest/fields.js';
import { decodeRlp, type RlpItem } from '../primitives/rlp/index.js';
import { decodeTxItem, legacyChainId, signTx, TxType, type Transaction, type UnsignedTransaction } from '../tx/index.js';
import type { AccessListItem, Authorization } from '../tx/types.js';
import type { BlockInput, Ommer, Withdrawal } from '../transition/blockEnv.js';
import type { BlockTx } from '../transition/block.js';
import type { GenesisAlloc } from '../state/env.js';
import type { Rules } from '../spec/rules.js';
import { hexToBytes } from '../primitives/hex.js';

export { parseAlloc };

/** go-ethereum's exit codes (t8ntool/transition.go). */
export const enum T8nExit {
  Evm = 2,
  Config = 3,
  MissingBlockhash = 4,
  Json = 10,
  Io = 11,
  Rlp = 12,
}

/** A failure that ends the run with go-ethereum's exit code; printed as `ERROR(code): message`. */
export class T8nError extends Error {
  override name = 'T8nError';
  constructor(
    readonly code: T8nExit,
    message: string,
  ) {
    super(message);
  }
}

/** Runs `f`, turning a FieldError (a malformed input field) into T8nError `code` naming `what`. */
function fieldErrors<T>(code: T8nExit, what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FieldError) throw new T8nError(code, e.field.startsWith(what) ? e.message : `${what}: ${e.message}`);
    throw e;
  }
}

export function parseT8nAlloc(raw: unknown): GenesisAlloc {
  return fieldErrors(T8nExit.Json, 'alloc', () => parseAlloc(raw ?? {}, 'alloc'));
}

function hash(v: unknown, field: string): Uint8Array {
  return bytes(v, field, 32);
}

/** `env` -> BlockInput; throws T8nError (10) naming the field at fault. */
export function parseT8nEnv(raw: unknown): BlockInput {
  return fieldErrors(T8nExit.Json, 'env', () => {
    const e = object(raw, 'env');
    const q = (k: string): bigint | undefined => optional(e[k], `env.${k}`, quantity);
    const w = (k: string): bigint | undefined => optional(e[k], `env.${k}`, u256);
    const blockHashes = optional(e.blockHashes, 'env.blockHashes', (v, f) => {
      const m = new Map<bigint, Uint8Array>();
      for (const [k, h] of Object.entries(object(v, f))) m.set(quantity(k, `${f} key ${k}`), hash(h, `${f}.${k}`));
      return m;
    });
    const ommers: Ommer[] = (optional(e.ommers, 'env.ommers', array) ?? []).map((o, i) => {
      const om = object(o, `env.ommers[${i}]`);
      return { delta: quantity(om.delta, `env.ommers[${i}].delta`), address: address(om.address, `env.ommers[${i}].address`) };
    });
    const withdrawals = optional(e.withdrawals, 'env.withdrawals', (v, f) =>
      (v === null ? [] : array(v, f)).map((x, i): Withdrawal => {
        const wd = object(x, `${f}[${i}]`);
        return {
          index: quantity(wd.index, `${f}[${i}].index`),
          validatorIndex: quantity(wd.validatorIndex, `${f}[${i}].validatorIndex`),
          address: address(wd.address, `${f}[${i}].address`),
          amount: quantity(wd.amount, `${f}[${i}].amount`),
        };
      }),
    );
    const optionalHash = (k: string): Uint8Array | undefined => (e[k] === null ? undefined : optional(e[k], `env.${k}`, hash));
    const input: BlockInput = {
      coinbase: address(e.currentCoinbase, 'env.currentCoinbase'),
      gasLimit: quantity(e.currentGasLimit, 'env.currentGasLimit'),
      number: quantity(e.currentNumber, 'env.currentNumber'),
      timestamp: quantity(e.currentTimestamp, 'env.currentTimestamp'),
      difficulty: w('currentDifficulty'),
      random: w('currentRandom'),
      parentDifficulty: w('parentDifficulty'),
      parentTimestamp: q('parentTimestamp'),
      parentUncleHash: optionalHash('parentUncleHash'),
      baseFee: w('currentBaseFee'),
      parentBaseFee: w('parentBaseFee'),
      parentGasUsed: q('parentGasUsed'),
      parentGasLimit: q('parentGasLimit'),
      excessBlobGas: q('currentExcessBlobGas'),
      parentExcessBlobGas: q('parentExcessBlobGas'),
      parentBlobGasUsed: q('parentBlobGasUsed'),
      parentBeaconBlockRoot: optionalHash('parentBeaconBlockRoot'),
      blockHashes,
      ommers,
      withdrawals,
    };
    // Leave absent fields out altogether (exactOptionalPropertyTypes-friendly, and clearer in dumps).
    return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as unknown as BlockInput;
  });
}

function accessList(v: unknown, field: string): AccessListItem[] {
  if (v === null) return [];
  return array(v, field).map((item, i) => {
    const it = object(item, `${field}[${i}]`);
    return {
      address: address(it.address, `${field}[${i}].address`),
      storageKeys: (it.storageKeys === null ? [] : array(it.storageKeys, `${field}[${i}].storageKeys`)).map((k, j) =>
        u256(k, `${field}[${i}].storageKeys[${j}]`),
      ),
    };
  });
}

function authorizationList(v: unknown, field: string): Authorization[] {
  return array(v, field).map((raw, i) => {
    const a = object(raw, `${field}[${i}]`);
    const at = `${field}[${i}]`;
    return {
      chainId: u256(a.chainId, `${at}.chainId`),
      address: address(a.address, `${at}.address`),
      nonce: quantity(a.nonce, `${at}.nonce`),
      yParity: quantity(a.yParity ?? a.v, `${at}.${a.yParity === undefined ? 'v' : 'yParity'}`),
      r: u256(a.r, `${at}.r`),
      s: u256(a.s, `${at}.s`),
    };
  });
}

/**
 * One JSON transaction (go-ethereum's transaction JSON plus `secretKey` and `protected`). The type is
 * `type` (default legacy). Throws FieldError naming the field.
 */
function parseJsonTx(raw: unknown, field: string, rules: Rules, chainId: bigint): Transaction {
  const t = object(raw, field);
  const f = (k: string): string => `${field}.${k}`;
  const type = Number(optional(t.type, f('type'), quantity) ?? 0n) as TxType;
  if (type < TxType.Legacy || type > TxType.SetCode) throw new FieldError(f('type'), `unknown transaction type ${type}`);
  const toRaw = t.to;
  const to = toRaw === undefined || toRaw === null || toRaw === '' ? null : address(toRaw, f('to'));
  const data = t.input ?? t.data;
  const v = optional(t.v ?? t.yParity, f('v'), u256) ?? 0n;
  const r = optional(t.r, f('r'), u256) ?? 0n;
  const s = optional(t.s, f('s'), u256) ?? 0n;
  const protectedTx = t.protected === undefined ? true : t.protected === true;
  let txChainId = optional(t.chainId, f('chainId'), u256);
  if (type === TxType.Legacy) {
    // A signed legacy transaction's chain id is in v (EIP-155); an unsigned one takes the flag's.
    if (v !== 0n || r !== 0n || s !== 0n) txChainId = legacyChainId(v);
    else txChainId = protectedTx && rules.eip155 ? chainId : undefined;
  } else if (txChainId === undefined) {
    txChainId = chainId;
  }
  const unsigned: UnsignedTransaction = {
    type,
    chainId: txChainId,
    nonce: quantity(t.nonce, f('nonce')),
    gasPrice: optional(t.gasPrice, f('gasPrice'), quantity),
    maxPriorityFeePerGas: optional(t.maxPriorityFeePerGas, f('maxPriorityFeePerGas'), quantity),
    maxFeePerGas: optional(t.maxFeePerGas, f('maxFeePerGas'), quantity),
    gasLimit: quantity(t.gas ?? t.gasLimit, f('gas')),
    to,
    value: quantity(t.value ?? '0x0', f('value')),
    data: data === undefined ? new Uint8Array(0) : bytes(data, f('input')),
    accessList: optional(t.accessList, f('accessList'), accessList) ?? [],
    maxFeePerBlobGas: optional(t.maxFeePerBlobGas, f('maxFeePerBlobGas'), quantity),
    blobVersionedHashes: optional(t.blobVersionedHashes, f('blobVersionedHashes'), (x, g) =>
      array(x, g).map((h, i) => bytes(h, `${g}[${i}]`)),
    ),
    authorizationList: optional(t.authorizationList, f('authorizationList'), authorizationList),
  };
  if (type === TxType.Legacy || type === TxType.AccessList) {
    if (unsigned.gasPrice === undefined) throw new FieldError(f('gasPrice'), 'missing');
  } else {
    if (unsigned.maxFeePerGas === undefined) throw new FieldError(f('maxFeePerGas'), 'missing');
    if (unsigned.maxPriorityFeePerGas === undefined) throw new FieldError(f('maxPriorityFeePerGas'), 'missing');
  }
  if (type === TxType.Blob) {
    if (unsigned.maxFeePerBlobGas === undefined) throw new FieldError(f('maxFeePerBlobGas'), 'missing');
    if (unsigned.blobVersionedHashes === undefined) throw new FieldError(f('blobVersionedHashes'), 'missing');
  }
  if (type === TxType.SetCode && unsigned.authorizationList === undefined) throw new FieldError(f('authorizationList'), 'missing');
  const key = t.secretKey;
  if (key !== undefined && v === 0n && r === 0n && s === 0n) {
    const secret = bytes(key, f('secretKey'), 32);
    try {
      return signTx(unsigned, secret);
    } catch (e) {
      throw new FieldError(f('secretKey'), `failed to sign tx: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { ...unsigned, v, r, s };
}

/** `txs` as JSON: a malformed transaction ends the run with exit code 10, as in go-ethereum. */
export function parseJsonTxs(raw: unknown, rules: Rules, chainId: bigint): BlockTx[] {
  if (raw === undefined || raw === null) return [];
  return fieldErrors(T8nExit.Json, 'txs', () => array(raw, 'txs').map((t, i) => ({ tx: parseJsonTx(t, `txs[${i}]`, rules, chainId) })));
}

/**
 * `txsRlp` / a `.rlp` txs file: the hex of an RLP list of signed transactions. A list that does not
 * decode is exit code 12; a transaction that does not decode is rejected and the rest still run
 * (go-ethereum's rlpTxIterator).
 */
export function parseRlpTxs(hex: unknown, rules: Rules): BlockTx[] {
  if (typeof hex !== 'string') throw new T8nError(T8nExit.Rlp, 'txsRlp: expected a hex string');
  let list: RlpItem;
  try {
    list = decodeRlp(hexToBytes(hex, 'txsRlp'));
  } catch (e) {
    throw new T8nError(T8nExit.Rlp, `txsRlp: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (list instanceof Uint8Array) throw new T8nError(T8nExit.Rlp, 'txsRlp: expected an RLP list of transactions');
  return list.map((item): BlockTx => {
    try {
      return { tx: decodeTxItem(item, rules) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  });
}
