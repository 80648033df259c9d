/**
 * Block headers (Yellow Paper 4.3, and the fields each fork appends): the type, the RLP codec, the block
 * hash and the proof-of-work seal hash.
 *
 *   0 parentHash  1 ommersHash  2 coinbase  3 stateRoot  4 transactionsRoot  5 receiptsRoot  6 logsBloom
 *   7 difficulty  8 number  9 gasLimit  10 gasUsed  11 timestamp  12 extraData  13 mixHash  14 nonce
 *   15 baseFeePerGas (London, EIP-1559)  16 withdrawalsRoot (Shanghai, EIP-4895)
 *   17 blobGasUsed  18 excessBlobGas  19 parentBeaconBlockRoot (Cancun, EIP-4844/4788)
 *   20 requestsHash (Prague, EIP-7685)
 *
 * Decoding is strict (canonical RLP and integers, exact sizes) and accepts 15 to 21 fields as go-ethereum
 * does (trailing optional fields); whether the fields present are the ones the block's fork wants is a
 * header rule (./headerRules.ts), so a header of the wrong shape is rejected with a reason that says so.
 */
import { keccak256 } from '../primitives/crypto/keccak.js';
import { encodeRlp, uintItem, type RlpItem } from '../primitives/rlp/encode.js';
import { decodeRlp } from '../primitives/rlp/decode.js';
import { readAddress, readBytes, readFixedBytes, readList, readUint } from '../primitives/rlp/fields.js';
import { RlpError } from '../primitives/rlp/errors.js';
import { addressToBytes, type Address } from '../primitives/address.js';

export interface Header {
  readonly parentHash: Uint8Array;
  readonly ommersHash: Uint8Array;
  readonly coinbase: Address;
  readonly stateRoot: Uint8Array;
  readonly transactionsRoot: Uint8Array;
  readonly receiptsRoot: Uint8Array;
  readonly logsBloom: Uint8Array;
  readonly difficulty: bigint;
  readonly number: bigint;
  readonly gasLimit: bigint;
  readonly gasUsed: bigint;
  readonly timestamp: bigint;
  readonly extraData: Uint8Array;
  /** Pre-Merge: the ethash mix digest; post-Merge: PREVRANDAO (EIP-4399). */
  readonly mixHash: Uint8Array;
  /** 8 bytes: the ethash nonce; zero after the Merge. */
  readonly nonce: Uint8Array;
  readonly baseFeePerGas?: bigint;
  readonly withdrawalsRoot?: Uint8Array;
  readonly blobGasUsed?: bigint;
  readonly excessBlobGas?: bigint;
  readonly parentBeaconBlockRoot?: Uint8Array;
  readonly requestsHash?: Uint8Array;
}

/** The optional trailing fields, in RLP order. */
export const OPTIONAL_HEADER_FIELDS = [
  'baseFeePerGas',
  'withdrawalsRoot',
  'blobGasUsed',
  'excessBlobGas',
  'parentBeaconBlockRoot',
  'requestsHash',
] as const;

const U64 = 8;
const U256 = 32;

/** RLP items of a header, in order (optional fields up to the last present one). */
export function headerItems(h: Header): RlpItem[] {
  const items: RlpItem[] = [
    h.parentHash,
    h.ommersHash,
    addressToBytes(h.coinbase),
    h.stateRoot,
    h.transactionsRoot,
    h.receiptsRoot,
    h.logsBloom,
    uintItem(h.difficulty),
    uintItem(h.number),
    uintItem(h.gasLimit),
    uintItem(h.gasUsed),
    uintItem(h.timestamp),
    h.extraData,
    h.mixHash,
    h.nonce,
  ];
  const optional: (RlpItem | undefined)[] = [
    h.baseFeePerGas === undefined ? undefined : uintItem(h.baseFeePerGas),
    h.withdrawalsRoot,
    h.blobGasUsed === undefined ? undefined : uintItem(h.blobGasUsed),
    h.excessBlobGas === undefined ? undefined : uintItem(h.excessBlobGas),
    h.parentBeaconBlockRoot,
    h.requestsHash,
  ];
  let last = optional.length - 1;
  while (last >= 0 && optional[last] === undefined) last--;
  for (let i = 0; i <= last; i++) {
    const item = optional[i];
    if (item === undefined) throw new RangeError(`header: ${OPTIONAL_HEADER_FIELDS[i]} is absent but a later field is present`);
    items.push(item);
  }
  return items;
}

export function encodeHeader(h: Header): Uint8Array {
  return encodeRlp(headerItems(h));
}

/** keccak256 of the header's RLP: the block hash. */
export function headerHash(h: Header): Uint8Array {
  return keccak256(encodeHeader(h));
}

/**
 * The hash a proof-of-work seal commits to (go-ethereum ethash `SealHash`): keccak256 of the RLP of every
 * field but mixHash and nonce.
 */
export function sealHash(h: Header): Uint8Array {
  const items = headerItems(h);
  items.splice(13, 2);
  return keccak256(encodeRlp(items));
}

/** A decoded header from its RLP list items; throws RlpError naming the field. */
export function decodeHeaderItem(item: RlpItem, what = 'header'): Header {
  const f = readList(item, what);
  if (f.length < 15 || f.length > 21) {
    throw new RlpError('wrong-count', `${what}: expected 15 to 21 fields, got ${f.length}`);
  }
  const field = (i: number): RlpItem => f[i]!;
  const h: { -readonly [K in keyof Header]: Header[K] } = {
    parentHash: readFixedBytes(field(0), `${what}.parentHash`, 32),
    ommersHash: readFixedBytes(field(1), `${what}.ommersHash`, 32),
    coinbase: readAddress(field(2), `${what}.coinbase`),
    stateRoot: readFixedBytes(field(3), `${what}.stateRoot`, 32),
    transactionsRoot: readFixedBytes(field(4), `${what}.transactionsRoot`, 32),
    receiptsRoot: readFixedBytes(field(5), `${what}.receiptsRoot`, 32),
    logsBloom: readFixedBytes(field(6), `${what}.logsBloom`, 256),
    difficulty: readUint(field(7), `${what}.difficulty`, U256),
    number: readUint(field(8), `${what}.number`, U256),
    gasLimit: readUint(field(9), `${what}.gasLimit`, U64),
    gasUsed: readUint(field(10), `${what}.gasUsed`, U64),
    timestamp: readUint(field(11), `${what}.timestamp`, U64),
    extraData: readBytes(field(12), `${what}.extraData`),
    mixHash: readFixedBytes(field(13), `${what}.mixHash`, 32),
    nonce: readFixedBytes(field(14), `${what}.nonce`, 8),
  };
  if (f.length > 15) h.baseFeePerGas = readUint(field(15), `${what}.baseFeePerGas`, U256);
  if (f.length > 16) h.withdrawalsRoot = readFixedBytes(field(16), `${what}.withdrawalsRoot`, 32);
  if (f.length > 17) h.blobGasUsed = readUint(field(17), `${what}.blobGasUsed`, U64);
  if (f.length > 18) h.excessBlobGas = readUint(field(18), `${what}.excessBlobGas`, U64);
  if (f.length > 19) h.parentBeaconBlockRoot = readFixedBytes(field(19), `${what}.parentBeaconBlockRoot`, 32);
  if (f.length > 20) h.requestsHash = readFixedBytes(field(20), `${what}.requestsHash`, 32);
  return h;
}

/** A header from its RLP bytes (strict: exactly one canonical list). */
export function decodeHeader(rlp: Uint8Array): Header {
  return decodeHeaderItem(decodeRlp(rlp));
}

/** keccak256(RLP([])): the ommers hash of a block without ommers. */
export const EMPTY_OMMERS_HASH: Uint8Array = keccak256(Uint8Array.of(0xc0));
