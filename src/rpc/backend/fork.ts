/**
 * A forked node's chain (`evmkit node --fork-url URL [--fork-block-number N]`, anvil's and Hardhat's fork
 * mode): the chain starts from the remote's pinned block, which is its genesis (number, hash, timestamp,
 * base fee, gas limit of the remote block: the first local block's parent); state is read lazily from the
 * remote at that block through the library's JSON-RPC backend (src/state/backends/jsonRpc.ts: batched,
 * memoized, with the optional disk cache) and the ForkCache over it (src/state/backends/forkCache.ts); the
 * dev accounts are funded on top (their remote nonce and code kept, as anvil does).
 *
 * The fork's rules: `--hardfork` when given, else the fork the remote's chain runs at the pinned block when
 * evmkit knows the chain (mainnet, sepolia, hoodi: src/spec/schedule.ts), else the dev chain's (DEV_FORK).
 */
import { JsonRpcBackend, RpcError, type RpcCache } from '../../state/backends/jsonRpc.js';
import { ForkCache } from '../../state/backends/forkCache.js';
import { networkConfig, rulesAt, type ChainConfig } from '../../chain/config.js';
import type { Header } from '../../chain/header.js';
import { forkAt, KNOWN_CHAIN_IDS } from '../../spec/schedule.js';
import { forkName } from '../../spec/fork.js';
import { hexToBytes, parseQuantity, toQuantity } from '../../primitives/hex.js';
import { parseAddress, type Address } from '../../primitives/address.js';
import type { GenesisAccount } from '../../state/env.js';
import { BEACON_ROOTS_ADDRESS, HISTORY_STORAGE_ADDRESS } from '../../transition/blockSystem.js';
import { DEV_BALANCE, DEV_FORK } from './dev.js';
import { systemContractAlloc } from './systemContracts.js';
import type { NodeChainOptions } from './nodeChain.js';

export interface ForkTarget {
  /** The remote's JSON-RPC URL (http or https). */
  readonly url: string;
  /** The pinned block (default: the remote's latest at connect). */
  readonly blockNumber?: bigint;
}

export interface ForkConnectOptions extends ForkTarget {
  /** Persistent answer store (src/cli/rpcDiskCache.ts keeps one on disk). */
  readonly cache?: RpcCache;
  /** Per HTTP request, in milliseconds (default 30,000). */
  readonly timeoutMs?: number;
}

/** A connection to the remote at the pinned block. */
export interface ForkSource {
  readonly url: string;
  readonly backend: JsonRpcBackend;
  readonly cache: ForkCache;
  readonly number: bigint;
  readonly hash: Uint8Array;
  readonly chainId: bigint;
  /** The pinned block's header (its hash is `hash`). */
  readonly header: Header;
}

/** Connects to the remote: its chain id and the pinned block. RpcError when it cannot be reached or answers nonsense. */
export async function connectFork(o: ForkConnectOptions): Promise<ForkSource> {
  const backend = await JsonRpcBackend.connect({
    url: o.url,
    block: o.blockNumber ?? 'latest',
    ...(o.cache === undefined ? {} : { cache: o.cache }),
    ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
  });
  const raw = await backend.call('eth_getBlockByNumber', [toQuantity(backend.blockNumber), false]);
  const { header, hash } = remoteHeader(raw, o.url, backend.blockNumber);
  return {
    url: o.url,
    backend,
    cache: new ForkCache(backend, backend.blockNumber),
    number: backend.blockNumber,
    hash,
    chainId: backend.chainId,
    header,
  };
}

/** The remote block's header as the chain holds it (each field as the remote gave it), and its hash. */
function remoteHeader(raw: unknown, url: string, n: bigint): { header: Header; hash: Uint8Array } {
  if (raw === null || typeof raw !== 'object') throw new RpcError(`${url}: block ${n} not found`);
  const o = raw as Record<string, unknown>;
  const fail = (k: string, e: unknown): never => {
    throw new RpcError(`${url}: block ${n}: ${k}: malformed: ${e instanceof Error ? e.message : String(e)}`);
  };
  const bytes = (k: string): Uint8Array => {
    try {
      return hexToBytes(String(o[k]), k);
    } catch (e) {
      return fail(k, e);
    }
  };
  const qty = (k: string): bigint => {
    try {
      return parseQuantity(String(o[k]), k);
    } catch (e) {
      return fail(k, e);
    }
  };
  const has = (k: string): boolean => o[k] !== undefined && o[k] !== null;
  let coinbase: Address;
  try {
    coinbase = parseAddress(String(o.miner), 'miner');
  } catch (e) {
    return fail('miner', e);
  }
  const header: Header = {
    parentHash: bytes('parentHash'),
    ommersHash: bytes('sha3Uncles'),
    coinbase,
    stateRoot: bytes('stateRoot'),
    transactionsRoot: bytes('transactionsRoot'),
    receiptsRoot: bytes('receiptsRoot'),
    logsBloom: bytes('logsBloom'),
    difficulty: has('difficulty') ? qty('difficulty') : 0n,
    number: qty('number'),
    gasLimit: qty('gasLimit'),
    gasUsed: qty('gasUsed'),
    timestamp: qty('timestamp'),
    extraData: bytes('extraData'),
    mixHash: has('mixHash') ? bytes('mixHash') : new Uint8Array(32),
    nonce: has('nonce') ? bytes('nonce') : new Uint8Array(8),
    ...(has('baseFeePerGas') ? { baseFeePerGas: qty('baseFeePerGas') } : {}),
    ...(has('withdrawalsRoot') ? { withdrawalsRoot: bytes('withdrawalsRoot') } : {}),
    ...(has('blobGasUsed') ? { blobGasUsed: qty('blobGasUsed') } : {}),
    ...(has('excessBlobGas') ? { excessBlobGas: qty('excessBlobGas') } : {}),
    ...(has('parentBeaconBlockRoot') ? { parentBeaconBlockRoot: bytes('parentBeaconBlockRoot') } : {}),
    ...(has('requestsHash') ? { requestsHash: bytes('requestsHash') } : {}),
  };
  return { header, hash: bytes('hash') };
}

/**
 * The fork's rules: `fork` when given (`evmkit node --hardfork`), else the remote chain's fork at the pinned
 * block when evmkit knows the chain, else the dev chain's (DEV_FORK).
 */
export function forkConfig(source: ForkSource, chainId: bigint, fork?: string): ChainConfig {
  const name =
    fork ??
    (KNOWN_CHAIN_IDS.includes(source.chainId) ? forkName(forkAt(source.chainId, source.number, source.header.timestamp)) : DEV_FORK);
  return networkConfig(name, { chainId });
}

export interface ForkChainOptions {
  /** The node's chain id (default: the remote's). */
  readonly chainId?: bigint;
  /** The dev accounts funded on top of the remote state. */
  readonly accounts: readonly Address[];
  /** Wei per dev account (default 10,000 ETH). */
  readonly balance?: bigint;
  /** The rules (default: see forkConfig). */
  readonly fork?: string;
}

/**
 * The NodeChain options of a fork: the pinned block as genesis, the dev accounts funded (their remote nonce
 * and code kept), and the system contracts the rules need where the remote has no code there (as a dev
 * chain gets them; a block could not be built without them).
 */
export async function forkChainOptions(
  source: ForkSource,
  o: ForkChainOptions,
): Promise<Pick<NodeChainOptions, 'config' | 'alloc' | 'genesis' | 'fork'>> {
  const config = forkConfig(source, o.chainId ?? source.chainId, o.fork);
  const rules = rulesAt(config, source.number + 1n, source.header.timestamp + 1n, 0n);
  const system = systemContractAlloc();
  // Everything a first block touches: the dev accounts, the system contracts, the coinbase (0x0).
  await source.cache.ensure([...o.accounts, ...system.map(([a]) => a), 0n]);
  const alloc = new Map<Address, GenesisAccount>();
  for (const a of o.accounts) {
    const d = source.cache.account(a);
    alloc.set(a, { balance: o.balance ?? DEV_BALANCE, nonce: d?.nonce ?? 0n, code: d?.code ?? new Uint8Array(0), storage: new Map() });
  }
  for (const [a, acct] of system) {
    const needed = a === BEACON_ROOTS_ADDRESS ? rules.eip4788 : rules.eip7685 || (a === HISTORY_STORAGE_ADDRESS && rules.eip2935);
    const remote = source.cache.account(a);
    if (needed && !alloc.has(a) && (remote === null || remote === undefined || remote.code.length === 0)) alloc.set(a, acct);
  }
  return { config, alloc, genesis: source.header, fork: { cache: source.cache, hash: source.hash } };
}
