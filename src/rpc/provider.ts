/**
 * An EIP-1193 provider over a node, in-process: no server, no child process, in Node and in browsers.
 * Works as viem's `custom(provider)` transport and as ethers v6's `new BrowserProvider(provider)`.
 *
 *   import { createProvider } from 'evmkit';
 *   const provider = createProvider();                       // chain id 31337, the 10 test accounts
 *   await provider.request({ method: 'eth_accounts' });
 *   provider.on('message', ({ type, data }) => ...);         // eth_subscription notifications
 *
 * Events (EIP-1193): 'connect' ({ chainId }) once after creation, 'chainChanged' (hex chain id),
 * 'message' ({ type: 'eth_subscription', data: { subscription, result } }), 'disconnect' (a JsonRpcError
 * 4900) after `disconnect()`. Errors are thrown as JsonRpcError: `message`, numeric `code`, optional `data`
 * (revert data for code 3), the fields viem and ethers read.
 */
import { Emitter } from './emitter.js';
import { ErrorCode, JsonRpcError, invalidRequest, toRpcError } from './errors.js';
import { quantity } from './codec.js';
import { createNode, type NodeOptions, type RpcNode } from './node.js';
import type { Notification, Session } from './subscriptions.js';
import { preloadSecp256k1Curve } from '../primitives/crypto/secp256k1Load.js';

/**
 * Whether secp256k1 (signing, sender recovery) is in: browser bundles fetch it on first use
 * (src/primitives/crypto/secp256k1Load.browser.ts), so the provider's first request awaits it.
 */
let secp256k1Ready = false;

export interface RequestArguments {
  readonly method: string;
  readonly params?: readonly unknown[] | object;
}

export interface ProviderMessage {
  readonly type: string;
  readonly data: unknown;
}

export interface ProviderEvents {
  connect: (info: { chainId: string }) => void;
  disconnect: (error: JsonRpcError) => void;
  chainChanged: (chainId: string) => void;
  accountsChanged: (accounts: string[]) => void;
  message: (message: ProviderMessage) => void;
}

export class EvmkitProvider extends Emitter<ProviderEvents> {
  readonly node: RpcNode;
  private readonly session: Session;
  private connected = true;

  constructor(node: RpcNode) {
    super();
    this.node = node;
    this.session = {
      notify: (n: Notification) => {
        if (this.connected && n.method === 'eth_subscription') this.emit('message', { type: 'eth_subscription', data: n.params });
      },
    };
    node.ctx.events.on('chainId', (id) => this.emit('chainChanged', quantity(id)));
    queueMicrotask(() => {
      if (this.connected) this.emit('connect', { chainId: quantity(node.ctx.config.chainId) });
    });
  }

  /** EIP-1193 request: resolves to the result or rejects with a JsonRpcError (code, message, data). */
  async request(args: RequestArguments): Promise<unknown> {
    if (args === null || typeof args !== 'object' || typeof args.method !== 'string')
      throw invalidRequest('request expects { method: string, params?: unknown[] }');
    if (!this.connected) throw new JsonRpcError(ErrorCode.Disconnected, 'the provider is disconnected');
    try {
      if (!secp256k1Ready) {
        await preloadSecp256k1Curve();
        secp256k1Ready = true;
      }
      const result = await this.node.request(args.method, args.params, this.session);
      return result === undefined ? null : result;
    } catch (e) {
      throw toRpcError(e);
    }
  }

  /** Ends every subscription of this provider and rejects later requests with 4900. */
  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    this.node.ctx.subscriptions.closeSession(this.session);
    this.emit('disconnect', new JsonRpcError(ErrorCode.Disconnected, 'the provider is disconnected'));
  }

  get isConnected(): boolean {
    return this.connected;
  }
}

/** An EIP-1193 provider over a new node (options as createNode's; a dev chain unless `chain` says otherwise), or over an existing `node`. */
export function createProvider(options: NodeOptions & { readonly node?: RpcNode } = {}): EvmkitProvider {
  return new EvmkitProvider(options.node ?? createNode({ chain: 'dev', ...options }));
}
