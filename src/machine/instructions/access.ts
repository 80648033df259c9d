/** EIP-2929 cold access surcharges, used by the Berlin+ variants of account- and slot-reading opcodes. */
import { useGas, type Frame } from '../frame.js';
import type { Address } from '../../primitives/address.js';

/**
 * The table already charged the warm cost (100); a cold account costs the difference up to 2600.
 * The address stays warm even when this runs out of gas: the frame's revert undoes it with the rest.
 */
export function chargeColdAccount(f: Frame, addr: Address): boolean {
  const r = f.evm.rules;
  if (!f.evm.state.warmAddress(addr)) return true;
  return useGas(f, r.coldAccountAccessCost - r.warmStorageReadCost);
}
