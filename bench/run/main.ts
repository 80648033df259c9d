/**
 * `npm run bench [-- --json] [--filter SUBSTR] [--runs N] [--budget MS] [--sample MS] [--no-edr] [--cpu]`
 *
 * Human output: one row per case (name, gas, evmkit ms, ethereumjs ms, EDR ms and EDR's empty-call ms,
 * ratio = ethereumjs/evmkit, ratio EDR = EDR/evmkit, evmkit Mgas/s, samples x runs per sample), then the
 * geometric means. `--json` prints only
 * `{"cases":[{"name","gas","evmkitMs","ethereumjsMs","ratio","edrMs","edrOverheadMs","ratioEdr"}],
 * "geomeanRatio","geomeanRatioEdr","edrCallOverheadMs"}` on stdout (the EDR keys only when EDR ran).
 * Mismatches against the fixture go to stderr, loudly, and make the exit code 1.
 */
import { parseArgs } from 'node:util';
import { type CaseResult, runBench } from './bench.js';
import { cpuClock, wallClock } from './clock.js';
import { DEFAULT_MEASURE, DEFAULT_SAMPLE, type MeasureOptions } from './measure.js';
import { edrLoadError, edrVersion, loadEdr } from '../peer/edr.js';

const USAGE = `usage: npm run bench -- [--json] [--filter SUBSTR] [--runs N] [--budget MS] [--sample MS] [--no-edr] [--cpu]

  --filter SUBSTR  only cases whose name (group/test/dNgNvN) contains SUBSTR
  --runs N         exactly N samples per engine per case (default: as many as fit in --budget,
                   ${DEFAULT_MEASURE.minRuns} to ${DEFAULT_MEASURE.maxRuns}, after warm-up)
  --budget MS      measured time per engine per case, estimated from the slowest engine (default ${DEFAULT_MEASURE.budgetMs})
  --sample MS      a sample is a batch of back-to-back runs of one engine lasting about MS
                   (default ${DEFAULT_SAMPLE.sampleMs}; 0: one run per sample, a gc() before each run)
  --no-edr         leave EDR out (it is left out anyway when @nomicfoundation/edr is not installed)
  --cpu            time with process CPU time (user + system) instead of the wall clock: steadier on a
                   machine shared with other busy processes
  --json           only JSON on stdout
  --hostile        the key-collision loops instead (bench/hostile: friendly vs colliding keys, vs ethereumjs)
`;

function positiveInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(text)) throw new Error(`${flag}: expected a positive integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

function fmt(x: number, digits: number): string {
  return x.toFixed(digits);
}

export function tableHeader(): string {
  return `${'case'.padEnd(40)} ${'gas'.padStart(11)} ${'evmkit ms'.padStart(10)} ${'ethjs ms'.padStart(10)} ${'edr ms'.padStart(9)} ${'edr0 ms'.padStart(8)} ${'ratio'.padStart(7)} ${'ratioEdr'.padStart(8)} ${'Mgas/s'.padStart(7)} samples x runs`;
}

/** One human row; Mgas/s is evmkit's (gas / evmkit median time); edr0 = EDR's empty eth_call. */
export function tableRow(r: CaseResult, runs: number, batch: readonly number[] = []): string {
  const mgas = r.gas / (r.evmkitMs * 1000);
  const opt = (x: number | undefined, d: number, w: number): string => (x === undefined ? '-' : fmt(x, d)).padStart(w);
  return `${r.name.padEnd(40)} ${String(r.gas).padStart(11)} ${fmt(r.evmkitMs, 4).padStart(10)} ${fmt(r.ethereumjsMs, 3).padStart(10)} ${opt(r.edrMs, 4, 9)} ${opt(r.edrOverheadMs, 4, 8)} ${fmt(r.ratio, 2).padStart(7)} ${opt(r.ratioEdr, 2, 8)} ${fmt(mgas, 1).padStart(7)} ${runs} x ${batch.join('/')}`;
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        filter: { type: 'string' },
        runs: { type: 'string' },
        budget: { type: 'string' },
        sample: { type: 'string' },
        'no-edr': { type: 'boolean' },
        cpu: { type: 'boolean' },
        hostile: { type: 'boolean' },
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
  let measure: MeasureOptions;
  let sampleMs = DEFAULT_SAMPLE.sampleMs;
  try {
    if (values.sample !== undefined) {
      if (!/^\d+(\.\d+)?$/.test(values.sample)) throw new Error(`--sample: expected a number of ms, got ${JSON.stringify(values.sample)}`);
      sampleMs = Number(values.sample);
    }
    const runs = positiveInt(values.runs, '--runs');
    const budgetMs = positiveInt(values.budget, '--budget') ?? DEFAULT_MEASURE.budgetMs;
    measure = { ...DEFAULT_MEASURE, budgetMs, ...(runs === undefined ? {} : { runs }) };
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : e}\n${USAGE}`);
    return 2;
  }
  const json = values.json === true;
  if (values.hostile) {
    const { hostileMain } = await import('../hostile/main.js');
    return hostileMain({ json, cpu: values.cpu === true, ...(values.filter === undefined ? {} : { filter: values.filter }) });
  }
  const edr = values['no-edr'] !== true && loadEdr() !== undefined;
  if (values['no-edr'] !== true && !edr)
    process.stderr.write(`EDR (@nomicfoundation/edr) cannot be loaded (${edrLoadError()}): benchmarking without it\n`);
  if (!json) {
    process.stdout.write(
      `clock: ${values.cpu ? 'process CPU time' : 'wall'}; per engine the median over samples of back-to-back runs (${sampleMs > 0 ? `each sample ~${sampleMs} ms` : 'one run per sample'}), gc() between samples\n`,
    );
    process.stdout.write(
      `ratio = ethereumjs ms / evmkit ms; ratioEdr = EDR ms / evmkit ms${edr ? ` (EDR ${edrVersion()}: one eth_call; edr0 = an empty eth_call on the same chain)` : ''}\n${tableHeader()}\n`,
    );
  }
  const report = await runBench({
    ...(values.filter === undefined ? {} : { filter: values.filter }),
    measure,
    sample: { ...DEFAULT_SAMPLE, sampleMs },
    edr,
    clock: values.cpu ? cpuClock : wallClock,
    onCase: (r, runs, batch) => {
      if (json)
        process.stderr.write(`${r.name}: ratio ${fmt(r.ratio, 2)}${r.ratioEdr === undefined ? '' : `, ratioEdr ${fmt(r.ratioEdr, 2)}`}\n`);
      else process.stdout.write(tableRow(r, runs, batch) + '\n');
    },
    onMismatch: (line) => process.stderr.write(`MISMATCH ${line}\n`),
  });
  if (json) {
    const extra =
      report.geomeanRatioEdr === undefined ? {} : { geomeanRatioEdr: report.geomeanRatioEdr, edrCallOverheadMs: report.edrCallOverheadMs };
    process.stdout.write(JSON.stringify({ cases: report.cases, geomeanRatio: report.geomeanRatio, ...extra }) + '\n');
  } else {
    process.stdout.write(
      `geometric mean of ratios (ethereumjs/evmkit): ${fmt(report.geomeanRatio, 2)} over ${report.cases.length} cases\n`,
    );
    if (report.geomeanRatioEdr !== undefined) {
      process.stdout.write(
        `geometric mean of ratios (EDR/evmkit): ${fmt(report.geomeanRatioEdr, 2)}; EDR's empty eth_call (median over cases): ${fmt(report.edrCallOverheadMs!, 4)} ms\n`,
      );
      const faster = report.cases.filter((r) => (r.ratioEdr ?? Infinity) < 1).map((r) => `${r.name} (${fmt(r.ratioEdr!, 2)})`);
      process.stdout.write(`cases where EDR is faster than evmkit: ${faster.length === 0 ? 'none' : faster.join(', ')}\n`);
    }
  }
  if (report.mismatches.length > 0) {
    process.stderr.write(`\n!!! ${report.mismatches.length} MISMATCH(ES) against the fixtures: the figures above are not comparable !!!\n`);
    for (const m of report.mismatches) process.stderr.write(`  ${m}\n`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : e}\n`);
    process.exitCode = 1;
  },
);
