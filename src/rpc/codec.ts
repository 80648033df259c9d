/**
 * The JSON-RPC wire format of Ethereum values (execution-apis `base-types.yaml`, go-ethereum `hexutil`),
 * in one module: strict decoders for what comes in and encoders for what goes out.
 *
 * - QUANTITY: `0x` + hex without leading zeros ("0x0", "0x1f"); "0x", "0x01", no prefix, non-hex and
 *   more than 256 bits are rejected (hexutil ErrEmptyNumber, ErrLeadingZero, ErrMissingPrefix, ErrSyntax,
 *   ErrBig256Range). Numbers, decimal strings and bigints are not quantities.
 * - DATA: `0x` + an even number of hex digits ("0x" is empty data); fixed-size DATA (address 20, hash 32,
 *   bloom 256, nonce 8 bytes) must have exactly that length.
 * - Block parameters: a tag (latest, earliest, pending, safe, finalized) or a QUANTITY; where EIP-1898
 *   applies, also `{ blockNumber }`, `{ blockHash, requireCanonical? }` or a bare 32-byte hash.
 * - Storage keys follow go-ethereum's lenient rule (optional 0x, odd length, at most 32 bytes), since
 *   clients send "0x0" and the conformance tests expect exactly its two error messages.
 *
 * Decoders throw ParamError with go-ethereum's hexutil message; the method registry adds which argument
 * (and field) was bad and answers -32602. Addresses come out as bigints (as everywhere in the core), hashes
 * as 32-byte Uint8Arrays, quantities as bigints.
 */
import { bytesToHex } from '../primitives/hex.js';
import { addressToHex, type Address } from '../primitives/address.js';
import { ParamError } from './errors.js';

// ---------------------------------------------------------------- decoding

const HEX_DIGITS = /^[0-9a-fA-F]*$/;
const MAX_256 = (1n << 256n) - 1n;
const MAX_64 = (1n << 64n) - 1n;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function requireString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new ParamError(`cannot unmarshal ${describe(v)} into ${what}`);
  return v;
}

function stripPrefix(s: string): string {
  if (s.length < 2 || s[0] !== '0' || (s[1] !== 'x' && s[1] !== 'X')) {
    throw new ParamError(s.length === 0 ? 'empty hex string' : 'hex string without 0x prefix');
  }
  return s.slice(2);
}

/** A QUANTITY (strict): a bigint in [0, 2^256). */
export function decodeQuantity(v: unknown): bigint {
  const digits = stripPrefix(requireString(v, 'quantity'));
  if (digits.length === 0) throw new ParamError('hex string "0x"');
  if (!HEX_DIGITS.test(digits)) throw new ParamError('invalid hex string');
  if (digits.length > 1 && digits[0] === '0') throw new ParamError('hex number with leading zero digits');
  if (digits.length > 64) throw new ParamError('hex number > 256 bits');
  const n = BigInt('0x' + digits);
  if (n > MAX_256) throw new ParamError('hex number > 256 bits');
  return n;
}

/** A QUANTITY of at most 64 bits (nonces, gas, block numbers, indexes). */
export function decodeUint64(v: unknown): bigint {
  const n = decodeQuantity(v);
  if (n > MAX_64) throw new ParamError('hex number > 64 bits');
  return n;
}

/** A QUANTITY that fits a JavaScript number (counts, indexes, limits). */
export function decodeSafeInteger(v: unknown): number {
  const n = decodeUint64(v);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ParamError('hex number > 53 bits');
  return Number(n);
}

/** DATA: any number of whole bytes. */
export function decodeData(v: unknown): Uint8Array {
  const digits = stripPrefix(requireString(v, 'data'));
  if (digits.length % 2 !== 0) throw new ParamError('hex string of odd length');
  if (!HEX_DIGITS.test(digits)) throw new ParamError('invalid hex string');
  const out = new Uint8Array(digits.length / 2);
  // The digits are checked above: each char code maps straight to its value (no substring per byte).
  for (let i = 0, j = 0; i < out.length; i++, j += 2)
    out[i] = (digitValue(digits.charCodeAt(j)) << 4) | digitValue(digits.charCodeAt(j + 1));
  return out;
}

/** The value of a hex digit's char code (0-9, a-f, A-F: the only ones HEX_DIGITS lets through). */
function digitValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 0x20) - 87;
}

/** DATA of exactly `size` bytes; `typeName` names the type in the error (go-ethereum: "common.Hash"). */
export function decodeFixedData(v: unknown, size: number, typeName: string): Uint8Array {
  const s = requireString(v, typeName);
  const bytes = decodeData(s);
  if (bytes.length !== size) throw new ParamError(`hex string has length ${s.length - 2}, want ${size * 2} for ${typeName}`);
  return bytes;
}

/** A 20-byte address, any letter case (checksums are not enforced, as go-ethereum). */
export function decodeAddress(v: unknown): Address {
  const b = decodeFixedData(v, 20, 'address');
  let a = 0n;
  for (const byte of b) a = (a << 8n) | BigInt(byte);
  return a;
}

/** A 32-byte hash. */
export function decodeHash(v: unknown): Uint8Array {
  return decodeFixedData(v, 32, 'hash');
}

/** A 32-byte value as a bigint (topics, storage values in overrides). */
export function decodeWord(v: unknown): bigint {
  const b = decodeHash(v);
  let n = 0n;
  for (const byte of b) n = (n << 8n) | BigInt(byte);
  return n;
}

/** A boolean (JSON true/false only). */
export function decodeBool(v: unknown): boolean {
  if (typeof v !== 'boolean') throw new ParamError(`cannot unmarshal ${describe(v)} into bool`);
  return v;
}

/** A JSON string. */
export function decodeString(v: unknown): string {
  return requireString(v, 'string');
}

/**
 * A storage slot key, go-ethereum style: optional 0x, odd length padded, at most 32 bytes. `byteLength` is
 * the length as given (eth_getProof echoes keys shorter than 32 bytes as quantities).
 */
export function decodeStorageKey(v: unknown): { readonly key: bigint; readonly byteLength: number } {
  const raw = requireString(v, 'storage key');
  let digits = raw.startsWith('0x') || raw.startsWith('0X') ? raw.slice(2) : raw;
  if (digits.length % 2 === 1) digits = '0' + digits;
  if (!HEX_DIGITS.test(digits)) throw new ParamError(`invalid hex in storage key: ${JSON.stringify(raw)}`);
  if (digits.length > 64) throw new ParamError(`storage key too long (want at most 32 bytes): ${JSON.stringify(raw)}`);
  return { key: digits.length === 0 ? 0n : BigInt('0x' + digits), byteLength: digits.length / 2 };
}

export const BLOCK_TAGS = ['latest', 'earliest', 'pending', 'safe', 'finalized'] as const;
export type BlockTag = (typeof BLOCK_TAGS)[number];

/** A block named by tag or number (the "BlockNumberOrTag" of execution-apis). */
export type BlockNumberOrTag = { readonly tag: BlockTag } | { readonly number: bigint };

/** EIP-1898: a block by tag, number, or hash (optionally required to be canonical). */
export type BlockRef = BlockNumberOrTag | { readonly hash: Uint8Array; readonly requireCanonical: boolean };

const MAX_INT64 = (1n << 63n) - 1n;

/** A block tag or number (go-ethereum `rpc.BlockNumber`). */
export function decodeBlockNumberOrTag(v: unknown): BlockNumberOrTag {
  const s = requireString(v, 'block number');
  if ((BLOCK_TAGS as readonly string[]).includes(s)) return { tag: s as BlockTag };
  const n = decodeUint64(s);
  if (n > MAX_INT64) throw new ParamError('block number larger than int64');
  return { number: n };
}

/**
 * EIP-1898 block parameter (go-ethereum `rpc.BlockNumberOrHash`): a tag, a number, a bare 32-byte hash,
 * `{ "blockNumber": QUANTITY }` or `{ "blockHash": DATA, "requireCanonical"?: bool }`.
 */
export function decodeBlockRef(v: unknown): BlockRef {
  if (typeof v === 'string') {
    if (v.length === 66 && (v.startsWith('0x') || v.startsWith('0X'))) return { hash: decodeHash(v), requireCanonical: false };
    return decodeBlockNumberOrTag(v);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new ParamError(`cannot unmarshal ${describe(v)} into block number or hash`);
  const o = v as Record<string, unknown>;
  const hasNumber = o.blockNumber !== undefined && o.blockNumber !== null;
  const hasHash = o.blockHash !== undefined && o.blockHash !== null;
  if (hasNumber && hasHash) throw new ParamError('cannot specify both BlockHash and BlockNumber, choose one or the other');
  if (hasHash) {
    const requireCanonical = o.requireCanonical === undefined || o.requireCanonical === null ? false : decodeBool(o.requireCanonical);
    return { hash: decodeHash(o.blockHash), requireCanonical };
  }
  if (hasNumber) return decodeBlockNumberOrTag(o.blockNumber);
  throw new ParamError('either blockNumber or blockHash must be specified');
}

// ---------------------------------------------------------------- encoding

/** QUANTITY: "0x0", "0x1f". */
export function quantity(v: bigint | number): string {
  return '0x' + v.toString(16);
}

/** DATA of any length. */
export function data(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** A 20-byte address, lowercase. */
export function address(a: Address): string {
  return addressToHex(a);
}

/** A 20-byte address or JSON null (contract creations have no `to`). */
export function addressOrNull(a: Address | null | undefined): string | null {
  return a === null || a === undefined ? null : addressToHex(a);
}

/** A 32-byte value: from bytes (must be 32 long) or a bigint word (topics, storage). */
export function hash(h: Uint8Array | bigint): string {
  if (typeof h === 'bigint') return '0x' + h.toString(16).padStart(64, '0');
  if (h.length !== 32) throw new RangeError(`hash: expected 32 bytes, got ${h.length}`);
  return bytesToHex(h);
}
