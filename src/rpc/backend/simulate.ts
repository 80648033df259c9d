/**
 * eth_simulateV1 (go-ethereum internal/ethapi/simulate.go): blocks of calls on top of a base block, each
 * block built as a real one would be (system calls, the calls as transactions, withdrawals, requests, the
 * state root and the block hash), with state and block overrides, optional validation, and optionally
 * every ETH transfer reported as a log (traceTransfers). Nothing is kept.
 *
 * The rules, step for step as go-ethereum's:
 * - numbers and timestamps: +1 and +12 s per block unless overridden; a number that jumps ahead is
 *   preceded by empty blocks; numbers and timestamps must increase (-38020, -38021); at most 256 blocks
 *   past the base (-38026).
 * - header: coinbase, difficulty and gas limit carried from the previous block (or overridden), mixHash the
 *   prevRandao override or zero, base fee the override, else the EIP-1559 value with validation and 0
 *   without, excess blob gas from the parent.
 * - calls: sender 0x0 by default, the sender's nonce, gas = what is left of the block and of the
 *   simulation's 50M budget, fees 0 when absent; type 2 unless gasPrice (0 or 1), blob hashes (3) or an
 *   authorization list (4). Nonce and base-fee checks only with validation (a fee below the base fee is
 *   an error in both modes when fees are given); the sender may have code.
 * - an invalid call aborts the simulation with go-ethereum's code (-38010 ... -38025, -32603); a failed
 *   execution is a result with status 0 and an error (3 for a revert, -32015 otherwise).
 */
import type { StoredBlock } from '../../chain/chain.js';
import { rulesAt } from '../../chain/config.js';
import { EMPTY_OMMERS_HASH, headerHash, type Header } from '../../chain/header.js';
import { makeBlock } from '../../chain/block.js';
import { INITIAL_BASE_FEE } from '../../chain/headerRules.js';
import { calcBaseFee, calcExcessBlobGas, type Withdrawal } from '../../transition/blockEnv.js';
import { beaconRootCall, collectRequests, parentHashCall, requestsHash } from '../../transition/blockSystem.js';
import { logsBloom, mergeBloom, receiptsRoot, withdrawalsRoot, BLOOM_BYTES, type BlockReceipt } from '../../transition/blockReceipts.js';
import { runMessage } from '../../transition/pipeline.js';
import { computeStateRoot } from '../../state/root.js';
import type { Log, StateJournal } from '../../state/journal.js';
import type { BlockEnv } from '../../state/env.js';
import { ordinalTrieRoot } from '../../primitives/trie/index.js';
import { bytesToBigint, bigintToBytes } from '../../primitives/hex.js';
import { toChecksumAddress, type Address } from '../../primitives/address.js';
import { encodeTx, txHash, TxType, type Transaction } from '../../tx/index.js';
import { NoopTracer, type TxStart } from '../../machine/tracer.js';
import type { Host } from '../../machine/host.js';
import { CallKind, type ExecResult, type Message } from '../../machine/message.js';
import type { Frame } from '../../machine/frame.js';
import { isSuccess } from '../../machine/status.js';
import { createAddress, create2Address } from '../../state/addresses.js';
import { precompilesFor } from '../../precompiles/registry.js';
import type { Precompile } from '../../precompiles/types.js';
import type { Rules } from '../../spec/rules.js';
import { ErrorCode, JsonRpcError, serverError } from '../errors.js';
import { unpackRevert } from '../../tracing/revertReason.js';
import type { BlockOverrides, StateOverride } from '../context.js';
import type { BlockData } from '../format/block.js';
import type { LogData } from '../format/receipt.js';
import type { CallResultData } from '../format/simulate.js';
import type { TransactionRequest } from '../txRequest.js';
import { NodeChain, RPC_GAS_CAP } from './nodeChain.js';
import { headerData } from './views.js';

export const MAX_SIMULATE_BLOCKS = 256n;
const TIMESTAMP_INCREMENT = 12n;
const GWEI = 1_000_000_000n;
const U64_MAX = (1n << 64n) - 1n;
const ZERO_HASH = new Uint8Array(32);
const ZERO_NONCE = new Uint8Array(8);
/** traceTransfers: the pseudo-contract of transfer logs and the ERC-20 Transfer topic. */
const TRANSFER_ADDRESS: Address = 0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeen;
const TRANSFER_TOPIC = 0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3efn;

export interface SimBlockOverrides extends BlockOverrides {
  readonly withdrawals?: readonly Withdrawal[];
  readonly beaconRoot?: Uint8Array;
}

export interface SimBlock {
  readonly blockOverrides?: SimBlockOverrides;
  readonly stateOverrides?: ReadonlyMap<Address, StateOverride>;
  readonly calls?: readonly TransactionRequest[];
}

export interface SimulateOptions {
  readonly blockStateCalls: readonly SimBlock[];
  readonly validation?: boolean;
  readonly traceTransfers?: boolean;
  readonly returnFullTransactions?: boolean;
}

export interface SimulatedBlock {
  readonly block: BlockData;
  readonly calls: readonly CallResultData[];
}

/** go-ethereum's code for an invalid transaction in a simulation (txValidationError). */
function invalidTx(reason: string, gas: bigint): JsonRpcError {
  const message = `err: ${reason} (supplied gas ${gas})`;
  const code = reason.startsWith('nonce too low')
    ? ErrorCode.NonceTooLow
    : reason.startsWith('nonce too high')
      ? ErrorCode.NonceTooHigh
      : reason.startsWith('max fee per gas less than block base fee')
        ? ErrorCode.FeeCapTooLow
        : reason.startsWith('intrinsic gas too low')
          ? ErrorCode.IntrinsicGas
          : reason.startsWith('insufficient funds')
            ? ErrorCode.InsufficientFunds
            : reason.startsWith('gas limit reached')
              ? ErrorCode.BlockGasLimitReached
              : reason.startsWith('sender not an eoa')
                ? ErrorCode.SenderIsNotEOA
                : reason.startsWith('max initcode size exceeded')
                  ? ErrorCode.MaxInitCodeSizeExceeded
                  : ErrorCode.Internal;
  return new JsonRpcError(code, message);
}

/** A log and its index in the block (go-ethereum counts every captured log, kept or dropped by a revert). */
interface IndexedLog {
  readonly log: Log;
  readonly index: number;
}

/** The logs a call produced, with transfers as logs when asked; a reverted frame's are dropped. */
class SimLogTracer extends NoopTracer {
  private frames: IndexedLog[][] = [];
  logs: IndexedLog[] = [];
  constructor(
    private readonly transfers: boolean,
    private readonly counter: { next: number },
  ) {
    super();
  }
  override onTxStart(tx: TxStart): void {
    super.onTxStart(tx);
    this.frames = [];
    this.logs = [];
  }
  private capture(l: Log): void {
    const top = this.frames[this.frames.length - 1];
    if (top !== undefined) top.push({ log: l, index: this.counter.next++ });
  }
  private transfer(from: Address, to: Address, value: bigint): void {
    if (!this.transfers || value === 0n) return;
    this.capture({ address: TRANSFER_ADDRESS, topics: [TRANSFER_TOPIC, from, to], data: bigintToBytes(value, 32) });
  }
  override onEnter(_host: Host, msg: Message): void {
    this.frames.push([]);
    if (msg.kind === CallKind.DelegateCall || msg.kind === CallKind.StaticCall || msg.value === 0n) return;
    let to: Address;
    if (msg.kind === CallKind.Create) to = createAddress(msg.caller, this.state!.getNonce(msg.caller));
    else if (msg.kind === CallKind.Create2) to = create2Address(msg.caller, msg.salt, msg.input);
    else to = msg.kind === CallKind.CallCode ? msg.codeAddress : msg.recipient;
    this.transfer(msg.caller, to, msg.value);
  }
  override onExit(_host: Host, msg: Message, r: ExecResult): void {
    const frame = this.frames.pop() ?? [];
    const ok = isSuccess(r.status);
    if (msg.depth === 0 || this.frames.length === 0) {
      this.logs = ok ? frame : [];
      return;
    }
    if (ok) this.frames[this.frames.length - 1]!.push(...frame);
  }
  override onStepEnd(_f: Frame, op: number, _cost: bigint, error: string | null): void {
    if (error !== null || op < 0xa0 || op > 0xa4) return;
    const logs = this.state!.logs;
    const l = logs[logs.length - 1];
    if (l !== undefined) this.capture(l);
  }
  override onSelfDestruct(f: Frame, beneficiary: Address, balance: bigint): void {
    this.transfer(f.address, beneficiary, balance);
  }
}

interface ParentInfo {
  readonly header: Header;
  readonly hash: Uint8Array;
  readonly rules: Rules;
}

/**
 * go-ethereum's MaxUsedGas: the gas in use before refunds, at least the EIP-7623 floor (the receipt's gas
 * is the floor whenever the floor applied, else below the peak).
 */
function maxUsed(peak: bigint, charged: bigint): bigint {
  return peak > charged ? peak : charged;
}

/** The transaction a simulated call stands for (unsigned: v = r = s = 0). */
function callTransaction(req: TransactionRequest, nonce: bigint, gas: bigint, chainId: bigint): Transaction {
  let type = req.type;
  if (type === undefined) {
    if (req.authorizationList !== undefined) type = TxType.SetCode;
    else if (req.blobVersionedHashes !== undefined) type = TxType.Blob;
    else if (req.gasPrice !== undefined) type = req.accessList !== undefined ? TxType.AccessList : TxType.Legacy;
    else type = TxType.FeeMarket;
  }
  const legacy = type === TxType.Legacy || type === TxType.AccessList;
  return {
    type,
    ...(type === TxType.Legacy ? {} : { chainId }),
    nonce,
    ...(legacy
      ? { gasPrice: req.gasPrice ?? 0n }
      : { maxFeePerGas: req.maxFeePerGas ?? 0n, maxPriorityFeePerGas: req.maxPriorityFeePerGas ?? 0n }),
    gasLimit: gas,
    to: req.to ?? null,
    value: req.value ?? 0n,
    data: req.input ?? new Uint8Array(0),
    accessList: req.accessList ?? [],
    ...(type === TxType.Blob ? { maxFeePerBlobGas: req.maxFeePerBlobGas ?? 0n, blobVersionedHashes: req.blobVersionedHashes ?? [] } : {}),
    ...(type === TxType.SetCode ? { authorizationList: req.authorizationList ?? [] } : {}),
    v: 0n,
    r: 0n,
    s: 0n,
  };
}

/**
 * State overrides and the block's precompiles (go-ethereum override.StateOverride.Apply, with the base
 * block's precompiles fresh for every block): an overridden precompile address stops being a precompile
 * (its override code runs, or it is a plain account); movePrecompileToAddress makes the precompile answer
 * at the new address. Returns the changes to the built-in precompiles (null: removed).
 */
function applyOverrides(
  state: StateJournal,
  overrides: ReadonlyMap<Address, StateOverride> | undefined,
  rules: Rules,
): Map<Address, Precompile | null> {
  const moves = new Map<Address, Precompile | null>();
  if (overrides === undefined) return moves;
  const builtIn = precompilesFor(rules);
  const replaced = new Set<Address>();
  for (const [addr, o] of overrides) {
    if (replaced.has(addr)) throw serverError(`account ${toChecksumAddress(addr)} has already been overridden by a precompile`);
    const p = builtIn.get(addr);
    if (o.movePrecompileToAddress !== undefined) {
      if (p === undefined) throw serverError(`account ${toChecksumAddress(addr)} is not a precompile`);
      if (overrides.has(o.movePrecompileToAddress)) {
        throw new JsonRpcError(
          ErrorCode.MovePrecompileSelfReference,
          `account ${toChecksumAddress(o.movePrecompileToAddress)} is already overridden`,
        );
      }
      moves.set(o.movePrecompileToAddress, p);
      replaced.add(o.movePrecompileToAddress);
    }
    if (p !== undefined && !replaced.has(addr)) moves.set(addr, null);
  }
  NodeChain.applyStateOverrides(state, overrides);
  return moves;
}

/** Runs a simulation on the state after `base`. */
export function simulate(chain: NodeChain, base: StoredBlock, opts: SimulateOptions): SimulatedBlock[] {
  const validate = opts.validation === true;
  const config = chain.config;
  const chainId = config.chainId;

  // ---- the blocks: numbers, timestamps, gaps ----
  const blocks: SimBlock[] = [];
  let prevNumber = base.number;
  let prevTime = base.header.timestamp;
  for (const b of opts.blockStateCalls) {
    const o = b.blockOverrides ?? {};
    const number = o.number ?? prevNumber + 1n;
    if (number <= prevNumber) {
      throw new JsonRpcError(ErrorCode.BlockNumberInvalid, `block numbers must be in order: ${number} <= ${prevNumber}`);
    }
    if (number - base.number > MAX_SIMULATE_BLOCKS) throw new JsonRpcError(ErrorCode.ClientLimitExceeded, 'too many blocks');
    for (let n = prevNumber + 1n; n < number; n++) {
      prevTime += TIMESTAMP_INCREMENT;
      blocks.push({ blockOverrides: { number: n, time: prevTime } });
    }
    prevNumber = number;
    let time: bigint;
    if (o.time === undefined) time = prevTime + TIMESTAMP_INCREMENT;
    else {
      time = o.time;
      if (time <= prevTime)
        throw new JsonRpcError(ErrorCode.BlockTimestampInvalid, `block timestamps must be in order: ${time} <= ${prevTime}`);
    }
    prevTime = time;
    blocks.push({ ...b, blockOverrides: { ...o, number, time } });
  }

  // ---- run them ----
  const state = chain.journalAt(base);
  const simulatedHashes = new Map<bigint, bigint>();
  let budget = RPC_GAS_CAP;
  let parent: ParentInfo = { header: base.header, hash: base.hash, rules: base.rules };
  let template = { coinbase: base.header.coinbase, difficulty: base.header.difficulty, gasLimit: base.header.gasLimit };
  const out: SimulatedBlock[] = [];
  for (const b of blocks) {
    const o = b.blockOverrides!;
    const number = o.number!;
    const timestamp = o.time!;
    const rules = rulesAt(config, number, timestamp, base.totalDifficulty);
    const coinbase = o.feeRecipient ?? template.coinbase;
    const gasLimit = o.gasLimit ?? template.gasLimit;
    const difficulty = template.difficulty;
    template = { coinbase, difficulty, gasLimit };
    const mixHash = o.prevRandao === undefined ? ZERO_HASH : bigintToBytes(o.prevRandao, 32);
    const ph = parent.header;
    let baseFee: bigint | undefined;
    if (rules.eip1559) {
      if (o.baseFeePerGas !== undefined) baseFee = o.baseFeePerGas;
      else if (validate) {
        baseFee =
          parent.rules.eip1559 && ph.baseFeePerGas !== undefined
            ? calcBaseFee(ph.baseFeePerGas, ph.gasUsed, ph.gasLimit)
            : INITIAL_BASE_FEE;
      } else baseFee = 0n;
    }
    let excessBlobGas: bigint | undefined;
    if (rules.eip4844) {
      excessBlobGas = parent.rules.eip4844
        ? calcExcessBlobGas(ph.excessBlobGas ?? 0n, ph.blobGasUsed ?? 0n, ph.baseFeePerGas ?? 0n, rules)
        : 0n;
    }
    const parentHash = parent.hash;
    const env: BlockEnv = {
      coinbase,
      gasLimit,
      number,
      timestamp,
      difficulty,
      prevRandao: rules.merged ? bytesToBigint(mixHash) : difficulty,
      baseFee: baseFee ?? 0n,
      ...(excessBlobGas === undefined ? {} : { excessBlobGas }),
      getBlockHash: (n) => simulatedHashes.get(n) ?? chain.ancestorHash(base, n),
    };

    const moves = applyOverrides(state, b.stateOverrides, base.rules);
    const beaconRoot = rules.eip4788 ? (o.beaconRoot ?? ZERO_HASH) : undefined;
    if (rules.eip2935) parentHashCall(state, env, rules, chainId, parentHash);
    if (beaconRoot !== undefined) beaconRootCall(state, env, rules, chainId, beaconRoot);

    const txs: Transaction[] = [];
    const receipts: BlockReceipt[] = [];
    const results: { r: CallResultData; logs: IndexedLog[]; hash: Uint8Array }[] = [];
    const logCounter = { next: 0 };
    const allLogs: Log[] = [];
    const bloom = new Uint8Array(BLOOM_BYTES);
    let gasUsed = 0n;
    let blobGasUsed = 0n;
    for (const call of b.calls ?? []) {
      const sender = call.from ?? 0n;
      const nonce = call.nonce ?? state.getNonce(sender);
      const remaining = gasLimit - gasUsed;
      let gas = call.gas ?? (remaining < budget ? remaining : budget);
      if (remaining < gas) {
        throw new JsonRpcError(ErrorCode.BlockGasLimitReached, `block gas limit reached: remaining: ${remaining}, required: ${gas}`);
      }
      if (gas > budget) gas = budget;
      const tx = callTransaction(call, nonce, gas, chainId);
      const feesGiven = (tx.gasPrice ?? 0n) > 0n || (tx.maxFeePerGas ?? 0n) > 0n || (tx.maxPriorityFeePerGas ?? 0n) > 0n;
      const tracer = new SimLogTracer(opts.traceTransfers === true, logCounter);
      const r = runMessage(
        {
          state,
          block: env,
          rules,
          chainId,
          tracer,
          blockGasAvailable: remaining,
          ...(moves.size === 0 ? {} : { executor: { precompiles: moves }, warmPrecompiles: [...precompilesFor(rules).keys()] }),
          ...(o.blobBaseFee === undefined ? {} : { blobBaseFee: o.blobBaseFee }),
          checks: { nonce: validate, senderIsEoa: false, baseFee: validate || feesGiven, blockGas: true, txGasCap: false },
        },
        tx,
        sender,
        'tx',
      );
      if (r.rejected !== undefined) throw invalidTx(r.rejected, gas);
      // go-ethereum's nonce is a uint64: a call at nonce 2^64-1 (allowed without validation) wraps it to 0.
      if (state.getNonce(sender) > U64_MAX) {
        state.setNonce(sender, state.getNonce(sender) & U64_MAX);
        state.finalizeTx(false);
      }
      budget -= r.gasUsed;
      gasUsed += r.gasUsed;
      blobGasUsed += r.blobGasUsed;
      const txBloom = logsBloom(r.logs);
      mergeBloom(bloom, txBloom);
      receipts.push({ type: tx.type, status: r.success, cumulativeGasUsed: gasUsed, bloom: txBloom, logs: r.logs });
      if (r.success) allLogs.push(...r.logs);
      txs.push(tx);
      let error: CallResultData['error'];
      if (!r.success) {
        if (r.error === 'execution reverted') {
          const reason = unpackRevert(r.output);
          error = {
            message: reason === null ? 'execution reverted' : `execution reverted: ${reason}`,
            code: ErrorCode.Reverted,
            data: r.output,
          };
        } else error = { message: r.error ?? 'execution failed', code: ErrorCode.VMError };
      }
      results.push({
        r: {
          returnData: !r.success ? new Uint8Array(0) : r.createdAddress !== undefined ? state.getCode(r.createdAddress) : r.output,
          logs: [],
          gasUsed: r.gasUsed,
          maxUsedGas: maxUsed(tx.gasLimit - r.gasLeft, r.gasUsed),
          status: r.success,
          ...(error === undefined ? {} : { error }),
        },
        logs: tracer.logs,
        hash: txHash(tx),
      });
    }

    // ---- the end of the block ----
    const withdrawals = rules.eip4895 ? (o.withdrawals ?? []) : undefined;
    for (const w of withdrawals ?? []) state.addBalance(w.address, w.amount * GWEI);
    if (!rules.merged) state.addBalance(coinbase, rules.blockReward);
    state.finalizeTx(rules.eip161);
    let requests: Uint8Array[] | undefined;
    if (rules.eip7685) requests = collectRequests(state, env, rules, chainId, allLogs, config.depositContractAddress, false);

    const header: Header = {
      parentHash,
      ommersHash: EMPTY_OMMERS_HASH,
      coinbase,
      stateRoot: computeStateRoot(state),
      transactionsRoot: ordinalTrieRoot(txs.map(encodeTx)),
      receiptsRoot: receiptsRoot(receipts),
      logsBloom: bloom,
      difficulty,
      number,
      gasLimit,
      gasUsed,
      timestamp,
      extraData: new Uint8Array(0),
      mixHash,
      nonce: ZERO_NONCE,
      ...(baseFee === undefined ? {} : { baseFeePerGas: baseFee }),
      ...(withdrawals === undefined ? {} : { withdrawalsRoot: withdrawalsRoot(withdrawals) }),
      ...(rules.eip4844 ? { blobGasUsed, excessBlobGas: excessBlobGas! } : {}),
      ...(beaconRoot === undefined ? {} : { parentBeaconBlockRoot: beaconRoot }),
      ...(requests === undefined ? {} : { requestsHash: requestsHash(requests) }),
    };
    const block = makeBlock(header, txs, [], withdrawals);
    const hash = headerHash(header);
    simulatedHashes.set(number, bytesToBigint(hash));

    const calls: CallResultData[] = results.map((x, i) => ({
      ...x.r,
      logs: x.logs.map((l): LogData => ({
        log: l.log,
        blockHash: hash,
        blockNumber: number,
        blockTimestamp: timestamp,
        transactionHash: x.hash,
        transactionIndex: i,
        logIndex: l.index,
      })),
    }));
    const stored = {
      header,
      hash,
      block,
      parent: null,
      receipts: [],
      senders: [],
      ommerHashes: [],
    } as unknown as StoredBlock;
    const data: BlockData = {
      header: headerData(stored),
      size: BigInt(block.rlp.length),
      transactions: txs.map((tx, i) => ({
        tx,
        hash: results[i]!.hash,
        from: b.calls![i]!.from ?? 0n,
        location: {
          blockHash: hash,
          blockNumber: number,
          blockTimestamp: timestamp,
          index: i,
          ...(baseFee === undefined ? {} : { baseFeePerGas: baseFee }),
        },
      })),
      uncles: [],
      ...(withdrawals === undefined ? {} : { withdrawals }),
    };
    out.push({ block: data, calls });
    parent = { header, hash, rules };
  }
  return out;
}
