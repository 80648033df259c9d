/**
 * evmkit: an Ethereum Virtual Machine in TypeScript. The library entry point. The public API speaks viem's
 * types (Address, Hex, Hash as `0x${string}`, bigint quantities); the lower layers (runCode, Executor,
 * StateJournal, the codecs) work on the core's forms: addresses as bigints (`AddressBigint`), bytes as
 * Uint8Array.
 *
 * Quick start:
 *   import { createEVM, asm } from 'evmkit';
 *   const evm = createEVM(); // the fork mainnet runs today
 *   evm.setCode('0x00000000000000000000000000000000000000aa', asm('PUSH1 5 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'));
 *   evm.call({ to: '0x00000000000000000000000000000000000000aa' }).returnData; // 0x…05
 */
export { Fork, forkFromName, forkName, parseFork, FORK_NAMES, DEFAULT_FORK, type ForkName, type ForkLike } from './spec/fork.js';
export { forkAt, KNOWN_CHAIN_IDS } from './spec/schedule.js';
export { rulesFor, hasEip, SstoreRule, DifficultyRule, type Rules, type RulesOptions, type BlobSchedule } from './spec/rules.js';
export { EIPS, FORK_EIPS, registerEip, type Eip, type BlobParams } from './spec/eips.js';
export { asm } from './spec/asm.js';
export { analyze, type CodeAnalysis } from './machine/analysis.js';
export { OPCODES, opName, registerOpcode, type OpInfo } from './spec/opcodes.js';
export { Executor, type ExecResult } from './exec/executor.js';
export { Frame } from './machine/frame.js';
export { CallKind, type Message } from './machine/message.js';
export { Status, statusMessage, isSuccess } from './machine/status.js';
export { tableFor, type OpTable } from './machine/table.js';
export { registerHandler } from './machine/handlers.js';
export type { Instruction } from './machine/instruction.js';
export type { Host, TxContext, Access } from './machine/host.js';
export { MemoryPool } from './machine/memory.js';
export { StateJournal, type Log as JournalLog } from './state/journal.js';
export { Account } from './state/account.js';
export { computeStateRoot } from './state/root.js';
export { createAddress, create2Address } from './state/addresses.js';
export { precompilesFor } from './precompiles/registry.js';
export type { Precompile } from './precompiles/types.js';
// Faster precompile backends: `await initPrecompiles()` installs mcl-wasm (portable); under Node,
// `installNodePrecompiles()` from 'evmkit/node' adds libsecp256k1 and node:crypto. Until then, noble.
export { initPrecompiles } from './precompiles/init.js';
export { loadCurves } from './precompiles/loadCurves.js';
export {
  setPrecompileBackends,
  currentPrecompileBackends,
  precompileBackendNames,
  NOBLE_BACKENDS,
  type PrecompileBackends,
  type NamedBackends,
} from './precompiles/backends.js';
export {
  applyTransaction,
  prepare,
  settle,
  runMessage,
  type TxReceipt,
  type ApplyOptions,
  type Mode,
  type TransitionContext,
} from './transition/pipeline.js';
export {
  estimateGas,
  estimateGasAsync,
  estimateSteps,
  DEFAULT_GAS_CAP,
  type EstimateOptions,
  type EstimateResult,
  type Trial,
} from './transition/estimate.js';
export { validateTransaction, TxValidationError } from './transition/validate.js';
export { intrinsicGas, floorDataGas } from './transition/intrinsic.js';
export { runCode, defaultBlockEnv, type RunCodeOptions, type RunCodeResult } from './transition/runCode.js';
export { runStateVector } from './transition/stateTest.js';
export type { StateVector, StateVectorResult } from './transition/stateTestTypes.js';
export type { BlockEnv, GenesisAccount, GenesisAlloc } from './state/env.js';
export { logsHash } from './transition/logs.js';
export { blobBaseFee, fakeExponential } from './transition/blobs.js';
export * from './tx/index.js';
export { encodeRlp, decodeRlp, RlpError, type RlpItem } from './primitives/rlp/index.js';
export { trieRoot, secureTrieRoot, ordinalTrieRoot, stateRoot, storageRoot, Trie } from './primitives/trie/index.js';
export { keccak256, keccakReady, KECCAK_EMPTY, EMPTY_TRIE_ROOT } from './primitives/crypto/keccak.js';
export { privateKeyToAddress, ecrecover, sign } from './primitives/crypto/secp256k1.js';
export {
  bytesToHex,
  hexToBytes,
  parseQuantity,
  toQuantity,
  bigintToBytes,
  bytesToBigint,
  HexError,
  type Hex,
  type Hash,
} from './primitives/hex.js';
export {
  addressToHex,
  toChecksumAddress,
  parseAddress,
  type Address as AddressBigint,
  type HexAddress as Address,
} from './primitives/address.js';
export type { Word } from './primitives/word/index.js';

// ---- the public API (src/api): one EVM object, resumable runtimes, host plug-ins, state backends ----
export {
  createEVM,
  EVM,
  DEFAULT_BLOCK_GAS_LIMIT,
  type EVMOptions,
  type BlockOptions,
  type TraceOptions,
  type Snapshot,
} from './api/evm.js';
export { createForkedEVM, type ForkOptions } from './api/fork.js';
export {
  ExecutionAborted,
  TransactionRejected,
  EstimateGasError,
  type CallRequest,
  type TransactionRequest,
  type ExecutionResult,
  type TransactionResult,
  type TransactionReceipt,
  type TransactionType,
  type ReceiptLog,
  type MinedBlock,
  type Log,
  type AccessListEntry,
  type AuthorizationInput,
  type TracerName,
  type TracerConfig,
  type TraceOf,
  type AddressInput,
  type BytesInput,
  type WordInput,
  type AddressLike,
  type BytesLike,
} from './api/types.js';
export { Runtime } from './exec/runtime.js';
export { executeAsync } from './exec/driver.js';
export type { StepHook } from './exec/executor.js';
export { type HostOptions, type CanTransfer, type Transfer, defaultCanTransfer, defaultTransfer } from './exec/hostOptions.js';
export type { ExecutorOptions } from './exec/executor.js';
export type { StateBackend, AccountData, MaybePromise } from './state/backends/types.js';
export type { StateLoader } from './state/backends/loader.js';
export { LazyState } from './state/backends/lazy.js';
export { MemoryBackend } from './state/backends/memory.js';
export { JsonRpcBackend, RpcError, type RpcCache, type JsonRpcOptions } from './state/backends/jsonRpc.js';

// ---- tracers (src/tracing): EIP-3155 JSON logger, structLogs, callTracer, prestateTracer ----
export * from './tracing/index.js';

// ---- the JSON-RPC node (src/rpc): EIP-1193 provider, protocol, method registry, codecs, formatters ----
export * from './rpc/index.js';

// ---- blocks and the chain (src/chain, src/blocktest): codecs, header and body rules per fork, ethash seals,
// ---- import with fork choice, the state at any block; blockchain-test loading and judging ----
export { Chain, ChainState, type StoredBlock, type ImportResult, type ImportStatus, type ChainOptions } from './chain/chain.js';
export { parseGenesis, genesisHeader, type Genesis, type GenesisFields } from './chain/genesis.js';
export {
  networkConfig,
  parseChainConfig,
  rulesAt,
  MAINNET,
  SEPOLIA,
  HOODI,
  BUILT_IN_NETWORKS,
  ChainConfigError,
  type ChainConfig,
} from './chain/config.js';
export { decodeBlock, encodeBlock, makeBlock, splitBlocks, BlockDecodeError, type Block } from './chain/block.js';
export { decodeHeader, encodeHeader, headerHash, type Header } from './chain/header.js';
export { validateHeader, BlockValidationError, type HeaderContext } from './chain/headerRules.js';
export { ethashSealVerifier, type SealVerifier, type SealFields } from './chain/seal.js';
export { verifySeal, ethashReady } from './chain/ethash/index.js';
export { parseBlockTestText, type LoadedBlockTest, type BlockTest } from './blocktest/load.js';
export { runBlockTest, type BlockTestOutcome, type BlockTestRunOptions } from './blocktest/run.js';
