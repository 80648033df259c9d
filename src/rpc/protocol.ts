/**
 * JSON-RPC 2.0 over any transport: requests and batches in, responses out, with go-ethereum's answers to
 * bad input (rpc/handler.go, rpc/json.go):
 *
 * - not JSON: one response, id null, -32700 "parse error"
 * - not a request object (wrong jsonrpc version, no method, id an object/array): -32600 "invalid request"
 *   (with the id when it is usable)
 * - `[]`: -32600 "empty batch"; more than `maxBatch` entries: -32600 "batch too large"
 * - a notification (no `id` member) runs and gets no response; a batch of only notifications gets none
 * - unknown method -32601, bad params -32602, a handler's JsonRpcError as it is, anything else -32603
 *
 * Batch entries run one after another, in order (so a batch that sends a transaction and then reads its
 * receipt sees it), and the responses come back in request order.
 */
import { ErrorCode, JsonRpcError, invalidRequest, parseError, toRpcError } from './errors.js';
import type { MethodRegistry } from './registry.js';
import type { NodeContext } from './context.js';
import type { Session } from './subscriptions.js';

export type JsonRpcId = string | number | null;

export interface JsonRpcRequest {
  readonly jsonrpc: '2.0';
  readonly id?: JsonRpcId;
  readonly method: string;
  readonly params?: unknown;
}

export type JsonRpcResponse =
  | { readonly jsonrpc: '2.0'; readonly id: JsonRpcId; readonly result: unknown }
  | { readonly jsonrpc: '2.0'; readonly id: JsonRpcId; readonly error: { code: number; message: string; data?: unknown } };

export interface ProtocolOptions {
  /** Largest batch answered (default 1,000, go-ethereum's). */
  readonly maxBatch?: number;
  /** Called with errors that were not RpcErrors (bugs): the server logs them. */
  readonly onInternalError?: (method: string, error: unknown) => void;
}

const MAX_METHOD_LENGTH = 2048;

export function errorResponse(id: JsonRpcId, e: JsonRpcError): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: e.toJSON() };
}

function validId(id: unknown): id is JsonRpcId {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

export class JsonRpcProtocol {
  readonly maxBatch: number;

  constructor(
    readonly registry: MethodRegistry,
    readonly ctx: NodeContext,
    private readonly options: ProtocolOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
  }

  /**
   * Handles the text of a message (an HTTP body, a WebSocket frame). Resolves to the response text, or
   * undefined when there is nothing to send back (notifications only).
   */
  async handleText(text: string, session?: Session): Promise<string | undefined> {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return JSON.stringify(errorResponse(null, parseError()));
    }
    const out = await this.handleMessage(message, session);
    return out === undefined ? undefined : JSON.stringify(out);
  }

  /** Handles a parsed message: one request, or a batch (an array). */
  async handleMessage(message: unknown, session?: Session): Promise<JsonRpcResponse | JsonRpcResponse[] | undefined> {
    if (!Array.isArray(message)) return this.handleRequest(message, session);
    if (message.length === 0) return errorResponse(null, invalidRequest('empty batch'));
    if (message.length > this.maxBatch) return errorResponse(null, invalidRequest('batch too large'));
    const out: JsonRpcResponse[] = [];
    for (const m of message) {
      const r = await this.handleRequest(m, session);
      if (r !== undefined) out.push(r);
    }
    return out.length === 0 ? undefined : out;
  }

  /** Handles one request object; undefined for a notification. */
  async handleRequest(m: unknown, session?: Session): Promise<JsonRpcResponse | undefined> {
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return errorResponse(null, invalidRequest());
    const req = m as Record<string, unknown>;
    const hasId = Object.hasOwn(req, 'id');
    const id = hasId && validId(req.id) ? req.id : null;
    if (hasId && !validId(req.id)) return errorResponse(null, invalidRequest());
    if (req.jsonrpc !== '2.0' || typeof req.method !== 'string' || req.method.length === 0) {
      return hasId ? errorResponse(id, invalidRequest()) : errorResponse(null, invalidRequest());
    }
    if (req.method.length > MAX_METHOD_LENGTH) return hasId ? errorResponse(id, invalidRequest('method name too long')) : undefined;
    try {
      const result = await this.registry.invoke(req.method, req.params, this.ctx, session);
      return hasId ? { jsonrpc: '2.0', id, result: result === undefined ? null : result } : undefined;
    } catch (e) {
      const err = toRpcError(e);
      if (!(e instanceof JsonRpcError) && err.code === ErrorCode.Internal) this.options.onInternalError?.(req.method, e);
      return hasId ? errorResponse(id, err) : undefined;
    }
  }
}
