/**
 * `npm run bench [-- --json] [--filter SUBSTR] [--runs N] [--budget MS]`
 *
 * Human output: one row per case (name, gas, evmkit ms, ethereumjs ms, ratio = ethereumjs/evmkit,
 * evmkit Mgas/s), then the geometric mean of the ratios. `--json` prints only
 * `{"cases":[{"name","gas","evmkitMs","ethereumjsMs","ratio"}],"geomeanRatio"}` on stdout.
 * Mismatches against the fixture go to stderr, loudly, and make the exit code 1.
 */
import { parseArgs } from 'node:util';
import { type CaseResult, runBench } from './bench.js';
import { cpuClock, wallClock } from './clock.js';
import { DEFAULT_MEASURE, type MeasureOptions } from './measure.js';

const USAGE = `usage: npm run bench -- [--json] [--filter SUBSTR] [--runs N] [--budget MS] [--cpu]

  --filter SUBSTR  only cases whose name (group/test/dNgNvN) contains SUBSTR
  --runs N         exactly N measured runs per engine per case (default: as many as fit in --budget,
                   ${DEFAULT_MEASURE.minRuns} to ${DEFAULT_MEASURE.maxRuns}, after warm-up)
  --budget MS      measured time per engine per case, estimated from the slower engine (default ${DEFAULT_MEASURE.budgetMs})
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
  return `${'case'.padEnd(42)} ${'gas'.padStart(11)} ${'evmkit ms'.padStart(10)} ${'ethjs ms'.padStart(10)} ${'ratio'.padStart(7)} ${'Mgas/s'.padStart(7)} runs`;
}

/** One human row; Mgas/s is evmkit's (gas / evmkit median time). */
export function tableRow(r: CaseResult, runs: number): string {
  const mgas = r.gas / (r.evmkitMs * 1000);
  return `${r.name.padEnd(42)} ${String(r.gas).padStart(11)} ${fmt(r.evmkitMs, 3).padStart(10)} ${fmt(r.ethereumjsMs, 3).padStart(10)} ${fmt(r.ratio, 2).padStart(7)} ${fmt(mgas, 1).padStart(7)} ${runs}`;
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
  try {
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
  if (!json) process.stdout.write(`clock: ${values.cpu ? 'process CPU time' : 'wall'}; medians; ratio = ethereumjs ms / evmkit ms\n${tableHeader()}\n`);
  const report = await runBench({
    ...(values.filter === undefined ? {} : { filter: values.filter }),
    measure,
    clock: values.cpu ? cpuClock : wallClock,
    onCase: (r, runs) => {
      if (json) process.stderr.write(`${r.name}: ratio ${fmt(r.ratio, 2)}\n`);
      else process.stdout.write(tableRow(r, runs) + '\n');
    },
    onMismatch: (line) => process.stderr.write(`MISMATCH ${line}\n`),
  });
  if (json) {
    process.stdout.write(JSON.stringify({ cases: report.cases, geomeanRatio: report.geomeanRatio }) + '\n');
  } else {
    process.stdout.write(`geometric mean of ratios (ethereumjs/evmkit): ${fmt(report.geomeanRatio, 2)} over ${report.cases.length} cases\n`);
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
