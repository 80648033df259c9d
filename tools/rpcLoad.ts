/**
 * `npm run load:rpc`: load and bad-input behaviour of `bin/evmkit node` (a child process, so its RSS is
 * its own). Run it under the shared lock: `flock /tmp/evmkit-bench.lock npm run load:rpc`.
 *
 * 1. Load: `--connections` clients (default 200: 10% WebSocket, the rest HTTP keep-alive) send requests
 *    back to back for `--seconds` (default 60): the mix of `body()` (chain reads, eth_call and
 *    eth_estimateGas running code, eth_getLogs, signatures, batches of 10, and one eth_sendTransaction in 50,
 *    each mined into its own block). Every answer must be a JSON-RPC response without an error; latency
 *    p50/p90/p99/max, throughput and the blocks mined are reported.
 * 2. Bad input, during and after the load: malformed JSON, wrong types, unknown methods, a batch of 1,000,
 *    a batch of 1,001, a 20 MB body, slow clients (headers and bodies that never finish). Each must get a
 *    JSON-RPC answer or a clean rejection (413, 408, 400), and the node must keep answering.
 * 3. RSS of the node before the load, at the end of each round and after 10 s idle: `--rounds` (default 2)
 *    rounds on the same node, so a leak shows as growth from round to round.
 *
 * usage: node dist/tools/rpcLoad.js [--connections N] [--seconds S] [--rounds N]
 */
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { parseCommandArgs } from '../src/cli/command.js';
import { startNodeProcess, stopNodeProcess } from './rpcConformance.js';

const ACCOUNT0 = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const KB = '0x' + 'ab'.repeat(1024);
/** A contract the eth_calls run: 64 rounds of KECCAK256 over 64 bytes of memory, the last hash returned. */
const WORKER = '0x00000000000000000000000000000000000b0a7d';
// PUSH0 JUMPDEST DUP1 PUSH1 64 GT ISZERO PUSH1 22 JUMPI PUSH1 64 PUSH0 KECCAK256 PUSH0 MSTORE PUSH1 1 ADD PUSH1 1 JUMP
// JUMPDEST PUSH1 32 PUSH0 RETURN
const WORKER_CODE = '0x5f5b806040111560165760405f205f52600101600156' + '5b60205ff3';

/**
 * The request mix, by `i % 50`: reads of the chain (block number, balance, block, logs, storage), eth_call
 * and eth_estimateGas that execute code, signatures, batches, and one transfer in 50 (eth_sendTransaction,
 * mined at once under automine), so the chain grows during the load.
 */
function body(i: number): string {
  const id = i;
  const rq = (method: string, params?: unknown[]) =>
    JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
  if (i % 50 === 49) {
    const to = '0x' + (0x10000 + (i % 997)).toString(16).padStart(40, '0');
    return rq('eth_sendTransaction', [{ from: ACCOUNT0, to, value: '0x1' }]);
  }
  switch (i % 10) {
    case 0:
      return rq('eth_chainId');
    case 1:
      return rq('eth_blockNumber');
    case 2:
      return rq('eth_getBalance', [ACCOUNT0, 'latest']);
    case 3:
      return rq('eth_call', [{ to: WORKER, data: '0x' }, 'latest']);
    case 4:
      return rq('eth_getBlockByNumber', ['latest', false]);
    case 5:
      return rq('eth_estimateGas', [{ from: ACCOUNT0, to: WORKER }]);
    case 6:
      return rq('eth_getLogs', [{ fromBlock: 'latest', toBlock: 'latest' }]);
    case 7:
      return rq('web3_sha3', [KB]);
    case 8:
      return rq('personal_sign', [`0x${(i & 0xffff).toString(16).padStart(4, '0')}`, ACCOUNT0]);
    default:
      return JSON.stringify(Array.from({ length: 10 }, (_, k) => ({ jsonrpc: '2.0', id: k, method: 'net_version' })));
  }
}

/** An answer with an error object (every request of the mix is meant to succeed). */
function isError(text: string): boolean {
  try {
    const v = JSON.parse(text) as unknown;
    const one = (x: unknown) => x !== null && typeof x === 'object' && 'error' in x;
    return Array.isArray(v) ? v.some(one) : one(v);
  } catch {
    return false;
  }
}

function isRpcAnswer(text: string): boolean {
  try {
    const v = JSON.parse(text) as unknown;
    const one = (x: unknown) =>
      x !== null && typeof x === 'object' && (x as { jsonrpc?: unknown }).jsonrpc === '2.0' && ('result' in x || 'error' in x);
    return Array.isArray(v) ? v.every(one) : one(v);
  } catch {
    return false;
  }
}

function post(url: URL, agent: Agent | undefined, text: string): Promise<{ status: number; text: string }> {
  return new Promise((resolveReq, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolveReq({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

async function blockNumber(url: URL): Promise<number> {
  const r = await post(url, undefined, '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}');
  return Number((JSON.parse(r.text) as { result: string }).result);
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? NaN : Number(m[1]) / 1024;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Tally {
  requests: number;
  bad: number;
  /** JSON-RPC answers with an error, to requests meant to succeed (the first one kept to show). */
  errors: number;
  firstError?: string;
  latencies: number[];
}

function check(t: Tally, text: string): void {
  if (!isRpcAnswer(text)) t.bad++;
  else if (isError(text)) {
    t.errors++;
    t.firstError ??= text.slice(0, 200);
  }
}

async function httpWorker(url: URL, until: number, t: Tally, seed: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let i = seed;
  try {
    while (performance.now() < until) {
      const start = performance.now();
      try {
        const r = await post(url, agent, body(i++));
        if (r.status !== 200) t.bad++;
        else check(t, r.text);
      } catch {
        t.bad++;
      }
      t.latencies.push(performance.now() - start);
      t.requests++;
    }
  } finally {
    agent.destroy();
  }
}

async function wsWorker(wsUrl: string, until: number, t: Tally, seed: number): Promise<void> {
  const ws = new WebSocket(wsUrl);
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  let i = seed;
  while (performance.now() < until) {
    const start = performance.now();
    const text = await new Promise<string>((r) => {
      ws.once('message', (d) => r(d.toString()));
      ws.send(body(i++));
    });
    check(t, text);
    t.latencies.push(performance.now() - start);
    t.requests++;
  }
  ws.close();
}

/** Every bad input once; the description of anything not answered cleanly. */
async function badInputs(url: URL): Promise<string[]> {
  const problems: string[] = [];
  const expectRpc = async (name: string, text: string, code?: number) => {
    try {
      const r = await post(url, undefined, text);
      const v = JSON.parse(r.text) as { error?: { code: number } };
      if (code !== undefined && v.error?.code !== code) problems.push(`${name}: ${r.status} ${r.text.slice(0, 100)}`);
    } catch (e) {
      problems.push(`${name}: ${String(e)}`);
    }
  };
  await expectRpc('malformed JSON', '{"jsonrpc":"2.0","id":1,', -32700);
  await expectRpc('binary garbage', '\u0000\u00ff\u0001', -32700);
  await expectRpc('wrong types', '{"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":[12]}', -32602);
  await expectRpc('params object', '{"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":{"a":1}}', -32602);
  await expectRpc('unknown method', '{"jsonrpc":"2.0","id":1,"method":"eth_doesNotExist"}', -32601);
  await expectRpc('not a request', '[1,"x",null]');
  const thousand = JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_chainId' })));
  try {
    const r = await post(url, undefined, thousand);
    if ((JSON.parse(r.text) as unknown[]).length !== 1000) problems.push('batch of 1,000: wrong length');
  } catch (e) {
    problems.push(`batch of 1,000: ${String(e)}`);
  }
  await expectRpc('batch of 1,001', JSON.stringify([...JSON.parse(thousand), { jsonrpc: '2.0', id: 1000, method: 'eth_chainId' }]), -32600);
  try {
    const r = await post(url, undefined, '{"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":["0x' + 'ab'.repeat(10_000_000) + '"]}');
    if (r.status !== 413) problems.push(`20 MB body: status ${r.status}`);
  } catch (e) {
    problems.push(`20 MB body: ${String(e)}`);
  }
  const slow = (data: string) =>
    new Promise<string>((r) => {
      const s = connect(Number(url.port), url.hostname, () => s.write(data));
      let got = '';
      const guard = setTimeout(() => s.destroy(), 90_000);
      s.setEncoding('utf8').on('data', (c) => (got += c));
      s.on('close', () => {
        clearTimeout(guard);
        r(got);
      });
      s.on('error', () => undefined);
    });
  const slows = await Promise.all([
    ...Array.from({ length: 25 }, () => slow('POST / HTTP/1.1\r\nHost: x\r\n')),
    ...Array.from({ length: 25 }, () => slow('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{"jsonrpc"')),
  ]);
  const unclean = slows.filter((s) => !/^HTTP\/1\.1 408/.test(s)).length;
  if (unclean > 0) problems.push(`slow clients: ${unclean} of 50 not answered 408`);
  return problems;
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { connections: { type: 'string' }, seconds: { type: 'string' }, rounds: { type: 'string' } });
  const connections = Number(values.connections ?? 200);
  const seconds = Number(values.seconds ?? 60);
  const rounds = Number(values.rounds ?? 2);
  const node = await startNodeProcess([]);
  const pid = node.child.pid!;
  const url = new URL(node.url);
  const wsUrl = node.url.replace('http:', 'ws:');
  try {
    // Warm-up, then the baseline RSS.
    const setCode = await post(
      url,
      undefined,
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_setCode', params: [WORKER, WORKER_CODE] }),
    );
    if (isError(setCode.text)) throw new Error(`anvil_setCode: ${setCode.text}`);
    const warm: Tally = { requests: 0, bad: 0, errors: 0, latencies: [] };
    await Promise.all(Array.from({ length: 10 }, (_, i) => httpWorker(url, performance.now() + 2000, warm, i)));
    const rssBefore = rssOf(pid);
    const wsCount = Math.round(connections / 10);
    const lines = [
      `evmkit node under load: ${connections} connections (${connections - wsCount} HTTP keep-alive, ${wsCount} WebSocket), ${rounds} rounds of ${seconds} s`,
    ];
    lines.push(`  node RSS before: ${rssBefore.toFixed(1)} MB`);
    let bad = 0;
    let errors = 0;
    const problems: string[] = [];
    for (let round = 1; round <= rounds; round++) {
      const t: Tally = { requests: 0, bad: 0, errors: 0, latencies: [] };
      const blocksBefore = await blockNumber(url);
      const until = performance.now() + seconds * 1000;
      const started = performance.now();
      const load = Promise.all([
        ...Array.from({ length: connections - wsCount }, (_, i) => httpWorker(url, until, t, i * 7919)),
        ...Array.from({ length: wsCount }, (_, i) => wsWorker(wsUrl, until, t, i * 104729)),
      ]);
      const loadDone = load.then(() => ({ elapsed: (performance.now() - started) / 1000, rss: rssOf(pid) }));
      const duringProblems = await badInputs(url);
      const { elapsed, rss } = await loadDone;
      await new Promise((r) => setTimeout(r, 10_000));
      const rssIdle = rssOf(pid);
      const blocks = (await blockNumber(url)) - blocksBefore;
      errors += t.errors;
      if (t.firstError !== undefined) problems.push(`round ${round}: ${t.errors} error answers, first: ${t.firstError}`);
      const sorted = Float64Array.from(t.latencies).sort();
      bad += t.bad;
      problems.push(...duringProblems.map((p) => `round ${round}: ${p}`));
      lines.push(
        `  round ${round}: ${t.requests} requests (${(t.requests / elapsed).toFixed(0)}/s), not a JSON-RPC answer: ${t.bad}, errors: ${t.errors}; ${blocks} blocks mined; ` +
          `latency ms p50 ${percentile(sorted, 50).toFixed(1)}, p90 ${percentile(sorted, 90).toFixed(1)}, p99 ${percentile(sorted, 99).toFixed(1)}, max ${sorted[sorted.length - 1]!.toFixed(1)}; ` +
          `RSS ${rss.toFixed(1)} MB at the end, ${rssIdle.toFixed(1)} MB after 10 s idle; bad input during the load: ${duringProblems.length === 0 ? 'all answered cleanly' : duringProblems.join('; ')}`,
      );
    }
    const alive = isRpcAnswer((await post(url, undefined, body(0))).text);
    lines.push(`  node still answering: ${alive}`);
    for (const p of problems) lines.push(`  problem: ${p}`);
    process.stdout.write(lines.join('\n') + '\n');
    return bad === 0 && errors === 0 && problems.length === 0 && alive ? 0 : 1;
  } finally {
    await stopNodeProcess(node.child);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
