/**
 * The precompiles of a set of Rules, folded from rows keyed by EIP (like the opcode table): a row puts a
 * precompile at an address when its EIP is in force, replacing what an earlier row put there (a
 * repricing is a new object at the same address). Rows are in activation order. Built once per Rules
 * object and cached; the maps are read-only.
 */
import { resolveRules, type Rules } from '../spec/rules.js';
import type { ForkLike } from '../spec/fork.js';
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
  /** The EIP that puts this precompile at this address (0: the Yellow Paper's four). */
  readonly eip: number;
  readonly address: bigint;
  readonly precompile: Precompile;
}

/** Every precompile row, in activation order. */
export const PRECOMPILE_PATCHES: readonly PrecompilePatch[] = [
  { eip: 0, address: 0x01n, precompile: ecrecover },
  { eip: 0, address: 0x02n, precompile: sha256 },
  { eip: 0, address: 0x03n, precompile: ripemd160 },
  { eip: 0, address: 0x04n, precompile: identity },
  { eip: 196, address: 0x06n, precompile: bn254AddByzantium },
  { eip: 196, address: 0x07n, precompile: bn254MulByzantium },
  { eip: 197, address: 0x08n, precompile: bn254PairingByzantium },
  { eip: 198, address: 0x05n, precompile: modexpEip198 },
  { eip: 152, address: 0x09n, precompile: blake2f },
  // EIP-1108: alt_bn128 repricing (add 150, mul 6000, pairing 45000 + 34000 k).
  { eip: 1108, address: 0x06n, precompile: bn254AddIstanbul },
  { eip: 1108, address: 0x07n, precompile: bn254MulIstanbul },
  { eip: 1108, address: 0x08n, precompile: bn254PairingIstanbul },
  // EIP-2565: modexp repricing.
  { eip: 2565, address: 0x05n, precompile: modexpEip2565 },
  { eip: 4844, address: 0x0an, precompile: pointEvaluation },
  // EIP-2537: BLS12-381 operations (final Prague addresses and prices; G1MUL/G2MUL are MSMs with k = 1).
  { eip: 2537, address: 0x0bn, precompile: bls12G1Add },
  { eip: 2537, address: 0x0cn, precompile: bls12G1Msm },
  { eip: 2537, address: 0x0dn, precompile: bls12G2Add },
  { eip: 2537, address: 0x0en, precompile: bls12G2Msm },
  { eip: 2537, address: 0x0fn, precompile: bls12Pairing },
  { eip: 2537, address: 0x10n, precompile: bls12MapFpToG1 },
  { eip: 2537, address: 0x11n, precompile: bls12MapFp2ToG2 },
  // EIP-7883 repricing and EIP-7823 input bounds.
  { eip: 7883, address: 0x05n, precompile: modexpEip7883 },
  // EIP-7951: secp256r1 signature verification, 6900 gas.
  { eip: 7951, address: 0x100n, precompile: p256verify },
];

const BY_RULES = new WeakMap<Rules, ReadonlyMap<bigint, Precompile>>();
const ADDRESSES = new WeakMap<Rules, readonly bigint[]>();

function build(rules: Rules): ReadonlyMap<bigint, Precompile> {
  const map = new Map<bigint, Precompile>();
  for (const patch of PRECOMPILE_PATCHES) if (rules.eips.has(patch.eip)) map.set(patch.address, patch.precompile);
  // Address order, whatever order the rows came in.
  return new Map([...map].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/** The precompiles active under these rules (or a fork's, by Fork or name), by address. Built once per Rules object. */
export function precompilesFor(rules: Rules | ForkLike): ReadonlyMap<bigint, Precompile> {
  let map = typeof rules === 'object' ? BY_RULES.get(rules) : undefined;
  if (map === undefined) {
    const r = resolveRules(rules, 'precompilesFor: rules');
    map = BY_RULES.get(r);
    if (map === undefined) BY_RULES.set(r, (map = build(r)));
  }
  return map;
}

/** The precompile addresses active under these rules, ascending (warm from the start of a tx, EIP-2929). */
export function precompileAddresses(rules: Rules): bigint[] {
  let list = ADDRESSES.get(rules);
  if (list === undefined) ADDRESSES.set(rules, (list = Object.freeze([...precompilesFor(rules).keys()])));
  return list.slice();
}
