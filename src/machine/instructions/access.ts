/** EIP-2929 cold access surcharges of the account- and slot-reading opcodes. */
import { useGas, type Frame } from '../frame.js';
import type { Address } from '../../primitives/address.js';

/**
 * Under EIP-2929 the table charged the warm cost (100); a cold account costs the difference up to 2600.
 * The address stays warm even when this runs out of gas: the frame's revert undoes it with the rest.
 * Before EIP-2929 the flat price is the table's and this charges nothing.
 */
export function chargeColdAccount(f: Frame, addr: Address): boolean {
  const h = f.host;
  const r = h.rules;
  if (!r.eip2929 || h.accessAccount(addr) === 'warm') return true;
  return useGas(f, r.coldAccountAccessCost - r.warmStorageReadCost);
}
