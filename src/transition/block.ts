/**
 * Building one block from a pre-state and transactions (go-ethereum cmd/evm/internal/t8ntool
 * `Prestate.Apply`): derive the header fields, run the EIP-4788 / EIP-2935 system calls, apply each
 * transaction (an invalid one is listed as rejected and the block goes on), pay the block and ommer
 * rewards, credit withdrawals, collect Prague requests, and compute the roots.
 */
import { StateJournal, type Log } from '../state/journal.js';
import { computeStateRoot } from '../state/root.js';
import { applyTransaction } from './pipeline.js';
import { logsHash } from './logs.js';
import { blobBaseFee } from './blobs.js';
import { resolveBlock, type BlockInput } from './blockEnv.js';
import { beaconRootCall, collectRequests, parentHashCall, requestsHash } from './blockSystem.js';
import { logsBloom, mergeBloom, receiptsRoot, withdrawalsRoot, BLOOM_BYTES, type BlockReceipt } from './blockReceipts.js';
import { ordinalTrieRoot } from '../primitives/trie/index.js';
import { encodeTx, txHash, validateTx, TxError, TxType, type Transaction } from '../tx/index.js';
import { blobHashesOf } from '../tx/types.js';
import { bytesToBigint } from '../primitives/hex.js';
import { createAddress } from '../state/addresses.js';
import type { Rules } from '../spec/rules.js';
import type { Address } from '../primitives/address.js';
import type { BlockEnv, GenesisAlloc } from '../state/env.js';
import type { Tracer } from '../machine/tracer.js';

/** A transaction as given: decoded and signed, or the reason it could not be. */
export type BlockTx = { readonly tx: Transaction } | { readonly error: string };

export interface BlockOptions {
  readonly rules: Rules;
  readonly chainId: bigint;
  /** Block reward in wei; negative disables rewards (go-ethereum `--state.reward -1`). */
  readonly reward: bigint;
  /** A tracer for the transaction at `index` (go-ethereum t8n `--trace`), or undefined to run it untraced. */
  readonly tracerFor?: (index: number, tx: Transaction) => Tracer | undefined;
}

/** An included transaction's receipt with the fields the t8n output shows. */
export interface IncludedReceipt extends BlockReceipt {
  readonly txHash: Uint8Array;
  readonly contractAddress?: Address;
  readonly gasUsed: bigint;
  readonly effectiveGasPrice: bigint;
  readonly blobGasUsed: bigint;
  readonly blobGasPrice?: bigint;
  readonly transactionIndex: number;
}

export interface BlockResult {
  readonly state: StateJournal;
  readonly stateRoot: Uint8Array;
  readonly txRoot: Uint8Array;
  readonly receiptsRoot: Uint8Array;
  readonly logsHash: Uint8Array;
  readonly logsBloom: Uint8Array;
  readonly receipts: readonly IncludedReceipt[];
  readonly rejected: readonly { readonly index: number; readonly error: string }[];
  readonly included: readonly Transaction[];
  readonly difficulty?: bigint;
  readonly gasUsed: bigint;
  readonly baseFee?: bigint;
  readonly withdrawalsRoot?: Uint8Array;
  readonly excessBlobGas?: bigint;
  readonly blobGasUsed?: bigint;
  readonly requests?: readonly Uint8Array[];
  readonly requestsHash?: Uint8Array;
}

/** BLOCKHASH asked for a block the input gave no hash for (go-ethereum exit code 4). */
export class MissingBlockHashError extends Error {
  override name = 'MissingBlockHashError';
}

const GWEI = 1_000_000_000n;
const ZERO_HASH = new Uint8Array(32);

export function applyBlock(pre: GenesisAlloc, input: BlockInput, txs: readonly BlockTx[], opts: BlockOptions): BlockResult {
  const { rules, chainId } = opts;
  const resolved = resolveBlock(input, rules);
  const state = StateJournal.fromAlloc(pre);

  let hashError: string | undefined;
  const env: BlockEnv = {
    coinbase: input.coinbase,
    gasLimit: input.gasLimit,
    number: input.number,
    timestamp: input.timestamp,
    difficulty: resolved.difficulty ?? 0n,
    prevRandao: input.random ?? resolved.difficulty ?? 0n,
    baseFee: resolved.baseFee ?? 0n,
    ...(resolved.excessBlobGas === undefined ? {} : { excessBlobGas: resolved.excessBlobGas }),
    getBlockHash: (n) => {
      const h = input.blockHashes?.get(n);
      if (h === undefined) {
        hashError = input.blockHashes === undefined
          ? `getHash(${n}) invoked, no blockhashes provided`
          : `getHash(${n}) invoked, blockhash for that block not provided`;
        return 0n;
      }
      return bytesToBigint(h);
    },
  };

  // ---- before the transactions ----
  if (rules.eip4788 && input.parentBeaconBlockRoot !== undefined) {
    beaconRootCall(state, env, rules, chainId, input.parentBeaconBlockRoot);
  }
  if (rules.eip2935 && input.blockHashes !== undefined) {
    parentHashCall(state, env, rules, chainId, input.blockHashes.get(input.number - 1n) ?? ZERO_HASH);
  }

  // ---- the transactions ----
  // EIP-658 (Byzantium) replaced the receipt's intermediate state root by a status code.
  const receiptRoots = !rules.eip658;
  const receipts: IncludedReceipt[] = [];
  const rejected: { index: number; error: string }[] = [];
  const included: Transaction[] = [];
  const allLogs: Log[] = [];
  const bloom = new Uint8Array(BLOOM_BYTES);
  let gasUsed = 0n;
  let blobGasUsed = 0n;
  txs.forEach((entry, index) => {
    if ('error' in entry) {
      rejected.push({ index, error: entry.error });
      return;
    }
    const tx = entry.tx;
    if (tx.type === TxType.Blob && resolved.excessBlobGas === undefined) {
      rejected.push({ index, error: 'blob tx used but field env.ExcessBlobGas missing' });
      return;
    }
    let sender: Address;
    try {
      sender = validateTx(tx, rules, chainId);
    } catch (e) {
      if (!(e instanceof TxError)) throw e;
      rejected.push({ index, error: e.message });
      return;
    }
    const txBlobGas = BigInt(blobHashesOf(tx).length * rules.blobGasPerBlob);
    if (tx.type === TxType.Blob && blobGasUsed + txBlobGas > BigInt(rules.maxBlobGasPerBlock)) {
      rejected.push({ index, error: `blob gas (${blobGasUsed + txBlobGas}) would exceed maximum allowance ${rules.maxBlobGasPerBlock}` });
      return;
    }
    const tracer = opts.tracerFor?.(index, tx);
    const r = applyTransaction(state, env, tx, sender, rules, chainId, {
      blockGasAvailable: input.gasLimit - gasUsed,
      ...(tracer === undefined ? {} : { tracer }),
    });
    if (r.rejected !== undefined) {
      rejected.push({ index, error: r.rejected });
      return;
    }
    if (hashError !== undefined) throw new MissingBlockHashError(hashError);
    gasUsed += r.gasUsed;
    blobGasUsed += r.blobGasUsed;
    included.push(tx);
    allLogs.push(...r.logs);
    const txBloom = logsBloom(r.logs);
    mergeBloom(bloom, txBloom);
    const effectiveGasPrice = tx.type === TxType.Legacy || tx.type === TxType.AccessList
      ? tx.gasPrice ?? 0n
      : env.baseFee + min((tx.maxFeePerGas ?? 0n) - env.baseFee, tx.maxPriorityFeePerGas ?? 0n);
    receipts.push({
      type: tx.type,
      ...(receiptRoots ? { postState: computeStateRoot(state) } : {}),
      status: r.success,
      cumulativeGasUsed: gasUsed,
      bloom: txBloom,
      logs: r.logs,
      txHash: txHash(tx),
      ...(tx.to === null ? { contractAddress: createAddress(sender, tx.nonce) } : {}),
      gasUsed: r.gasUsed,
      effectiveGasPrice,
      blobGasUsed: r.blobGasUsed,
      ...(tx.type === TxType.Blob ? { blobGasPrice: blobBaseFeeOf(env, rules) } : {}),
      transactionIndex: receipts.length,
    });
  });

  // ---- after the transactions ----
  if (opts.reward >= 0n) {
    // The reward may be 0: the coinbase is still touched (and, if empty, removed under EIP-161).
    let minerReward = opts.reward;
    for (const o of input.ommers) {
      minerReward += opts.reward >> 5n;
      state.addBalance(o.address, ((8n - o.delta) * opts.reward) >> 3n);
    }
    state.addBalance(input.coinbase, minerReward);
  }
  for (const w of input.withdrawals ?? []) state.addBalance(w.address, w.amount * GWEI);
  state.finalizeTx(rules.eip161);

  let requests: Uint8Array[] | undefined;
  if (rules.eip7685) requests = collectRequests(state, env, rules, chainId, allLogs);

  return {
    state,
    stateRoot: computeStateRoot(state),
    txRoot: ordinalTrieRoot(included.map(encodeTx)),
    receiptsRoot: receiptsRoot(receipts),
    logsHash: logsHash(allLogs),
    logsBloom: bloom,
    receipts,
    rejected,
    included,
    ...(resolved.difficulty === undefined ? {} : { difficulty: resolved.difficulty }),
    gasUsed,
    ...(resolved.baseFee === undefined ? {} : { baseFee: resolved.baseFee }),
    ...(input.withdrawals === undefined ? {} : { withdrawalsRoot: withdrawalsRoot(input.withdrawals) }),
    ...(resolved.excessBlobGas === undefined ? {} : { excessBlobGas: resolved.excessBlobGas, blobGasUsed }),
    ...(requests === undefined ? {} : { requests, requestsHash: requestsHash(requests) }),
  };
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function blobBaseFeeOf(env: BlockEnv, rules: Rules): bigint {
  return blobBaseFee(env.excessBlobGas ?? 0n, rules);
}
