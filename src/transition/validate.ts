/**
 * Transaction validity against the state and block (go-ethereum `StateTransition.preCheck` and
 * `IntrinsicGas`, execution-specs `validate_transaction` / `check_transaction`). A failure rejects the
 * transaction before anything changes. Returns the derived prices when valid.
 */
import { TxType, type Transaction } from '../tx/types.js';
import { intrinsicGas, floorDataGas } from './intrinsic.js';
import { blobBaseFee } from './blobs.js';
import { isDelegation } from '../state/delegation.js';
import type { Rules } from '../spec/rules.js';
import type { StateJournal } from '../state/journal.js';
import type { BlockEnv } from '../state/env.js';
import type { Address } from '../primitives/address.js';

const U64_MAX = (1n << 64n) - 1n;
const U256_MAX = (1n << 256n) - 1n;

/** Rejections a caller may act on (the gas estimator raises or lowers the gas limit on these). */
/**
 * The rejections a caller may act on: too little intrinsic gas or a gas limit above EIP-7825's cap (an
 * estimate tries another gas limit); no room left in the block, or a nonce above the sender's (a block
 * builder leaves the transaction for a later block).
 */
export type RejectionCode = 'intrinsic' | 'gasLimitTooHigh' | 'blockFull' | 'nonceTooHigh';

/** Whether a rejection depends on the gas limit tried (an estimate tries another). */
export function isGasRejection(code: RejectionCode | undefined): boolean {
  return code === 'intrinsic' || code === 'gasLimitTooHigh';
}

export class TxValidationError extends Error {
  override name = 'TxValidationError';
  constructor(
    message: string,
    readonly code?: RejectionCode,
  ) {
    super(message);
  }
}

export interface ValidTx {
  /** Price per gas actually paid (EIP-1559: base fee + tip, capped by max fee). */
  readonly effectiveGasPrice: bigint;
  /** Per-gas amount the coinbase receives. */
  readonly tip: bigint;
  readonly intrinsic: bigint;
  /** EIP-7623 floor (0 when it does not apply). */
  readonly floor: bigint;
  readonly blobGas: bigint;
  readonly blobBaseFee: bigint;
}

function reject(msg: string, code?: RejectionCode): never {
  throw new TxValidationError(msg, code);
}

/**
 * Checks an eth_call skips (go-ethereum `SkipNonceChecks`, `SkipTransactionChecks`, and `NoBaseFee` for a
 * message with no fee fields set): all on for a transaction.
 */
export interface ValidationChecks {
  /** The nonce must equal the sender's. */
  readonly nonce: boolean;
  /** EIP-3607: the sender may not have code (other than an EIP-7702 delegation). */
  readonly senderIsEoa: boolean;
  /** The fee caps must reach the block's base fee and blob base fee (EIP-1559, EIP-4844). */
  readonly baseFee: boolean;
  /** The gas limit must fit in what is left of the block. */
  readonly blockGas: boolean;
  /** EIP-7825: the gas limit must not exceed the transaction gas cap. */
  readonly txGasCap: boolean;
}

export const ALL_CHECKS: ValidationChecks = Object.freeze({
  nonce: true,
  senderIsEoa: true,
  baseFee: true,
  blockGas: true,
  txGasCap: true,
});

/** Throws TxValidationError naming the rule the transaction breaks. */
export function validateTransaction(
  tx: Transaction,
  sender: Address,
  state: StateJournal,
  env: BlockEnv,
  rules: Rules,
  blockGasAvailable: bigint,
  checks: ValidationChecks = ALL_CHECKS,
): ValidTx {
  // ---- type and static checks ----
  if (tx.type === TxType.AccessList && !rules.eip2930) reject('transaction type not supported: EIP-2930 before Berlin');
  if (tx.type === TxType.FeeMarket && !rules.eip1559) reject('transaction type not supported: EIP-1559 before London');
  if (tx.type === TxType.Blob && !rules.eip4844) reject('transaction type not supported: EIP-4844 before Cancun');
  if (tx.type === TxType.SetCode && !rules.eip7702) reject('transaction type not supported: EIP-7702 before Prague');
  if (tx.gasLimit > U64_MAX) reject(`gas limit ${tx.gasLimit} exceeds 2^64-1`);
  if (checks.nonce && tx.nonce >= U64_MAX) reject('nonce has max value (EIP-2681)');
  if (tx.value > U256_MAX) reject('value exceeds 2^256-1');
  // A transaction decoded from RLP cannot hold a negative number; one built as an object can.
  if (
    tx.gasLimit < 0n ||
    tx.nonce < 0n ||
    tx.value < 0n ||
    (tx.gasPrice ?? 0n) < 0n ||
    (tx.maxFeePerGas ?? 0n) < 0n ||
    (tx.maxPriorityFeePerGas ?? 0n) < 0n
  ) {
    reject('negative gas limit, nonce, value or fee');
  }
  if (checks.txGasCap && rules.txGasLimitCap > 0n && tx.gasLimit > rules.txGasLimitCap) {
    reject(`transaction gas limit ${tx.gasLimit} above the cap ${rules.txGasLimitCap} (EIP-7825)`, 'gasLimitTooHigh');
  }
  if (checks.blockGas && tx.gasLimit > blockGasAvailable)
    reject(`gas limit reached: tx ${tx.gasLimit} > block ${blockGasAvailable}`, 'blockFull');

  const intrinsic = intrinsicGas(tx, rules);
  if (tx.gasLimit < intrinsic) reject(`intrinsic gas too low: have ${tx.gasLimit}, want ${intrinsic}`, 'intrinsic');
  const floor = rules.txFloorTokenGas > 0 ? floorDataGas(tx, rules) : 0n;
  if (tx.gasLimit < floor) reject(`insufficient gas for floor data gas cost: have ${tx.gasLimit}, want ${floor} (EIP-7623)`);
  if (tx.to === null && rules.maxInitcodeSize > 0 && tx.data.length > rules.maxInitcodeSize) {
    reject(`max initcode size exceeded: ${tx.data.length} > ${rules.maxInitcodeSize} (EIP-3860)`);
  }

  // ---- fees ----
  let maxFee: bigint;
  let effectiveGasPrice: bigint;
  let tip: bigint;
  if (tx.type === TxType.Legacy || tx.type === TxType.AccessList) {
    const price = tx.gasPrice ?? 0n;
    if (price > U256_MAX) reject('gas price exceeds 2^256-1');
    if (checks.baseFee && rules.eip1559 && price < env.baseFee)
      reject(`max fee per gas less than block base fee: ${price} < ${env.baseFee}`);
    maxFee = price;
    effectiveGasPrice = price;
    tip = rules.eip1559 && price >= env.baseFee ? price - env.baseFee : rules.eip1559 ? 0n : price;
  } else {
    const feeCap = tx.maxFeePerGas ?? 0n;
    const tipCap = tx.maxPriorityFeePerGas ?? 0n;
    if (feeCap > U256_MAX) reject('max fee per gas exceeds 2^256-1');
    if (tipCap > U256_MAX) reject('max priority fee per gas exceeds 2^256-1');
    if (tipCap > feeCap) reject(`max priority fee per gas higher than max fee per gas: ${tipCap} > ${feeCap}`);
    if (checks.baseFee && feeCap < env.baseFee) reject(`max fee per gas less than block base fee: ${feeCap} < ${env.baseFee}`);
    maxFee = feeCap;
    tip = feeCap - env.baseFee < tipCap ? feeCap - env.baseFee : tipCap;
    if (tip < 0n) tip = 0n; // only when the base fee check is off (eth_call)
    effectiveGasPrice = feeCap < env.baseFee ? feeCap : env.baseFee + tip;
  }

  // ---- blobs (EIP-4844, EIP-7594) ----
  let blobGas = 0n;
  let blobFee = 0n;
  if (rules.eip4844) blobFee = blobBaseFee(env.excessBlobGas ?? 0n, rules);
  if (tx.type === TxType.Blob) {
    const hashes = tx.blobVersionedHashes ?? [];
    if (tx.to === null) reject('blob transaction cannot create a contract');
    if (hashes.length === 0) reject('blob transaction without blobs');
    for (const h of hashes) if (h.length !== 32 || h[0] !== 0x01) reject('blob versioned hash with an invalid version');
    if (rules.maxBlobsPerTx > 0 && hashes.length > rules.maxBlobsPerTx) {
      reject(`too many blobs in transaction: ${hashes.length} > ${rules.maxBlobsPerTx} (EIP-7594)`);
    }
    blobGas = BigInt(hashes.length * rules.blobGasPerBlob);
    if (blobGas > BigInt(rules.maxBlobGasPerBlock)) reject(`blob gas ${blobGas} exceeds the block maximum`);
    const maxBlobFee = tx.maxFeePerBlobGas ?? 0n;
    if (checks.baseFee && maxBlobFee < blobFee) reject(`max fee per blob gas less than block blob gas fee: ${maxBlobFee} < ${blobFee}`);
  }

  // ---- EIP-7702 ----
  if (tx.type === TxType.SetCode) {
    if (tx.to === null) reject('set-code transaction cannot create a contract');
    if ((tx.authorizationList ?? []).length === 0) reject('set-code transaction with an empty authorization list');
  }

  // ---- sender ----
  const account = state.getAccount(sender);
  const nonce = account?.nonce ?? 0n;
  if (checks.nonce && tx.nonce < nonce) reject(`nonce too low: tx ${tx.nonce}, state ${nonce}`);
  if (checks.nonce && tx.nonce > nonce) reject(`nonce too high: tx ${tx.nonce}, state ${nonce}`, 'nonceTooHigh');
  if (
    checks.senderIsEoa &&
    rules.eip3607 &&
    account !== undefined &&
    account.code.length > 0 &&
    !(rules.eip7702 && isDelegation(account.code))
  ) {
    reject('sender not an eoa: the sender has deployed code (EIP-3607)');
  }
  let cost = tx.gasLimit * maxFee + tx.value;
  if (tx.type === TxType.Blob) cost += blobGas * (tx.maxFeePerBlobGas ?? 0n);
  const balance = account?.balance ?? 0n;
  if (balance < cost) reject(`insufficient funds for gas * price + value: have ${balance}, want ${cost}`);

  return { effectiveGasPrice, tip, intrinsic, floor, blobGas, blobBaseFee: blobFee };
}
