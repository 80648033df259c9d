/**
 * What bin/evmkit's V8 flags (its shebang: `--max-semi-space-size=1 --no-concurrent-osr`, chosen for the
 * peak memory of short CLI runs) cost a long-running node: the same send + mine loop (eth_sendTransaction
 * from a dev account to an address, automine, in-process `createProvider()`) in child processes started
 * with and without the flags, alternating, medians of wall and CPU time per send.
 *
 *   node dist/bench/node/v8Flags.js [--rounds 5] [--sends 2000]
 *   node dist/bench/node/v8Flags.js --child --sends N      (one measurement; prints JSON)
 */
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createProvider } from '../../src/rpc/provider.js';
import { median } from './throughput.js';

const FLAGS = ['--max-semi-space-size=1', '--no-concurrent-osr'];

interface Sample {
  readonly wallUs: number;
  readonly cpuUs: number;
}

async function child(sends: number): Promise<Sample> {
  const p = createProvider();
  const [from] = (await p.request({ method: 'eth_accounts' })) as string[];
  const tx = { from, to: '0x000000000000000000000000000000000000dEaD', value: '0x1' };
  for (let i = 0; i < 300; i++) await p.request({ method: 'eth_sendTransaction', params: [tx] });
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  for (let i = 0; i < sends; i++) await p.request({ method: 'eth_sendTransaction', params: [tx] });
  const c = process.cpuUsage(c0);
  return { wallUs: ((performance.now() - w0) * 1000) / sends, cpuUs: (c.user + c.system) / sends };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { child: { type: 'boolean' }, rounds: { type: 'string', default: '5' }, sends: { type: 'string', default: '2000' } },
  });
  const sends = Number(values.sends);
  if (values.child) {
    process.stdout.write(JSON.stringify(await child(sends)) + '\n');
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const run = (flags: string[]): Sample =>
    JSON.parse(execFileSync(process.execPath, [...flags, self, '--child', '--sends', String(sends)], { encoding: 'utf8' })) as Sample;
  const withFlags: Sample[] = [];
  const without: Sample[] = [];
  for (let r = 0; r < Number(values.rounds); r++) {
    // Alternating which goes first, so drift in the machine's load falls on both.
    if (r % 2 === 0) {
      withFlags.push(run(FLAGS));
      without.push(run([]));
    } else {
      without.push(run([]));
      withFlags.push(run(FLAGS));
    }
  }
  const row = (label: string, xs: Sample[]) =>
    `${label.padEnd(44)} wall ${median(xs.map((x) => x.wallUs)).toFixed(1)} us/send, cpu ${median(xs.map((x) => x.cpuUs)).toFixed(1)} us/send`;
  console.log(row(FLAGS.join(' '), withFlags));
  console.log(row("Node's defaults", without));
  const ratio = (f: (x: Sample) => number) => (median(withFlags.map(f)) / median(without.map(f))).toFixed(2);
  console.log(
    `with flags / without: wall ${ratio((x) => x.wallUs)}x, cpu ${ratio((x) => x.cpuUs)}x (${values.rounds} rounds of ${sends} sends)`,
  );
}

await main();
