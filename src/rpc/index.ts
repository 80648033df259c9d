/** The JSON-RPC node: EIP-1193 provider, protocol, registry, codecs, formatters, dev accounts. */
export { createProvider, EvmkitProvider, type RequestArguments, type ProviderMessage, type ProviderEvents } from './provider.js';
export {
  createNode,
  createForkedNode,
  EVMKIT_VERSION,
  DEFAULT_CHAIN_ID,
  type NodeOptions,
  type ForkedNodeOptions,
  type RpcNode,
} from './node.js';
export { ForkNode, type ForkHook, type ForkNodeOptions } from './backend/forkNode.js';
export { connectFork, forkConfig, type ForkSource, type ForkTarget } from './backend/fork.js';
export {
  JsonRpcProtocol,
  errorResponse,
  type JsonRpcRequest,
  type JsonRpcResponse,
  type JsonRpcId,
  type ProtocolOptions,
} from './protocol.js';
export { MethodRegistry, method, type MethodDef, type CallInfo, type Handler } from './registry.js';
export { param, optionalParam, decodeParams, type ParamSpec, type Decoder } from './params.js';
export { JsonRpcError, ParamError, ErrorCode, revertError } from './errors.js';
export type { NodeContext, NodeConfig, ChainBackend, MiningControl, StateReader } from './context.js';
export { NodeEvents } from './events.js';
export { SubscriptionManager, FilterManager, type Session, type Notification } from './subscriptions.js';
export { DevAccounts, deriveAccounts, isValidMnemonic, TEST_MNEMONIC, DEFAULT_DERIVATION_PATH, type DevAccount } from './accounts.js';
export { signPersonalMessage, signTypedData, signTransactionRequest, personalMessageHash, type TypedData } from './signing.js';
export { decodeTransactionRequest, inferTxType, toUnsignedTransaction, type TransactionRequest, type FilledRequest } from './txRequest.js';
export * as rpcCodec from './codec.js';
export * from './format/index.js';
export { NodeChain, RPC_GAS_CAP, type NodeChainOptions, type BuildAttributes, type BuiltBlock } from './backend/nodeChain.js';
export { devChain, genesisChain, DEV_FORK, DEV_GAS_LIMIT, DEV_BALANCE, type DevChainOptions } from './backend/dev.js';
