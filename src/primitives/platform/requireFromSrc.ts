/**
 * Synchronous loading of one of evmkit's own modules on first use, under Node.js (and Deno, Bun):
 * `require` of an ES module (Node.js >= 20.19). Paths are given from the src/ root (dist/src/ once
 * compiled), so callers in any folder, and the CLI bundle (dist/src/cli/bundle/, two levels below the
 * root like this file), resolve them the same way. Browser bundles never reach this file: each caller
 * has a `.browser.ts` twin that imports the module statically (package.json "browser").
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const nodeRequire = createRequire(import.meta.url);
const SRC_ROOT = new URL('../../', import.meta.url);

/** A file path from the src/ root (dist/src/ once compiled), e.g. '../../package.json' for the package's. */
export function srcPath(path: string): string {
  return fileURLToPath(new URL(path, SRC_ROOT));
}

/** The module at `path` (relative to src/, with its .js extension), loaded synchronously. */
export function requireFromSrc<T>(path: string): T {
  return requireModule<T>(srcPath(path));
}

/** A package or absolute path, required with the error Node.js < 20.19 deserves. */
function requireModule<T>(specifier: string): T {
  try {
    return nodeRequire(specifier) as T;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE')
      throw new Error(`evmkit: loading ${specifier} on first use needs Node.js >= 20.19 (require of an ES module): ${String(e)}`);
    throw e;
  }
}
