/**
 * EIP-7702 authorization processing: after the sender's nonce is incremented and before execution,
 * each valid tuple sets its authority's code to a delegation indicator. Invalid tuples are skipped, not
 * fatal; the delegations survive a failed execution (they are applied outside the message's checkpoint).
 */
import { recoverAuthority } from '../tx/authorization.js';
import { delegationCode, isDelegation } from '../state/delegation.js';
import type { Authorization } from '../tx/types.js';
import type { StateJournal } from '../state/journal.js';

const NONCE_MAX = (1n << 64n) - 1n;
/** PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST: refunded when the authority already exists. */
const EXISTING_AUTHORITY_REFUND = 25000 - 12500;

export function applyAuthorizations(state: StateJournal, list: readonly Authorization[], chainId: bigint): void {
  for (const auth of list) {
    if (auth.chainId !== 0n && auth.chainId !== chainId) continue;
    if (auth.nonce >= NONCE_MAX) continue;
    const authority = recoverAuthority(auth);
    if (authority === null) continue;
    state.accessAccount(authority);
    const account = state.getAccount(authority);
    if (account !== undefined && account.code.length > 0 && !isDelegation(account.code)) continue;
    if ((account?.nonce ?? 0n) !== auth.nonce) continue;
    if (account !== undefined) state.addRefund(EXISTING_AUTHORITY_REFUND);
    state.setCode(authority, auth.address === 0n ? new Uint8Array(0) : delegationCode(auth.address));
    state.setNonce(authority, auth.nonce + 1n);
  }
}
