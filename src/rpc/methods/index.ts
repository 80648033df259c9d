/**
 * The method groups, one file each, all written against NodeContext (context.ts):
 *
 * | group        | file           | phase | methods                                                        |
 * |--------------|----------------|-------|----------------------------------------------------------------|
 * | info         | info.ts        | 1     | web3_*, net_*, eth_chainId, eth_syncing                        |
 * | accounts     | accounts.ts    | 1     | eth_accounts, eth_requestAccounts, eth_sign, personal_sign, eth_signTypedData_v4 |
 * | filters      | filters.ts     | 1     | eth_subscribe/unsubscribe, eth_newFilter & co. (fed by NodeEvents) |
 * | controls     | controls.ts    | 1 (impersonation) / 2 | anvil_*, hardhat_*, evm_*                         |
 * | state        | state.ts       | 2     | eth_getBalance, getCode, getStorageAt, getTransactionCount, getProof, blockNumber |
 * | blocks       | blocks.ts      | 2     | eth_getBlock*, eth_getTransaction*, receipts, logs, fee history, debug_getRaw* |
 * | execution    | execution.ts   | 2     | eth_call, estimateGas, createAccessList, simulateV1, sendTransaction, sendRawTransaction |
 * | debug        | debug.ts       | 2     | debug_trace* (structLogger, callTracer, prestateTracer)        |
 */
import { MethodRegistry } from '../registry.js';
import { accountMethods } from './accounts.js';
import { addControlAliases, controlMethods } from './controls.js';
import { filterMethods } from './filters.js';
import { infoMethods } from './info.js';

/** A registry with every method group the node has. */
export function createRegistry(): MethodRegistry {
  const reg = new MethodRegistry().add(...infoMethods, ...accountMethods, ...filterMethods, ...controlMethods);
  addControlAliases(reg);
  return reg;
}
