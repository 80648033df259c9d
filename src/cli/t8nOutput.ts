/**
 * t8n output JSON in go-ethereum's shapes: `result` (t8ntool ExecutionResult with types.Receipt and
 * types.Log marshalling), `alloc` (types.GenesisAlloc) and `body` (hex RLP of the included transactions).
 */
import type { BlockResult, IncludedReceipt } from '../transition/block.js';
import type { StateJournal, Log } from '../state/journal.js';
import { addressToHex } from '../primitives/address.js';
import { bigintToBytes, bytesToHex, toQuantity } from '../primitives/hex.js';
import { encodeRlpListOfEncoded, encodeRlpBytes } from '../primitives/rlp/encode.js';
import { encodeTx, TxType } from '../tx/index.js';

/** go-ethereum's fake block hash for receipts and logs (`common.Hash{0x13, 0x37}`). */
const BLOCK_HASH = '0x1337' + '0'.repeat(60);
const ZERO_ADDRESS = '0x' + '0'.repeat(40);

function word(v: bigint): string {
  return bytesToHex(bigintToBytes(v, 32));
}

function logJson(l: Log, r: IncludedReceipt, blockNumber: bigint, logIndex: number): Record<string, unknown> {
  return {
    address: addressToHex(l.address),
    topics: l.topics.map(word),
    data: bytesToHex(l.data),
    blockNumber: toQuantity(blockNumber),
    transactionHash: bytesToHex(r.txHash),
    transactionIndex: toQuantity(r.transactionIndex),
    blockHash: BLOCK_HASH,
    logIndex: toQuantity(logIndex),
    removed: false,
  };
}

function receiptJson(r: IncludedReceipt, blockNumber: bigint, firstLogIndex: number): Record<string, unknown> {
  return {
    ...(r.type === TxType.Legacy ? {} : { type: toQuantity(r.type) }),
    root: r.postState === undefined ? '0x' : bytesToHex(r.postState),
    status: r.status ? '0x1' : '0x0',
    cumulativeGasUsed: toQuantity(r.cumulativeGasUsed),
    logsBloom: bytesToHex(r.bloom),
    logs: r.logs.map((l, i) => logJson(l, r, blockNumber, firstLogIndex + i)),
    transactionHash: bytesToHex(r.txHash),
    contractAddress: r.contractAddress === undefined ? ZERO_ADDRESS : addressToHex(r.contractAddress),
    gasUsed: toQuantity(r.gasUsed),
    effectiveGasPrice: toQuantity(r.effectiveGasPrice),
    ...(r.type === TxType.Blob ? { blobGasUsed: toQuantity(r.blobGasUsed), blobGasPrice: toQuantity(r.blobGasPrice ?? 0n) } : {}),
    blockHash: BLOCK_HASH,
    blockNumber: toQuantity(blockNumber),
    transactionIndex: toQuantity(r.transactionIndex),
  };
}

/** The `result` object, keys in go-ethereum's order. */
export function resultJson(b: BlockResult, blockNumber: bigint): Record<string, unknown> {
  let logIndex = 0;
  const receipts = b.receipts.map((r) => {
    const j = receiptJson(r, blockNumber, logIndex);
    logIndex += r.logs.length;
    return j;
  });
  return {
    stateRoot: bytesToHex(b.stateRoot),
    txRoot: bytesToHex(b.txRoot),
    receiptsRoot: bytesToHex(b.receiptsRoot),
    logsHash: bytesToHex(b.logsHash),
    logsBloom: bytesToHex(b.logsBloom),
    receipts,
    ...(b.rejected.length === 0 ? {} : { rejected: b.rejected.map((x) => ({ index: x.index, error: x.error })) }),
    currentDifficulty: b.difficulty === undefined ? null : toQuantity(b.difficulty),
    gasUsed: toQuantity(b.gasUsed),
    ...(b.baseFee === undefined ? {} : { currentBaseFee: toQuantity(b.baseFee) }),
    ...(b.withdrawalsRoot === undefined ? {} : { withdrawalsRoot: bytesToHex(b.withdrawalsRoot) }),
    ...(b.excessBlobGas === undefined
      ? {}
      : { currentExcessBlobGas: toQuantity(b.excessBlobGas), blobGasUsed: toQuantity(b.blobGasUsed ?? 0n) }),
    ...(b.requestsHash === undefined ? {} : { requestsHash: bytesToHex(b.requestsHash) }),
    requests: b.requests === undefined ? null : b.requests.map(bytesToHex),
  };
}

/** The post-state as a GenesisAlloc: address -> {code?, storage?, balance, nonce?}. */
export function allocJson(state: StateJournal): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const addrs = [...state.accounts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const addr of addrs) {
    const a = state.accounts.get(addr)!;
    const storage: Record<string, string> = {};
    const slots = [...a.storage.entries()].filter(([, v]) => v !== 0n).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    for (const [k, v] of slots) storage[word(k)] = word(v);
    out[addressToHex(addr)] = {
      ...(a.code.length === 0 ? {} : { code: bytesToHex(a.code) }),
      ...(slots.length === 0 ? {} : { storage }),
      balance: toQuantity(a.balance),
      ...(a.nonce === 0n ? {} : { nonce: toQuantity(a.nonce) }),
    };
  }
  return out;
}

/** `body`: RLP list of the included transactions (typed ones as byte strings, as in a block body). */
export function bodyHex(b: BlockResult): string {
  return bytesToHex(
    encodeRlpListOfEncoded(b.included.map((tx) => (tx.type === TxType.Legacy ? encodeTx(tx) : encodeRlpBytes(encodeTx(tx))))),
  );
}
