/**
 * Which evmkit forks the ethereumjs peer runs, and under which @ethereumjs/common hardfork name. Kept
 * apart from the peer itself so that choosing cases does not load ethereumjs (bench:rss measures evmkit
 * alone in its child process).
 */
import { Fork } from '../../src/spec/fork.js';

/** evmkit fork -> ethereumjs hardfork name; a fork missing here is one ethereumjs does not run. */
const HARDFORKS: Partial<Record<Fork, string>> = {
  [Fork.Frontier]: 'chainstart',
  [Fork.Homestead]: 'homestead',
  [Fork.TangerineWhistle]: 'tangerineWhistle',
  [Fork.SpuriousDragon]: 'spuriousDragon',
  [Fork.Byzantium]: 'byzantium',
  [Fork.Constantinople]: 'constantinople',
  [Fork.Petersburg]: 'petersburg',
  [Fork.Istanbul]: 'istanbul',
  [Fork.Berlin]: 'berlin',
  [Fork.London]: 'london',
  [Fork.Paris]: 'paris',
  [Fork.Shanghai]: 'shanghai',
  [Fork.Cancun]: 'cancun',
  [Fork.Prague]: 'prague',
  [Fork.Osaka]: 'osaka',
};

/** The ethereumjs hardfork for an evmkit fork, or undefined when the peer is not run on it here. */
export function ethereumjsHardfork(fork: Fork): string | undefined {
  return HARDFORKS[fork];
}
