/**
 * The in-process peers, each an EIP-1193 provider in this process on chain 31337, Cancun, automine, the test
 * mnemonic's accounts funded:
 * - evmkit: `createProvider({ fork: 'Cancun' })`, after `installNodePrecompiles()` (`evmkit/node`, what a Node user
 *   calls: libsecp256k1's addon recovers transaction senders; inprocessMain.ts);
 * - tevm: `createMemoryClient` of @tevm/memory-client (ethereumjs's EVM), its EIP-1193 node
 *   `client.transport.tevm` (what `custom()` and tevm's own transport call), common `tevmDefault` with id
 *   31337 and hardfork 'cancun', mining 'auto';
 * - hardhat: Hardhat 3's `hre.network.connect()` of an edr-simulated network (EDR 0.22 in this process,
 *   Hardhat's own provider wrapper around it: what a Hardhat test gets), chain 31337, 'cancun'. Needs Node 22.
 * tevm and Hardhat are loaded from the peers folder (peerInstall.ts); a peer that fails to load is
 * reported with its error.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProvider } from '../../src/index.js';
import { PEERS_DIR, tevmDir } from './peerInstall.js';

export interface Eip1193 {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
}

export interface InProcessPeer {
  readonly name: string;
  readonly version: string;
  create(): Promise<Eip1193>;
  /** true: transfers go as eth_sendTransaction (throughput.ts, `Target.sendUnsigned`). */
  readonly sendUnsigned?: boolean;
}

export function evmkitPeer(version: string): InProcessPeer {
  return { name: 'evmkit createProvider()', version, create: async () => createProvider({ fork: 'Cancun' }) };
}

async function importFrom(dir: string, file: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(join(dir, 'node_modules', file)).href)) as Record<string, unknown>;
}

export async function tevmPeer(version: string): Promise<InProcessPeer> {
  const mc = await importFrom(tevmDir(), '@tevm/memory-client/dist/index.js');
  const common = await importFrom(tevmDir(), '@tevm/common/dist/index.js');
  type Fn = (o: Record<string, unknown>) => unknown;
  return {
    name: 'tevm memory client',
    version,
    // Its eth_sendRawTransaction returns the hash but mines nothing (block number and the sender's nonce stay
    // as they were); eth_sendTransaction mines, under another hash than the one it returns (no receipt).
    sendUnsigned: true,
    create: async () => {
      const c = (common.createCommon as Fn)({ ...(common.tevmDefault as object), id: 31337, hardfork: 'cancun', loggingLevel: 'warn' });
      const client = (mc.createMemoryClient as Fn)({ common: c, miningConfig: { type: 'auto' }, loggingLevel: 'warn' }) as {
        transport: { tevm: Eip1193 };
      };
      const node = client.transport.tevm;
      await node.request({ method: 'eth_chainId' });
      return node;
    },
  };
}

export async function hardhatPeer(version: string): Promise<InProcessPeer> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) throw new Error(`Hardhat 3 needs Node >= 22; this process runs Node ${process.versions.node}`);
  const hre = await importFrom(join(PEERS_DIR, 'hardhat'), 'hardhat/dist/src/hre.js');
  type Hre = { network: { connect(o: { network: string }): Promise<{ provider: Eip1193 }> } };
  const create = hre.createHardhatRuntimeEnvironment as (config: object, args?: object, root?: string) => Promise<Hre>;
  return {
    name: 'hardhat network.connect()',
    version,
    create: async () => {
      const env = await create(
        { networks: { bench: { type: 'edr-simulated', chainId: 31337, hardfork: 'cancun' } } },
        {},
        join(PEERS_DIR, 'hardhat'),
      );
      const { provider } = await env.network.connect({ network: 'bench' });
      return provider;
    },
  };
}
