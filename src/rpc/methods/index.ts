/**
 * The method groups, one file each, all written against NodeContext (context.ts):
 *
 * | group        | file           | methods                                                                    |
 * |--------------|----------------|----------------------------------------------------------------------------|
 * | info         | info.ts        | web3_*, net_*, eth_chainId, eth_syncing                                    |
 * | accounts     | accounts.ts    | eth_accounts, eth_requestAccounts, eth_sign, personal_sign, eth_signTypedData_v4 |
 * | filters      | filters.ts     | eth_subscribe/unsubscribe, eth_newFilter & co. (fed by NodeEvents)         |
 * | controls     | controls.ts    | anvil_*, hardhat_*, evm_*: impersonation, mining, time, snapshots, state   |
 * | chain        | chain.ts       | state at a block, blocks, transactions, receipts, logs, fees, debug_getRaw*, txpool_* |
 * | execution    | execution.ts   | eth_call, estimateGas, createAccessList, send*, debug_trace*, eth_simulateV1 |
 * | config       | config.ts      | eth_config (EIP-7910), eth_capabilities                                    |
 * | testing      | testing.ts     | testing_buildBlockV1                                                       |
 */
import { MethodRegistry } from '../registry.js';
import { accountMethods } from './accounts.js';
import { addControlAliases, controlMethods } from './controls.js';
import { filterMethods } from './filters.js';
import { infoMethods } from './info.js';
import { chainMethods } from './chain.js';
import { executionMethods, simulateMethods } from './execution.js';
import { configMethods } from './config.js';
import { testingMethods } from './testing.js';

/** A registry with every method group the node has. */
export function createRegistry(): MethodRegistry {
  const reg = new MethodRegistry().add(
    ...infoMethods,
    ...accountMethods,
    ...filterMethods,
    ...controlMethods,
    ...chainMethods,
    ...executionMethods,
    ...configMethods,
    ...testingMethods,
    ...simulateMethods,
  );
  addControlAliases(reg);
  return reg;
}
