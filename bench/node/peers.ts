/**
 * The HTTP peers of the node benchmark, each a child process serving JSON-RPC on a free loopback port, all on
 * chain 31337 with the test mnemonic's dev accounts, automining every transaction:
 * - evmkit: `bin/evmkit node --init genesis.json` (Cancun from block 0, chain.ts), on the Node running the bench;
 * - anvil: the devDependency @foundry-rs/anvil, `--init` the same genesis.json, `--hardfork cancun`;
 * - hardhat: `hardhat node` (Hardhat 3, EDR) on Node 22, network `node` = edr-simulated, Cancun (peerInstall.ts);
 *   as `hardhat node` always does, it logs every request to its stdout (read and dropped here);
 * - ganache: `ganache` 7.9.2 with the test mnemonic, 10,000 ETH each, Shanghai (its newest fork).
 * A peer that cannot start is returned as its error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anvilBinary } from '../../fuzz/node/endpoints.js';
import { SYSTEM_CONTRACT_CODE } from '../../src/rpc/backend/systemContracts.js';
import { genesisJson, TEST_MNEMONIC } from './chain.js';
import { HttpRpc } from './rpcClient.js';
import { PEERS_DIR, ganacheCli, hardhatCli, node22 } from './peerInstall.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface HttpPeer {
  readonly name: string;
  readonly url: string;
  readonly version: string;
  readonly pid: number;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function startProcess(name: string, command: string, args: readonly string[], port: number, cwd?: string): Promise<HttpPeer> {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd === undefined ? {} : { cwd }) });
  let output = '';
  const keep = (b: Buffer): void => {
    output = (output + b.toString()).slice(-4_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const rpc = new HttpRpc(url);
  const deadline = Date.now() + 60_000;
  let version = '';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${name} exited (${child.exitCode ?? child.signalCode}) before it served: ${output.trim().split('\n').slice(-3).join(' | ')}`,
      );
    try {
      version = String(await rpc.call('web3_clientVersion'));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${name} did not answer at ${url} within 60 s: ${output.trim().split('\n').slice(-3).join(' | ')}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  rpc.close();
  return {
    name,
    url,
    version,
    pid: child.pid!,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

let genesisFile: string | undefined;

/** The Cancun genesis.json of chain.ts, written once to a temporary folder. */
export function genesisPath(): string {
  if (genesisFile === undefined) {
    const beacon = SYSTEM_CONTRACT_CODE.find(([, name]) => name === 'EIP-4788');
    if (beacon === undefined) throw new Error('EIP-4788 code not found in src/rpc/backend/systemContracts.ts');
    genesisFile = join(mkdtempSync(join(tmpdir(), 'evmkit-nodebench-')), 'genesis.json');
    writeFileSync(genesisFile, genesisJson(beacon[2]));
  }
  return genesisFile;
}

export async function startEvmkitNode(): Promise<HttpPeer> {
  const port = await freePort();
  const args = [join(REPO, 'bin', 'evmkit'), 'node', '--init', genesisPath(), '--host', '127.0.0.1', '--port', String(port)];
  return startProcess('evmkit node', process.execPath, args, port);
}

export async function startAnvil(): Promise<HttpPeer> {
  const bin = anvilBinary();
  if (bin === null) throw new Error('anvil is not installed: npm ci installs @foundry-rs/anvil (a devDependency)');
  const port = await freePort();
  const args = ['--init', genesisPath(), '--hardfork', 'cancun', '--host', '127.0.0.1', '--port', String(port), '--silent'];
  return startProcess('anvil', bin, args, port);
}

export async function startHardhatNode(): Promise<HttpPeer> {
  if (!existsSync(node22()) || !existsSync(hardhatCli())) throw new Error(`hardhat or Node 22 is not installed in ${PEERS_DIR}/hardhat`);
  const port = await freePort();
  const args = [hardhatCli(), 'node', '--hostname', '127.0.0.1', '--port', String(port)];
  return startProcess('hardhat node', node22(), args, port, join(PEERS_DIR, 'hardhat'));
}

export async function startGanache(): Promise<HttpPeer> {
  if (!existsSync(ganacheCli())) throw new Error(`ganache is not installed in ${PEERS_DIR}/ganache`);
  const port = await freePort();
  const args = [
    ganacheCli(),
    '--server.host',
    '127.0.0.1',
    '--server.port',
    String(port),
    '--wallet.mnemonic',
    TEST_MNEMONIC,
    '--wallet.defaultBalance',
    '10000',
    '--chain.chainId',
    '31337',
    '--chain.hardfork',
    'shanghai',
    '--logging.quiet',
  ];
  return startProcess('ganache', process.execPath, args, port);
}

/** The version of an npm package installed in a peers folder. */
export function installedVersion(dir: string, pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}
