/**
 * `npm run bench:blocks [-- --samples N] [--warmup N] [--top N] [--no-typical] [--no-chain] [--run REGEX]
 * [--cpu] [--json]`: block import, evmkit's Chain against @ethereumjs/blockchain + @ethereumjs/vm
 * runBlock, on the heaviest valid-block blockchain tests, a few typical ones and chain.rlp (see
 * ./cases.ts, ./evmkit.ts and ./ethereumjs.ts for what each engine does per block).
 *
 * Human output: one row per case (blocks, transactions, Mgas, median ms and Mgas/s of each engine, the
 * ratio ethereumjs/evmkit), then the geometric mean and the smallest ratio. `--json` prints only the
 * report as JSON on stdout. A case where an engine fails to reach the fixture's head stops the run (exit 1).
 */
import { parseArgs } from 'node:util';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBlockBenchCases } from './cases.js';
import { benchCase, setUpEvmkit, type CaseResult } from './harness.js';
import { cpuClock, wallClock } from '../run/clock.js';
import { geomean } from '../run/measure.js';

const USAGE = `usage: npm run bench:blocks -- [--samples N] [--warmup N] [--top N] [--no-typical] [--no-chain] [--run REGEX] [--cpu] [--json]

  --samples N   measured imports per engine per case, interleaved (default 7); medians are reported
  --warmup N    warm-up: at least N imports per engine per case, and 500 ms of them (default 2)
  --sample MS   a sample is a batch of back-to-back imports lasting about MS (default 100; 0: one import)
  --top N       the N blockchain tests with the most gas in valid blocks, one per file (default 8)
  --no-typical  leave out the typical tests (bench/blocks/cases.ts TYPICAL_TESTS)
  --no-chain    leave out rpc/chain.rlp
  --run REGEX   only cases whose name or source matches
  --peer-native-ecrecover  give ethereumjs libsecp256k1's addon for sender recovery (customCrypto.ecrecover),
                the library evmkit recovers senders with under Node (default: ethereumjs as it ships, @noble/curves)
  --cpu         time with process CPU time instead of the wall clock (steadier on a shared machine)
  --json        only JSON on stdout
Fixtures: $EVMKIT_FIXTURES (blocks/ and rpc/), or ../shared/fixtures beside the repository.
EVMKIT_PRECOMPILE_BACKENDS=noble|wasm|node picks evmkit's backend set as for the CLI (default node).
`;

function positiveInt(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`${flag}: expected a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

function fixturesRoot(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return process.env.EVMKIT_FIXTURES ? resolve(process.env.EVMKIT_FIXTURES) : join(repo, '..', 'shared', 'fixtures');
}

export function header(): string {
  return `${'case'.padEnd(62)} ${'blocks'.padStart(6)} ${'txs'.padStart(4)} ${'Mgas'.padStart(7)} ${'evmkit ms'.padStart(10)} ${'ethjs ms'.padStart(10)} ${'evmkit Mgas/s'.padStart(13)} ${'ethjs Mgas/s'.padStart(12)} ${'ratio'.padStart(6)} imports/sample`;
}

export function row(r: CaseResult): string {
  return `${r.name.slice(0, 62).padEnd(62)} ${String(r.blocks).padStart(6)} ${String(r.transactions).padStart(4)} ${(Number(r.gas) / 1e6).toFixed(1).padStart(7)} ${r.evmkitMs.toFixed(2).padStart(10)} ${r.ethereumjsMs.toFixed(2).padStart(10)} ${r.evmkitMgasPerS.toFixed(0).padStart(13)} ${r.ethereumjsMgasPerS.toFixed(1).padStart(12)} ${r.ratio.toFixed(1).padStart(5)}x ${r.batch.join('/')}`;
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        samples: { type: 'string' },
        warmup: { type: 'string' },
        sample: { type: 'string' },
        top: { type: 'string' },
        'no-typical': { type: 'boolean' },
        'no-chain': { type: 'boolean' },
        run: { type: 'string' },
        cpu: { type: 'boolean' },
        'peer-native-ecrecover': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : e}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const samples = Math.max(1, positiveInt(values.samples, '--samples', 7));
  const warmup = positiveInt(values.warmup, '--warmup', 2);
  const sampleMs = positiveInt(values.sample, '--sample', 100);
  await setUpEvmkit();
  const cases = loadBlockBenchCases(fixturesRoot(), {
    top: positiveInt(values.top, '--top', 8),
    typical: values['no-typical'] !== true,
    chain: values['no-chain'] !== true,
    ...(values.run === undefined ? {} : { filter: new RegExp(values.run) }),
  });
  if (cases.length === 0) {
    process.stderr.write(`no cases (fixtures at ${fixturesRoot()})\n`);
    return 1;
  }
  const clock = values.cpu === true ? cpuClock : wallClock;
  const json = values.json === true;
  const peerNative = values['peer-native-ecrecover'] === true;
  if (!json) {
    process.stdout.write(
      `block import: ${samples} interleaved samples per engine of back-to-back imports (~${sampleMs} ms each) after warm-up; ${values.cpu === true ? 'CPU' : 'wall'} time, medians; ethereumjs senders on ${peerNative ? 'libsecp256k1 (customCrypto.ecrecover)' : '@noble/curves (its default)'}; evmkit backends ${process.env['EVMKIT_PRECOMPILE_BACKENDS'] ?? 'node'}; Node ${process.version}\n`,
    );
    process.stdout.write(header() + '\n');
  }
  const results: CaseResult[] = [];
  for (const c of cases) {
    const r = await benchCase(c, { samples, warmup, sampleMs, clock, peer: { nativeEcrecover: peerNative } });
    results.push(r);
    if (!json) process.stdout.write(row(r) + '\n');
  }
  const ratios = results.map((r) => r.ratio);
  const summary = {
    geomeanRatio: geomean(ratios),
    minRatio: Math.min(...ratios),
    minRatioCase: results[ratios.indexOf(Math.min(...ratios))]!.name,
  };
  if (json) {
    process.stdout.write(
      JSON.stringify(
        { node: process.version, samples, warmup, sampleMs, clock: values.cpu === true ? 'cpu' : 'wall', cases: results, ...summary },
        (_, v) => (typeof v === 'bigint' ? v.toString() : v),
      ) + '\n',
    );
  } else {
    process.stdout.write(
      `geometric mean ratio ${summary.geomeanRatio.toFixed(1)}x over ${results.length} cases; smallest ${summary.minRatio.toFixed(1)}x (${summary.minRatioCase})\n`,
    );
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench:blocks: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
