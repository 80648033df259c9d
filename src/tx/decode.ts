/**
 * Transaction decoding from the canonical (EIP-2718) binary form:
 * - first byte >= 0xc0: a legacy RLP list [nonce, gasPrice, gas, to, value, data, v, r, s];
 * - first byte 0x01..0x04: type || RLP(payload) for EIP-2930, EIP-1559, EIP-4844, EIP-7702;
 * - first byte 0x80..0xbf: an RLP byte string, accepted when it holds a typed transaction (the form
 *   block bodies use); 0x00 and 0x05..0x7f are unknown types.
 * Strict: non-canonical RLP, leading zeros, wrong field counts or sizes are TxErrors naming the field.
 * Nonce and gas limit are 64-bit (go-ethereum decodes them as uint64); other integers 256-bit, as the
 * execution-specs' U256 fields. Given `rules`, a type the fork has not activated is rejected before its
 * payload is read; every other fork rule (signature ranges, chain id, fees) is `validateTx`'s job.
 */
import { decodeRlp } from '../primitives/rlp/decode.js';
import type { RlpItem } from '../primitives/rlp/encode.js';
import { RlpError } from '../primitives/rlp/errors.js';
import { TxError } from './errors.js';
import { isTxTypeSupported } from './typeSupport.js';
import { accessListField, authorizationListField, blobHashesField, bytesField, toField, uintField } from './fields.js';
import type { Rules } from '../spec/rules.js';
import { TxType, type Transaction } from './types.js';

const U64 = 8;
const U256 = 32;

/** Field counts per type, signed. */
const FIELD_COUNT: Record<TxType, number> = {
  [TxType.Legacy]: 9,
  [TxType.AccessList]: 11,
  [TxType.FeeMarket]: 12,
  [TxType.Blob]: 14,
  [TxType.SetCode]: 13,
};

const TYPE_NAMES: Record<TxType, string> = {
  [TxType.Legacy]: 'legacy',
  [TxType.AccessList]: 'EIP-2930',
  [TxType.FeeMarket]: 'EIP-1559',
  [TxType.Blob]: 'EIP-4844',
  [TxType.SetCode]: 'EIP-7702',
};

/**
 * The chain id a legacy `v` commits to under EIP-155 (v = 35 + 2 * chainId + yParity), or undefined
 * for v = 27/28 and for values that are no valid v at all (signature validation rejects those).
 */
export function legacyChainId(v: bigint): bigint | undefined {
  return v >= 35n ? (v - 35n) >> 1n : undefined;
}

function rlp(bytes: Uint8Array, what: string): RlpItem {
  try {
    return decodeRlp(bytes);
  } catch (e) {
    if (e instanceof RlpError) throw new TxError('RLP_MALFORMED', `${what}: ${e.message}`, undefined, { cause: e });
    throw e;
  }
}

function fields(item: RlpItem, type: TxType): readonly RlpItem[] {
  const name = TYPE_NAMES[type];
  if (item instanceof Uint8Array) throw new TxError('RLP_INVALID_FIELD', `${name} transaction must be an RLP list, got a byte string`);
  const want = FIELD_COUNT[type];
  if (item.length !== want)
    throw new TxError(
      'RLP_INVALID_FIELD',
      `${name} transaction has ${item.length} fields, expected ${want} (too ${item.length < want ? 'few' : 'many'})`,
    );
  return item;
}

function decodeLegacy(item: RlpItem): Transaction {
  const f = fields(item, TxType.Legacy);
  const v = uintField(f[6]!, 'v', U256);
  const chainId = legacyChainId(v);
  return {
    type: TxType.Legacy,
    ...(chainId === undefined ? {} : { chainId }),
    nonce: uintField(f[0]!, 'nonce', U64),
    gasPrice: uintField(f[1]!, 'gasPrice', U256),
    gasLimit: uintField(f[2]!, 'gasLimit', U64),
    to: toField(f[3]!),
    value: uintField(f[4]!, 'value', U256),
    data: bytesField(f[5]!, 'data').slice(),
    accessList: [],
    v,
    r: uintField(f[7]!, 'r', U256),
    s: uintField(f[8]!, 's', U256),
  };
}

function decodeTyped(type: TxType, item: RlpItem): Transaction {
  const f = fields(item, type);
  const chainId = uintField(f[0]!, 'chainId', U256);
  const nonce = uintField(f[1]!, 'nonce', U64);
  if (type === TxType.AccessList) {
    return {
      type,
      chainId,
      nonce,
      gasPrice: uintField(f[2]!, 'gasPrice', U256),
      gasLimit: uintField(f[3]!, 'gasLimit', U64),
      to: toField(f[4]!),
      value: uintField(f[5]!, 'value', U256),
      data: bytesField(f[6]!, 'data').slice(),
      accessList: accessListField(f[7]!),
      v: uintField(f[8]!, 'yParity', U256),
      r: uintField(f[9]!, 'r', U256),
      s: uintField(f[10]!, 's', U256),
    };
  }
  // EIP-1559 layout, shared by EIP-4844 and EIP-7702 up to the access list.
  const common = {
    chainId,
    nonce,
    maxPriorityFeePerGas: uintField(f[2]!, 'maxPriorityFeePerGas', U256),
    maxFeePerGas: uintField(f[3]!, 'maxFeePerGas', U256),
    gasLimit: uintField(f[4]!, 'gasLimit', U64),
    to: toField(f[5]!),
    value: uintField(f[6]!, 'value', U256),
    data: bytesField(f[7]!, 'data').slice(),
    accessList: accessListField(f[8]!),
  };
  const n = f.length;
  const signature = {
    v: uintField(f[n - 3]!, 'yParity', U256),
    r: uintField(f[n - 2]!, 'r', U256),
    s: uintField(f[n - 1]!, 's', U256),
  };
  if (type === TxType.FeeMarket) return { type, ...common, ...signature };
  if (type === TxType.Blob) {
    return {
      type,
      ...common,
      maxFeePerBlobGas: uintField(f[9]!, 'maxFeePerBlobGas', U256),
      blobVersionedHashes: blobHashesField(f[10]!),
      ...signature,
    };
  }
  return { type, ...common, authorizationList: authorizationListField(f[9]!), ...signature };
}

/**
 * Decodes a signed transaction from its canonical binary encoding (what `txbytes` and
 * `eth_sendRawTransaction` hold). Also accepts the RLP-context form of a typed transaction, an RLP byte
 * string holding type || payload (how block bodies carry it), as go-ethereum's RLP decoder does.
 * With `rules`, a type the fork has not activated is TYPE_NOT_SUPPORTED before its payload is parsed:
 * the execution-specs' decoder of that fork does not know the type's layout.
 */
export function decodeTx(bytes: Uint8Array, rules?: Rules): Transaction {
  if (bytes.length === 0) throw new TxError('RLP_MALFORMED', 'empty input');
  const first = bytes[0]!;
  if (first >= 0xc0) return decodeLegacy(rlp(bytes, 'legacy transaction'));
  if (first >= 0x80) return decodeTypedEnvelope(rlp(bytes, 'transaction') as Uint8Array, rules, ' inside an RLP byte string');
  return decodeTypedEnvelope(bytes, rules, '');
}

/** Decodes a transaction from a block body's list element: a list (legacy) or a byte string (typed). */
export function decodeTxItem(item: RlpItem, rules?: Rules): Transaction {
  return item instanceof Uint8Array ? decodeTypedEnvelope(item, rules, ' inside an RLP byte string') : decodeLegacy(item);
}

/** type || RLP(payload), EIP-2718. */
function decodeTypedEnvelope(bytes: Uint8Array, rules: Rules | undefined, where: string): Transaction {
  if (bytes.length === 0) throw new TxError('TYPE_NOT_SUPPORTED', `empty typed transaction${where}`);
  const first = bytes[0]!;
  if (first < TxType.AccessList || first > TxType.SetCode)
    throw new TxError(
      'TYPE_NOT_SUPPORTED',
      first >= 0x80
        ? `0x${first.toString(16)}${where} is neither a legacy list nor an EIP-2718 type byte`
        : `unknown EIP-2718 transaction type 0x${first.toString(16).padStart(2, '0')}${where}`,
      'type',
    );
  const type = first as TxType;
  if (rules !== undefined && !isTxTypeSupported(type, rules))
    throw new TxError('TYPE_NOT_SUPPORTED', `${TYPE_NAMES[type]} transactions are not active in ${rules.name}`, 'type');
  const payload = rlp(bytes.subarray(1), `${TYPE_NAMES[type]} payload (offsets after the type byte)`);
  if (type === TxType.Blob && !(payload instanceof Uint8Array) && payload[0] !== undefined && !(payload[0] instanceof Uint8Array))
    throw new TxError(
      'RLP_INVALID_FIELD',
      'blob transaction in network form [tx, blobs, commitments, proofs]; pass the canonical form (type || RLP(tx))',
    );
  return decodeTyped(type, payload);
}
