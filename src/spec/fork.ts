/**
 * The forks, in activation order. A fork is a name and the ordered list of EIPs it activates (./eips.ts,
 * FORK_EIPS); its Rules and opcode table are folded from those lists (./rules.ts, src/machine/table.ts).
 *
 * `Fork` is a runtime object (plain JavaScript can import it) whose values are ordered integers, with a
 * union type of the same name. Code outside src/spec/ never compares forks: it reads Rules flags.
 */
export const Fork = {
  Frontier: 0,
  Homestead: 1,
  /** EIP-150. */
  TangerineWhistle: 2,
  /** EIP-155/158/160/161/170. */
  SpuriousDragon: 3,
  Byzantium: 4,
  Constantinople: 5,
  /** ConstantinopleFix: Constantinople without EIP-1283 (EIP-1716). */
  Petersburg: 6,
  Istanbul: 7,
  /** EIP-2384: difficulty bomb delay only. */
  MuirGlacier: 8,
  Berlin: 9,
  London: 10,
  /** EIP-4345: difficulty bomb delay only. */
  ArrowGlacier: 11,
  /** EIP-5133: difficulty bomb delay only. */
  GrayGlacier: 12,
  /** The Merge. */
  Paris: 13,
  Shanghai: 14,
  Cancun: 15,
  Prague: 16,
  Osaka: 17,
  /** EIP-7892 blob-parameter-only forks: the blob target, maximum and base-fee update fraction change. */
  BPO1: 18,
  BPO2: 19,
  BPO3: 20,
  BPO4: 21,
  BPO5: 22,
} as const;
export type Fork = (typeof Fork)[keyof typeof Fork];

export const FORK_COUNT = 23;

/** Canonical display names (as execution-spec-tests and go-ethereum's `evm statetest` print them). */
export const FORK_NAMES: readonly string[] = Object.freeze([
  'Frontier',
  'Homestead',
  'EIP150',
  'EIP158',
  'Byzantium',
  'Constantinople',
  'ConstantinopleFix',
  'Istanbul',
  'MuirGlacier',
  'Berlin',
  'London',
  'ArrowGlacier',
  'GrayGlacier',
  'Paris',
  'Shanghai',
  'Cancun',
  'Prague',
  'Osaka',
  'BPO1',
  'BPO2',
  'BPO3',
  'BPO4',
  'BPO5',
]);

/**
 * The fork mainnet runs today (Osaka, with the blob parameters of BPO2 since 2026-01-07): what evmkit runs
 * wherever it picks a fork (library and command line alike).
 */
export const DEFAULT_FORK: Fork = Fork.BPO2;

/**
 * The names a fork can be given by (the canonical ones and their aliases). Matched case-insensitively at
 * run time; in TypeScript, a misspelt name ('Cancum') does not type-check.
 */
export type ForkName =
  | 'Frontier'
  | 'Homestead'
  | 'EIP150'
  | 'TangerineWhistle'
  | 'EIP158'
  | 'SpuriousDragon'
  | 'Byzantium'
  | 'Constantinople'
  | 'ConstantinopleFix'
  | 'Petersburg'
  | 'Istanbul'
  | 'MuirGlacier'
  | 'Berlin'
  | 'London'
  | 'ArrowGlacier'
  | 'GrayGlacier'
  | 'Paris'
  | 'Merge'
  | 'Shanghai'
  | 'Cancun'
  | 'Prague'
  | 'Osaka'
  | 'BPO1'
  | 'BPO2'
  | 'BPO3'
  | 'BPO4'
  | 'BPO5';

/** A fork as every public entry takes it: the Fork value or one of its names. */
export type ForkLike = Fork | ForkName;

/** Every name a fixture or a user may use for a fork (matched case-insensitively). */
const ALIASES: Readonly<Record<string, Fork>> = {
  frontier: Fork.Frontier,
  homestead: Fork.Homestead,
  eip150: Fork.TangerineWhistle,
  tangerinewhistle: Fork.TangerineWhistle,
  eip158: Fork.SpuriousDragon,
  spuriousdragon: Fork.SpuriousDragon,
  byzantium: Fork.Byzantium,
  constantinople: Fork.Constantinople,
  constantinoplefix: Fork.Petersburg,
  petersburg: Fork.Petersburg,
  istanbul: Fork.Istanbul,
  muirglacier: Fork.MuirGlacier,
  berlin: Fork.Berlin,
  london: Fork.London,
  arrowglacier: Fork.ArrowGlacier,
  grayglacier: Fork.GrayGlacier,
  paris: Fork.Paris,
  merge: Fork.Paris,
  shanghai: Fork.Shanghai,
  cancun: Fork.Cancun,
  prague: Fork.Prague,
  osaka: Fork.Osaka,
  bpo1: Fork.BPO1,
  bpo2: Fork.BPO2,
  bpo3: Fork.BPO3,
  bpo4: Fork.BPO4,
  bpo5: Fork.BPO5,
};

/** Fork for a name, or undefined when the name is not a fork evmkit knows. */
export function forkFromName(name: string): Fork | undefined {
  return Object.hasOwn(ALIASES, name.toLowerCase()) ? ALIASES[name.toLowerCase()] : undefined;
}

/** The canonical name of a fork. */
export function forkName(fork: Fork): string {
  const n = FORK_NAMES[fork];
  if (n === undefined) throw new RangeError(`fork: ${String(fork)} is not a fork (0..${FORK_COUNT - 1})`);
  return n;
}

/** Whether `v` is a Fork value. */
function isFork(v: unknown): v is Fork {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < FORK_COUNT;
}

/**
 * A fork given by value or by name, checked: throws a RangeError naming the value and the known names
 * (`where` says which input it was, e.g. 'createEVM: fork').
 */
export function parseFork(fork: ForkLike | string, where = 'fork'): Fork {
  if (isFork(fork)) return fork;
  if (typeof fork === 'string') {
    const f = forkFromName(fork);
    if (f !== undefined) return f;
  }
  const shown = typeof fork === 'string' ? JSON.stringify(fork) : typeof fork === 'bigint' ? `${fork}n` : String(fork);
  const err = typeof fork === 'string' || typeof fork === 'number' ? RangeError : TypeError;
  throw new err(`${where}: unknown fork ${shown}; known: ${FORK_NAMES.join(', ')} (or a Fork value 0..${FORK_COUNT - 1})`);
}
