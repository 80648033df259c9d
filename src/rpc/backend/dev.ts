/**
 * Chains for a node: the dev chain (anvil's defaults: chain id 31337, the dev accounts funded with 10,000
 * ETH each, the system contracts of Cancun and Prague, a 30M gas limit, 1 gwei initial base fee, every fork through DEV_FORK active from genesis) and a
 * chain from a go-ethereum genesis.json (`evmkit node --init`).
 */
import { networkConfig, rulesAt } from '../../chain/config.js';
import { BEACON_ROOTS_ADDRESS, HISTORY_STORAGE_ADDRESS } from '../../transition/blockSystem.js';
import { parseGenesis } from '../../chain/genesis.js';
import type { Address } from '../../primitives/address.js';
import type { GenesisAccount } from '../../state/env.js';
import { NodeChain } from './nodeChain.js';
import { systemContractAlloc } from './systemContracts.js';

/** The dev chain's fork: what mainnet runs today (Osaka with BPO2's blob parameters, as `DEFAULT_FORK`). */
export const DEV_FORK = 'BPO2';
export const DEV_GAS_LIMIT = 30_000_000n;
export const DEV_BALANCE = 10_000n * 10n ** 18n;

export interface DevChainOptions {
  readonly chainId?: bigint;
  /** The funded accounts. */
  readonly accounts: readonly Address[];
  /** Wei per account (default 10,000 ETH). */
  readonly balance?: bigint;
  /** A test network name of src/spec/network.ts (default DEV_FORK). */
  readonly fork?: string;
  readonly gasLimit?: bigint;
  /** Genesis timestamp (default: now). */
  readonly timestamp?: bigint;
  readonly automine?: boolean;
  readonly intervalMs?: number;
}

export function devChain(o: DevChainOptions): NodeChain {
  const config = networkConfig(o.fork ?? DEV_FORK, { chainId: o.chainId ?? 31337n });
  const alloc = new Map<Address, GenesisAccount>(systemContractAlloc());
  for (const a of o.accounts) alloc.set(a, { balance: o.balance ?? DEV_BALANCE, nonce: 0n, code: new Uint8Array(0), storage: new Map() });
  return new NodeChain({
    config,
    alloc,
    genesis: {
      timestamp: o.timestamp ?? BigInt(Math.floor(Date.now() / 1000)),
      gasLimit: o.gasLimit ?? DEV_GAS_LIMIT,
      difficulty: 0n,
      mixHash: new Uint8Array(32),
    },
    ...(o.automine === undefined ? {} : { automine: o.automine }),
    ...(o.intervalMs === undefined ? {} : { intervalMs: o.intervalMs }),
  });
}

/**
 * A chain from a go-ethereum genesis.json (parsed JSON). A genesis whose first block is Cancun or Prague
 * but leaves out the system contracts gets them (as anvil and go-ethereum's dev mode have them): without
 * them no block could be mined (go-ethereum rejects a Prague block whose request contracts have no code).
 */
export function genesisChain(json: unknown, o: { automine?: boolean; intervalMs?: number } = {}): NodeChain {
  const parsed = parseGenesis(json);
  const rules = rulesAt(parsed.config, parsed.fields.number ?? 0n, parsed.fields.timestamp ?? 0n, 0n);
  const alloc = new Map(parsed.alloc);
  for (const [a, acct] of systemContractAlloc()) {
    const needed = a === BEACON_ROOTS_ADDRESS ? rules.eip4788 : rules.eip7685 || (a === HISTORY_STORAGE_ADDRESS && rules.eip2935);
    if (needed && !alloc.has(a)) alloc.set(a, acct);
  }
  const g = { ...parsed, alloc };
  const raw = (json as { config?: Record<string, unknown> }).config;
  return new NodeChain({
    ...(raw === undefined ? {} : { rawConfig: raw }),
    config: g.config,
    alloc: g.alloc,
    genesis: g.fields,
    ...(o.automine === undefined ? {} : { automine: o.automine }),
    ...(o.intervalMs === undefined ? {} : { intervalMs: o.intervalMs }),
  });
}
