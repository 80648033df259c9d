/**
 * Blocks: RLP([header, transactions, ommers]) and, from Shanghai, a fourth list of withdrawals (EIP-4895).
 * Transactions are legacy RLP lists or EIP-2718 byte strings (type || payload). Decoding is strict; a
 * failure is a BlockDecodeError that names the block number when the header could be read, or when the
 * bytes up to its number could (a block cut short: `statedNumber`).
 */
import { decodeRlp } from '../primitives/rlp/decode.js';
import { encodeRlp, encodeRlpListOfEncoded, uintItem, addressItem, type RlpItem } from '../primitives/rlp/encode.js';
import { readAddress, readList, readUint } from '../primitives/rlp/fields.js';
import { RlpError } from '../primitives/rlp/errors.js';
import { decodeTxItem, encodeTx, TxError, TxType, type Transaction } from '../tx/index.js';
import { encodeHeader, decodeHeaderItem, headerHash, type Header } from './header.js';
import type { Withdrawal } from '../transition/blockEnv.js';

export interface Block {
  readonly header: Header;
  /** keccak256 of the header's RLP. */
  readonly hash: Uint8Array;
  readonly transactions: readonly Transaction[];
  readonly ommers: readonly Header[];
  /** Shanghai and later (EIP-4895); undefined when the body has no withdrawals list. */
  readonly withdrawals?: readonly Withdrawal[];
  /** The block's RLP encoding. */
  readonly rlp: Uint8Array;
}

/** A block that could not be decoded: malformed RLP, a bad field, an undecodable transaction. */
export class BlockDecodeError extends Error {
  override name = 'BlockDecodeError';
  constructor(
    message: string,
    /** The block number, when the header decoded. */
    readonly number?: bigint,
  ) {
    super(message);
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function decodeWithdrawal(item: RlpItem, what: string): Withdrawal {
  const f = readList(item, what, 4);
  return {
    index: readUint(f[0]!, `${what}.index`, 8),
    validatorIndex: readUint(f[1]!, `${what}.validatorIndex`, 8),
    address: readAddress(f[2]!, `${what}.address`),
    amount: readUint(f[3]!, `${what}.amount`, 8),
  };
}

export function encodeWithdrawalItem(w: Withdrawal): RlpItem {
  return [uintItem(w.index), uintItem(w.validatorIndex), addressItem(w.address), uintItem(w.amount)];
}

/** A block from its decoded RLP item; `rlp` is the encoding it came from (kept for the size and re-export). */
export function decodeBlockItem(item: RlpItem, rlp: Uint8Array): Block {
  let header: Header;
  let parts: readonly RlpItem[];
  try {
    parts = readList(item, 'block');
    if (parts.length < 3 || parts.length > 4)
      throw new RlpError('wrong-count', `block: expected 3 or 4 elements (header, transactions, ommers, withdrawals), got ${parts.length}`);
    header = decodeHeaderItem(parts[0]!, 'header');
  } catch (e) {
    throw undecodable(rlp, e);
  }
  const n = header.number;
  try {
    const txItems = readList(parts[1]!, 'transactions');
    const transactions = txItems.map((t, i) => {
      try {
        return decodeTxItem(t);
      } catch (e) {
        if (e instanceof TxError || e instanceof RlpError) throw new RlpError('wrong-kind', `transaction ${i}: ${e.message}`);
        throw e;
      }
    });
    const ommers = readList(parts[2]!, 'ommers').map((o, i) => decodeHeaderItem(o, `ommer ${i}`));
    const withdrawals =
      parts.length === 4 ? readList(parts[3]!, 'withdrawals').map((w, i) => decodeWithdrawal(w, `withdrawal ${i}`)) : undefined;
    return {
      header,
      hash: headerHash(header),
      transactions,
      ommers,
      ...(withdrawals === undefined ? {} : { withdrawals }),
      rlp,
    };
  } catch (e) {
    throw new BlockDecodeError(`block ${n}: invalid block RLP: ${message(e)}`, n);
  }
}

/** A block from its RLP bytes. */
export function decodeBlock(rlp: Uint8Array): Block {
  let item: RlpItem;
  try {
    item = decodeRlp(rlp);
  } catch (e) {
    throw undecodable(rlp, e);
  }
  return decodeBlockItem(item, rlp);
}

/** A block whose header did not decode: named by the number its header states, when that much is readable. */
function undecodable(rlp: Uint8Array, e: unknown): BlockDecodeError {
  const n = statedNumber(rlp);
  return n === undefined
    ? new BlockDecodeError(`invalid block RLP: ${message(e)}`)
    : new BlockDecodeError(`block ${n}: invalid block RLP: ${message(e)}`, n);
}

/** Byte lengths of a header's fields before `number`: parentHash .. logsBloom (fixed), difficulty (<= 32). */
const FIELDS_BEFORE_NUMBER: readonly number[] = [32, 32, 20, 32, 32, 32, 256, -32];

/**
 * The block number a header states, read from as much of a block's RLP as there is (a block cut short,
 * or malformed after its number), so that the rejection can name the block. Undefined unless the bytes
 * up to the number are the start of a block list holding a header list whose first nine fields have
 * the sizes of a header's (32-byte hashes, a 20-byte coinbase, a 256-byte bloom, a difficulty of at most
 * 32 bytes, a canonical number of at most 8 bytes).
 */
export function statedNumber(rlp: Uint8Array): bigint | undefined {
  let pos = 0;
  for (let depth = 0; depth < 2; depth++) {
    const h = prefix(rlp, pos);
    if (h === undefined || !h.list) return undefined;
    pos = h.start; // into the block list, then into the header list (their ends may be cut off)
  }
  for (const size of FIELDS_BEFORE_NUMBER) {
    const h = prefix(rlp, pos);
    if (h === undefined || h.list || h.start + h.length > rlp.length) return undefined;
    if (size > 0 ? h.length !== size : h.length > -size) return undefined;
    pos = h.start + h.length;
  }
  const h = prefix(rlp, pos);
  if (h === undefined || h.list || h.length > 8 || h.start + h.length > rlp.length) return undefined;
  if (h.length > 0 && rlp[h.start] === 0) return undefined;
  let n = 0n;
  for (let i = h.start; i < h.start + h.length; i++) n = (n << 8n) | BigInt(rlp[i]!);
  return n;
}

/** The RLP prefix at `pos` (payload start and length; the payload may run past the input), or undefined. */
function prefix(b: Uint8Array, pos: number): { list: boolean; start: number; length: number } | undefined {
  if (pos >= b.length) return undefined;
  const first = b[pos]!;
  if (first < 0x80) return { list: false, start: pos, length: 1 };
  if (first < 0xb8) return { list: false, start: pos + 1, length: first - 0x80 };
  if (first >= 0xc0 && first < 0xf8) return { list: true, start: pos + 1, length: first - 0xc0 };
  const n = first < 0xc0 ? first - 0xb7 : first - 0xf7;
  if (pos + 1 + n > b.length || n > 4) return undefined;
  let length = 0;
  for (let i = 1; i <= n; i++) length = length * 256 + b[pos + i]!;
  return { list: first >= 0xc0, start: pos + 1 + n, length };
}

/** A transaction as a block body holds it: a legacy list, or type || payload as a byte string. */
function txBodyItem(tx: Transaction): Uint8Array {
  // Legacy: its own RLP list (already encoded); typed: the envelope wrapped as an RLP byte string.
  const enc = encodeTx(tx);
  return tx.type === TxType.Legacy ? enc : encodeRlp(enc);
}

/** The RLP of a block from its parts. */
export function encodeBlock(
  header: Header,
  transactions: readonly Transaction[],
  ommers: readonly Header[],
  withdrawals?: readonly Withdrawal[],
): Uint8Array {
  const parts: Uint8Array[] = [
    encodeHeader(header),
    encodeRlpListOfEncoded(transactions.map(txBodyItem)),
    encodeRlpListOfEncoded(ommers.map(encodeHeader)),
  ];
  if (withdrawals !== undefined) parts.push(encodeRlp(withdrawals.map(encodeWithdrawalItem)));
  return encodeRlpListOfEncoded(parts);
}

/**
 * A block assembled from its parts: the hash computed, the RLP on first read (a dev node mines a block per
 * transaction and is rarely asked for one's RLP or size: not encoding it, nor keeping the bytes, is a
 * block's worth of work and memory saved). Parts are immutable, so the RLP is the same whenever it is read.
 */
class AssembledBlock implements Block {
  readonly hash: Uint8Array;
  declare readonly withdrawals?: readonly Withdrawal[];
  #rlp: Uint8Array | undefined = undefined;

  constructor(
    readonly header: Header,
    readonly transactions: readonly Transaction[],
    readonly ommers: readonly Header[],
    withdrawals: readonly Withdrawal[] | undefined,
  ) {
    this.hash = headerHash(header);
    if (withdrawals !== undefined) (this as { withdrawals?: readonly Withdrawal[] }).withdrawals = withdrawals;
  }

  get rlp(): Uint8Array {
    return (this.#rlp ??= encodeBlock(this.header, this.transactions, this.ommers, this.withdrawals));
  }
}

/** A block assembled from its parts (see AssembledBlock). */
export function makeBlock(
  header: Header,
  transactions: readonly Transaction[],
  ommers: readonly Header[],
  withdrawals?: readonly Withdrawal[],
): Block {
  return new AssembledBlock(header, transactions, ommers, withdrawals);
}

/**
 * Splits a concatenation of RLP blocks (what `geth export` writes and `geth import` reads) into the byte
 * ranges of each. Stops at the first malformed item: the blocks before it and the error are returned.
 */
export function splitBlocks(data: Uint8Array): { blocks: Uint8Array[]; error?: string } {
  const blocks: Uint8Array[] = [];
  let pos = 0;
  while (pos < data.length) {
    const end = itemEnd(data, pos);
    if (typeof end === 'string') return { blocks, error: `block ${blocks.length} at byte ${pos}: ${end}` };
    blocks.push(data.subarray(pos, end));
    pos = end;
  }
  return { blocks };
}

function itemEnd(b: Uint8Array, pos: number): number | string {
  const first = b[pos]!;
  if (first < 0xc0) return 'not an RLP list';
  let start: number;
  let length: number;
  if (first < 0xf8) {
    start = pos + 1;
    length = first - 0xc0;
  } else {
    const n = first - 0xf7;
    if (pos + 1 + n > b.length) return 'truncated list header';
    length = 0;
    for (let i = 1; i <= n; i++) length = length * 256 + b[pos + i]!;
    start = pos + 1 + n;
  }
  if (start + length > b.length) return `truncated: the list needs ${start + length - pos} bytes, ${b.length - pos} left`;
  return start + length;
}
