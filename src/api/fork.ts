/**
 * An EVM over a JSON-RPC fork: state, code, storage and block hashes are read lazily from the node at
 * the pinned block; the block context and chain id come from that block, and so does the fork when none is
 * given (the chain's schedule at the block's number and timestamp: src/spec/schedule.ts; a chain evmkit
 * does not know runs DEFAULT_FORK).
 *
 *   const evm = await createForkedEVM({ url: 'http://127.0.0.1:8545', blockNumber: 19_000_000n });
 *   const r = await evm.callAsync({ to: '0x...', data: '0x70a08231...' });
 */
import { JsonRpcBackend, type RpcCache } from '../state/backends/jsonRpc.js';
import { EVM, type EVMOptions } from './evm.js';
import { forkAt } from '../spec/schedule.js';
import { describe, checkCount, U64_MAX } from '../primitives/check.js';
import type { ForkLike } from '../spec/fork.js';

export interface ForkOptions extends Omit<EVMOptions, 'backend' | 'chainId'> {
  readonly url: string;
  /** The pinned block. Default 'latest' (resolved once). */
  readonly blockNumber?: bigint | number | 'latest';
  /** Persistent answer store (src/cli/rpcDiskCache.ts has a file-backed one for Node). */
  readonly cache?: RpcCache;
  /** Default: the fork the chain runs at the pinned block (its schedule by chain id), else DEFAULT_FORK. */
  readonly fork?: ForkLike;
  readonly timeoutMs?: number;
}

export async function createForkedEVM(opts: ForkOptions): Promise<EVM & { readonly backend: JsonRpcBackend }> {
  if (typeof opts !== 'object' || opts === null) throw new TypeError(`createForkedEVM: expected an options object, got ${describe(opts)}`);
  const b = opts.blockNumber;
  const block = b === undefined || b === 'latest' ? 'latest' : checkCount(b, 'createForkedEVM: blockNumber', U64_MAX);
  const backend = await JsonRpcBackend.connect({ url: opts.url, block, cache: opts.cache, timeoutMs: opts.timeoutMs });
  const env = backend.header.env;
  const fork = opts.fork ?? forkAt(backend.chainId, env.number, env.timestamp);
  const evm = new EVM({ ...opts, fork, chainId: backend.chainId, backend, block: { ...env, ...opts.block } });
  return Object.assign(evm, { backend });
}
