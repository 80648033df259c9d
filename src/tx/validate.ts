/**
 * Stateless transaction validity for a fork and a chain: everything that needs neither the state nor
 * the block except the gas rules (intrinsic gas and the EIP-7623 floor live in src/transition/intrinsic.ts,
 * `checkIntrinsicGas`). Checked in this order, each failure a TxError:
 *  1. the type is active (EIP-2930 Berlin, EIP-1559 London, EIP-4844 Cancun, EIP-7702 Prague);
 *  2. integer ranges (hand-built transactions can exceed what the decoder admits);
 *  3. chain id (EIP-155 v for legacy, the chainId field for typed);
 *  4. signature values (v/yParity, r and s ranges, EIP-2 low s);
 *  5. nonce below 2^64-1 (EIP-2681); gas limit cap (EIP-7825); initcode size (EIP-3860);
 *  6. fee fields (EIP-1559: priority fee <= max fee; gas limit * fee fits 256 bits);
 *  7. blob (EIP-4844, EIP-7594) and set-code (EIP-7702) shape rules;
 *  8. sender recovery.
 * Nonce against the account, balance, sender-has-code (EIP-3607), fee caps against the block's base
 * fees and the block's blob/gas budgets belong to the state transition.
 */
import type { Rules } from '../spec/rules.js';
import type { Address } from '../primitives/address.js';
import { TxError } from './errors.js';
import { checkSignatureValues, recoverSender, recoveryId, signatureRules } from './signing.js';
import { legacyChainId } from './decode.js';
import { isTxTypeSupported } from './typeSupport.js';
import { TxType, type Transaction } from './types.js';

const MAX_U64 = (1n << 64n) - 1n;
const MAX_U256 = (1n << 256n) - 1n;

/** EIP-4844: the version byte of a KZG commitment's versioned hash. */
export const VERSIONED_HASH_VERSION_KZG = 0x01;

function checkRange(v: bigint | undefined, max: bigint, field: string): void {
  if (v !== undefined && (v < 0n || v > max))
    throw new TxError('FIELD_OVERFLOW', `${v} is outside [0, 2^${max === MAX_U64 ? 64 : 256}-1]`, field);
}

function checkRanges(tx: Transaction): void {
  checkRange(tx.nonce, MAX_U64, 'nonce');
  checkRange(tx.gasLimit, MAX_U64, 'gasLimit');
  checkRange(tx.value, MAX_U256, 'value');
  checkRange(tx.gasPrice, MAX_U256, 'gasPrice');
  checkRange(tx.maxPriorityFeePerGas, MAX_U256, 'maxPriorityFeePerGas');
  checkRange(tx.maxFeePerGas, MAX_U256, 'maxFeePerGas');
  checkRange(tx.maxFeePerBlobGas, MAX_U256, 'maxFeePerBlobGas');
  checkRange(tx.chainId, MAX_U256, 'chainId');
}

function checkChainId(tx: Transaction, rules: Rules, chainId: bigint): void {
  if (tx.type === TxType.Legacy) {
    const implied = legacyChainId(tx.v);
    // Pre-EIP-155 forks reject protected v values as bad signatures (recoveryId says so).
    if (implied !== undefined && rules.eip155 && implied !== chainId)
      throw new TxError('INVALID_CHAINID', `v ${tx.v} signs for chain ${implied}, this chain is ${chainId}`, 'v');
    return;
  }
  if (tx.chainId !== chainId) throw new TxError('INVALID_CHAINID', `${tx.chainId} is not this chain's id ${chainId}`, 'chainId');
}

function checkFees(tx: Transaction): void {
  let price = tx.gasPrice;
  if (tx.type >= TxType.FeeMarket) {
    const maxFee = tx.maxFeePerGas!;
    if (tx.maxPriorityFeePerGas! > maxFee)
      throw new TxError(
        'PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS',
        `${tx.maxPriorityFeePerGas} exceeds maxFeePerGas ${maxFee}`,
        'maxPriorityFeePerGas',
      );
    price = maxFee;
  }
  if (price !== undefined && price * tx.gasLimit > MAX_U256)
    throw new TxError('GASLIMIT_PRICE_PRODUCT_OVERFLOW', 'gasLimit * gas price exceeds 2^256-1', 'gasLimit');
}

function checkBlobTx(tx: Transaction, rules: Rules): void {
  if (tx.to === null) throw new TxError('TYPE_3_TX_CONTRACT_CREATION', 'blob transactions cannot create contracts', 'to');
  const hashes = tx.blobVersionedHashes ?? [];
  if (hashes.length === 0) throw new TxError('TYPE_3_TX_ZERO_BLOBS', 'a blob transaction needs at least one blob', 'blobVersionedHashes');
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]!;
    if (h.length !== 32 || h[0] !== VERSIONED_HASH_VERSION_KZG)
      throw new TxError(
        'TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH',
        `must be 32 bytes starting with version 0x01, got ${h.length} bytes starting 0x${(h[0] ?? 0).toString(16)}`,
        `blobVersionedHashes[${i}]`,
      );
  }
  if (rules.maxBlobsPerTx > 0 && hashes.length > rules.maxBlobsPerTx)
    throw new TxError(
      'TYPE_3_TX_BLOB_COUNT_EXCEEDED',
      `${hashes.length} blobs exceed the per-transaction limit ${rules.maxBlobsPerTx} (EIP-7594)`,
      'blobVersionedHashes',
    );
  if (hashes.length * rules.blobGasPerBlob > rules.maxBlobGasPerBlock)
    throw new TxError(
      'TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED',
      `${hashes.length} blobs need more blob gas than a block allows (${rules.maxBlobGasPerBlock})`,
      'blobVersionedHashes',
    );
}

function checkSetCodeTx(tx: Transaction): void {
  if (tx.to === null) throw new TxError('TYPE_4_TX_CONTRACT_CREATION', 'set-code transactions cannot create contracts', 'to');
  if ((tx.authorizationList ?? []).length === 0)
    throw new TxError('TYPE_4_EMPTY_AUTHORIZATION_LIST', 'a set-code transaction needs at least one authorization', 'authorizationList');
}

/**
 * Validates `tx` against the fork and the chain (see the file comment for what is and is not checked)
 * and returns its sender. Throws TxError with a code and the field at fault. With `knownSender` (a dev
 * node's impersonated transactions) the signature is neither checked nor recovered: that is the sender.
 */
export function validateTx(tx: Transaction, rules: Rules, chainId: bigint, knownSender?: Address): Address {
  if (!isTxTypeSupported(tx.type, rules))
    throw new TxError('TYPE_NOT_SUPPORTED', `type ${tx.type} transactions are not active in ${rules.name}`, 'type');
  checkRanges(tx);
  checkChainId(tx, rules, chainId);
  const sr = signatureRules(rules);
  if (knownSender === undefined) {
    recoveryId(tx, sr);
    checkSignatureValues(tx, sr);
  }
  // EIP-2681: the sender's nonce would overflow on increment.
  if (tx.nonce === MAX_U64) throw new TxError('NONCE_IS_MAX', 'nonce 2^64-1 cannot be incremented (EIP-2681)', 'nonce');
  if (rules.txGasLimitCap > 0n && tx.gasLimit > rules.txGasLimitCap)
    throw new TxError('GAS_LIMIT_EXCEEDS_MAXIMUM', `${tx.gasLimit} exceeds the cap ${rules.txGasLimitCap} (EIP-7825)`, 'gasLimit');
  if (tx.to === null && rules.maxInitcodeSize > 0 && tx.data.length > rules.maxInitcodeSize)
    throw new TxError('INITCODE_SIZE_EXCEEDED', `initcode of ${tx.data.length} bytes exceeds ${rules.maxInitcodeSize} (EIP-3860)`, 'data');
  checkFees(tx);
  if (tx.type === TxType.Blob) checkBlobTx(tx, rules);
  else if (tx.type === TxType.SetCode) checkSetCodeTx(tx);
  return knownSender ?? recoverSender(tx, rules);
}
