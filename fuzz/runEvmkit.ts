/**
 * Runs a fuzz case in evmkit the way a state test runs (src/transition/stateTest.ts): pre-state into a
 * journal, applyTransaction, the zero-value coinbase touch, end of transaction, state root.
 */
import { StateJournal } from '../src/state/journal.js';
import { computeStateRoot } from '../src/state/root.js';
import { applyTransaction } from '../src/transition/pipeline.js';
import { rulesFor } from '../src/spec/rules.js';
import { forkFromName } from '../src/spec/fork.js';
import { keccak256 } from '../src/primitives/crypto/keccak.js';
import { bytesToBigint } from '../src/primitives/hex.js';
import { TxType, type Transaction } from '../src/tx/types.js';
import { Status, isSuccess } from '../src/machine/status.js';
import type { BlockEnv, GenesisAccount } from '../src/state/env.js';
import { bytesOf, hexOf, quantity, SENDER_ADDRESS, type FuzzCase, type Outcome } from './case.js';

/** BLOCKHASH source shared with the ethereumjs side: keccak256 of the decimal block number. */
export function fuzzBlockHash(n: bigint): Uint8Array {
  return keccak256(new TextEncoder().encode(n.toString()));
}

/**
 * The block hash source of a case: the case's own table when it has one (EDR runs; a number missing from
 * it is recorded in `missing` and answered with 0, so the caller can fetch it and run again), else the
 * fuzz source.
 */
export function caseBlockHash(c: FuzzCase, missing?: Set<bigint>): (n: bigint) => bigint {
  const table = c.env.blockHashes;
  if (table === undefined) return (n: bigint) => bytesToBigint(fuzzBlockHash(n));
  return (n: bigint) => {
    const h = table[n.toString()];
    if (h !== undefined) return BigInt(h);
    missing?.add(n);
    return 0n;
  };
}

export function caseEnv(c: FuzzCase, missing?: Set<bigint>): BlockEnv {
  return {
    coinbase: BigInt(c.env.coinbase),
    gasLimit: BigInt(c.env.gasLimit),
    number: BigInt(c.env.number),
    timestamp: BigInt(c.env.timestamp),
    difficulty: BigInt(c.env.difficulty ?? '0x0'),
    prevRandao: BigInt(c.env.prevRandao),
    baseFee: BigInt(c.env.baseFee),
    excessBlobGas: BigInt(c.env.excessBlobGas),
    getBlockHash: caseBlockHash(c, missing),
  };
}

export function caseTransaction(c: FuzzCase): Transaction {
  const t = c.tx;
  const type = [TxType.Legacy, TxType.AccessList, TxType.FeeMarket, TxType.Blob, TxType.SetCode][t.type]!;
  const feeMarket = t.type >= 2;
  return {
    type,
    chainId: 1n,
    nonce: BigInt(t.nonce),
    gasPrice: feeMarket ? undefined : BigInt(t.gasPrice),
    maxFeePerGas: feeMarket ? BigInt(t.maxFeePerGas) : undefined,
    maxPriorityFeePerGas: feeMarket ? BigInt(t.maxPriorityFeePerGas) : undefined,
    maxFeePerBlobGas: t.maxFeePerBlobGas === undefined ? undefined : BigInt(t.maxFeePerBlobGas),
    blobVersionedHashes: t.blobVersionedHashes?.map(bytesOf),
    authorizationList: t.authorizationList?.map((a) => ({
      chainId: BigInt(a.chainId),
      address: BigInt(a.address),
      nonce: BigInt(a.nonce),
      yParity: BigInt(a.yParity),
      r: BigInt(a.r),
      s: BigInt(a.s),
    })),
    gasLimit: BigInt(t.gasLimit),
    to: t.to === null ? null : BigInt(t.to),
    value: BigInt(t.value),
    data: bytesOf(t.data),
    accessList: t.accessList.map((i) => ({ address: BigInt(i.address), storageKeys: i.storageKeys.map((k) => BigInt(k)) })),
    // applyTransaction takes the sender as given; the signature is not looked at.
    v: 0n,
    r: 1n,
    s: 1n,
  };
}

export function statusClass(s: Status): string {
  if (isSuccess(s)) return 'success';
  return s === Status.Revert ? 'revert' : 'halt';
}

export function runEvmkit(c: FuzzCase): Outcome {
  return runEvmkitState(c).outcome;
}

/** The outcome and the post-state journal (for the per-account view compared with EDR). */
export function runEvmkitState(c: FuzzCase, missingHashes?: Set<bigint>): { outcome: Outcome; state: StateJournal } {
  const fork = forkFromName(c.fork);
  if (fork === undefined) throw new Error(`unknown fork in fuzz case: ${c.fork}`);
  const rules = rulesFor(fork);
  const pre = new Map<bigint, GenesisAccount>();
  for (const a of c.pre) {
    const storage = new Map<bigint, bigint>();
    for (const [k, v] of Object.entries(a.storage)) storage.set(BigInt(k), BigInt(v));
    pre.set(BigInt(a.address), { balance: BigInt(a.balance), nonce: BigInt(a.nonce), code: bytesOf(a.code), storage });
  }
  const state = StateJournal.fromAlloc(pre);
  const env = caseEnv(c, missingHashes);
  const receipt = applyTransaction(state, env, caseTransaction(c), BigInt(SENDER_ADDRESS), rules, 1n);
  if (receipt.rejected !== undefined) {
    return {
      outcome: { rejected: true, status: 'rejected', gasUsed: '0x0', output: '0x', logs: [], stateRoot: '', detail: receipt.rejected },
      state,
    };
  }
  state.addBalance(env.coinbase, 0n);
  state.finalizeTx(rules.eip161);
  const outcome: Outcome = {
    rejected: false,
    status: statusClass(receipt.status),
    gasUsed: quantity(receipt.gasUsed),
    // A create transaction's output is the deployed code in evmkit; ethereumjs reports it too.
    output: hexOf(receipt.output),
    logs: receipt.logs.map((l) => ({
      address: '0x' + l.address.toString(16).padStart(40, '0'),
      topics: l.topics.map((t) => '0x' + t.toString(16).padStart(64, '0')),
      data: hexOf(l.data),
    })),
    stateRoot: hexOf(computeStateRoot(state)),
    detail: receipt.error,
  };
  return { outcome, state };
}
