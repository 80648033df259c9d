/**
 * A node: the NodeContext, the method registry and the JSON-RPC protocol over them. The HTTP/WebSocket
 * server (src/cli/rpcServer.ts) and the in-process EIP-1193 provider (provider.ts) are transports over one.
 *
 *   const node = createNode({ chainId: 31337n });
 *   await node.request('eth_chainId');                    // '0x7a69'
 *   await node.protocol.handleText('{"jsonrpc":"2.0","id":1,"method":"eth_accounts"}');
 */
import { DevAccounts, TEST_MNEMONIC, DEFAULT_DERIVATION_PATH, deriveAccounts, type DevAccount } from './accounts.js';
import type { ChainBackend, MiningControl, NodeConfig, NodeContext } from './context.js';
import { ForkNode, type ForkHook } from './backend/forkNode.js';
import { NodeChain } from './backend/nodeChain.js';
import type { RpcCache } from '../state/backends/jsonRpc.js';
import { NodeEvents } from './events.js';
import { createRegistry } from './methods/index.js';
import { devChain } from './backend/dev.js';
import { JsonRpcProtocol } from './protocol.js';
import type { MethodRegistry } from './registry.js';
import { FilterManager, SubscriptionManager, type FilterOptions, type Session } from './subscriptions.js';

/** evmkit's version (kept equal to package.json's by a test). */
export const EVMKIT_VERSION = '0.1.0';

/** anvil's and Hardhat's default chain id. */
export const DEFAULT_CHAIN_ID = 31337n;

export interface NodeOptions {
  /** EIP-155 chain id (default 31337, as anvil and Hardhat). */
  readonly chainId?: bigint | number;
  /** net_version (default: the chain id). */
  readonly networkId?: bigint | number;
  /** BIP-39 phrase of the dev accounts (default: the test mnemonic anvil and Hardhat use). */
  readonly mnemonic?: string;
  /** Number of dev accounts (default 10). */
  readonly accounts?: number;
  /** Derivation path without the index (default m/44'/60'/0'/0/). */
  readonly derivationPath?: string;
  /** Ready-made dev accounts instead of deriving them (skips the mnemonic's PBKDF2). */
  readonly devAccounts?: readonly DevAccount[];
  readonly clientVersion?: string;
  /** Largest JSON-RPC batch answered (default 1,000). */
  readonly maxBatch?: number;
  readonly filters?: FilterOptions;
  /**
   * The chain: a NodeChain (src/rpc/backend), or 'dev' for a dev chain with the dev accounts funded (anvil's
   * defaults). None: only the methods that need no chain answer (createProvider defaults to 'dev').
   */
  readonly chain?: ChainBackend | 'dev';
  readonly mining?: MiningControl;
  /** A forked node's request layer (src/rpc/backend/forkNode.ts's ForkNode; `chain` is its chain). */
  readonly forkNode?: ForkHook;
  /** Dev chain: wei per dev account (default 10,000 ETH). */
  readonly balance?: bigint;
  /** Dev chain: mine each transaction at once (default true). */
  readonly automine?: boolean;
  /** Dev chain: interval mining period in ms. */
  readonly intervalMs?: number;
  /** Dev chain: the fork (a test network name, default DEV_FORK: Osaka with BPO2's blob parameters). */
  readonly fork?: string;
  /** Errors that were not RpcErrors (bugs), for logging; the client gets -32603. */
  readonly onInternalError?: (method: string, error: unknown) => void;
}

export interface RpcNode {
  readonly ctx: NodeContext;
  readonly registry: MethodRegistry;
  readonly protocol: JsonRpcProtocol;
  /** Calls a method directly: the result, or a thrown JsonRpcError. */
  request(method: string, params?: unknown, session?: Session): Promise<unknown>;
}

export function createNode(options: NodeOptions = {}): RpcNode {
  const chainId = BigInt(options.chainId ?? DEFAULT_CHAIN_ID);
  const config: NodeConfig = {
    chainId,
    networkId: BigInt(options.networkId ?? chainId),
    clientVersion: options.clientVersion ?? `evmkit/v${EVMKIT_VERSION}`,
  };
  const devAccounts =
    options.devAccounts ??
    deriveAccounts(options.mnemonic ?? TEST_MNEMONIC, options.accounts ?? 10, options.derivationPath ?? DEFAULT_DERIVATION_PATH);
  const chain: ChainBackend | undefined =
    options.chain === 'dev'
      ? devChain({
          chainId,
          accounts: devAccounts.map((a) => a.address),
          ...(options.balance === undefined ? {} : { balance: options.balance }),
          ...(options.automine === undefined ? {} : { automine: options.automine }),
          ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
          ...(options.fork === undefined ? {} : { fork: options.fork }),
        })
      : options.chain;
  const events = new NodeEvents();
  events.on('chainId', (id) => {
    config.chainId = id;
  });
  const ctx: NodeContext = {
    config,
    accounts: new DevAccounts(devAccounts),
    events,
    subscriptions: new SubscriptionManager(events),
    filters: new FilterManager(events, options.filters),
    ...(chain === undefined ? {} : { chain }),
    ...(options.forkNode === undefined ? {} : { fork: options.forkNode }),
    ...(options.mining === undefined ? (chain === undefined ? {} : { mining: chain }) : { mining: options.mining }),
  };
  chain?.attach(events);
  const registry = createRegistry();
  const protocol = new JsonRpcProtocol(registry, ctx, {
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
    ...(options.onInternalError === undefined ? {} : { onInternalError: options.onInternalError }),
  });
  return {
    ctx,
    registry,
    protocol,
    request: (method, params, session) => registry.invoke(method, params, ctx, session),
  };
}

export interface ForkedNodeOptions extends Omit<NodeOptions, 'chain' | 'forkNode' | 'mining'> {
  /** The remote's JSON-RPC URL (http or https). */
  readonly forkUrl: string;
  /** The pinned block (default: the remote's latest at start). */
  readonly forkBlockNumber?: bigint;
  /** The persistent answer store for a remote URL (src/cli/rpcDiskCache.ts's FileRpcCache on disk; none: memory only). */
  readonly forkCache?: (url: string) => RpcCache | undefined;
  /** Per HTTP request to the remote, in milliseconds (default 30,000). */
  readonly forkTimeoutMs?: number;
}

/**
 * A node forked from a remote chain at a block (anvil's and Hardhat's fork mode; src/rpc/backend/fork.ts and
 * forkNode.ts): rejects with an RpcError naming the URL when the remote cannot be reached.
 *
 *   const node = await createForkedNode({ forkUrl: 'http://127.0.0.1:8545', forkBlockNumber: 20n });
 *   const provider = createProvider({ node });
 */
export async function createForkedNode(options: ForkedNodeOptions): Promise<RpcNode & { readonly fork: ForkNode }> {
  const devAccounts =
    options.devAccounts ??
    deriveAccounts(options.mnemonic ?? TEST_MNEMONIC, options.accounts ?? 10, options.derivationPath ?? DEFAULT_DERIVATION_PATH);
  const fork = await ForkNode.create(
    { url: options.forkUrl, ...(options.forkBlockNumber === undefined ? {} : { blockNumber: options.forkBlockNumber }) },
    {
      accounts: devAccounts.map((a) => a.address),
      ...(options.chainId === undefined ? {} : { chainId: BigInt(options.chainId) }),
      ...(options.balance === undefined ? {} : { balance: options.balance }),
      ...(options.fork === undefined ? {} : { fork: options.fork }),
      ...(options.forkCache === undefined ? {} : { cacheFor: options.forkCache }),
      ...(options.forkTimeoutMs === undefined ? {} : { timeoutMs: options.forkTimeoutMs }),
    },
    (co) =>
      new NodeChain({
        ...co,
        ...(options.automine === undefined ? {} : { automine: options.automine }),
        ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
      }),
  );
  const node = createNode({ ...options, devAccounts, chainId: fork.chain.config.chainId, chain: fork.chain, forkNode: fork });
  return Object.assign(node, { fork });
}
