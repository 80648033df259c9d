/**
 * Intrinsic gas: what a transaction pays before its first instruction runs, and the EIP-7623 floor.
 *   base           21000 (`txGas`), or `txCreateGas` for contract creation: 21000 in Frontier,
 *                  53000 from Homestead (EIP-2)
 *   calldata       per zero byte `txDataZeroGas` (4), per non-zero byte `txDataNonZeroGas`
 *                  (68; 16 from Istanbul, EIP-2028)
 *   initcode       EIP-3860 (Shanghai): `initcodeWordGas` (2) per 32-byte word of creation data
 *   access list    EIP-2930 (Berlin): 2400 per address, 1900 per storage key
 *   authorizations EIP-7702 (Prague): PER_EMPTY_ACCOUNT_COST (25000) per authorization tuple
 * EIP-7623 (Prague) adds a floor: a transaction is charged at least 21000 + 10 * tokens, with
 * tokens = zero bytes + 4 * non-zero bytes of calldata, and its gas limit must cover the floor.
 */
import type { Rules } from '../spec/rules.js';
import { TxError } from '../tx/errors.js';
import { accessListOf, authorizationsOf, type Transaction } from '../tx/types.js';

/** EIP-7702: charged per authorization in intrinsic gas (part is refunded when the account exists). */
export const PER_EMPTY_ACCOUNT_COST = 25000;
/** EIP-7702: the part of PER_EMPTY_ACCOUNT_COST refunded for an authority that already exists. */
export const PER_AUTH_BASE_COST = 12500;

/** Number of zero bytes in `data`. */
function countZeroBytes(data: Uint8Array): number {
  let zeros = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0) zeros++;
  return zeros;
}

/** EIP-7623 calldata tokens: zero bytes count 1, non-zero bytes count 4. */
export function calldataTokens(data: Uint8Array): number {
  const zeros = countZeroBytes(data);
  return zeros + 4 * (data.length - zeros);
}

/** Intrinsic gas of `tx` under `rules` (see the file comment for each term and its EIP). */
export function intrinsicGas(tx: Transaction, rules: Rules): bigint {
  const data = tx.data;
  const zeros = countZeroBytes(data);
  let gas = tx.to === null ? rules.txCreateGas : rules.txGas;
  gas += zeros * rules.txDataZeroGas + (data.length - zeros) * rules.txDataNonZeroGas;
  if (tx.to === null) gas += Math.ceil(data.length / 32) * rules.initcodeWordGas; // 0 before Shanghai
  const accessList = accessListOf(tx);
  let keys = 0;
  for (const entry of accessList) keys += entry.storageKeys.length;
  gas += accessList.length * rules.txAccessListAddressGas + keys * rules.txAccessListStorageKeyGas;
  gas += authorizationsOf(tx).length * PER_EMPTY_ACCOUNT_COST;
  return BigInt(gas);
}

/** EIP-7623 floor: 21000 + txFloorTokenGas * tokens; 0 in forks without the floor. */
export function floorDataGas(tx: Transaction, rules: Rules): bigint {
  if (rules.txFloorTokenGas === 0) return 0n;
  return BigInt(rules.txGas + rules.txFloorTokenGas * calldataTokens(tx.data));
}

/**
 * Checks that the gas limit covers the intrinsic gas and the EIP-7623 floor, and returns both.
 * Throws TxError INTRINSIC_GAS_TOO_LOW or INTRINSIC_GAS_BELOW_FLOOR_GAS_COST.
 */
export function checkIntrinsicGas(tx: Transaction, rules: Rules): { intrinsicGas: bigint; floorDataGas: bigint } {
  const intrinsic = intrinsicGas(tx, rules);
  if (tx.gasLimit < intrinsic)
    throw new TxError('INTRINSIC_GAS_TOO_LOW', `${tx.gasLimit} is below the intrinsic gas ${intrinsic}`, 'gasLimit');
  const floor = floorDataGas(tx, rules);
  if (tx.gasLimit < floor)
    throw new TxError('INTRINSIC_GAS_BELOW_FLOOR_GAS_COST', `${tx.gasLimit} is below the calldata floor ${floor} (EIP-7623)`, 'gasLimit');
  return { intrinsicGas: intrinsic, floorDataGas: floor };
}
