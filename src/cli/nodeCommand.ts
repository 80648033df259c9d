/**
 * `evmkit node`: a JSON-RPC node on HTTP and WebSocket (one port), with anvil's flag names, its startup
 * banner (accounts, keys, wallet, chain id, listening address) and a clean exit on SIGINT/SIGTERM.
 *
 * Every flag is parsed and checked (bad values are usage errors, exit 2). The chain is a dev chain (the
 * dev accounts funded) or the --init genesis with the --import blocks on it; automine by default,
 * --block-time interval mining, --no-mining keeps transactions pending; --load-state writes a dump's
 * accounts into the starting state and --dump-state writes the head's state on exit (anvil_dumpState's
 * JSON). --fork-url forks a remote chain at a block (src/rpc/backend/fork.ts and forkNode.ts), its answers
 * kept in a disk cache (./rpcDiskCache.ts) when the block is pinned and the remote is not on loopback.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { addr as ethAddr } from 'micro-eth-signer';
import { type CliIO, type Command, UsageError, parseCommandArgs } from './command.js';
import { startRpcServer, type RpcServer } from './rpcServer.js';
import { createForkedNode, createNode, DEFAULT_CHAIN_ID, EVMKIT_VERSION, type RpcNode } from '../rpc/node.js';
import { FileRpcCache } from './rpcDiskCache.js';
import { RpcError } from '../state/backends/jsonRpc.js';
import { DEV_FORK, genesisChain } from '../rpc/backend/dev.js';
import { FORK_NAMES, forkFromName, forkName } from '../spec/fork.js';
import { rulesFor } from '../spec/rules.js';
import type { NodeChain, StateDump } from '../rpc/backend/nodeChain.js';
import { DEFAULT_DERIVATION_PATH, TEST_MNEMONIC, deriveAccounts, isValidMnemonic, type DevAccount } from '../rpc/accounts.js';
import { addressToHex } from '../primitives/address.js';
import { bytesToHex } from '../primitives/hex.js';

const USAGE = `usage: evmkit node [flags]

A JSON-RPC node (HTTP and WebSocket on one port) with anvil's flags:
  --host IP                  address to listen on (default 127.0.0.1)
  -p, --port N               port (default 8545; 0 picks a free one)
  --chain-id N               EIP-155 chain id (default 31337)
  -a, --accounts N           number of dev accounts (default 10)
  --balance ETH              balance of each dev account in ether (default 10000)
  -m, --mnemonic PHRASE      BIP-39 phrase of the dev accounts (default: the anvil/Hardhat test mnemonic)
  --derivation-path PATH     BIP-32 path without the index (default m/44'/60'/0'/0/)
  -b, --block-time SECONDS   interval mining: a block every SECONDS
  --no-mining                no automine: blocks only on anvil_mine / evm_mine
  --hardfork NAME            the chain's fork, Paris or later (default: ${DEV_FORK}, what mainnet runs;
                             with --fork-url: the remote chain's fork at the fork block when known)
  -f, --fork-url URL         fork a chain over JSON-RPC: history up to the fork block from it, state read
                             lazily from it at that block, new blocks local (chain id: the remote's)
  --fork-block-number N      the block to fork at (default: its latest)
  --fork-cache-dir DIR       keep the remote's answers in DIR (default with --fork-block-number and a
                             remote not on loopback: $XDG_CACHE_HOME/evmkit/rpc or ~/.cache/evmkit/rpc)
  --no-storage-caching       keep no disk cache of the remote's answers
  --fork-timeout MS          per request to the remote (default 30000)
  --init FILE                start from a go-ethereum genesis.json
  --import FILE              import RLP-encoded blocks at start (the last becomes head, safe, finalized)
  --dump-state FILE          write the state to FILE on exit
  --load-state FILE          start from a state written by --dump-state
  -h, --help                 this text
`;

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  'chain-id': { type: 'string' },
  accounts: { type: 'string', short: 'a' },
  balance: { type: 'string' },
  mnemonic: { type: 'string', short: 'm' },
  'derivation-path': { type: 'string' },
  'block-time': { type: 'string', short: 'b' },
  'no-mining': { type: 'boolean' },
  hardfork: { type: 'string' },
  'fork-url': { type: 'string', short: 'f' },
  'fork-block-number': { type: 'string' },
  'fork-cache-dir': { type: 'string' },
  'no-storage-caching': { type: 'boolean' },
  'fork-timeout': { type: 'string' },
  init: { type: 'string' },
  import: { type: 'string' },
  'dump-state': { type: 'string' },
  'load-state': { type: 'string' },
} as const;

export interface NodeCommandOptions {
  readonly host: string;
  readonly port: number;
  readonly chainId: bigint;
  /** Whether --chain-id was given (a fork otherwise takes the remote's). */
  readonly chainIdSet?: boolean;
  readonly accounts: number;
  /** Wei. */
  readonly balance: bigint;
  readonly mnemonic: string;
  readonly derivationPath: string;
  readonly blockTimeSeconds?: number;
  readonly noMining: boolean;
  /** The dev chain's fork (a fork name of src/spec/fork.ts, Paris or later). */
  readonly hardfork?: string;
  readonly forkUrl?: string;
  readonly forkBlockNumber?: bigint;
  /** The remote's answers on disk here (none: memory only). */
  readonly forkCacheDir?: string;
  readonly forkTimeoutMs?: number;
  readonly init?: string;
  /** The --init genesis, parsed. */
  readonly genesis?: Genesis;
  readonly importFile?: string;
  readonly dumpState?: string;
  readonly loadState?: string;
}

interface Genesis {
  readonly config?: { readonly chainId?: number | string };
  readonly alloc?: Record<string, { readonly balance?: string }>;
}

const MAX_ACCOUNTS = 10_000;
const WEI_PER_ETH = 10n ** 18n;

function integer(flag: string, v: string, min: bigint, max: bigint): bigint {
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) throw new UsageError(`--${flag}: not a whole number: ${JSON.stringify(v)}`);
  const n = BigInt(v);
  if (n < min || n > max) throw new UsageError(`--${flag}: ${v} is out of range [${min}, ${max}]`);
  return n;
}

/** "10000", "1.5", "0.000000000000000001" ether -> wei. */
export function parseEther(flag: string, v: string): bigint {
  const m = /^([0-9]+)(?:\.([0-9]{1,18}))?$/.exec(v);
  if (m === null) throw new UsageError(`--${flag}: not an amount of ether (at most 18 decimals): ${JSON.stringify(v)}`);
  return BigInt(m[1]!) * WEI_PER_ETH + BigInt((m[2] ?? '').padEnd(18, '0'));
}

function existingFile(flag: string, path: string): string {
  const p = resolve(path);
  if (!existsSync(p) || !statSync(p).isFile()) throw new UsageError(`--${flag}: no such file: ${path}`);
  return p;
}

function readGenesis(path: string): Genesis {
  let g: unknown;
  try {
    g = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--init: ${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (g === null || typeof g !== 'object' || Array.isArray(g)) throw new UsageError(`--init: ${path} is not a genesis object`);
  const cid = (g as Genesis).config?.chainId;
  if (
    cid !== undefined &&
    !(typeof cid === 'number' ? Number.isSafeInteger(cid) && cid > 0 : /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(String(cid)))
  ) {
    throw new UsageError(`--init: ${path}: config.chainId is not a positive integer`);
  }
  return g as Genesis;
}

/** Parses and checks `evmkit node`'s flags; UsageError (exit 2) on anything wrong. */
export function parseNodeArgs(args: readonly string[]): NodeCommandOptions {
  const { values: v, positionals } = parseCommandArgs(args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const host = v.host ?? '127.0.0.1';
  if (host.length === 0) throw new UsageError('--host: empty');
  const port = Number(integer('port', v.port ?? '8545', 0n, 65535n));
  const accounts = Number(integer('accounts', v.accounts ?? '10', 0n, BigInt(MAX_ACCOUNTS)));
  const balance = parseEther('balance', v.balance ?? '10000');
  const mnemonic = (v.mnemonic ?? TEST_MNEMONIC).trim().split(/\s+/).join(' ');
  if (!isValidMnemonic(mnemonic)) throw new UsageError('--mnemonic: not a valid BIP-39 phrase (English words and checksum)');
  const derivationPath = v['derivation-path'] ?? DEFAULT_DERIVATION_PATH;
  if (!/^m(\/[0-9]+'?)+\/?$/.test(derivationPath))
    throw new UsageError(`--derivation-path: not a BIP-32 path like m/44'/60'/0'/0/: ${JSON.stringify(derivationPath)}`);

  let blockTimeSeconds: number | undefined;
  if (v['block-time'] !== undefined) {
    blockTimeSeconds = Number(v['block-time']);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(v['block-time']) || !(blockTimeSeconds > 0))
      throw new UsageError(`--block-time: not a positive number of seconds: ${JSON.stringify(v['block-time'])}`);
  }
  const noMining = v['no-mining'] === true;
  if (noMining && blockTimeSeconds !== undefined) throw new UsageError('--no-mining and --block-time exclude each other');

  let forkUrl: string | undefined;
  if (v['fork-url'] !== undefined) {
    let u: URL;
    try {
      u = new URL(v['fork-url']);
    } catch {
      throw new UsageError(`--fork-url: not a URL: ${JSON.stringify(v['fork-url'])}`);
    }
    // The JSON-RPC backend speaks HTTP (batched requests); a WebSocket remote is not supported.
    if (!['http:', 'https:'].includes(u.protocol)) throw new UsageError(`--fork-url: expected an http(s) URL, got ${u.protocol}`);
    forkUrl = v['fork-url'];
  }
  let forkBlockNumber: bigint | undefined;
  if (v['fork-block-number'] !== undefined) {
    if (forkUrl === undefined) throw new UsageError('--fork-block-number needs --fork-url');
    forkBlockNumber = integer('fork-block-number', v['fork-block-number'], 0n, (1n << 63n) - 1n);
  }
  for (const f of ['fork-cache-dir', 'no-storage-caching', 'fork-timeout'] as const)
    if (v[f] !== undefined && forkUrl === undefined) throw new UsageError(`--${f} needs --fork-url`);
  if (v['fork-cache-dir'] !== undefined && v['no-storage-caching'] === true)
    throw new UsageError('--fork-cache-dir and --no-storage-caching exclude each other');
  let forkCacheDir: string | undefined;
  if (v['fork-cache-dir'] !== undefined) forkCacheDir = resolve(v['fork-cache-dir']);
  else if (forkUrl !== undefined && forkBlockNumber !== undefined && v['no-storage-caching'] !== true && !isLoopback(forkUrl)) {
    forkCacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'evmkit', 'rpc');
  }
  const forkTimeoutMs = v['fork-timeout'] === undefined ? undefined : Number(integer('fork-timeout', v['fork-timeout'], 1n, 3_600_000n));

  let hardfork: string | undefined;
  if (v.hardfork !== undefined) {
    const f = forkFromName(v.hardfork);
    if (f === undefined) throw new UsageError(`--hardfork: unknown fork ${JSON.stringify(v.hardfork)} (${FORK_NAMES.join(', ')})`);
    if (!rulesFor(f).merged) throw new UsageError(`--hardfork: ${forkName(f)}: a dev chain starts after the merge (Paris or later)`);
    hardfork = forkName(f);
  }

  let init: string | undefined;
  let genesis: Genesis | undefined;
  if (v.init !== undefined) {
    if (forkUrl !== undefined) throw new UsageError('--init and --fork-url exclude each other');
    if (hardfork !== undefined) throw new UsageError('--hardfork and --init exclude each other (the genesis file sets the forks)');
    init = existingFile('init', v.init);
    genesis = readGenesis(init);
  }
  let chainId = DEFAULT_CHAIN_ID;
  const chainIdSet = v['chain-id'] !== undefined;
  if (v['chain-id'] !== undefined) {
    if (genesis?.config?.chainId !== undefined)
      throw new UsageError('--chain-id and --init exclude each other (the genesis file sets the chain id)');
    chainId = integer('chain-id', v['chain-id'], 1n, (1n << 64n) - 1n);
  } else if (genesis?.config?.chainId !== undefined) {
    chainId = BigInt(genesis.config.chainId);
  }
  const importFile = v.import === undefined ? undefined : existingFile('import', v.import);
  const loadState = v['load-state'] === undefined ? undefined : existingFile('load-state', v['load-state']);
  let dumpState: string | undefined;
  if (v['dump-state'] !== undefined) {
    dumpState = resolve(v['dump-state']);
    if (!existsSync(dirname(dumpState))) throw new UsageError(`--dump-state: no such directory: ${dirname(dumpState)}`);
  }
  return {
    host,
    port,
    chainId,
    chainIdSet,
    accounts,
    balance,
    mnemonic,
    derivationPath,
    ...(blockTimeSeconds === undefined ? {} : { blockTimeSeconds }),
    noMining,
    ...(hardfork === undefined ? {} : { hardfork }),
    ...(forkUrl === undefined ? {} : { forkUrl }),
    ...(forkBlockNumber === undefined ? {} : { forkBlockNumber }),
    ...(forkCacheDir === undefined ? {} : { forkCacheDir }),
    ...(forkTimeoutMs === undefined ? {} : { forkTimeoutMs }),
    ...(init === undefined ? {} : { init, genesis: genesis! }),
    ...(importFile === undefined ? {} : { importFile }),
    ...(dumpState === undefined ? {} : { dumpState }),
    ...(loadState === undefined ? {} : { loadState }),
  };
}

/** Whether a URL's host is this machine (a local dev node: its answers are not kept on disk). */
function isLoopback(url: string): boolean {
  const h = new URL(url).hostname;
  return h === 'localhost' || h === '[::1]' || h === '::1' || /^127\./.test(h);
}

/** "10000.000000000000000000" (anvil's way of showing ether). */
export function formatEther(wei: bigint): string {
  return `${wei / WEI_PER_ETH}.${(wei % WEI_PER_ETH).toString().padStart(18, '0')}`;
}

function genesisBalance(g: Genesis, a: DevAccount): bigint {
  const hex = addressToHex(a.address).slice(2);
  for (const [k, acct] of Object.entries(g.alloc ?? {})) {
    if (k.toLowerCase().replace(/^0x/, '') === hex) return acct.balance === undefined ? 0n : BigInt(acct.balance);
  }
  return 0n;
}

/** anvil's banner: accounts with balances, keys, wallet, chain id. */
export function banner(
  o: NodeCommandOptions,
  accounts: readonly DevAccount[],
  fork?: { number: bigint; hash: string; chainId: bigint },
): string {
  const lines = [`evmkit node v${EVMKIT_VERSION}`, '', 'Available Accounts', '==================', ''];
  accounts.forEach((a, i) => {
    const bal = o.genesis === undefined ? o.balance : genesisBalance(o.genesis, a);
    lines.push(`(${i}) ${ethAddr.addChecksum(addressToHex(a.address))} (${formatEther(bal)} ETH)`);
  });
  lines.push('', 'Private Keys', '==================', '');
  accounts.forEach((a, i) => lines.push(`(${i}) ${bytesToHex(a.privateKey)}`));
  lines.push('', 'Wallet', '==================', `Mnemonic:          ${o.mnemonic}`, `Derivation path:   ${o.derivationPath}`, '');
  if (fork !== undefined) {
    lines.push(
      '',
      'Fork',
      '==================',
      `Endpoint:       ${o.forkUrl}`,
      `Block number:   ${fork.number}`,
      `Block hash:     ${fork.hash}`,
      '',
    );
  }
  lines.push('', 'Chain ID', '==================', '', (fork?.chainId ?? o.chainId).toString(), '');
  return lines.join('\n') + '\n';
}

export interface RunningNode {
  readonly node: RpcNode;
  readonly server: RpcServer;
  close(): Promise<void>;
}

/** Builds the node and starts its server; prints the banner and the listening address on `io.stdout`. */
export async function startNodeServer(o: NodeCommandOptions, io: Pick<CliIO, 'stdout' | 'stderr'>): Promise<RunningNode> {
  const accounts = deriveAccounts(o.mnemonic, o.accounts, o.derivationPath);
  const mining = {
    automine: !o.noMining && o.blockTimeSeconds === undefined,
    ...(o.blockTimeSeconds === undefined ? {} : { intervalMs: o.blockTimeSeconds * 1000 }),
  };
  let chain: NodeChain | 'dev' = 'dev';
  if (o.init !== undefined) {
    chain = genesisChain(JSON.parse(readFileSync(o.init, 'utf8')), mining);
  }
  if (o.importFile !== undefined) {
    if (chain === 'dev') {
      io.stderr('evmkit node: --import needs --init (the genesis the blocks follow)\n');
    } else {
      const n = chain.importRlp(new Uint8Array(readFileSync(o.importFile)));
      io.stderr(`evmkit node: imported ${n} blocks, head ${chain.headNumber()}\n`);
    }
  }
  const common = {
    devAccounts: accounts,
    balance: o.balance,
    ...(o.hardfork === undefined ? {} : { fork: o.hardfork }),
    ...mining,
    onInternalError: (method: string, e: unknown) =>
      io.stderr(`evmkit node: ${method}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
  };
  let fork: Awaited<ReturnType<typeof createForkedNode>>['fork'] | undefined;
  let node: RpcNode;
  if (o.forkUrl !== undefined) {
    const dir = o.forkCacheDir;
    const forked = await createForkedNode({
      ...common,
      ...(o.chainIdSet === true ? { chainId: o.chainId } : {}),
      forkUrl: o.forkUrl,
      ...(o.forkBlockNumber === undefined ? {} : { forkBlockNumber: o.forkBlockNumber }),
      ...(dir === undefined ? {} : { forkCache: (url: string) => new FileRpcCache(dir, url) }),
      ...(o.forkTimeoutMs === undefined ? {} : { forkTimeoutMs: o.forkTimeoutMs }),
    });
    fork = forked.fork;
    node = forked;
  } else {
    node = createNode({ ...common, chainId: o.chainId, chain });
  }
  if (o.loadState !== undefined) {
    let dump: StateDump;
    try {
      dump = JSON.parse(readFileSync(o.loadState, 'utf8')) as StateDump;
    } catch (e) {
      throw new UsageError(`--load-state: ${o.loadState} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    // A fork loads the dump's accounts first: the dump's fields replace theirs, the rest stays the remote's.
    if (fork !== undefined) await fork.source.cache.ensure(Object.keys(dump.accounts ?? {}).map((a) => BigInt(a)));
    node.ctx.chain?.loadState(dump);
  }
  const server = await startRpcServer(node, { host: o.host, port: o.port, log: (l) => io.stderr(l + '\n') });
  io.stdout(
    banner(
      o,
      accounts,
      fork === undefined ? undefined : { number: fork.number, hash: bytesToHex(fork.source.hash), chainId: node.ctx.config.chainId },
    ),
  );
  io.stdout(`Listening on ${server.host}:${server.port}\n`);
  return {
    node,
    server,
    close: async () => {
      node.ctx.chain?.close();
      await server.close();
      if (o.dumpState !== undefined && node.ctx.chain !== undefined) {
        writeFileSync(o.dumpState, JSON.stringify(node.ctx.chain.dumpState(), null, 2) + '\n');
      }
    },
  };
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const on = (s: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolveSignal(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

export const nodeCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    const o = parseNodeArgs(args);
    let running: RunningNode;
    try {
      running = await startNodeServer(o, io);
    } catch (e) {
      if (e instanceof RpcError) {
        io.stderr(`evmkit node: cannot fork from ${o.forkUrl ?? ''}: ${e.message}\n`);
        return 1;
      }
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE' || err.code === 'EADDRNOTAVAIL' || err.code === 'EACCES') {
        io.stderr(`evmkit node: cannot listen on ${o.host}:${o.port}: ${err.message}\n`);
        return 1;
      }
      throw e;
    }
    const signal = await untilSignal();
    io.stderr(`evmkit node: ${signal}, shutting down\n`);
    await running.close();
    return 0;
  },
};
