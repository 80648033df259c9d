/**
 * `evmkit/node`: the Node-only extras of the library (the core stays free of Node APIs):
 * native precompile backends (libsecp256k1, c-kzg, node:crypto) and the on-disk JSON-RPC cache.
 */
export { installNodePrecompiles, installPrecompilesFromEnv, BACKEND_SET_NAMES, type BackendSetName } from './nodePrecompiles.js';
export { FileRpcCache } from './rpcDiskCache.js';
