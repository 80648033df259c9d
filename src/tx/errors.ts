/**
 * Transaction errors. `code` follows the execution-spec-tests `TransactionException` names where one
 * exists, so a state-test runner can compare it with `expectException`; `field` names the culprit.
 */

export type TxErrorCode =
  /** The bytes are not one well-formed, canonical RLP item (the RlpError is the `cause`). */
  | 'RLP_MALFORMED'
  /** A field has the wrong shape: list vs bytes, element count, leading zeros, fixed size (address 20, key 32). */
  | 'RLP_INVALID_FIELD'
  /** An integer exceeds its range: nonce and gas limit 64 bits (decode), value and fee fields 256 bits. */
  | 'FIELD_OVERFLOW'
  /** Unknown EIP-2718 type byte, or a type the fork has not activated. */
  | 'TYPE_NOT_SUPPORTED'
  /** r, s or v/yParity invalid, high s where EIP-2 forbids it, or no public key recovers. */
  | 'INVALID_SIGNATURE'
  /** The signature commits to another chain (EIP-155 v, or a typed transaction's chainId). */
  | 'INVALID_CHAINID'
  /** EIP-2681: nonce must be below 2^64-1. */
  | 'NONCE_IS_MAX'
  | 'INTRINSIC_GAS_TOO_LOW'
  /** EIP-7623: gas limit below the calldata floor. */
  | 'INTRINSIC_GAS_BELOW_FLOOR_GAS_COST'
  /** EIP-3860: creation with initcode over 49152 bytes. */
  | 'INITCODE_SIZE_EXCEEDED'
  /** EIP-1559: maxPriorityFeePerGas > maxFeePerGas. */
  | 'PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS'
  /** gasLimit * maxFeePerGas (or gasPrice) does not fit 256 bits: no balance could pay it. */
  | 'GASLIMIT_PRICE_PRODUCT_OVERFLOW'
  /** EIP-7825: gas limit above the per-transaction cap. */
  | 'GAS_LIMIT_EXCEEDS_MAXIMUM'
  /** EIP-4844 blob transaction rules. */
  | 'TYPE_3_TX_CONTRACT_CREATION'
  | 'TYPE_3_TX_ZERO_BLOBS'
  | 'TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH'
  | 'TYPE_3_TX_BLOB_COUNT_EXCEEDED'
  | 'TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED'
  /** EIP-7702 set-code transaction rules. */
  | 'TYPE_4_TX_CONTRACT_CREATION'
  | 'TYPE_4_EMPTY_AUTHORIZATION_LIST';

export class TxError extends Error {
  override name = 'TxError';
  readonly code: TxErrorCode;
  /** The field at fault (`nonce`, `accessList[2].storageKeys[0]`, `s`, ...), when one is. */
  readonly field: string | undefined;

  constructor(code: TxErrorCode, message: string, field?: string, options?: { cause?: unknown }) {
    super(`transaction ${field ? field + ': ' : ''}${message} [${code}]`, options);
    this.code = code;
    this.field = field;
  }
}
