/**
 * The peers that are not devDependencies live outside the repo, in `EVMKIT_PEERS` (default /tmp/peers), one
 * npm folder each, installed from the npm registry on first use:
 * - ganache/: ganache 7.9.2 (its uWS addon has binaries up to Node 20's ABI 115; newer Node falls back to a
 *   slower JS server, so it runs on the Node that runs the bench);
 * - tevm/: @tevm/memory-client 2.0.0-next.107 with `overrides: { "@ethereumjs/trie": "6.2.1" }` (as published,
 *   @tevm/trie pins @ethereumjs/trie 6.2.0, which imports `isHexPrefixed` that the @ethereumjs/util 9.1.0 the
 *   rest of tevm resolves to no longer exports: without the override the client does not load);
 * - hardhat/: npm's `node` package at 22.23.3 (Hardhat 3 needs Node >= 22) and hardhat 3.18.0 installed by that
 *   Node's npm (EDR 0.22.0, whose native binding wants Node >= 22).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PEERS_DIR = process.env.EVMKIT_PEERS ?? '/tmp/peers';
export const GANACHE_VERSION = '7.9.2';
export const TEVM_VERSION = '2.0.0-next.107';
export const HARDHAT_VERSION = '3.18.0';
export const NODE22_VERSION = '22.23.3';

/** The Node 22 binary of the hardhat folder. */
export function node22(): string {
  return join(PEERS_DIR, 'hardhat', 'node_modules', 'node', 'bin', 'node');
}

export function hardhatCli(): string {
  return join(PEERS_DIR, 'hardhat', 'node_modules', 'hardhat', 'dist', 'src', 'cli.js');
}

export function ganacheCli(): string {
  return join(PEERS_DIR, 'ganache', 'node_modules', 'ganache', 'dist', 'node', 'cli.js');
}

export function tevmDir(): string {
  return join(PEERS_DIR, 'tevm');
}

function npmFolder(name: string, pkg: Record<string, unknown>): string {
  const dir = join(PEERS_DIR, name);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json')))
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: `evmkit-bench-${name}`, private: true, type: 'module', ...pkg }, null, 2),
    );
  return dir;
}

function npm(dir: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
}

/** The hardhat.config.js of `hardhat node`: chain 31337, Cancun (the in-process network has the same, inline: inprocess.ts). */
export const HARDHAT_CONFIG = `export default {
  networks: {
    // hardhat node serves the network named node (its task's default)
    node: { type: 'edr-simulated', chainId: 31337, hardfork: 'cancun' },
  },
};
`;

/** Installs what is missing; returns per peer the error of a failed install (the peer is then reported as unavailable). */
export function installPeers(log: (s: string) => void): Record<string, string> {
  const errors: Record<string, string> = {};
  const step = (name: string, done: boolean, install: () => void): void => {
    if (done) return;
    log(`installing ${name} into ${PEERS_DIR} ...`);
    try {
      install();
    } catch (e) {
      errors[name] = e instanceof Error ? (e.message.split('\n').slice(0, 4).join(' | ') ?? String(e)) : String(e);
    }
  };
  step('ganache', existsSync(ganacheCli()), () => npm(npmFolder('ganache', {}), ['install', `ganache@${GANACHE_VERSION}`]));
  step('tevm', existsSync(join(tevmDir(), 'node_modules', '@tevm', 'memory-client')), () =>
    npm(npmFolder('tevm', { overrides: { '@ethereumjs/trie': '6.2.1' } }), ['install', `@tevm/memory-client@${TEVM_VERSION}`]),
  );
  step('node22', existsSync(node22()), () => npm(npmFolder('hardhat', {}), ['install', `node@${NODE22_VERSION}`]));
  step('hardhat', existsSync(hardhatCli()), () => {
    const dir = npmFolder('hardhat', {});
    // npm run by Node 22 (its shebang finds `node` on PATH), so EDR's native binding is installed.
    const env = { ...process.env, PATH: `${join(dir, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` };
    npm(dir, ['install', `hardhat@${HARDHAT_VERSION}`, `node@${NODE22_VERSION}`], env);
  });
  const hh = join(PEERS_DIR, 'hardhat');
  if (existsSync(hh)) writeFileSync(join(hh, 'hardhat.config.js'), HARDHAT_CONFIG);
  return errors;
}
