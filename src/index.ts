/**
 * evmkit: an Ethereum Virtual Machine in TypeScript. The library entry point.
 *
 * Quick start:
 *   import { runCode, asm, Fork, bytesToHex } from 'evmkit';
 *   const r = runCode(asm('PUSH1 2 PUSH1 3 ADD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'), { fork: Fork.Cancun });
 *   bytesToHex(r.output); // 0x…05
 */
export { Fork, forkFromName, forkName, FORK_NAMES } from './fork/fork.js';
export { rulesFor, SstoreRule, type Rules } from './fork/rules.js';
export { asm } from './bytecode/asm.js';
export { analyze, type CodeAnalysis } from './bytecode/analysis.js';
export { OPCODES, opName } from './bytecode/opcodes.js';
export { Executor, type ExecResult, type TxContext } from './interpreter/executor.js';
export { Frame, CallKind, type Message } from './interpreter/frame.js';
export { Status, statusMessage, isSuccess } from './interpreter/status.js';
export { tableFor, type OpTable, type Handler } from './interpreter/table.js';
export { StateJournal, type Log } from './state/journal.js';
export { Account } from './state/account.js';
export { computeStateRoot } from './state/root.js';
export { createAddress, create2Address } from './state/addresses.js';
export { precompilesFor } from './precompiles/registry.js';
export type { Precompile } from './precompiles/types.js';
// Faster precompile backends: `await initPrecompiles()` installs mcl-wasm (portable); under Node,
// `installNodePrecompiles()` from 'evmkit/node' adds libsecp256k1 and node:crypto. Until then, noble.
export { initPrecompiles } from './precompiles/init.js';
export {
  setPrecompileBackends,
  currentPrecompileBackends,
  precompileBackendNames,
  NOBLE_BACKENDS,
  type PrecompileBackends,
  type NamedBackends,
} from './precompiles/backends.js';
export { applyTransaction, type TxReceipt, type ApplyOptions } from './transition/apply.js';
export { validateTransaction, TxValidationError } from './transition/validate.js';
export { intrinsicGas, floorDataGas } from './transition/intrinsic.js';
export { runCode, defaultBlockEnv, type RunCodeOptions, type RunCodeResult } from './transition/runCode.js';
export { runStateVector } from './transition/stateTest.js';
export type { StateVector, StateVectorResult } from './transition/stateTestTypes.js';
export type { BlockEnv, GenesisAccount, GenesisAlloc } from './transition/env.js';
export { logsHash } from './transition/logs.js';
export { blobBaseFee, fakeExponential } from './transition/blobs.js';
export * from './tx/index.js';
export { encodeRlp, decodeRlp, RlpError, type RlpItem } from './rlp/index.js';
export { trieRoot, secureTrieRoot, ordinalTrieRoot, stateRoot, storageRoot, Trie } from './trie/index.js';
export { keccak256, keccakReady, KECCAK_EMPTY, EMPTY_TRIE_ROOT } from './crypto/keccak.js';
export { privateKeyToAddress, ecrecover, sign } from './crypto/secp256k1.js';
export { bytesToHex, hexToBytes, parseQuantity, toQuantity, bigintToBytes, bytesToBigint } from './util/hex.js';
export { addressToHex, parseAddress, type Address } from './util/address.js';
export type { Word } from './word/index.js';

// ---- the public API (src/api): one EVM object, resumable runtimes, host plug-ins, state backends ----
export { createEVM, EVM, type EVMOptions, type Snapshot } from './api/evm.js';
export { createForkedEVM, type ForkOptions } from './api/fork.js';
export {
  ExecutionAborted,
  TransactionRejected,
  type CallRequest,
  type ExecutionResult,
  type AddressLike,
  type BytesLike,
} from './api/types.js';
export { Runtime } from './runtime/runtime.js';
export { STATUS } from './api/status.js';
export { executeAsync } from './runtime/driver.js';
export { type HostOptions, type CanTransfer, type Transfer, defaultCanTransfer, defaultTransfer } from './host/host.js';
export type { ExecutorOptions } from './interpreter/executor.js';
export type { StateBackend, AccountData, MaybePromise } from './state/backends/types.js';
export type { StateLoader } from './state/backends/loader.js';
export { LazyState } from './state/backends/lazy.js';
export { MemoryBackend } from './state/backends/memory.js';
export { JsonRpcBackend, RpcError, type RpcCache, type JsonRpcOptions } from './state/backends/jsonRpc.js';

// ---- tracers (src/tracing): EIP-3155 JSON logger, structLogs, callTracer, prestateTracer ----
export * from './tracing/index.js';
