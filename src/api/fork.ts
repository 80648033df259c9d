/**
 * An EVM over a JSON-RPC fork: state, code, storage and block hashes are read lazily from the node at
 * the pinned block; the block context and chain id come from that block.
 *
 *   const evm = await createForkedEVM({ url: 'http://127.0.0.1:8545', blockNumber: 19_000_000n });
 *   const r = await evm.callAsync({ to: '0x...', data: '0x70a08231...' });
 */
import { JsonRpcBackend, type RpcCache } from '../state/backends/jsonRpc.js';
import { EVM, type EVMOptions } from './evm.js';
import type { Fork } from '../spec/fork.js';

export interface ForkOptions extends Omit<EVMOptions, 'backend' | 'chainId'> {
  readonly url: string;
  /** The pinned block. Default 'latest' (resolved once). */
  readonly blockNumber?: bigint | 'latest';
  /** Persistent answer store (src/cli/rpcDiskCache.ts has a file-backed one for Node). */
  readonly cache?: RpcCache;
  readonly fork?: Fork | string;
  readonly timeoutMs?: number;
}

export async function createForkedEVM(opts: ForkOptions): Promise<EVM & { readonly backend: JsonRpcBackend }> {
  const backend = await JsonRpcBackend.connect({ url: opts.url, block: opts.blockNumber, cache: opts.cache, timeoutMs: opts.timeoutMs });
  const evm = new EVM({ ...opts, chainId: backend.chainId, backend, block: { ...backend.header.env, ...opts.block } });
  return Object.assign(evm, { backend });
}
