/**
 * Parts (b) and (c) of `npm run bench:node`, in one process (run by main.ts on Node 22 when the peers folder
 * has it, because Hardhat 3 needs it): (b) the throughput workload of throughput.ts through each in-process
 * provider's `request`; (c) the viem mini suite (suite.ts) on each in-process provider (a fresh one per run,
 * viem's `custom()` transport) and on the HTTP peers main.ts started (viem's `http()` transport, the chain put
 * back with evm_snapshot/evm_revert around each run). Prints one JSON object on stdout.
 *
 * usage: node dist/bench/node/inprocessMain.js --rounds N --calls N --sends N --suite-runs N [--suite-size N]
 *        [--http name=url ...]    (--suite-size: transfers and calls, getLogs a tenth; default 1000)
 *        [--send-only]            (eth_sendRawTransaction + mine alone, evmkit and Hardhat: no calls, no tevm, no suite)
 */
import { parseArgs } from 'node:util';
import { custom, http, type Transport } from 'viem';
import { signedTransactions } from './chain.js';
import { installNodePrecompiles } from '../../src/cli/nodePrecompiles.js';
import { EVMKIT_VERSION } from '../../src/rpc/node.js';
import { evmkitPeer, hardhatPeer, tevmPeer, type InProcessPeer } from './inprocess.js';
import { PEERS_DIR, tevmDir } from './peerInstall.js';
import { installedVersion } from './peers.js';
import { HttpRpc, providerRpc } from './rpcClient.js';
import { deployToken, measureThroughput, median, type Target } from './throughput.js';
import { FULL_SUITE, runSuite } from './suite.js';
import { join } from 'node:path';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    calls: { type: 'string', default: '200' },
    sends: { type: 'string', default: '50' },
    'suite-runs': { type: 'string', default: '3' },
    'suite-size': { type: 'string', default: '1000' },
    http: { type: 'string', multiple: true, default: [] },
    'send-only': { type: 'boolean', default: false },
  },
});
const sendOnly = values['send-only'];
const rounds = Number(values.rounds);
const calls = Number(values.calls);
const sends = Number(values.sends);
const suiteRuns = Number(values['suite-runs']);
const size = Number(values['suite-size']);
const counts = size === 1000 ? FULL_SUITE : { transfers: size, calls: size, getLogs: Math.max(1, Math.floor(size / 10)) };
const log = (s: string): void => void process.stderr.write(`[in-process] ${s}\n`);

// What a Node user of the library does (README, `evmkit/node`): libsecp256k1's addon for sender recovery.
await installNodePrecompiles();
const peers: InProcessPeer[] = [evmkitPeer(EVMKIT_VERSION)];
const unavailable: Record<string, string> = {};
for (const [name, load] of [
  ...(sendOnly ? [] : ([['tevm memory client', () => tevmPeer(installedVersion(tevmDir(), '@tevm/memory-client'))]] as const)),
  [
    'hardhat network.connect()',
    () =>
      hardhatPeer(
        `hardhat ${installedVersion(join(PEERS_DIR, 'hardhat'), 'hardhat')}, EDR ${installedVersion(join(PEERS_DIR, 'hardhat'), '@nomicfoundation/edr')}`,
      ),
  ],
] as const) {
  try {
    peers.push(await load());
  } catch (e) {
    unavailable[name] = e instanceof Error ? e.message : String(e);
    log(`${name} unavailable: ${unavailable[name]}`);
  }
}

// (b) throughput through each provider's request().
const { deploy, transfers } = await signedTransactions((rounds + 1) * sends);
const targets: Target[] = [];
for (const p of peers) {
  try {
    const rpc = providerRpc(await p.create());
    await deployToken(rpc, deploy, p.sendUnsigned ?? false);
    targets.push({ name: p.name, rpc, ...(p.sendUnsigned === true ? { sendUnsigned: true } : {}) });
  } catch (e) {
    unavailable[p.name] = e instanceof Error ? e.message : String(e);
    log(`${p.name} failed to set up: ${unavailable[p.name]}`);
  }
}
const throughput = await measureThroughput(targets, transfers, { rounds, calls, sends, inFlight: 1, log, sendOnly });

// (c) the viem mini suite, interleaved, fresh chain every run.
interface SuiteTarget {
  readonly name: string;
  transport(): Promise<{ transport: Transport; done: () => Promise<void> }>;
}
const suiteTargets: SuiteTarget[] = (sendOnly ? [] : peers)
  .filter((p) => unavailable[p.name] === undefined)
  .map((p) => ({
    name: p.name,
    transport: async () => ({ transport: custom(await p.create()), done: async () => {} }),
  }));
for (const spec of values.http) {
  const eq = spec.indexOf('=');
  const name = spec.slice(0, eq);
  const url = spec.slice(eq + 1);
  suiteTargets.push({
    name: `${name} (HTTP)`,
    transport: async () => {
      const rpc = new HttpRpc(url);
      const snap = await rpc.call('evm_snapshot');
      return {
        transport: http(url, { retryCount: 0, timeout: 120_000 }),
        done: async () => {
          await rpc.call('evm_revert', [snap]);
          rpc.close();
        },
      };
    },
  });
}
const suite: Record<string, { seconds: number[]; logs?: number; error?: string }> = {};
for (const t of suiteTargets) suite[t.name] = { seconds: [] };
for (let run = 0; run < suiteRuns; run++) {
  for (let k = 0; k < suiteTargets.length; k++) {
    const t = suiteTargets[(k + run) % suiteTargets.length]!;
    const s = suite[t.name]!;
    if (s.error !== undefined) continue;
    try {
      const { transport, done } = await t.transport();
      const r = await runSuite(transport, counts);
      await done();
      s.seconds.push(r.seconds);
      s.logs = r.logs;
      log(`suite run ${run} ${t.name}: ${r.seconds.toFixed(2)} s`);
    } catch (e) {
      s.error = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      log(`suite ${t.name}: ${s.error}`);
    }
  }
}

process.stdout.write(
  JSON.stringify({
    node: process.version,
    versions: Object.fromEntries(peers.map((p) => [p.name, p.version])),
    unavailable,
    throughput,
    suite: Object.fromEntries(Object.entries(suite).map(([k, v]) => [k, { ...v, median: median(v.seconds) }])),
  }) + '\n',
);
process.exit(0);
