/**
 * `npm run conformance:blocks [-- flags] [PATH|FILTER...]`: every blockchain test under the fixtures, on
 * worker threads. Prints a per-network Markdown table with totals and the elapsed time on stdout, progress
 * and the first failures on stderr, writes every failure to a file, and exits 1 when anything failed.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { tallyLine } from '../src/statetest/check.js';
import { UsageError, parseCommandArgs } from '../src/cli/command.js';
import { forkFromName } from '../src/spec/fork.js';
import { parseNetwork } from '../src/spec/network.js';
import { forkList, nonNegativeInt, progressLine, runPattern, selectFiles } from './fixtureArgs.js';
import { runFilesInPool } from './pool.js';
import { BLOCKS_MARKS, failureLines, markdownTable, networkRank, summarize, writeConformanceSection } from './conformanceReport.js';

const USAGE = `usage: npm run conformance:blocks -- [flags] [PATH|FILTER...]

Runs every blockchain test under PATHs (files or directories; default: the fixtures' blocks/ folder,
$EVMKIT_FIXTURES/blocks or ../shared/fixtures/blocks). An argument that is not an existing path is a
filter: only files whose path (relative to the default folder) contains it are run.

flags:
  --jobs N              worker threads (default: os.availableParallelism() = ${availableParallelism()})
  --fork NAME           only tests of this network (a fork selects it and the transitions to it; repeatable)
  --run REGEX           only tests whose name matches REGEX
  --timeout SECONDS     per-file time limit, the file then counts as one failure (default 600, 0 = none)
  --failures FILE       where to list every failure (default conformance-blocks-failures.log)
  --show N              failures to print on stderr (default 10)
  --write FILE          also write the table into FILE (e.g. CONFORMANCE.md) between the blocks markers
  -h, --help            this text
`;

const OPTIONS = {
  jobs: { type: 'string' },
  fork: { type: 'string', multiple: true },
  run: { type: 'string' },
  timeout: { type: 'string' },
  failures: { type: 'string' },
  show: { type: 'string' },
  write: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const WORKER_URL = new URL('./blockConformanceWorker.js', import.meta.url);

async function blockConformance(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const run = runPattern(values.run);
  const forks = forkList(values.fork);
  for (const f of forks ?? []) {
    if (forkFromName(f) === undefined && parseNetwork(f) === undefined)
      throw new UsageError(`--fork: unknown fork or network ${JSON.stringify(f)}`);
  }
  const jobs = nonNegativeInt(values.jobs, '--jobs', availableParallelism()) || 1;
  const timeoutMs = nonNegativeInt(values.timeout, '--timeout', 600) * 1000;
  const show = nonNegativeInt(values.show, '--show', 10);
  const failuresPath = values.failures ?? 'conformance-blocks-failures.log';

  const files = selectFiles(positionals, 'blocks');
  if (files.length === 0) throw new UsageError('no blockchain-test files selected');

  const start = performance.now();
  const progress = progressLine(start);
  process.stderr.write(`conformance:blocks: ${files.length} files on ${Math.min(jobs, files.length)} workers\n`);
  const reports = await runFilesInPool(files, {
    jobs,
    timeoutMs,
    workerUrl: WORKER_URL,
    ...(run === undefined ? {} : { run }),
    ...(forks === undefined ? {} : { forks }),
    onFile(report, done, total) {
      progress.onFile(report, done, total);
    },
  });
  const elapsed = (performance.now() - start) / 1000;
  const summary = summarize(reports, networkRank);

  const table = markdownTable(summary).replace('| Fork |', '| Network |');
  const footer =
    `${summary.total.passed + summary.total.failed + summary.total.skipped} blockchain tests in ${files.length} files, ` +
    `${elapsed.toFixed(1)} s on ${Math.min(jobs, files.length)} workers (Node ${process.versions.node})\n`;
  process.stdout.write(`${table}\n${footer}`);

  const failureText = failureLines(summary.failures);
  writeFileSync(failuresPath, failureText.endsWith('\n') ? failureText : `${failureText}\n`);
  if (summary.failures.length > 0) {
    process.stderr.write(
      `\nfirst ${Math.min(show, summary.failures.length)} of ${summary.failures.length} failures (all in ${failuresPath}):\n`,
    );
    for (const f of summary.failures.slice(0, show))
      process.stderr.write(`  ${relative('.', f.file)} ${f.name} [${f.fork || '-'}]: ${f.reason}\n`);
    const f = summary.failures[0]!;
    process.stderr.write(
      `reproduce one: bin/evmkit blocktest --run '^${f.name.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')}$' ${relative('.', f.file)}\n`,
    );
  }
  const slowest = [...reports].sort((a, b) => b.ms - a.ms).slice(0, 5);
  process.stderr.write(`slowest files: ${slowest.map((r) => `${relative('.', r.file)} ${(r.ms / 1000).toFixed(1)} s`).join(', ')}\n`);

  if (values.write !== undefined) {
    writeConformanceSection(values.write, `${table}\n${footer}`, BLOCKS_MARKS);
    process.stderr.write(`wrote the table into ${values.write}\n`);
  }
  process.stderr.write(tallyLine(summary.total) + '\n');
  return summary.total.failed > 0 ? 1 : 0;
}

try {
  process.exitCode = await blockConformance(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`conformance:blocks: ${e.message}\n\n${USAGE}`);
  process.exitCode = 2;
}
