/**
 * Signing for the dev accounts:
 * - eth_sign / personal_sign (EIP-191 version 0x45): sign keccak256("\x19Ethereum Signed Message:\n" +
 *   len(message) + message); the answer is r || s || v, 65 bytes, v = 27 + yParity.
 * - eth_signTypedData_v4 (EIP-712): the typed-data hash and signature come from micro-eth-signer's EIP-712
 *   implementation (paulmillr; already a dependency for KZG), deterministic (RFC 6979, no extra entropy),
 *   so the answer is the same as MetaMask's, anvil's and viem's for the same key and data.
 * - Transactions of every type: the core's signTx (src/tx) over the unsigned transaction built from a
 *   filled request (txRequest.ts).
 */
import { signTyped } from 'micro-eth-signer';
import { keccak256 } from '../primitives/crypto/keccak.js';
import { sign } from '../primitives/crypto/secp256k1.js';
import { bigintToBytes, bytesToHex, concatBytes } from '../primitives/hex.js';
import { signTx } from '../tx/signing.js';
import type { Transaction } from '../tx/types.js';
import { ParamError } from './errors.js';
import { toUnsignedTransaction, type FilledRequest } from './txRequest.js';

const encoder = new TextEncoder();

/** The EIP-191 (version E) hash personal_sign and eth_sign sign. */
export function personalMessageHash(message: Uint8Array): Uint8Array {
  return keccak256(concatBytes(encoder.encode(`\x19Ethereum Signed Message:\n${message.length}`), message));
}

/** r || s || v (v = 27 or 28), as eth_sign and personal_sign answer. */
export function signatureHex(sig: { r: bigint; s: bigint; yParity: 0 | 1 }): string {
  return bytesToHex(concatBytes(bigintToBytes(sig.r, 32), bigintToBytes(sig.s, 32), Uint8Array.of(27 + sig.yParity)));
}

/** eth_sign / personal_sign: the EIP-191 signature of `message` as a 65-byte hex string. */
export function signPersonalMessage(message: Uint8Array, privateKey: Uint8Array): string {
  return signatureHex(sign(personalMessageHash(message), privateKey));
}

// ---------------------------------------------------------------- EIP-712

export interface TypedDataField {
  readonly name: string;
  readonly type: string;
}

/** The eth_signTypedData_v4 payload (EIP-712 `TypedData`). */
export interface TypedData {
  readonly types: Record<string, readonly TypedDataField[]>;
  readonly primaryType: string;
  readonly domain: Record<string, unknown>;
  readonly message: Record<string, unknown>;
}

const MAX_TYPED_DATA_JSON = 1 << 20;

/**
 * The typed-data param: an object, or (as MetaMask, viem and ethers send it) a JSON string of one.
 * Checks the outer shape; the EIP-712 encoder checks the rest when signing.
 */
export function decodeTypedData(v: unknown): TypedData {
  let o: unknown = v;
  if (typeof v === 'string') {
    if (v.length > MAX_TYPED_DATA_JSON) throw new ParamError(`typed data longer than ${MAX_TYPED_DATA_JSON} characters`);
    try {
      o = JSON.parse(v);
    } catch {
      throw new ParamError('typed data is not valid JSON');
    }
  }
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new ParamError('typed data must be an object');
  const t = o as Record<string, unknown>;
  const isObj = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (!isObj(t.types)) throw new ParamError('missing or invalid field', ['types']);
  if (typeof t.primaryType !== 'string') throw new ParamError('missing or invalid field', ['primaryType']);
  if (!isObj(t.domain)) throw new ParamError('missing or invalid field', ['domain']);
  if (!isObj(t.message)) throw new ParamError('missing or invalid field', ['message']);
  for (const [name, fields] of Object.entries(t.types as Record<string, unknown>)) {
    if (!Array.isArray(fields) || !fields.every((f) => isObj(f) && typeof f.name === 'string' && typeof f.type === 'string')) {
      throw new ParamError('must be a list of {name, type}', ['types', name]);
    }
  }
  return t as unknown as TypedData;
}

const INT_TYPE = /^u?int(\d*)$/;
/** The encoder's own limit (micro-eth-signer: 64 levels); deeper data is refused before it recurses. */
const MAX_TYPED_DATA_DEPTH = 64;

/**
 * Values as JSON carries them, made what the encoder takes: integers given as JSON numbers become bigints
 * (strings, decimal or 0x-hex, it parses itself), addresses lowercase (JSON payloads carry EIP-55 case that
 * the encoder would otherwise check).
 */
function normalize(types: TypedData['types'], type: string, value: unknown, depth = 0): unknown {
  if (depth > MAX_TYPED_DATA_DEPTH) throw new ParamError(`typed data nested deeper than ${MAX_TYPED_DATA_DEPTH} levels`);
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array !== null) return Array.isArray(value) ? value.map((v) => normalize(types, array[1]!, v, depth + 1)) : value;
  const fields = types[type];
  if (fields !== undefined) {
    if (value === null || typeof value !== 'object') return value;
    const o = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      const f = fields.find((x) => x.name === k);
      out[k] = f === undefined ? v : normalize(types, f.type, v, depth + 1);
    }
    return out;
  }
  if (INT_TYPE.test(type) && typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new ParamError(`${type} value ${value} is not an exact integer; send it as a string`);
    return BigInt(value);
  }
  if (type === 'address' && typeof value === 'string') return value.toLowerCase();
  return value;
}

const DOMAIN_FIELDS: readonly TypedDataField[] = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
  { name: 'salt', type: 'bytes32' },
];

/**
 * eth_signTypedData_v4: the EIP-712 signature (r || s || v, v = 27 + yParity) of `typed` by `privateKey`.
 * Throws ParamError when the data does not encode under its own types.
 */
export function signTypedData(typed: TypedData, privateKey: Uint8Array): string {
  const domainType = typed.types.EIP712Domain ?? DOMAIN_FIELDS.filter((f) => typed.domain[f.name] !== undefined);
  const types = { ...typed.types, EIP712Domain: domainType };
  const payload = {
    types,
    primaryType: typed.primaryType,
    domain: normalize(types, 'EIP712Domain', typed.domain),
    message: normalize(types, typed.primaryType, typed.message),
  };
  try {
    return signTyped(payload as Parameters<typeof signTyped>[0], privateKey, false);
  } catch (e) {
    throw new ParamError(`typed data: ${e instanceof Error ? e.message : String(e)}`);
  }
}

// ---------------------------------------------------------------- transactions

/** Signs a filled transaction request (every type, 0-4) with `privateKey`. */
export function signTransactionRequest(req: FilledRequest, privateKey: Uint8Array, eip155 = true): Transaction {
  return signTx(toUnsignedTransaction(req, eip155), privateKey);
}
