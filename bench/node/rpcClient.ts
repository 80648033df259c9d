/**
 * A minimal JSON-RPC client over HTTP keep-alive (node:http), the same for every peer: one request per
 * round trip, the body written once, the answer parsed and checked for an error.
 */
import { Agent, request } from 'node:http';

export interface Rpc {
  call(method: string, params?: readonly unknown[]): Promise<unknown>;
}

export class RpcError extends Error {
  constructor(
    readonly method: string,
    readonly error: { code: number; message: string },
  ) {
    super(`${method}: ${error.code} ${error.message}`);
  }
}

export class HttpRpc implements Rpc {
  private readonly agent: Agent;
  private readonly url: URL;
  private id = 0;

  constructor(url: string, connections = 1) {
    this.url = new URL(url);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  post(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = request(
        this.url,
        { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  }

  async call(method: string, params: readonly unknown[] = []): Promise<unknown> {
    const answer = JSON.parse(await this.post(JSON.stringify({ jsonrpc: '2.0', id: ++this.id, method, params }))) as {
      result?: unknown;
      error?: { code: number; message: string };
    };
    if (answer.error !== undefined) throw new RpcError(method, answer.error);
    return answer.result;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** An EIP-1193 provider as an Rpc. */
export function providerRpc(provider: { request(args: { method: string; params?: unknown }): Promise<unknown> }): Rpc {
  return { call: (method, params = []) => provider.request({ method, params: params as unknown[] }) };
}
