/**
 * `npm run bench:node`: evmkit's JSON-RPC node against its peers, side by side in one run (BENCHMARKS.md,
 * "JSON-RPC node against its peers"). Run it under the shared lock:
 *   flock /tmp/evmkit-bench.lock npm run bench:node
 *
 * (a) over HTTP (this process is the client; throughput.ts): `bin/evmkit node`, anvil, `hardhat node`,
 *     ganache (peers.ts), eth_call one at a time and `--in-flight` at once, eth_sendRawTransaction + mine;
 * (b) in-process and (c) the viem mini suite: inprocessMain.ts in a child process on Node 22 (from the
 *     peers folder; Hardhat 3 needs it) or, without it, on this Node (Hardhat's in-process provider is then
 *     reported unavailable).
 * Peers that are not devDependencies are installed on first use into EVMKIT_PEERS (default /tmp/peers,
 * peerInstall.ts). A peer that cannot be installed or started is reported with its error.
 *
 * usage: node dist/bench/node/main.js [--rounds N] [--calls N] [--sends N] [--in-flight N] [--suite-runs N] [--suite-size N]
 *                                     [--only http|inprocess|send|http-send|inprocess-send] [--json FILE]
 * --only send: eth_sendRawTransaction + mine alone, evmkit against Hardhat, over HTTP (evmkit node, hardhat
 * node) and in-process (createProvider, network.connect()): no eth_call samples, no suite, no other peer;
 * http-send and inprocess-send: one of the two.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { signedTransactions } from './chain.js';
import { installPeers, node22, PEERS_DIR, tevmDir } from './peerInstall.js';
import { REPO, installedVersion, startAnvil, startEvmkitNode, startGanache, startHardhatNode, type HttpPeer } from './peers.js';
import { HttpRpc } from './rpcClient.js';
import { deployToken, measureThroughput, median, type Target, type ThroughputResult } from './throughput.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    calls: { type: 'string', default: '200' },
    sends: { type: 'string', default: '50' },
    'in-flight': { type: 'string', default: '8' },
    'suite-runs': { type: 'string', default: '3' },
    'suite-size': { type: 'string', default: '1000' },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const calls = Number(values.calls);
const sends = Number(values.sends);
const inFlight = Number(values['in-flight']);
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const only = values.only;
if (only !== undefined && !['http', 'inprocess', 'send', 'http-send', 'inprocess-send'].includes(only))
  throw new Error(`--only: expected http, inprocess, send, http-send or inprocess-send, got ${only}`);
const sendOnly = only === 'send' || only === 'http-send' || only === 'inprocess-send';
const runHttp = only === undefined || only === 'http' || only === 'send' || only === 'http-send';
const runInprocess = only === undefined || only === 'inprocess' || only === 'send' || only === 'inprocess-send';

const installErrors = installPeers(log);
for (const [k, v] of Object.entries(installErrors)) log(`install ${k} failed: ${v}`);

const allStarters: [string, () => Promise<HttpPeer>][] = [
  ['evmkit node', startEvmkitNode],
  ['anvil', startAnvil],
  ['hardhat node', startHardhatNode],
  ['ganache', startGanache],
];
// The send-only runs compare with Hardhat alone; an in-process-only run needs no HTTP peer (c runs on them).
const starters = !runHttp
  ? sendOnly
    ? []
    : allStarters
  : sendOnly
    ? allStarters.filter(([n]) => n === 'evmkit node' || n === 'hardhat node')
    : allStarters;
const started: HttpPeer[] = [];
const unavailable: Record<string, string> = {};
const snapshots = new Map<string, unknown>();
for (const [name, start] of starters) {
  try {
    const p = await start();
    started.push(p);
    log(`${name}: ${p.version} at ${p.url}`);
  } catch (e) {
    unavailable[name] = e instanceof Error ? e.message : String(e);
    log(`${name} unavailable: ${unavailable[name]}`);
  }
}

let http: ThroughputResult[] = [];
try {
  if (runHttp) {
    const { deploy, transfers } = await signedTransactions((rounds + 1) * sends);
    const targets: Target[] = [];
    for (const p of started) {
      const rpc = new HttpRpc(p.url, 1);
      try {
        snapshots.set(p.name, await rpc.call('evm_snapshot'));
        await deployToken(rpc, deploy);
        targets.push({ name: p.name, rpc, concurrent: new HttpRpc(p.url, inFlight) });
      } catch (e) {
        unavailable[p.name] = e instanceof Error ? e.message : String(e);
        log(`${p.name} failed to set up: ${unavailable[p.name]}`);
      }
    }
    http = await measureThroughput(targets, transfers, { rounds, calls, sends, inFlight, log, sendOnly });
    for (const p of started) if (snapshots.has(p.name)) await new HttpRpc(p.url).call('evm_revert', [snapshots.get(p.name)]);
  }

  let inproc: InProcessReport | undefined;
  if (runInprocess) {
    const runtime = existsSync(node22()) ? node22() : process.execPath;
    const script = join(fileURLToPath(new URL('.', import.meta.url)), 'inprocessMain.js');
    const suitePeers = started.filter((p) => unavailable[p.name] === undefined).map((p) => `--http=${p.name}=${p.url}`);
    const args = [
      script,
      `--rounds=${rounds}`,
      `--calls=${calls}`,
      `--sends=${sends}`,
      `--suite-runs=${values['suite-runs']}`,
      `--suite-size=${values['suite-size']}`,
      ...(sendOnly ? ['--send-only'] : suitePeers),
    ];
    inproc = await new Promise<InProcessReport>((resolve, reject) => {
      const child = execFile(runtime, args, { maxBuffer: 64 << 20, cwd: REPO }, (err, stdout) => {
        if (err !== null) reject(err);
        else resolve(JSON.parse(stdout) as InProcessReport);
      });
      child.stderr?.pipe(process.stderr);
    });
  }
  report(http, inproc);
} finally {
  for (const p of started) await p.close();
}

interface InProcessReport {
  node: string;
  versions: Record<string, string>;
  unavailable: Record<string, string>;
  throughput: ThroughputResult[];
  suite: Record<string, { seconds: number[]; median: number; logs?: number; error?: string }>;
}

function fmt(n: number, digits = 0): string {
  return Number.isNaN(n) ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function ratio(a: number, b: number): string {
  return Number.isNaN(a) || Number.isNaN(b) ? 'n/a' : `${(a / b).toFixed(2)}x`;
}

function throughputTable(rows: ThroughputResult[], concurrent: boolean): string[] {
  const ev = rows[0];
  const head = concurrent
    ? '| peer | eth_call/s (1 at a time) | eth_call/s (' +
      inFlight +
      ' in flight) | sendRawTransaction+mine/s | evmkit / peer: call, call ' +
      inFlight +
      ', send |'
    : '| peer | eth_call/s | sendRawTransaction+mine/s | evmkit / peer: call, send |';
  const out = [head, concurrent ? '|---|---:|---:|---:|---|' : '|---|---:|---:|---|'];
  for (const r of rows) {
    if (r.error !== undefined) {
      out.push(`| ${r.name} | failed: ${r.error} |`);
      continue;
    }
    const c = median(r.call);
    const cc = median(r.callConcurrent);
    const s = median(r.send);
    const ec = median(ev?.call ?? []);
    const ecc = median(ev?.callConcurrent ?? []);
    const es = median(ev?.send ?? []);
    out.push(
      concurrent
        ? `| ${r.name} | ${fmt(c)} | ${fmt(cc)} | ${fmt(s)} | ${ratio(ec, c)}, ${ratio(ecc, cc)}, ${ratio(es, s)} |`
        : `| ${r.name} | ${fmt(c)} | ${fmt(s)} | ${ratio(ec, c)}, ${ratio(es, s)} |`,
    );
  }
  return out;
}

function report(httpRows: ThroughputResult[], inproc: InProcessReport | undefined): void {
  const lines: string[] = [];
  const versions: Record<string, string> = Object.fromEntries(started.map((p) => [p.name, p.version]));
  lines.push(`bench node: Node ${process.version} (HTTP client, evmkit node, ganache); in-process on Node ${inproc?.node ?? '-'}`);
  lines.push(`peers folder ${PEERS_DIR}: tevm ${installedVersion(tevmDir(), '@tevm/memory-client')}`);
  for (const [k, v] of Object.entries(versions)) lines.push(`  ${k}: ${v}`);
  for (const [k, v] of Object.entries(inproc?.versions ?? {})) lines.push(`  ${k}: ${v}`);
  lines.push(`rounds ${rounds} (+1 warm-up), per sample ${calls} eth_calls and ${sends} transfers; medians over rounds`);
  if (httpRows.length > 0) {
    lines.push('', '(a) over HTTP', ...throughputTable(httpRows, true));
  }
  if (inproc !== undefined) {
    lines.push('', '(b) in-process', ...throughputTable(inproc.throughput, false));
  }
  if (inproc !== undefined && !sendOnly) {
    const size = Number(values['suite-size']);
    lines.push(
      '',
      `(c) viem mini suite (deploy, ${size} transfers, ${size} calls, ${Math.max(1, Math.floor(size / 10))} getLogs), seconds, median of runs`,
    );
    lines.push('| target | median s | runs (s) | peer / evmkit in-process |', '|---|---:|---|---:|');
    const base = inproc.suite['evmkit createProvider()']?.median ?? NaN;
    for (const [k, v] of Object.entries(inproc.suite))
      lines.push(
        v.error !== undefined
          ? `| ${k} | failed: ${v.error} | ${v.seconds.map((s) => s.toFixed(2)).join(', ')} | |`
          : `| ${k} | ${fmt(v.median, 2)} | ${v.seconds.map((s) => s.toFixed(2)).join(', ')} | ${ratio(v.median, base)} |`,
      );
  }
  const allUnavailable = { ...installErrors, ...unavailable, ...(inproc?.unavailable ?? {}) };
  if (Object.keys(allUnavailable).length > 0) {
    lines.push('', 'unavailable:');
    for (const [k, v] of Object.entries(allUnavailable)) lines.push(`- ${k}: ${v}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  if (values.json !== undefined)
    writeFileSync(values.json, JSON.stringify({ versions, http: httpRows, inproc, unavailable: allUnavailable }, null, 2));
}
