/**
 * The precompiles of each fork, folded from a list of EIP patches (like the opcode table): a patch puts a
 * precompile at an address from a fork on, replacing what an earlier patch put there (a repricing is a
 * new object at the same address). Built once per fork and cached; the maps are read-only.
 */
import { Fork, FORK_COUNT } from '../spec/fork.js';
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { ecrecover } from './01-ecrecover.js';
import { sha256 } from './02-sha256.js';
import { ripemd160 } from './03-ripemd160.js';
import { identity } from './04-identity.js';
import { modexpEip198, modexpEip2565, modexpEip7883 } from './05-modexp.js';
import { bn254AddByzantium, bn254AddIstanbul } from './06-bn254add.js';
import { bn254MulByzantium, bn254MulIstanbul } from './07-bn254mul.js';
import { bn254PairingByzantium, bn254PairingIstanbul } from './08-bn254pairing.js';
import { blake2f } from './09-blake2f.js';
import { pointEvaluation } from './0a-pointEvaluation.js';
import { bls12G1Add } from './0b-bls12G1Add.js';
import { bls12G1Msm } from './0c-bls12G1Msm.js';
import { bls12G2Add } from './0d-bls12G2Add.js';
import { bls12G2Msm } from './0e-bls12G2Msm.js';
import { bls12Pairing } from './0f-bls12Pairing.js';
import { bls12MapFpToG1 } from './10-bls12MapFpToG1.js';
import { bls12MapFp2ToG2 } from './11-bls12MapFp2ToG2.js';
import { p256verify } from './100-p256verify.js';

export interface PrecompilePatch {
  /** The first fork with this precompile at this address. */
  readonly since: Fork;
  readonly address: bigint;
  readonly precompile: Precompile;
  /** Where it is specified. */
  readonly eip: string;
}

/** Every precompile patch, in fork order. */
export const PRECOMPILE_PATCHES: readonly PrecompilePatch[] = [
  { since: Fork.Frontier, address: 0x01n, precompile: ecrecover, eip: 'Yellow Paper' },
  { since: Fork.Frontier, address: 0x02n, precompile: sha256, eip: 'Yellow Paper' },
  { since: Fork.Frontier, address: 0x03n, precompile: ripemd160, eip: 'Yellow Paper' },
  { since: Fork.Frontier, address: 0x04n, precompile: identity, eip: 'Yellow Paper' },
  { since: Fork.Byzantium, address: 0x05n, precompile: modexpEip198, eip: 'EIP-198' },
  { since: Fork.Byzantium, address: 0x06n, precompile: bn254AddByzantium, eip: 'EIP-196' },
  { since: Fork.Byzantium, address: 0x07n, precompile: bn254MulByzantium, eip: 'EIP-196' },
  { since: Fork.Byzantium, address: 0x08n, precompile: bn254PairingByzantium, eip: 'EIP-197' },
  // EIP-1108: alt_bn128 repricing (add 150, mul 6000, pairing 45000 + 34000 k).
  { since: Fork.Istanbul, address: 0x06n, precompile: bn254AddIstanbul, eip: 'EIP-1108' },
  { since: Fork.Istanbul, address: 0x07n, precompile: bn254MulIstanbul, eip: 'EIP-1108' },
  { since: Fork.Istanbul, address: 0x08n, precompile: bn254PairingIstanbul, eip: 'EIP-1108' },
  { since: Fork.Istanbul, address: 0x09n, precompile: blake2f, eip: 'EIP-152' },
  // EIP-2565: modexp repricing.
  { since: Fork.Berlin, address: 0x05n, precompile: modexpEip2565, eip: 'EIP-2565' },
  { since: Fork.Cancun, address: 0x0an, precompile: pointEvaluation, eip: 'EIP-4844' },
  // EIP-2537: BLS12-381 operations (final Prague addresses and prices; G1MUL/G2MUL are MSMs with k = 1).
  { since: Fork.Prague, address: 0x0bn, precompile: bls12G1Add, eip: 'EIP-2537' },
  { since: Fork.Prague, address: 0x0cn, precompile: bls12G1Msm, eip: 'EIP-2537' },
  { since: Fork.Prague, address: 0x0dn, precompile: bls12G2Add, eip: 'EIP-2537' },
  { since: Fork.Prague, address: 0x0en, precompile: bls12G2Msm, eip: 'EIP-2537' },
  { since: Fork.Prague, address: 0x0fn, precompile: bls12Pairing, eip: 'EIP-2537' },
  { since: Fork.Prague, address: 0x10n, precompile: bls12MapFpToG1, eip: 'EIP-2537' },
  { since: Fork.Prague, address: 0x11n, precompile: bls12MapFp2ToG2, eip: 'EIP-2537' },
  // EIP-7883 repricing and EIP-7823 input bounds.
  { since: Fork.Osaka, address: 0x05n, precompile: modexpEip7883, eip: 'EIP-7883, EIP-7823' },
  // EIP-7951: secp256r1 signature verification, 6900 gas.
  { since: Fork.Osaka, address: 0x100n, precompile: p256verify, eip: 'EIP-7951' },
];

const byFork: (ReadonlyMap<bigint, Precompile> | undefined)[] = new Array(FORK_COUNT);
const addressesByFork: (readonly bigint[] | undefined)[] = new Array(FORK_COUNT);

function build(fork: Fork): ReadonlyMap<bigint, Precompile> {
  const map = new Map<bigint, Precompile>();
  for (const patch of PRECOMPILE_PATCHES) if (patch.since <= fork) map.set(patch.address, patch.precompile);
  // Address order, whatever order the patches came in.
  return new Map([...map].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/** The precompiles active under these rules, by address. Built once per fork. */
export function precompilesFor(rules: Rules): ReadonlyMap<bigint, Precompile> {
  let map = byFork[rules.fork];
  if (map === undefined) byFork[rules.fork] = map = build(rules.fork);
  return map;
}

/** The precompile addresses active under these rules, ascending (warm from the start of a tx, EIP-2929). */
export function precompileAddresses(rules: Rules): bigint[] {
  let list = addressesByFork[rules.fork];
  if (list === undefined) addressesByFork[rules.fork] = list = Object.freeze([...precompilesFor(rules).keys()]);
  return list.slice();
}
