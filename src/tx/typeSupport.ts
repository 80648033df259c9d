/** Which EIP-2718 transaction types a fork has activated. */
import type { Rules } from '../spec/rules.js';
import { TxType } from './types.js';

/** EIP-2930 from Berlin, EIP-1559 from London, EIP-4844 from Cancun, EIP-7702 from Prague; legacy always. */
export function isTxTypeSupported(type: TxType, rules: Rules): boolean {
  switch (type) {
    case TxType.Legacy:
      return true;
    case TxType.AccessList:
      return rules.eip2930;
    case TxType.FeeMarket:
      return rules.eip1559;
    case TxType.Blob:
      return rules.eip4844;
    case TxType.SetCode:
      return rules.eip7702;
    default:
      return false;
  }
}
