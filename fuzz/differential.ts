/**
 * One differential check: the case in evmkit and in one or both peers (@ethereumjs/vm, EDR), compared
 * field by field. An exception thrown by any side is an outcome too ("crash"), so a crash is reported as
 * a divergence instead of ending the run.
 *
 * With EDR in the run, EDR goes first: it decides the block fields it cannot be told (fuzz/runEdr.ts), and
 * evmkit and ethereumjs then run that same, effective case. Compared: rejected, status, gas used, output
 * and logs between every pair; the state root between evmkit and ethereumjs; with EDR, the post-state of
 * every account the case can reach (balance, nonce, code hash, storage root) between every pair.
 */
import { Address, hexToBytes } from '@ethereumjs/util';
import type { MerkleStateManager } from '@ethereumjs/statemanager';
import { diffOutcomes, hexOf, SENDER_ADDRESS, type AccountView, type FuzzCase, type Outcome } from './case.js';
import { runEvmkitState } from './runEvmkit.js';
import { runEthereumjsState } from './runEthereumjs.js';
import { accountView, accountViewsEdr, runEdr, type EdrRun } from './runEdr.js';
import { CONTRACTS, OTHERS } from './generate.js';
import type { StateJournal } from '../src/state/journal.js';
import { storageRoot } from '../src/primitives/trie/index.js';
import { KECCAK_EMPTY } from '../src/primitives/crypto/keccak.js';

export type Oracle = 'ethereumjs' | 'edr' | 'both';
export const ORACLES: readonly Oracle[] = ['ethereumjs', 'edr', 'both'];

export interface Comparison {
  /** The case all sides ran (with EDR: the block fields EDR decided). */
  readonly case: FuzzCase;
  readonly evmkit: Outcome;
  readonly ethereumjs?: Outcome;
  readonly edr?: Outcome;
  /** evmkit vs ethereumjs (empty when ethereumjs was not run). */
  readonly fields: string[];
  /** evmkit vs EDR (empty when EDR was not run). */
  readonly fieldsEdr: string[];
  /** ethereumjs vs EDR (only in three-way runs). */
  readonly fieldsPeers: string[];
}

/**
 * The three-way class of a comparison: `agree`; `evmkit-alone` (the peers agree, evmkit differs: an
 * evmkit bug until shown otherwise); `ethereumjs-alone` / `edr-alone` (evmkit agrees with the other
 * peer); `all-differ`. With one peer: `agree` or `differs-from-<peer>`.
 */
export function classify(r: Comparison): string {
  const ej = r.ethereumjs !== undefined;
  const ed = r.edr !== undefined;
  const a = r.fields.length === 0;
  const b = r.fieldsEdr.length === 0;
  if (ej && ed) {
    if (a && b) return 'agree';
    if (!a && !b) return r.fieldsPeers.length === 0 ? 'evmkit-alone' : 'all-differ';
    return a ? 'edr-alone' : 'ethereumjs-alone';
  }
  if (ej) return a ? 'agree' : 'differs-from-ethereumjs';
  return b ? 'agree' : 'differs-from-edr';
}

export function crash(err: unknown): Outcome {
  const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { rejected: false, status: 'crash', gasUsed: '', output: '', logs: [], stateRoot: '', detail: msg.slice(0, 300) };
}

export function evmkitOutcome(c: FuzzCase): Outcome {
  try {
    return runEvmkitState(c).outcome;
  } catch (err) {
    return crash(err);
  }
}

/** evmkit's outcome with its per-account view (what is compared with a recorded EDR outcome). */
export function evmkitOutcomeWithView(c: FuzzCase): Outcome {
  try {
    const r = runEvmkitState(c);
    if (r.outcome.rejected) return r.outcome;
    return { ...r.outcome, state: accountViewsEvmkit(r.state, viewAddresses(c, r.state)) };
  } catch (err) {
    return crash(err);
  }
}

function addr(a: bigint): string {
  return '0x' + a.toString(16).padStart(40, '0');
}

/** The accounts a case can reach: its pre-state, what evmkit left, the coinbase, the generator's addresses. */
export function viewAddresses(c: FuzzCase, state: StateJournal | undefined): string[] {
  const set = new Set<string>();
  for (const a of c.pre) set.add(a.address.toLowerCase());
  if (state !== undefined) for (const a of state.accounts.keys()) set.add(addr(a));
  set.add(c.env.coinbase.toLowerCase());
  set.add(SENDER_ADDRESS);
  if (c.tx.to !== null) set.add(c.tx.to.toLowerCase());
  for (const a of [...CONTRACTS, ...OTHERS]) set.add(addr(a));
  for (const a of c.tx.authorizationList ?? []) set.add(a.address.toLowerCase());
  return [...set].sort();
}

export function accountViewsEvmkit(state: StateJournal, addresses: readonly string[]): AccountView[] {
  const out: AccountView[] = [];
  for (const a of addresses) {
    const acct = state.accounts.get(BigInt(a));
    if (acct === undefined) continue;
    const v = accountView(a, acct.balance, acct.nonce, hexOf(acct.codeHash ?? KECCAK_EMPTY), hexOf(storageRoot(acct.storage)));
    if (v !== undefined) out.push(v);
  }
  return out;
}

export async function accountViewsEthereumjs(sm: MerkleStateManager, addresses: readonly string[]): Promise<AccountView[]> {
  const out: AccountView[] = [];
  for (const a of addresses) {
    const acct = await sm.getAccount(new Address(hexToBytes(a as `0x${string}`)));
    if (acct === undefined) continue;
    const v = accountView(a, acct.balance, acct.nonce, hexOf(acct.codeHash), hexOf(acct.storageRoot));
    if (v !== undefined) out.push(v);
  }
  return out;
}

export async function compareCase(c0: FuzzCase, oracle: Oracle = 'ethereumjs'): Promise<Comparison> {
  const withEdr = oracle !== 'ethereumjs';
  const withEjs = oracle !== 'edr';
  let edrRun: EdrRun | undefined;
  let edr: Outcome | undefined;
  let c = c0;
  if (withEdr) {
    try {
      edrRun = await runEdr(c0);
      edr = edrRun.outcome;
      c = edrRun.effective;
    } catch (err) {
      edr = crash(err);
    }
  }
  // evmkit; with EDR, again after fetching the block hashes BLOCKHASH asked for.
  let evmkit: Outcome;
  let state: StateJournal | undefined;
  try {
    const missing = new Set<bigint>();
    let r = runEvmkitState(c, missing);
    if (missing.size > 0 && edrRun !== undefined) {
      for (const n of missing) await edrRun.fetchHash(n);
      r = runEvmkitState(c, undefined);
    }
    evmkit = r.outcome;
    state = r.state;
  } catch (err) {
    evmkit = crash(err);
  }
  let ethereumjs: Outcome | undefined;
  let sm: MerkleStateManager | undefined;
  if (withEjs) {
    try {
      const r = await runEthereumjsState(c, edrRun?.fetchHash);
      ethereumjs = r.outcome;
      sm = r.sm;
    } catch (err) {
      ethereumjs = crash(err);
    }
  }
  if (withEdr) {
    // Per-account views on the same addresses, for every side that ran.
    const addresses = viewAddresses(c, state);
    const viewOf = async (o: Outcome | undefined, f: () => AccountView[] | Promise<AccountView[]>): Promise<Outcome | undefined> => {
      if (o === undefined || o.rejected || o.status === 'crash') return o;
      try {
        return { ...o, state: await f() };
      } catch (err) {
        return crash(err);
      }
    };
    evmkit = (await viewOf(evmkit, () => accountViewsEvmkit(state!, addresses)))!;
    if (sm !== undefined) ethereumjs = await viewOf(ethereumjs, () => accountViewsEthereumjs(sm!, addresses));
    if (edrRun !== undefined) edr = await viewOf(edr, () => accountViewsEdr(edrRun!, addresses));
  }
  return {
    case: c,
    evmkit,
    ...(ethereumjs === undefined ? {} : { ethereumjs }),
    ...(edr === undefined ? {} : { edr }),
    fields: ethereumjs === undefined ? [] : diffOutcomes(evmkit, ethereumjs),
    fieldsEdr: edr === undefined ? [] : diffOutcomes(evmkit, edr),
    fieldsPeers: ethereumjs === undefined || edr === undefined ? [] : diffOutcomes(ethereumjs, edr),
  };
}
