/**
 * Executing one block (go-ethereum core/state_processor.go `Process` and t8ntool `Prestate.Apply`): the
 * DAO irregular state change, the EIP-4788 / EIP-2935 system calls, each transaction through the one
 * pipeline, the block and ommer rewards, withdrawals, the Prague requests, and the receipts.
 *
 * ONE function, `executeBlock`, in two modes:
 *   build   (t8n, a dev node building a block) an invalid transaction is listed as rejected and skipped;
 *           a request contract without code is skipped (state tests converted to t8n inputs lack them).
 *   import  (chain import, blocktests) any invalid transaction makes the block invalid: a BlockInvalidError
 *           naming the transaction index and the reason; so does a request contract without code or a
 *           failing one (EIP-7002/7251) and a malformed deposit log (EIP-6110).
 * `applyBlock` is the t8n entry: a pre-state and header fields (derived from the parent where missing) in,
 * the post-state and roots out.
 */
import { StateJournal, type Log } from '../state/journal.js';
import { computeStateRoot } from '../state/root.js';
import { applyTransaction } from './pipeline.js';
import type { RejectionCode } from './validate.js';
import { logsHash } from './logs.js';
import { blobBaseFee } from './blobs.js';
import { resolveBlock, type BlockInput, type Ommer, type Withdrawal } from './blockEnv.js';
import { beaconRootCall, collectRequests, parentHashCall, requestsHash, DEPOSIT_CONTRACT_ADDRESS, SystemCallError } from './blockSystem.js';
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
import type { ExecutorOptions } from '../exec/executor.js';

/**
 * A transaction as given: decoded and signed, or the reason it could not be. `sender`: the sender is known
 * and the signature not checked (a dev node's impersonated transactions).
 */
export type BlockTx = { readonly tx: Transaction; readonly sender?: Address } | { readonly error: string };

export type BlockMode = 'build' | 'import';

/** The DAO hard fork's irregular state change: every listed account's balance moves to the refund contract. */
export interface DaoDrain {
  readonly refundContract: Address;
  readonly accounts: readonly Address[];
}

/** What executing a block needs besides the state and the transactions. */
export interface BlockContext {
  readonly mode: BlockMode;
  /** The block's context with its header fields resolved (base fee, difficulty, excess blob gas). */
  readonly env: BlockEnv;
  readonly rules: Rules;
  readonly chainId: bigint;
  /** EIP-2935: the parent's hash the history contract stores (no call when undefined). */
  readonly parentHash?: Uint8Array;
  /** EIP-4788: the parent beacon block root (no call when undefined). */
  readonly parentBeaconBlockRoot?: Uint8Array;
  readonly ommers: readonly Ommer[];
  readonly withdrawals?: readonly Withdrawal[];
  /** Block reward in wei; negative disables rewards (go-ethereum t8n `--state.reward -1`). */
  readonly reward: bigint;
  /** EIP-6110: the deposit contract (default: mainnet's). */
  readonly depositContract?: Address;
  /** The DAO hard fork, applied before anything else when this is the fork block. */
  readonly daoDrain?: DaoDrain;
  /** Pre-Byzantium receipts' state root after each transaction (default: computeStateRoot, the whole state). */
  readonly intermediateRoot?: (state: StateJournal) => Uint8Array;
  /** A tracer for the transaction at `index`, or undefined to run it untraced. */
  readonly tracerFor?: (index: number, tx: Transaction) => Tracer | undefined;
  /** Executor options (the memory pool) for the transactions. */
  readonly executor?: ExecutorOptions;
}

/** An included transaction's receipt with the fields t8n and JSON-RPC show. */
export interface IncludedReceipt extends BlockReceipt {
  readonly txHash: Uint8Array;
  readonly from: Address;
  readonly to: Address | null;
  readonly contractAddress?: Address;
  readonly gasUsed: bigint;
  readonly effectiveGasPrice: bigint;
  readonly blobGasUsed: bigint;
  readonly blobGasPrice?: bigint;
  readonly transactionIndex: number;
}

/** What executing a block produced (the state root is the caller's: it knows how to compute it cheaply). */
export interface ExecutedBlock {
  readonly receipts: readonly IncludedReceipt[];
  /** Build mode: transactions left out, by input index. */
  readonly rejected: readonly Rejection[];
  readonly included: readonly Transaction[];
  /** The senders of the included transactions. */
  readonly senders: readonly Address[];
  readonly logs: readonly Log[];
  readonly logsBloom: Uint8Array;
  readonly receiptsRoot: Uint8Array;
  readonly gasUsed: bigint;
  readonly blobGasUsed: bigint;
  /** Prague (EIP-7685): the requests, each `type || data`; undefined before. */
  readonly requests?: readonly Uint8Array[];
}

/** A block that breaks a rule while it executes (import mode): says which transaction or step, and why. */
export class BlockInvalidError extends Error {
  override name = 'BlockInvalidError';
}

/** A transaction left out of a block (build mode): its index in the input, why, and the kind when a caller may act on it. */
export interface Rejection {
  readonly index: number;
  readonly error: string;
  readonly code?: RejectionCode;
}

/** BLOCKHASH asked for a block the input gave no hash for (go-ethereum exit code 4). */
export class MissingBlockHashError extends Error {
  override name = 'MissingBlockHashError';
}

const GWEI = 1_000_000_000n;

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/**
 * Executes the transactions of a block on `state` and ends it (rewards, withdrawals, requests). Build mode
 * skips invalid transactions; import mode throws BlockInvalidError on the first (the state is then partly
 * changed: the caller discards it). Receipts of pre-Byzantium blocks carry the state root after each
 * transaction (`ctx.intermediateRoot`).
 */
export function executeBlock(state: StateJournal, ctx: BlockContext, txs: readonly BlockTx[]): ExecutedBlock {
  const { rules, chainId, env, mode } = ctx;
  const importing = mode === 'import';
  const invalid = (msg: string): never => {
    throw new BlockInvalidError(msg);
  };

  // ---- before the transactions ----
  if (ctx.daoDrain !== undefined) {
    const { refundContract, accounts } = ctx.daoDrain;
    state.touch(refundContract);
    for (const a of accounts) {
      state.addBalance(refundContract, state.getBalance(a));
      state.setBalance(a, 0n);
    }
    state.finalizeTx(rules.eip161);
  }
  // The system calls take their frames from the transactions' memory pool (only that: no other executor option reaches them).
  const pool = ctx.executor?.memoryPool;
  if (rules.eip4788 && ctx.parentBeaconBlockRoot !== undefined) beaconRootCall(state, env, rules, chainId, ctx.parentBeaconBlockRoot, pool);
  if (rules.eip2935 && ctx.parentHash !== undefined) parentHashCall(state, env, rules, chainId, ctx.parentHash, pool);

  // ---- the transactions ----
  // EIP-658 (Byzantium) replaced the receipt's intermediate state root by a status code.
  const receiptRoots = !rules.eip658;
  const intermediateRoot = ctx.intermediateRoot ?? computeStateRoot;
  const receipts: IncludedReceipt[] = [];
  const rejected: Rejection[] = [];
  const included: Transaction[] = [];
  const senders: Address[] = [];
  const allLogs: Log[] = [];
  const bloom = new Uint8Array(BLOOM_BYTES);
  const blobFee = env.excessBlobGas === undefined ? undefined : blobBaseFee(env.excessBlobGas, rules);
  let gasUsed = 0n;
  let blobGasUsed = 0n;
  txs.forEach((entry, index) => {
    const reject = (error: string, code?: RejectionCode): void => {
      if (importing) invalid(`transaction ${index}: ${error}`);
      rejected.push({ index, error, ...(code === undefined ? {} : { code }) });
    };
    if ('error' in entry) return reject(entry.error);
    const tx = entry.tx;
    if (tx.type === TxType.Blob && env.excessBlobGas === undefined) return reject('blob tx used but field env.ExcessBlobGas missing');
    let sender: Address;
    try {
      sender = validateTx(tx, rules, chainId, entry.sender);
    } catch (e) {
      if (!(e instanceof TxError)) throw e;
      return reject(e.message);
    }
    const txBlobGas = BigInt(blobHashesOf(tx).length * rules.blobGasPerBlob);
    if (tx.type === TxType.Blob && blobGasUsed + txBlobGas > BigInt(rules.maxBlobGasPerBlock)) {
      return reject(`blob gas (${blobGasUsed + txBlobGas}) would exceed maximum allowance ${rules.maxBlobGasPerBlock}`, 'blockFull');
    }
    const tracer = ctx.tracerFor?.(index, tx);
    const r = applyTransaction(state, env, tx, sender, rules, chainId, {
      blockGasAvailable: env.gasLimit - gasUsed,
      ...(tracer === undefined ? {} : { tracer }),
      ...(ctx.executor === undefined ? {} : { executor: ctx.executor }),
    });
    if (r.rejected !== undefined) return reject(r.rejected, r.rejectionCode);
    gasUsed += r.gasUsed;
    blobGasUsed += r.blobGasUsed;
    included.push(tx);
    senders.push(sender);
    for (const l of r.logs) allLogs.push(l);
    const txBloom = logsBloom(r.logs);
    mergeBloom(bloom, txBloom);
    const effectiveGasPrice =
      tx.type === TxType.Legacy || tx.type === TxType.AccessList
        ? (tx.gasPrice ?? 0n)
        : env.baseFee + min((tx.maxFeePerGas ?? 0n) - env.baseFee, tx.maxPriorityFeePerGas ?? 0n);
    receipts.push({
      type: tx.type,
      ...(receiptRoots ? { postState: intermediateRoot(state) } : {}),
      status: r.success,
      cumulativeGasUsed: gasUsed,
      bloom: txBloom,
      logs: r.logs,
      txHash: txHash(tx),
      from: sender,
      to: tx.to,
      ...(tx.to === null ? { contractAddress: createAddress(sender, tx.nonce) } : {}),
      gasUsed: r.gasUsed,
      effectiveGasPrice,
      blobGasUsed: r.blobGasUsed,
      ...(tx.type === TxType.Blob ? { blobGasPrice: blobFee ?? 0n } : {}),
      transactionIndex: receipts.length,
    });
  });

  // ---- after the transactions ----
  if (ctx.reward >= 0n) {
    // The reward may be 0: the coinbase is still touched (and, if empty, removed under EIP-161).
    let minerReward = ctx.reward;
    for (const o of ctx.ommers) {
      minerReward += ctx.reward >> 5n;
      state.addBalance(o.address, ((8n - o.delta) * ctx.reward) >> 3n);
    }
    state.addBalance(env.coinbase, minerReward);
  }
  for (const w of ctx.withdrawals ?? []) state.addBalance(w.address, w.amount * GWEI);
  state.finalizeTx(rules.eip161);

  let requests: Uint8Array[] | undefined;
  if (rules.eip7685) {
    try {
      requests = collectRequests(state, env, rules, chainId, allLogs, ctx.depositContract ?? DEPOSIT_CONTRACT_ADDRESS, importing, pool);
    } catch (e) {
      if (importing && e instanceof SystemCallError) invalid(e.message);
      throw e;
    }
  }

  return {
    receipts,
    rejected,
    included,
    senders,
    logs: allLogs,
    logsBloom: bloom,
    receiptsRoot: receiptsRoot(receipts),
    gasUsed,
    blobGasUsed,
    ...(requests === undefined ? {} : { requests }),
  };
}

// ---------------------------------------------------------------- t8n: a block from a pre-state

export interface BlockOptions {
  readonly rules: Rules;
  readonly chainId: bigint;
  /** Block reward in wei; negative disables rewards (go-ethereum `--state.reward -1`). */
  readonly reward: bigint;
  /** A tracer for the transaction at `index` (go-ethereum t8n `--trace`), or undefined to run it untraced. */
  readonly tracerFor?: (index: number, tx: Transaction) => Tracer | undefined;
}

export interface BlockResult {
  readonly state: StateJournal;
  readonly stateRoot: Uint8Array;
  readonly txRoot: Uint8Array;
  readonly receiptsRoot: Uint8Array;
  readonly logsHash: Uint8Array;
  readonly logsBloom: Uint8Array;
  readonly receipts: readonly IncludedReceipt[];
  readonly rejected: readonly Rejection[];
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

const ZERO_HASH = new Uint8Array(32);

/**
 * Builds one block from a pre-state and header fields (go-ethereum t8ntool `Prestate.Apply`): the fields a
 * fork needs are derived from the parent's where missing, then `executeBlock` in build mode.
 */
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
        hashError ??=
          input.blockHashes === undefined
            ? `getHash(${n}) invoked, no blockhashes provided`
            : `getHash(${n}) invoked, blockhash for that block not provided`;
        return 0n;
      }
      return bytesToBigint(h);
    },
  };

  const tracerFor = opts.tracerFor;
  const block = executeBlock(
    state,
    {
      mode: 'build',
      env,
      rules,
      chainId,
      ...(input.parentBeaconBlockRoot === undefined ? {} : { parentBeaconBlockRoot: input.parentBeaconBlockRoot }),
      ...(input.blockHashes === undefined ? {} : { parentHash: input.blockHashes.get(input.number - 1n) ?? ZERO_HASH }),
      ommers: input.ommers,
      ...(input.withdrawals === undefined ? {} : { withdrawals: input.withdrawals }),
      reward: opts.reward,
      tracerFor: (index, tx) => {
        // A BLOCKHASH miss in an earlier included transaction ends the run (go-ethereum exit code 4).
        if (hashError !== undefined) throw new MissingBlockHashError(hashError);
        return tracerFor?.(index, tx);
      },
    },
    txs,
  );
  if (hashError !== undefined) throw new MissingBlockHashError(hashError);

  return {
    state,
    stateRoot: computeStateRoot(state),
    txRoot: ordinalTrieRoot(block.included.map(encodeTx)),
    receiptsRoot: block.receiptsRoot,
    logsHash: logsHash(block.logs),
    logsBloom: block.logsBloom,
    receipts: block.receipts,
    rejected: block.rejected,
    included: block.included,
    ...(resolved.difficulty === undefined ? {} : { difficulty: resolved.difficulty }),
    gasUsed: block.gasUsed,
    ...(resolved.baseFee === undefined ? {} : { baseFee: resolved.baseFee }),
    ...(input.withdrawals === undefined ? {} : { withdrawalsRoot: withdrawalsRoot(input.withdrawals) }),
    ...(resolved.excessBlobGas === undefined ? {} : { excessBlobGas: resolved.excessBlobGas, blobGasUsed: block.blobGasUsed }),
    ...(block.requests === undefined ? {} : { requests: block.requests, requestsHash: requestsHash(block.requests) }),
  };
}
