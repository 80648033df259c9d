/** Transactions: EIP-2718 envelopes of all five types, hashing, signatures, stateless validation. */
export {
  TxType,
  accessListOf,
  blobHashesOf,
  authorizationsOf,
  type Transaction,
  type AccessListItem,
  type Authorization,
} from './types.js';
export { TxError, type TxErrorCode } from './errors.js';
export { decodeTx, decodeTxItem, legacyChainId } from './decode.js';
export { encodeTx, txHash, unsignedFields, type UnsignedTransaction } from './encode.js';
export { signingHash, recoverSender, signTx, recoveryId, checkSignatureValues, signatureRules, type SignatureRules } from './signing.js';
export { validateTx, VERSIONED_HASH_VERSION_KZG } from './validate.js';
export { isTxTypeSupported } from './typeSupport.js';
export { authorizationSigningHash, recoverAuthority, signAuthorization, SET_CODE_AUTHORIZATION_MAGIC } from './authorization.js';
