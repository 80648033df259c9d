/**
 * `evmkit statetest [flags] PATH...` — go-ethereum's `evm statetest` (cmd/evm/staterunner.go).
 *
 * stdout: for each file, a JSON array (2-space indent) of `{"name","pass","stateRoot"?,"fork","error"?}`,
 * one per (test, fork, post index) — the shape execution-spec-tests and goevmlab parse.
 * stderr: go-ethereum's `{"stateRoot": "0x…"}` line per executed vector, a progress line per file, and
 * as the very last line `N passed, N failed, N skipped`. Exit 1 when anything failed.
 * With no PATH and a non-TTY stdin, file names are read from stdin one per line (batch mode; an empty
 * line ends it), each answered as soon as it is read.
 */
import { runStateVector } from '../transition/stateTest.js';
import { MemoryPool } from '../machine/memory.js';
import {
  type GethStatetestResult,
  type VectorOutcome,
  type VectorRunner,
  count,
  emptyTally,
  runEntry,
  tallyLine,
  toGethResult,
} from '../statetest/check.js';
import { type BenchBudget, type BenchStats, DEFAULT_BENCH_BUDGET, benchVector } from './benchStats.js';
import { JsonLogger } from '../tracing/jsonLogger.js';
import { keccakReady } from '../primitives/crypto/keccak.js';
import type { Tracer } from '../machine/tracer.js';
import { loadStateTestFile } from '../statetest/files.js';
import { forEachInputFile } from './inputFiles.js';
import type { LoadOptions } from '../statetest/types.js';
import { type CliIO, type Command, UsageError, parseCommandArgs } from './command.js';

const USAGE = `usage: evmkit statetest [flags] PATH...

Runs state tests (ethereum/tests GeneralStateTests, execution-spec-tests state_tests). PATH is a file or a
directory (searched recursively for *.json). Without PATH, file names are read from stdin, one per line.

flags:
  --fork NAME      only post entries of this fork (aliases such as Petersburg = ConstantinopleFix work)
                   (also --statetest.fork)
  --run REGEX      only tests whose name matches REGEX
  --index N        only post index N of each fork (also --statetest.index)
  --json           JSON results on stdout (the default, as go-ethereum)
  --human          one line per result instead of JSON, then a summary
  --bench          also time each vector (warm-up, then repeated runs, untraced) and add go-ethereum's
                   "benchStats": {"time": <median ns per execution>, "gasUsed": <n>} to its result
  --trace          write each vector's EIP-3155 trace (go-ethereum JSON logger lines) to stderr,
                   before its {"stateRoot": ...} line
  --trace.memory, --trace.nostack, --trace.returndata   what trace lines include (as go-ethereum)
  -h, --help       this text
`;

const OPTIONS = {
  fork: { type: 'string' },
  'statetest.fork': { type: 'string' },
  run: { type: 'string' },
  index: { type: 'string' },
  'statetest.index': { type: 'string' },
  json: { type: 'boolean' },
  human: { type: 'boolean' },
  bench: { type: 'boolean' },
  trace: { type: 'boolean' },
  'trace.format': { type: 'string' },
  'trace.memory': { type: 'boolean' },
  'trace.nostack': { type: 'boolean' },
  'trace.returndata': { type: 'boolean' },
} as const;

/** Runs a vector with a tracer (the real EVM by default). */
export type TracedVectorRunner = (tracer: Tracer) => VectorRunner;

function loadOptions(values: ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values']): LoadOptions {
  const fork = values.fork ?? values['statetest.fork'];
  let run: RegExp | undefined;
  if (values.run !== undefined) {
    try {
      run = new RegExp(values.run);
    } catch (e) {
      throw new UsageError(`--run: invalid regular expression: ${e instanceof Error ? e.message : e}`);
    }
  }
  const indexText = values.index ?? values['statetest.index'];
  let index: number | undefined;
  if (indexText !== undefined) {
    if (!/^\d+$/.test(indexText)) throw new UsageError(`--index: expected a non-negative integer, got ${JSON.stringify(indexText)}`);
    index = Number(indexText);
  }
  return {
    ...(fork === undefined ? {} : { forks: [fork] }),
    ...(run === undefined ? {} : { run }),
    ...(index === undefined ? {} : { index }),
  };
}

/** go-ethereum's `--human` line (reporter.go `testResult.String`), without colours. */
function humanLine(o: VectorOutcome): string {
  const status = o.status === 'pass' ? '[PASS]' : o.status === 'skip' ? '[SKIP]' : '[FAIL]';
  return o.status === 'pass' ? `${status} ${o.name}` : `${status} ${o.name}, err=${o.error}, fork=${o.fork}`;
}

/** Builds the command around a vector runner (the real EVM, or a stand-in in tests). */
export function makeStatetestCommand(
  plainRunner: VectorRunner,
  benchBudget: BenchBudget = DEFAULT_BENCH_BUDGET,
  tracedRunner: TracedVectorRunner = (tracer) => (v) => runStateVector(v, { tracer, memoryPool: POOL }),
): Command {
  return {
    usage: USAGE,
    async run(args: readonly string[], io: CliIO): Promise<number> {
      const { values, positionals } = parseCommandArgs(args, OPTIONS);
      if (values.json && values.human) throw new UsageError('--json and --human exclude each other');
      const opts = loadOptions(values);
      // Timings are of the steady state, which has the WebAssembly keccak (src/crypto/keccak.ts).
      if (values.bench) await keccakReady;
      const format = values['trace.format'];
      if (format !== undefined && format !== 'json')
        throw new UsageError(`--trace.format: only "json" is supported, got ${JSON.stringify(format)}`);
      const runner = values.trace
        ? tracedRunner(
            new JsonLogger(io.stderr, {
              enableMemory: values['trace.memory'] === true,
              disableStack: values['trace.nostack'] === true,
              enableReturnData: values['trace.returndata'] === true,
            }),
          )
        : plainRunner;
      const total = emptyTally();

      const runFile = (file: string): void => {
        const outcomes: VectorOutcome[] = [];
        const stats: (BenchStats | undefined)[] = [];
        const tally = emptyTally();
        for (const entry of loadStateTestFile(file, opts)) {
          const o = runEntry(entry, runner);
          if (o.stateRoot !== undefined) io.stderr(`{"stateRoot": "${o.stateRoot}"}\n`);
          outcomes.push(o);
          // --bench: only vectors that ran to a result (an exception would only repeat itself).
          stats.push(
            values.bench && entry.kind === 'vector' && o.stateRoot !== undefined
              ? benchVector(() => plainRunner(entry.vector), benchBudget)
              : undefined,
          );
          count(tally, o.status);
          count(total, o.status);
        }
        if (values.human) {
          for (const o of outcomes) io.stdout(humanLine(o) + '\n');
        } else {
          const results: (GethStatetestResult & { benchStats?: BenchStats })[] = outcomes.map((o, i) => {
            const b = stats[i];
            return b === undefined ? toGethResult(o) : { ...toGethResult(o), benchStats: b };
          });
          io.stdout(JSON.stringify(results, null, 2) + '\n');
        }
        io.stderr(`${file}: ${tallyLine(tally)}\n`);
      };

      await forEachInputFile(positionals, io, runFile);
      if (values.human) io.stdout(`--\n${total.passed} tests passed, ${total.failed} tests failed.\n`);
      io.stderr(tallyLine(total) + '\n');
      return total.failed > 0 ? 1 : 0;
    },
  };
}

/** The command as `evmkit` runs it: over the real EVM. */
/** One memory pool for the whole run: large frame memories are reused from vector to vector. */
const POOL = new MemoryPool();

export const statetestCommand: Command = makeStatetestCommand((v) => runStateVector(v, { memoryPool: POOL }));
