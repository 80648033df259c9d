/**
 * Which precompile backends the precompile tests run on: EVMKIT_PRECOMPILE_BACKENDS = noble (default
 * here: the portable synchronous set), wasm (initPrecompiles: mcl-wasm) or node (wasm + the Node-only
 * set: libsecp256k1 addon, node:crypto). Running the precompile test files under each value puts every
 * vector through every backend: `EVMKIT_PRECOMPILE_BACKENDS=wasm node --test dist/test/precompiles/`.
 */
import { installPrecompilesFromEnv } from '../../src/cli/nodePrecompiles.js';
import { precompileBackendNames } from '../../src/precompiles/backends.js';

export async function installBackendsFromEnv(): Promise<void> {
  const choice = await installPrecompilesFromEnv('noble');
  if (choice !== 'noble' && Object.values(precompileBackendNames()).every((n) => n.startsWith('@noble')))
    throw new Error(`backend set ${choice} did not install`);
}
