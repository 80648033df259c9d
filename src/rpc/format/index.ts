/** Formatters: typed chain data to the JSON shapes of the execution-apis schemas. */
export {
  formatTransaction,
  formatAccessList,
  formatAuthorizationList,
  effectiveGasPrice,
  type TxData,
  type TxLocation,
} from './transaction.js';
export { formatReceipt, formatLog, type ReceiptData, type LogData } from './receipt.js';
export { formatBlock, formatHeader, formatWithdrawal, type BlockData, type HeaderData } from './block.js';
export { formatFeeHistory, type FeeHistoryData } from './feeHistory.js';
export { formatCallResult, type CallResultData } from './simulate.js';
