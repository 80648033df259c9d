/**
 * The JSON-RPC server of `evmkit node`: HTTP (node:http) and WebSocket (npm `ws`) on one port, over one
 * RpcNode (src/rpc/node.ts), as anvil serves both on 8545.
 *
 * HTTP: POST (any path) carries a request or a batch; OPTIONS answers CORS preflights (any origin, the
 * requested headers, Private Network Access) and every answer carries Access-Control-Allow-Origin: *, so
 * browser dapps on other origins can talk to it. GET with `Upgrade: websocket` opens a WebSocket; other
 * methods get 405. Limits, each answered cleanly instead of hurting the process:
 * - body larger than `maxBodyBytes` (default 10 MiB): 413 with a JSON-RPC error (-32600) once the body is
 *   read and dropped (or at once for `Expect: 100-continue`), the connection closed after it; a body past
 *   4x the limit is answered at once and cut off
 * - slow clients: headers must arrive within `headersTimeoutMs`, the whole request within `requestTimeoutMs`
 *   (Node answers 408); idle keep-alive connections close after `keepAliveTimeoutMs`
 * - malformed HTTP: 400
 * WebSocket: one Session per connection (eth_subscribe notifications), frames larger than `maxBodyBytes`
 * close it with 1009, a client that does not read its answers (more than `wsMaxBufferedBytes` queued) or
 * does not answer pings within `wsPingIntervalMs` is dropped; closing a connection ends its subscriptions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { errorResponse } from '../rpc/protocol.js';
import { ErrorCode, JsonRpcError, internalError } from '../rpc/errors.js';
import type { RpcNode } from '../rpc/node.js';
import type { Notification, Session } from '../rpc/subscriptions.js';

export interface RpcServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 8545; 0 lets the OS choose. */
  readonly port?: number;
  /** Largest HTTP body or WebSocket message (default 10 MiB). */
  readonly maxBodyBytes?: number;
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  readonly keepAliveTimeoutMs?: number;
  readonly wsMaxBufferedBytes?: number;
  readonly wsPingIntervalMs?: number;
  /** Where server-side problems are reported (internal errors, dropped clients). */
  readonly log?: (line: string) => void;
}

export interface RpcServer {
  readonly host: string;
  readonly port: number;
  /** http://host:port */
  readonly url: string;
  /** ws://host:port */
  readonly wsUrl: string;
  readonly http: Server;
  /** Open WebSocket connections. */
  readonly wsClients: () => number;
  /** Stops accepting, closes WebSockets (1001) and connections; resolves when all are gone. */
  close(): Promise<void>;
}

const DEFAULTS = {
  host: '127.0.0.1',
  port: 8545,
  maxBodyBytes: 10 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  wsMaxBufferedBytes: 16 * 1024 * 1024,
  wsPingIntervalMs: 30_000,
};

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Type',
};

function sendJson(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...CORS_HEADERS, ...extra });
  res.end(body);
}

function rpcErrorBody(code: number, message: string): string {
  return JSON.stringify(errorResponse(null, new JsonRpcError(code, message)));
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startRpcServer(node: RpcNode, options: RpcServerOptions = {}): Promise<RpcServer> {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS &
    RpcServerOptions;
  const log = o.log ?? (() => {});
  const protocol = node.protocol;

  // ------------------------------------------------------------ HTTP
  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    res.on('error', () => {});
    if (req.method === 'OPTIONS') {
      const headers: Record<string, string> = {
        ...CORS_HEADERS,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type',
        'Access-Control-Max-Age': '86400',
      };
      if (req.headers['access-control-request-private-network'] === 'true') headers['Access-Control-Allow-Private-Network'] = 'true';
      res.writeHead(204, headers);
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, rpcErrorBody(ErrorCode.InvalidRequest, 'JSON-RPC over HTTP takes POST requests (or a WebSocket upgrade)'), {
        Allow: 'POST, OPTIONS',
      });
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > o.maxBodyBytes) {
      rejectTooLarge(req, res, 0, declared);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      if (tooLarge) return;
      size += c.length;
      if (size > o.maxBodyBytes) {
        tooLarge = true;
        chunks.length = 0;
        rejectTooLarge(req, res, size, NaN);
        return;
      }
      chunks.push(c);
    });
    req.on('error', () => {});
    req.on('end', () => {
      if (tooLarge) return;
      const text = Buffer.concat(chunks, size).toString('utf8');
      protocol.handleText(text).then(
        (out) => {
          if (out === undefined) {
            if (!res.headersSent && !res.destroyed) {
              res.writeHead(204, CORS_HEADERS);
              res.end();
            }
          } else sendJson(res, 200, out);
        },
        (e: unknown) => {
          log(`evmkit node: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          sendJson(res, 500, JSON.stringify(errorResponse(null, internalError('internal error'))));
        },
      );
    });
  }

  /**
   * 413 with a JSON-RPC error once the body has been read and discarded, so that a client that writes its
   * whole body before reading (node:http, curl) gets the answer instead of a broken pipe. A body past 4x the
   * limit (declared or streamed) is answered at once and the connection closed.
   */
  function rejectTooLarge(req: IncomingMessage, res: ServerResponse, alreadyRead: number, declared: number): void {
    const hardCap = 4 * o.maxBodyBytes;
    const answer = () =>
      sendJson(res, 413, rpcErrorBody(ErrorCode.InvalidRequest, `request body too large (limit ${o.maxBodyBytes} bytes)`), {
        Connection: 'close',
      });
    if (declared > hardCap) {
      answer();
      res.once('finish', () => req.socket.destroy());
      req.resume();
      return;
    }
    let discarded = alreadyRead;
    req.on('data', (c: Buffer) => {
      discarded += c.length;
      if (discarded > hardCap && !res.headersSent) {
        answer();
        res.once('finish', () => req.socket.destroy());
      }
    });
    req.on('end', answer);
    req.resume();
  }

  const http = createServer(
    {
      keepAliveTimeout: o.keepAliveTimeoutMs,
      headersTimeout: o.headersTimeoutMs,
      requestTimeout: o.requestTimeoutMs,
      // How often Node checks those timeouts (default 30 s, which would let a slow client hold on that long).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(o.headersTimeoutMs / 2))),
    },
    handleHttp,
  );
  // Expect: 100-continue (curl, for large bodies): refuse an oversized body before it is sent.
  http.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length']) > o.maxBodyBytes) {
      sendJson(res, 413, rpcErrorBody(ErrorCode.InvalidRequest, `request body too large (limit ${o.maxBodyBytes} bytes)`), {
        Connection: 'close',
      });
      return;
    }
    res.writeContinue();
    handleHttp(req, res);
  });
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  // ------------------------------------------------------------ WebSocket
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxBodyBytes, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', () => {});
    const send = (text: string): void => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > o.wsMaxBufferedBytes) {
        log('evmkit node: dropping a WebSocket client that does not read its answers');
        ws.terminate();
        return;
      }
      ws.send(text);
    };
    const session: Session = { notify: (n: Notification) => send(JSON.stringify(n)) };
    ws.on('message', (raw: RawData) => {
      const text = (Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw)).toString('utf8');
      protocol.handleText(text, session).then(
        (out) => {
          if (out !== undefined) send(out);
        },
        (e: unknown) => {
          log(`evmkit node: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          send(JSON.stringify(errorResponse(null, internalError('internal error'))));
        },
      );
    });
    ws.on('close', () => node.ctx.subscriptions.closeSession(session));
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }, o.wsPingIntervalMs);
  heartbeat.unref();

  // ------------------------------------------------------------ listen / close
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port, o.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  http.on('error', (e) => log(`evmkit node: server error: ${e.message}`));
  const addr = http.address() as AddressInfo;
  const host = o.host;
  let closing: Promise<void> | undefined;

  return {
    host,
    port: addr.port,
    url: `http://${hostForUrl(host)}:${addr.port}`,
    wsUrl: `ws://${hostForUrl(host)}:${addr.port}`,
    http,
    wsClients: () => wss.clients.size,
    close() {
      return (closing ??= new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const ws of wss.clients) ws.close(1001, 'server shutting down');
        http.close(() => resolve());
        http.closeIdleConnections();
        // In-flight requests get a moment to finish; then every connection goes.
        const force = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
          http.closeAllConnections();
        }, 1000);
        force.unref();
        wss.close();
      }));
    },
  };
}
