/**
 * The HTTP + WebSocket server (src/cli/rpcServer.ts) on 127.0.0.1 with an OS-chosen port: requests and
 * batches, CORS, bad input (malformed JSON, wrong types, unknown methods), the body limit (a 20 MB body is
 * a clean 413), slow clients (408), WebSocket sessions and subscriptions, and viem/ethers over both
 * transports.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { createPublicClient, http, webSocket } from 'viem';
import { foundry } from 'viem/chains';
import { JsonRpcProvider, WebSocketProvider } from 'ethers';
import { createNode } from '../../src/rpc/node.js';
import { startRpcServer, type RpcServer } from '../../src/cli/rpcServer.js';
import { fakeBlock, fakeLog } from './helpers.js';

const node = createNode();
const servers: RpcServer[] = [];
const server = await startRpcServer(node, { port: 0 });
servers.push(server);
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const post = async (body: string, headers: Record<string, string> = {}, url = server.url) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
};
const rpc = async (body: unknown) => JSON.parse((await post(JSON.stringify(body))).text);

test('listens on 127.0.0.1 with an OS-chosen port', () => {
  assert.equal(server.host, '127.0.0.1');
  assert.ok(server.port > 0);
  assert.equal(server.url, `http://127.0.0.1:${server.port}`);
  assert.equal(server.wsUrl, `ws://127.0.0.1:${server.port}`);
});

test('HTTP: a request, a batch of 1,000, bad input, unknown methods', async () => {
  assert.deepEqual(await rpc({ jsonrpc: '2.0', id: 1, method: 'eth_chainId' }), { jsonrpc: '2.0', id: 1, result: '0x7a69' });
  const batch = Array.from({ length: 1000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: i % 2 ? 'eth_accounts' : 'net_version' }));
  const out = (await rpc(batch)) as { id: number; result: unknown }[];
  assert.equal(out.length, 1000);
  assert.ok(out.every((r, i) => r.id === i && (i % 2 ? Array.isArray(r.result) : r.result === '31337')));
  assert.equal((await rpc([...batch, { jsonrpc: '2.0', id: 1000, method: 'eth_chainId' }])).error.code, -32600);
  const malformed = await post('{"jsonrpc":"2.0","id":1,"method":');
  assert.equal(malformed.status, 200);
  assert.deepEqual(JSON.parse(malformed.text), { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } });
  assert.equal((await rpc({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: 'x' })).error.code, -32602);
  assert.equal((await rpc({ jsonrpc: '2.0', id: 1, method: ['eth_chainId'] })).error.code, -32600);
  assert.equal((await rpc({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [] })).error.code, -32601);
  assert.equal((await rpc({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] })).error.code, -32601);
  assert.equal((await post('\u0000\u0001garbage')).status, 200);
  const note = await post('{"jsonrpc":"2.0","method":"eth_chainId"}');
  assert.equal(note.status, 204);
  assert.equal(note.text, '');
});

test('CORS: preflight answered for any origin and header set; answers carry Allow-Origin', async () => {
  const pre = await fetch(server.url, {
    method: 'OPTIONS',
    headers: {
      Origin: 'https://dapp.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,x-custom',
      'Access-Control-Request-Private-Network': 'true',
    },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-methods')!, /POST/);
  assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type,x-custom');
  assert.equal(pre.headers.get('access-control-allow-private-network'), 'true');
  const r = await post('{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}', { Origin: 'https://dapp.example' });
  assert.equal(r.headers.get('access-control-allow-origin'), '*');
  assert.equal(r.headers.get('content-type'), 'application/json');
  const get = await fetch(server.url);
  assert.equal(get.status, 405);
  assert.equal(JSON.parse(await get.text()).error.code, -32600);
});

test('a 20 MB body is refused with 413 and a JSON-RPC error; the server carries on', async () => {
  const huge = '{"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":["0x' + 'ab'.repeat(10 * 1024 * 1024) + '"]}';
  assert.ok(huge.length > 20_000_000);
  const r = await post(huge);
  assert.equal(r.status, 413);
  const body = JSON.parse(r.text);
  assert.equal(body.error.code, -32600);
  assert.match(body.error.message, /too large/);
  // node:http writes the whole body before reading: it gets the 413 too (the server drops the body first).
  const viaNodeHttp = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(
      server.url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(huge) } },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (c) => (text += c))
          .on('end', () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on('error', reject);
    req.end(huge);
  });
  assert.equal(viaNodeHttp.status, 413);
  assert.equal(JSON.parse(viaNodeHttp.text).error.code, -32600);
  // Without a Content-Length (chunked upload), the limit applies as the body streams in.
  const chunked = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(
      server.url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (c) => (text += c))
          .on('end', () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on('error', reject);
    const piece = 'a'.repeat(1 << 20);
    let sent = 0;
    const pump = () => {
      while (sent < 12) {
        sent++;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
  assert.equal(chunked.status, 413);
  assert.equal(JSON.parse(chunked.text).error.code, -32600);
  assert.deepEqual(await rpc({ jsonrpc: '2.0', id: 2, method: 'eth_chainId' }), { jsonrpc: '2.0', id: 2, result: '0x7a69' });
});

test('slow clients: unfinished headers or bodies get 408 and the connection closes', async () => {
  const slow = await startRpcServer(node, { port: 0, headersTimeoutMs: 300, requestTimeoutMs: 600 });
  servers.push(slow);
  const talk = (data: string) =>
    new Promise<string>((resolve) => {
      const s = connect(slow.port, '127.0.0.1', () => s.write(data));
      let got = '';
      s.setEncoding('utf8').on('data', (c) => (got += c));
      const guard = setTimeout(() => s.destroy(), 5000);
      s.on('close', () => {
        clearTimeout(guard);
        resolve(got);
      });
      s.on('error', () => resolve(got));
    });
  const started = Date.now();
  const [headers, body] = await Promise.all([
    talk('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'),
    talk('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"jsonrpc"'),
  ]);
  assert.match(headers, /^HTTP\/1\.1 408/);
  assert.match(body, /^HTTP\/1\.1 408/);
  assert.ok(Date.now() - started < 4500);
  assert.match(await talk('THIS IS NOT HTTP\r\n\r\n'), /^HTTP\/1\.1 400/);
});

test('200 concurrent connections are all answered', async () => {
  const rs = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      rpc({ jsonrpc: '2.0', id: i, method: 'web3_sha3', params: ['0x' + i.toString(16).padStart(2, '0')] }),
    ),
  );
  assert.ok(rs.every((r, i) => r.id === i && typeof r.result === 'string'));
});

function openWs(url = server.wsUrl): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function wsClient(ws: WebSocket) {
  const waiting = new Map<unknown, (m: any) => void>();
  const notes: any[] = [];
  const noteWaiters: (() => void)[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    if (Array.isArray(m)) waiting.get('batch')?.(m);
    else if (m.method === 'eth_subscription') {
      notes.push(m);
      noteWaiters.splice(0).forEach((f) => f());
    } else waiting.get(m.id)?.(m);
  });
  return {
    call: (method: string, params: unknown[] = [], id: unknown = Math.random()) =>
      new Promise<any>((r) => {
        waiting.set(id, r);
        ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      }),
    raw: (text: string, key: unknown) =>
      new Promise<any>((r) => {
        waiting.set(key, r);
        ws.send(text);
      }),
    notes,
    nextNote: () => new Promise<void>((r) => noteWaiters.push(r)),
  };
}

test('WebSocket: requests, batches, bad frames, subscriptions with notifications, cleanup on close', async () => {
  const ws = await openWs();
  const c = wsClient(ws);
  assert.equal((await c.call('eth_chainId', [], 1)).result, '0x7a69');
  const batch = await c.raw(
    JSON.stringify([
      { jsonrpc: '2.0', id: 'a', method: 'net_version' },
      { jsonrpc: '2.0', id: 'b', method: 'nope' },
    ]),
    'batch',
  );
  assert.deepEqual(
    batch.map((r: any) => r.id),
    ['a', 'b'],
  );
  assert.equal(batch[1].error.code, -32601);
  assert.equal((await c.raw('{not json', null)).error.code, -32700);

  const sub = (await c.call('eth_subscribe', ['newHeads'], 2)).result as string;
  const logSub = (await c.call('eth_subscribe', ['logs', { address: '0x00000000000000000000000000000000000000aa' }], 3)).result as string;
  const arrived = c.nextNote();
  node.ctx.events.publishBlock(fakeBlock(9n), [fakeLog(9n, 0xaan, [1n])]);
  await arrived;
  while (c.notes.length < 2) await c.nextNote();
  assert.equal(c.notes[0].params.subscription, sub);
  assert.equal(c.notes[0].params.result.number, '0x9');
  assert.equal(c.notes[1].params.subscription, logSub);
  assert.equal(c.notes[1].params.result.address, '0x00000000000000000000000000000000000000aa');
  assert.equal((await c.call('eth_unsubscribe', [sub], 4)).result, true);
  assert.equal(node.ctx.subscriptions.size, 1);
  const closed = new Promise((r) => ws.once('close', r));
  ws.close();
  await closed;
  for (let i = 0; i < 50 && node.ctx.subscriptions.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(node.ctx.subscriptions.size, 0);
});

test('WebSocket: a frame over the size limit closes the connection with 1009; others are unaffected', async () => {
  const small = await startRpcServer(node, { port: 0, maxBodyBytes: 64 * 1024 });
  servers.push(small);
  const ws = await openWs(small.wsUrl);
  const code = await new Promise<number>((r) => {
    ws.once('close', (c) => r(c));
    ws.send('x'.repeat(100 * 1024));
  });
  assert.equal(code, 1009);
  const ok = await openWs(small.wsUrl);
  assert.equal((await wsClient(ok).call('eth_chainId', [], 1)).result, '0x7a69');
  ok.close();
});

test('viem (http and webSocket transports) and ethers (JsonRpcProvider, WebSocketProvider) talk to the server', async () => {
  const viaHttp = createPublicClient({ chain: foundry, transport: http(server.url) });
  assert.equal(await viaHttp.getChainId(), 31337);
  const viaWs = createPublicClient({ chain: foundry, transport: webSocket(server.wsUrl) });
  assert.equal(await viaWs.getChainId(), 31337);
  await (await viaWs.transport.getRpcClient()).close();
  const jp = new JsonRpcProvider(server.url, undefined, { staticNetwork: true });
  assert.equal(await jp.send('eth_chainId', []), '0x7a69');
  assert.equal((await jp.listAccounts()).length, 10);
  jp.destroy();
  const wp = new WebSocketProvider(server.wsUrl);
  assert.equal((await wp.getNetwork()).chainId, 31337n);
  await wp.destroy();
});

test('close() ends WebSocket connections with 1001 and stops listening', async () => {
  const s = await startRpcServer(node, { port: 0 });
  const ws = await openWs(s.wsUrl);
  const code = new Promise<number>((r) => ws.once('close', (c) => r(c)));
  await s.close();
  assert.equal(await code, 1001);
  await assert.rejects(fetch(s.url, { method: 'POST', body: '{}' }));
});
