/**
 * Results out: the pipeline's TxReceipt (bigints and bytes) as the public ExecutionResult (viem's
 * convention: checksummed addresses, hex bytes and hashes, bigint quantities), the receipt of a committed
 * transaction, its hash, and the tracer a request asked for.
 */
import { isSuccess, Status, statusMessage } from '../machine/status.js';
import { bytesToHex, concatBytes, type Hash, type Hex } from '../primitives/hex.js';
import { addressToBytes, toChecksumAddress, type Address } from '../primitives/address.js';
import { keccak256 } from '../primitives/crypto/keccak.js';
import { encodeRlp } from '../primitives/rlp/encode.js';
import { envelope, txHash, unsignedFields } from '../tx/encode.js';
import { TxType, type Transaction } from '../tx/types.js';
import { decodeRevert } from '../tracing/revertReason.js';
import { CallTracer } from '../tracing/callTracer.js';
import { PrestateTracer } from '../tracing/prestateTracer.js';
import { StructLogger } from '../tracing/structLogger.js';
import { JsonLogger } from '../tracing/jsonLogger.js';
import { logsBloom } from '../transition/blockReceipts.js';
import type { Tracer } from '../machine/tracer.js';
import type { TxReceipt } from '../transition/pipeline.js';
import type { Log as CoreLog } from '../state/journal.js';
import type { CallRequest, ExecutionResult, Log, ReceiptLog, TransactionReceipt, TransactionType } from './types.js';
import { TYPE_NAMES } from './request.js';

const NO_LOGS: readonly Log[] = Object.freeze([]);

function hash0x(v: bigint): Hash {
  return `0x${v.toString(16).padStart(64, '0')}`;
}

/** A log in viem's shape. */
export function publicLog(l: CoreLog): Log {
  return { address: toChecksumAddress(l.address), topics: l.topics.map(hash0x), data: bytesToHex(l.data) };
}

/** The tracer for a request's `tracer` option, and how to read its trace afterwards. */
export interface TraceSession {
  readonly tracer: Tracer;
  readonly result: () => unknown;
}

export function traceSession(req: CallRequest): TraceSession | undefined {
  const t = req.tracer;
  if (t === undefined) return undefined;
  const c = req.tracerConfig ?? {};
  switch (t) {
    case 'callTracer': {
      const tracer = new CallTracer(c);
      return { tracer, result: () => tracer.result() };
    }
    case 'prestateTracer': {
      const tracer = new PrestateTracer(c);
      return { tracer, result: () => tracer.result() };
    }
    case 'structLogger': {
      const tracer = new StructLogger(c);
      return { tracer, result: () => tracer.result() };
    }
    case 'eip3155': {
      const lines: string[] = [];
      const tracer = new JsonLogger((line) => lines.push(line.endsWith('\n') ? line.slice(0, -1) : line), c);
      return { tracer, result: () => lines };
    }
    default:
      return { tracer: t, result: () => t };
  }
}

/** The public result of a settled message. */
export function executionResult(rc: TxReceipt, trace: unknown, logs?: readonly Log[]): ExecutionResult<unknown> {
  const success = isSuccess(rc.status);
  const out = {
    success,
    status: rc.status,
    gasUsed: rc.gasUsed,
    logs: logs ?? (success && rc.logs.length > 0 ? rc.logs.map(publicLog) : NO_LOGS),
    returnData: bytesToHex(rc.output),
    trace,
  } as { -readonly [K in keyof ExecutionResult<unknown>]: ExecutionResult<unknown>[K] };
  if (success) {
    if (rc.createdAddress !== undefined) out.createdAddress = toChecksumAddress(rc.createdAddress);
  } else if (rc.status === Status.Revert) {
    const revert = decodeRevert(rc.output);
    out.revert = revert;
    // go-ethereum's eth_call error: "execution reverted: <reason>" when the data decodes.
    out.error = revert.reason === undefined ? 'execution reverted' : `execution reverted: ${revert.reason}`;
  } else {
    out.error = statusMessage(rc.status);
  }
  return out;
}

/**
 * A transaction's hash: keccak256 of the signed encoding, or for an unsigned transaction of its unsigned
 * envelope followed by the sender (anvil's hash of impersonated sends).
 */
export function transactionHash(t: Transaction, signed: boolean, sender: Address): Hash {
  if (signed) return bytesToHex(txHash(t));
  return bytesToHex(keccak256(concatBytes(envelope(t.type, encodeRlp(unsignedFields(t))), addressToBytes(sender))));
}

export function typeName(t: TxType): TransactionType {
  return TYPE_NAMES[t]!;
}

/** The receipt of a transaction committed as the `index`-th of block `blockNumber`. */
export function receiptOf(
  t: Transaction,
  rc: TxReceipt,
  hash: Hash,
  sender: Address,
  at: { readonly blockNumber: bigint; readonly index: number; readonly firstLogIndex: number; readonly cumulativeGasUsed: bigint },
  prices: { readonly effectiveGasPrice: bigint; readonly blobGasPrice: bigint },
): TransactionReceipt {
  const success = isSuccess(rc.status);
  const coreLogs = success ? rc.logs : [];
  const logs: ReceiptLog[] = coreLogs.map((l, i) => ({
    ...publicLog(l),
    logIndex: at.firstLogIndex + i,
    transactionIndex: at.index,
    transactionHash: hash,
    blockNumber: at.blockNumber,
  }));
  const r = {
    transactionHash: hash,
    transactionIndex: at.index,
    blockNumber: at.blockNumber,
    from: toChecksumAddress(sender),
    to: t.to === null ? null : toChecksumAddress(t.to),
    contractAddress: success && rc.createdAddress !== undefined ? toChecksumAddress(rc.createdAddress) : null,
    status: success ? 'success' : 'reverted',
    type: typeName(t.type),
    gasUsed: rc.gasUsed,
    cumulativeGasUsed: at.cumulativeGasUsed,
    effectiveGasPrice: prices.effectiveGasPrice,
    logs,
    logsBloom: bytesToHex(logsBloom(coreLogs)) as Hex,
  } as { -readonly [K in keyof TransactionReceipt]: TransactionReceipt[K] };
  if (t.type === TxType.Blob) {
    r.blobGasUsed = rc.blobGasUsed;
    r.blobGasPrice = prices.blobGasPrice;
  }
  return r;
}
