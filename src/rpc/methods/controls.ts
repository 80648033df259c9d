/**
 * Test controls under anvil_* with hardhat_* and evm_* aliases (what viem's createTestClient sends in modes
 * 'anvil' and 'hardhat'). Phase 1 has the ones that need no chain: impersonation. Mining, time, snapshots
 * and state setters arrive with the chain (MiningControl in context.ts).
 */
import { decodeAddress, decodeBool } from '../codec.js';
import { param } from '../params.js';
import { method, type MethodRegistry } from '../registry.js';

export const controlMethods = [
  method(
    'anvil_impersonateAccount',
    [param('address', decodeAddress)],
    ([a], ctx) => {
      ctx.accounts.impersonate(a);
      return null;
    },
    'eth_sendTransaction from this address without its key',
  ),
  method(
    'anvil_stopImpersonatingAccount',
    [param('address', decodeAddress)],
    ([a], ctx) => {
      ctx.accounts.stopImpersonating(a);
      return null;
    },
    'ends impersonation',
  ),
  method(
    'anvil_autoImpersonateAccount',
    [param('enabled', decodeBool)],
    ([on], ctx) => {
      ctx.accounts.autoImpersonate = on;
      return null;
    },
    'impersonate every address',
  ),
];

/** hardhat_* names of the anvil_* controls above. */
export function addControlAliases(reg: MethodRegistry): void {
  reg.alias('hardhat_impersonateAccount', 'anvil_impersonateAccount');
  reg.alias('hardhat_stopImpersonatingAccount', 'anvil_stopImpersonatingAccount');
}
