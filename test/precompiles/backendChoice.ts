/**
 * Which precompile backends the precompile tests run on: EVMKIT_PRECOMPILE_BACKENDS = noble (default:
 * the portable synchronous set), wasm (initPrecompiles: mcl-wasm) or node (wasm + the Node-only set:
 * libsecp256k1 addon, node:crypto). test/precompiles/backends.test.ts runs every precompile test file
 * under each value, so every vector goes through every backend.
 */
import { initPrecompiles } from '../../src/precompiles/init.js';
import { installNodePrecompiles } from '../../src/cli/nodePrecompiles.js';
import { precompileBackendNames } from '../../src/precompiles/backends.js';

export const BACKEND_SETS = ['noble', 'wasm', 'node'] as const;

export async function installBackendsFromEnv(): Promise<void> {
  const choice = process.env['EVMKIT_PRECOMPILE_BACKENDS'] ?? 'noble';
  if (choice === 'wasm') await initPrecompiles();
  else if (choice === 'node') await installNodePrecompiles();
  else if (choice !== 'noble') throw new Error(`EVMKIT_PRECOMPILE_BACKENDS: unknown backend set ${JSON.stringify(choice)}`);
  if (choice !== 'noble') {
    const names = Object.values(precompileBackendNames());
    if (names.every((n) => n.startsWith('@noble'))) throw new Error(`backend set ${choice} did not install`);
  }
}
