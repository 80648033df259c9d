/**
 * `evmkit/node`: the Node-only extras of the library (the core stays free of Node APIs):
 * native precompile backends (libsecp256k1, c-kzg, node:crypto), the on-disk JSON-RPC cache, and the
 * JSON-RPC server (HTTP + WebSocket) of `evmkit node`.
 */
export { installNodePrecompiles, installPrecompilesFromEnv, BACKEND_SET_NAMES, type BackendSetName } from './nodePrecompiles.js';
export { FileRpcCache } from './rpcDiskCache.js';
// The JSON-RPC server of `evmkit node` (HTTP + WebSocket over one RpcNode), to embed in a Node process.
export { startRpcServer, type RpcServer, type RpcServerOptions } from './rpcServer.js';
