/**
 * The two nodes of the node-level differential, each a child process serving JSON-RPC over HTTP on a free
 * loopback port from the same genesis.json: `bin/evmkit node` and anvil (npm @foundry-rs/anvil, a native
 * binary). Requests go through viem's HTTP transport (no retries, so every answer is the node's own).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient, http, type Client } from 'viem';

export interface Endpoint {
  readonly name: string;
  readonly url: string;
  /** A JSON-RPC request: the result, or the error as `{ error: { code, message, data? } }`. */
  request(method: string, params?: readonly unknown[]): Promise<RpcAnswer>;
  close(): Promise<void>;
}

export type RpcAnswer =
  { readonly result: unknown } | { readonly error: { readonly code: number; readonly message: string; readonly data?: unknown } };

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** The anvil binary of the installed @foundry-rs/anvil, or null when it is not installed for this platform. */
export function anvilBinary(): string | null {
  const require = createRequire(join(REPO, 'package.json'));
  let pkg: string;
  try {
    pkg = require.resolve('@foundry-rs/anvil/package.json');
  } catch {
    return null;
  }
  const bin = join(dirname(pkg), '..', '.bin', 'anvil');
  if (existsSync(bin)) return bin;
  const local = join(REPO, 'node_modules', '.bin', 'anvil');
  return existsSync(local) ? local : null;
}

async function freePort(): Promise<number> {
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

function clientFor(url: string): Client {
  return createClient({ transport: http(url, { retryCount: 0, timeout: 60_000, batch: { batchSize: 200, wait: 0 } }) });
}

async function ask(client: Client, method: string, params: readonly unknown[]): Promise<RpcAnswer> {
  try {
    const result = await client.request({ method, params } as never);
    return { result };
  } catch (e) {
    const err = e as { code?: number; cause?: { code?: number; data?: unknown; message?: string }; details?: string; data?: unknown };
    const code = err.code ?? err.cause?.code;
    if (typeof code !== 'number') throw e;
    const data = err.data ?? err.cause?.data;
    return { error: { code, message: err.details ?? err.cause?.message ?? String(e), ...(data === undefined ? {} : { data }) } };
  }
}

/** Waits until `url` answers eth_chainId, or the process exits / the time runs out. */
async function ready(name: string, child: ChildProcess, url: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  const client = clientFor(url);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it served:\n${log()}`);
    try {
      await client.request({ method: 'eth_chainId' } as never);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not answer at ${url} within 30 s:\n${log()}`);
}

async function startProcess(name: string, command: string, args: readonly string[], port: number): Promise<Endpoint> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (b: Buffer): void => {
    output = (output + b.toString()).slice(-8_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await ready(name, child, url, () => output);
  const client = clientFor(url);
  return {
    name,
    url,
    request: (method, params = []) => ask(client, method, params),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

/** `bin/evmkit node --init genesis.json` on a free port. */
export async function startEvmkit(genesisPath: string): Promise<Endpoint> {
  const port = await freePort();
  const bin = join(REPO, 'bin', 'evmkit');
  return startProcess('evmkit', process.execPath, [bin, 'node', '--init', genesisPath, '--port', String(port)], port);
}

/** anvil with the same genesis.json and the fork named as anvil spells it. */
export async function startAnvil(genesisPath: string, hardfork: string): Promise<Endpoint> {
  const bin = anvilBinary();
  if (bin === null) throw new Error('anvil is not installed: npm ci installs @foundry-rs/anvil (a devDependency)');
  const port = await freePort();
  return startProcess('anvil', bin, ['--init', genesisPath, '--hardfork', hardfork, '--port', String(port), '--silent'], port);
}
