/**
 * Random steps of the node-level differential: signed transactions of types 0, 1, 2 and 4 (creations from
 * the fuzzer's structured programs, calls with random calldata and value, transfers, EIP-7702 delegations),
 * empty blocks mined, snapshots taken and reverted, and eth_calls. Each step is drawn from the seed and
 * what the two nodes agreed on so far (the model), so a run is reproducible from its seed.
 */
import { getContractAddress, type Address, type Hex } from 'viem';
import { Rng } from '../rng.js';
import { initCode, program, type ProgramContext } from '../program.js';
import { hexOf } from '../case.js';
import { ADDRESSES, type NodeFork } from './genesis.js';

export type TxKind = 'legacy' | 'eip2930' | 'eip1559' | 'eip7702';

export interface TxStep {
  readonly kind: 'tx';
  readonly type: TxKind;
  readonly sender: number;
  readonly to: Address | null;
  readonly data: Hex;
  readonly value: bigint;
  readonly gas: bigint;
  /** Priority fee (types 2 and 4) or the amount over the base fee (types 0 and 1). */
  readonly tip: bigint;
  readonly accessList: readonly { address: Address; storageKeys: Hex[] }[];
  /** EIP-7702: authority key index, delegation target (the zero address clears), nonce offset from the authority's nonce. */
  readonly authorizations: readonly { authority: number; target: Address; nonceOffset: number }[];
}

export type Step =
  | TxStep
  | { readonly kind: 'mine'; readonly blocks: number }
  | { readonly kind: 'snapshot' }
  | { readonly kind: 'revert'; readonly index: number }
  | { readonly kind: 'call'; readonly from: Address; readonly to: Address; readonly data: Hex; readonly value: bigint }
  | { readonly kind: 'logs'; readonly fromBack: number };

/** What both nodes agree on after the last step. */
export interface Model {
  readonly fork: NodeFork;
  /** Nonces of KEYS' addresses, as the nodes report them. */
  nonces: bigint[];
  contracts: Address[];
  snapshots: number;
  blockNumber: bigint;
}

export const OTHERS: readonly Address[] = [
  '0x000000000000000000000000000000000000beef',
  '0x0000000000000000000000000000000000c0ffee',
  '0x00000000000000000000000000000000000dead0',
];
/** Prague's precompiles 0x01..0x11, and Osaka's P256VERIFY (EIP-7951) at 0x100. */
const PRECOMPILES = (fork: NodeFork): bigint[] =>
  Array.from({ length: 0x11 }, (_, i) => BigInt(i + 1)).concat(fork === 'osaka' ? [0x100n] : []);

function programContext(m: Model): ProgramContext {
  const contracts = m.contracts.length > 0 ? m.contracts.map((a) => BigInt(a)) : [0x1000n];
  return {
    contracts,
    others: [...OTHERS, ...ADDRESSES].map((a) => BigInt(a)),
    precompiles: PRECOMPILES(m.fork),
    push0: true,
    cancun: true,
    osaka: m.fork === 'osaka',
    blockContext: false,
  };
}

function address(r: Rng, m: Model): Address {
  const k = r.int(10);
  if (k < 6 && m.contracts.length > 0) return r.pick(m.contracts);
  if (k < 8) return r.pick(OTHERS);
  return r.pick(ADDRESSES);
}

function txStep(r: Rng, m: Model): TxStep {
  const ctx = programContext(m);
  const k = r.int(10);
  const type: TxKind = r.pick(['legacy', 'eip2930', 'eip1559', 'eip1559', 'eip7702']);
  let to: Address | null;
  let data: Hex;
  let gas: bigint;
  if (k < 3 || m.contracts.length === 0) {
    to = type === 'eip7702' ? address(r, m) : null;
    const runtime = program(r, ctx, 0, r.range(1, 12));
    data = (to === null ? hexOf(initCode(r, ctx, runtime)) : hexOf(r.bytes(r.int(68)))) as Hex;
    gas = BigInt(r.chance(0.85) ? r.range(300_000, 3_000_000) : r.range(53_000, 200_000));
  } else {
    to = address(r, m);
    data = hexOf(r.bytes(r.chance(0.3) ? 0 : r.int(100))) as Hex;
    gas = BigInt(r.chance(0.85) ? r.range(100_000, 2_000_000) : r.range(21_000, 60_000));
  }
  const value = r.chance(0.7) ? 0n : r.chance(0.5) ? BigInt(r.int(1000)) : BigInt(r.int(1_000_000)) * 10n ** 12n;
  const tip = r.pick([0n, 1n, 1_000_000_000n, BigInt(r.int(3_000_000_000))]);
  const accessList =
    type !== 'legacy' && r.chance(0.3)
      ? [{ address: address(r, m), storageKeys: r.chance(0.5) ? [('0x' + BigInt(r.int(4)).toString(16).padStart(64, '0')) as Hex] : [] }]
      : [];
  const authorizations =
    type === 'eip7702'
      ? Array.from({ length: r.range(1, 2) }, () => ({
          authority: r.range(3, 5),
          target: r.chance(0.15) ? (('0x' + '00'.repeat(20)) as Address) : address(r, m),
          nonceOffset: r.chance(0.9) ? 0 : r.pick([1, -1]),
        }))
      : [];
  return { kind: 'tx', type, sender: r.int(3), to, data, value, gas, tip, accessList, authorizations };
}

/** The next step, from the seed's generator and the model. */
export function nextStep(r: Rng, m: Model): Step {
  const k = r.int(100);
  if (k < 70) return txStep(r, m);
  if (k < 78) return { kind: 'mine', blocks: r.range(1, 3) };
  if (k < 83) return { kind: 'snapshot' };
  if (k < 87 && m.snapshots > 0) return { kind: 'revert', index: r.int(m.snapshots) };
  if (k < 95 && m.contracts.length > 0)
    return { kind: 'call', from: r.pick(ADDRESSES), to: r.pick(m.contracts), data: hexOf(r.bytes(r.int(68))) as Hex, value: 0n };
  return { kind: 'logs', fromBack: r.int(5) };
}

/** The address a creation by `sender` at `nonce` deploys to. */
export function createdAddress(sender: number, nonce: bigint): Address {
  return getContractAddress({ from: ADDRESSES[sender]!, nonce });
}

export function describe(s: Step): string {
  return JSON.stringify(s, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}
