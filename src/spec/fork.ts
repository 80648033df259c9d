/**
 * The forks, in activation order. Ordered integers so that "fork >= Fork.Berlin" is a cheap compare
 * where a rule object is built; instruction bodies never compare forks (they read Rules or their table).
 */
export const enum Fork {
  Frontier = 0,
  Homestead = 1,
  TangerineWhistle = 2, // EIP-150
  SpuriousDragon = 3, // EIP-155/158/160/161/170
  Byzantium = 4,
  Constantinople = 5,
  Petersburg = 6, // ConstantinopleFix: Constantinople without EIP-1283
  Istanbul = 7,
  Berlin = 8,
  London = 9,
  Paris = 10, // the Merge
  Shanghai = 11,
  Cancun = 12,
  Prague = 13,
  Osaka = 14,
}

export const FORK_COUNT = 15;

/** Canonical display names (as execution-spec-tests and go-ethereum print them). */
export const FORK_NAMES: readonly string[] = [
  'Frontier',
  'Homestead',
  'EIP150',
  'EIP158',
  'Byzantium',
  'Constantinople',
  'ConstantinopleFix',
  'Istanbul',
  'Berlin',
  'London',
  'Paris',
  'Shanghai',
  'Cancun',
  'Prague',
  'Osaka',
];

/** Every name a fixture or a user may use for a fork (case-insensitive). */
const ALIASES: Record<string, Fork> = {
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
  muirglacier: Fork.Istanbul,
  berlin: Fork.Berlin,
  london: Fork.London,
  arrowglacier: Fork.London,
  grayglacier: Fork.London,
  paris: Fork.Paris,
  merge: Fork.Paris,
  shanghai: Fork.Shanghai,
  cancun: Fork.Cancun,
  prague: Fork.Prague,
  osaka: Fork.Osaka,
};

/** Fork for a name, or undefined when the name is not a fork evmkit knows. */
export function forkFromName(name: string): Fork | undefined {
  return ALIASES[name.toLowerCase()];
}

export function forkName(fork: Fork): string {
  return FORK_NAMES[fork]!;
}
