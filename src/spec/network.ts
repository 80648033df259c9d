/**
 * Test networks by name (the `network` of blockchain tests, t8n's `--state.fork`): a fork, whose
 * predecessors and itself are all active from genesis, or a transition from one fork to another at a
 * block, a timestamp or a total difficulty (go-ethereum tests/init.go `Forks`, execution-spec-tests
 * transition forks):
 *
 *   Cancun                          every fork up to Cancun at genesis
 *   FrontierToHomesteadAt5          Homestead (and the forks between) from block 5
 *   ShanghaiToCancunAtTime15k       Cancun from timestamp 15,000
 *   ArrowGlacierToParisAtDiffC0000  the Merge once the total difficulty reaches 0xC0000
 *   HomesteadToDaoAt5               Homestead, and the DAO hard fork (an irregular state change) at block 5
 *
 * Forks activate by block number up to Gray Glacier, the Merge by total difficulty (0 when the network
 * starts merged), and Shanghai and later by timestamp.
 */
import { Fork, FORK_COUNT, forkFromName, forkName } from './fork.js';
import type { ForkActivation, ForkSchedule } from './rules.js';

export interface Network {
  /** The name as given. */
  readonly name: string;
  readonly schedule: ForkSchedule;
  /** The DAO hard-fork block (go-ethereum `daoForkBlock` with `daoForkSupport`), for HomesteadToDaoAt5. */
  readonly daoForkBlock?: bigint;
  /** The last fork the network reaches (the target of a transition). */
  readonly lastFork: Fork;
}

/** How fork `f` activates when it is at genesis. */
function atGenesis(f: Fork): ForkActivation {
  if (f < Fork.Paris) return { block: 0n };
  if (f === Fork.Paris) return { ttd: 0n };
  return { time: 0n };
}

/** The activation `at` (a block, time or difficulty) given to fork `f` in a transition name. */
function activation(f: Fork, kind: 'block' | 'time' | 'ttd', value: bigint): ForkActivation | undefined {
  // A fork that activates by timestamp cannot take a block number, and the other way round.
  if (kind === 'time') return f > Fork.Paris ? { time: value } : undefined;
  if (kind === 'ttd') return f === Fork.Paris || f < Fork.Paris ? { ttd: value } : undefined;
  return f < Fork.Paris ? { block: value } : undefined;
}

/** Forks up to and including `f`, all at genesis. */
function upTo(f: Fork): Partial<Record<Fork, ForkActivation>> {
  const s: Partial<Record<Fork, ForkActivation>> = {};
  for (let g = 0; g <= f; g++) s[g as Fork] = atGenesis(g as Fork);
  return s;
}

const TRANSITION = /^(\w+?)To(\w+?)At(Time|Diff)?([0-9A-Fa-f]+)(k?)$/;

function parseAmount(kind: string | undefined, digits: string, k: string): bigint | undefined {
  if (kind === 'Diff') return /^[0-9A-Fa-f]+$/.test(digits) ? BigInt('0x' + digits) : undefined;
  if (!/^[0-9]+$/.test(digits)) return undefined;
  return BigInt(digits) * (k === 'k' ? 1000n : 1n);
}

/** The network of a name (case-insensitive fork names and aliases), or undefined when not recognised. */
export function parseNetwork(name: string): Network | undefined {
  const plain = forkFromName(name);
  if (plain !== undefined) return Object.freeze({ name, schedule: Object.freeze(upTo(plain)), lastFork: plain });
  const m = TRANSITION.exec(name);
  if (m === null) return undefined;
  const [, fromName = '', toName = '', kindName, digits = '', k = ''] = m;
  const from = forkFromName(fromName);
  const value = parseAmount(kindName, digits, k);
  if (from === undefined || value === undefined) return undefined;
  const kind = kindName === 'Time' ? 'time' : kindName === 'Diff' ? 'ttd' : 'block';
  if (toName.toLowerCase() === 'dao') {
    if (kind !== 'block') return undefined;
    return Object.freeze({ name, schedule: Object.freeze(upTo(from)), daoForkBlock: value, lastFork: from });
  }
  const to = forkFromName(toName);
  if (to === undefined || to <= from) return undefined;
  const schedule = upTo(from);
  for (let g = from + 1; g <= to; g++) {
    const a = activation(g as Fork, kind, value);
    if (a === undefined) return undefined;
    schedule[g as Fork] = a;
  }
  return Object.freeze({ name, schedule: Object.freeze(schedule), lastFork: to });
}

/** The canonical display names of the forks a network passes through, for tables and reports. */
export function networkForks(n: Network): string[] {
  const out: string[] = [];
  for (let f = 0; f < FORK_COUNT; f++) if (n.schedule[f as Fork] !== undefined) out.push(forkName(f as Fork));
  return out;
}
