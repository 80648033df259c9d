/**
 * `npm run conformance [-- flags] [PATH|FILTER...]`: every state-test vector under the fixtures, on worker
 * threads. Prints a per-fork Markdown table with totals and the elapsed time on stdout, progress and the
 * first failures on stderr, writes every failure to a file, and exits 1 when anything failed.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { tallyLine } from '../src/statetest/check.js';
import { UsageError, parseCommandArgs } from '../src/cli/command.js';
import { forkList, nonNegativeInt, progressLine, runPattern, selectFiles } from './fixtureArgs.js';
import { emptyPoolTimings, runFilesInPool } from './vectorPool.js';
import { timingLines } from './conformanceTimings.js';
import { rerunWithMallocTuning } from './mallocTuning.js';
import { failureLines, markdownTable, summarize, writeConformanceSection } from './conformanceReport.js';

const USAGE = `usage: npm run conformance -- [flags] [PATH|FILTER...]

Runs every state-test vector under PATHs (files or directories; default: the fixtures' state/ folder,
$EVMKIT_FIXTURES/state or ../shared/fixtures/state). An argument that is not an existing path is a
filter: only files whose path (relative to the default folder) contains it are run.

flags:
  --jobs N              worker threads (default: os.availableParallelism() = ${availableParallelism()})
  --fork NAME           only this fork (repeatable, or comma-separated; aliases work)
  --run REGEX           only tests whose name matches REGEX
  --vectors-per-file N  run at most N vectors per file, chosen by a stable hash (quick sampling)
  --timeout SECONDS     per-vector time limit, the vector then counts as one failure (default 600, 0 = none)
  --failures FILE       where to list every failure (default conformance-failures.log)
  --show N              failures to print on stderr (default 10)
  --write FILE          also write the table into FILE (e.g. CONFORMANCE.md) between conformance markers
  --timings             print where the time went on stderr: worker startup, parsing, each phase of the
                        vectors (pre-state setup, execution, state root, logs hash), and the slowest vectors
  --slowest N           with --timings, how many of the slowest vectors to list (default 20)
  -h, --help            this text
`;

const OPTIONS = {
  jobs: { type: 'string' },
  fork: { type: 'string', multiple: true },
  run: { type: 'string' },
  'vectors-per-file': { type: 'string' },
  timeout: { type: 'string' },
  failures: { type: 'string' },
  show: { type: 'string' },
  write: { type: 'string' },
  timings: { type: 'boolean' },
  slowest: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function conformance(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const run = runPattern(values.run);
  const forks = forkList(values.fork);
  const jobs = nonNegativeInt(values.jobs, '--jobs', availableParallelism()) || 1;
  const timeoutMs = nonNegativeInt(values.timeout, '--timeout', 600) * 1000;
  const show = nonNegativeInt(values.show, '--show', 10);
  const perFile =
    values['vectors-per-file'] === undefined ? undefined : nonNegativeInt(values['vectors-per-file'], '--vectors-per-file', 0);
  const failuresPath = values.failures ?? 'conformance-failures.log';
  const timings = values.timings ? emptyPoolTimings(nonNegativeInt(values.slowest, '--slowest', 20)) : undefined;

  const files = selectFiles(positionals, 'state');
  if (files.length === 0) throw new UsageError('no state-test files selected');

  const start = performance.now();
  const progress = progressLine(start);
  process.stderr.write(`conformance: ${files.length} files on ${Math.min(jobs, files.length)} workers\n`);
  // Files in flight, so a long silence can say what it is waiting for.
  const inFlight = new Map<string, number>();
  const heartbeat = setInterval(() => {
    const now = performance.now();
    if (progress.sinceLast(now) < 30_000) return;
    progress.quiet(now);
    const waiting = [...inFlight].map(([f, t]) => `${relative('.', f)} (${((now - t) / 1000).toFixed(0)} s)`);
    process.stderr.write(`[${((now - start) / 1000).toFixed(1)} s] still running: ${waiting.join(', ')}\n`);
  }, 5000);
  heartbeat.unref(); // never what keeps the process alive (e.g. after a failed start)
  const reports = await runFilesInPool(files, {
    jobs,
    timeoutMs,
    onStart: (file) => inFlight.set(file, performance.now()),
    ...(run === undefined ? {} : { run }),
    ...(forks === undefined ? {} : { forks }),
    ...(perFile === undefined ? {} : { vectorsPerFile: perFile }),
    ...(timings === undefined ? {} : { timings }),
    onFile(report, done, total) {
      inFlight.delete(report.file);
      progress.onFile(report, done, total);
    },
  });
  clearInterval(heartbeat);
  const elapsed = (performance.now() - start) / 1000;
  const summary = summarize(reports);

  const table = markdownTable(summary);
  const footer =
    `${summary.total.passed + summary.total.failed + summary.total.skipped} vectors in ${files.length} files, ` +
    `${elapsed.toFixed(1)} s on ${Math.min(jobs, files.length)} workers (Node ${process.versions.node})\n`;
  process.stdout.write(`${table}\n${footer}`);

  writeFileSync(failuresPath, failureLines(summary.failures));
  if (summary.failures.length > 0) {
    process.stderr.write(
      `\nfirst ${Math.min(show, summary.failures.length)} of ${summary.failures.length} failures (all in ${failuresPath}):\n`,
    );
    for (const f of summary.failures.slice(0, show)) {
      process.stderr.write(`  ${relative('.', f.file)} ${f.name} [${f.fork || '-'} #${f.index}]: ${f.reason}\n`);
    }
    const f = summary.failures[0]!;
    if (f.index >= 0) {
      process.stderr.write(
        `reproduce one: bin/evmkit statetest --fork ${f.fork} --index ${f.index} --run '^${f.name.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')}$' ${relative('.', f.file)}\n`,
      );
    }
  }
  const slowest = [...reports].sort((a, b) => b.ms - a.ms).slice(0, 5);
  process.stderr.write(`slowest files: ${slowest.map((r) => `${relative('.', r.file)} ${(r.ms / 1000).toFixed(1)} s`).join(', ')}\n`);

  if (timings !== undefined) process.stderr.write(timingLines(timings, elapsed * 1000, Math.min(jobs, files.length)));

  if (values.write !== undefined) {
    writeConformanceSection(values.write, `${table}\n${footer}`);
    process.stderr.write(`wrote the table into ${values.write}\n`);
  }
  process.stderr.write(tallyLine(summary.total) + '\n');
  return summary.total.failed > 0 ? 1 : 0;
}

const rerun = rerunWithMallocTuning();
if (rerun !== undefined) process.exitCode = rerun;
else
  try {
    process.exitCode = await conformance(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`conformance: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
  }
