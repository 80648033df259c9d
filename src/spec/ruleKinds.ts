/** Enumerations inside Rules (./rules.ts): algorithms a fork picks, as runtime objects with union types. */

/** Which SSTORE gas/refund algorithm applies (evmone `instructions_storage.cpp` keeps one per fork). */
export const SstoreRule = {
  /** Frontier..Byzantium, Petersburg: 20000 set / 5000 reset, 15000 clear refund. */
  Legacy: 0,
  /** EIP-1283 (Constantinople only): net gas metering with dirty-slot costs of 200. */
  Eip1283: 1,
  /** EIP-2200 (Istanbul+): net gas metering with the 2300-gas sentry; EIP-2929/3529 change its numbers. */
  Eip2200: 2,
} as const;
export type SstoreRule = (typeof SstoreRule)[keyof typeof SstoreRule];

/** The proof-of-work difficulty formula (before the Merge). */
export const DifficultyRule = {
  /** Frontier: +-parent/2048 by a 13-second threshold. */
  Frontier: 0,
  /** EIP-2 (Homestead): max(1 - (timestamp - parent.timestamp) / 10, -99). */
  Homestead: 1,
  /** EIP-100 (Byzantium): the parent's ommers count in, with a 9-second step. */
  Byzantium: 2,
} as const;
export type DifficultyRule = (typeof DifficultyRule)[keyof typeof DifficultyRule];
