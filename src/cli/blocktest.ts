/**
 * `evmkit blocktest [flags] PATH...` — go-ethereum's `evm blocktest` (cmd/evm/blockrunner.go).
 *
 * Each blockchain test (ethereum/tests BlockchainTests, execution-spec-tests blockchain_tests) is a chain
 * import from the test's genesis (src/blocktest/run.ts): every block imported in order, the invalid ones
 * rejected with the chain unchanged, then the head and its state compared with the fixture's.
 *
 * stdout: for each file, a JSON array (2-space indent) of `{"name","pass","stateRoot"?,"fork","error"?}`.
 * stderr: a progress line per file and, as the very last line, `N passed, N failed, N skipped`.
 * Exit 1 when anything failed. A file that cannot be read or parsed is reported as one failed entry and the
 * run goes on. With no PATH and a non-TTY stdin, file names are read from stdin one per line.
 */
import { MemoryPool } from '../machine/memory.js';
import { forkFromName } from '../spec/fork.js';
import { parseNetwork } from '../spec/network.js';
import { count, emptyTally, tallyLine, toGethResult, type GethStatetestResult } from '../statetest/check.js';
import { forEachInputFile } from './inputFiles.js';
import { loadBlockTestFile } from '../blocktest/files.js';
import { runBlockTest } from '../blocktest/run.js';
import type { BlockTestLoadOptions } from '../blocktest/load.js';
import { blocktestSealVerifier, sealVerifierReady } from './seal.js';
import { type CliIO, type Command, UsageError, parseCommandArgs } from './command.js';

const USAGE = `usage: evmkit blocktest [flags] PATH...

Runs blockchain tests (ethereum/tests BlockchainTests, execution-spec-tests blockchain_tests) as go-ethereum's
\`evm blocktest\`: a chain from each test's genesis imports its blocks (the invalid ones must be rejected), then
the head hash and its state must be the fixture's. Proof-of-work seals are checked (ethash light verification)
for tests with sealEngine Ethash. PATH is a file or a directory (searched recursively for *.json). Without PATH,
file names are read from stdin, one per line.

stdout: per file, a JSON array of {"name","pass","stateRoot"?,"fork","error"?}
stderr: a line per file, then "N passed, N failed, N skipped"; exit 1 when any test failed.

flags:
  --fork NAME      only tests of this network: a fork name selects the fork and the transitions to it,
                   a transition name (ShanghaiToCancunAtTime15k) exactly that one
  --run REGEX      only tests whose name matches REGEX
  -h, --help       this text
`;

const OPTIONS = {
  fork: { type: 'string' },
  run: { type: 'string' },
} as const;

function loadOptions(values: { fork?: string; run?: string }): BlockTestLoadOptions {
  let run: RegExp | undefined;
  if (values.run !== undefined) {
    try {
      run = new RegExp(values.run);
    } catch (e) {
      throw new UsageError(`--run: invalid regular expression: ${e instanceof Error ? e.message : e}`);
    }
  }
  const fork = values.fork;
  if (fork !== undefined && forkFromName(fork) === undefined && parseNetwork(fork) === undefined) {
    throw new UsageError(`--fork: unknown fork or network ${JSON.stringify(fork)}`);
  }
  return { ...(fork === undefined ? {} : { forks: [fork] }), ...(run === undefined ? {} : { run }) };
}

/** One memory pool for the whole run: large frame memories are reused from test to test. */
const POOL = new MemoryPool();

export const blocktestCommand: Command = {
  usage: USAGE,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    const opts = loadOptions(values);
    await sealVerifierReady;
    const runOpts = { sealVerifier: blocktestSealVerifier(), memoryPool: POOL };
    const total = emptyTally();

    const runFile = (file: string): void => {
      const tally = emptyTally();
      const results: GethStatetestResult[] = [];
      const tests = loadBlockTestFile(file, opts);
      // A file of which --run/--fork select nothing says nothing (a directory run stays readable).
      if (tests.length === 0 && (opts.run !== undefined || opts.forks !== undefined)) return;
      for (const t of tests) {
        const o = runBlockTest(t, runOpts);
        results.push(toGethResult(o));
        count(tally, o.status);
        count(total, o.status);
      }
      io.stdout(JSON.stringify(results, null, 2) + '\n');
      io.stderr(`${file}: ${tallyLine(tally)}\n`);
    };

    await forEachInputFile(positionals, io, runFile);
    io.stderr(tallyLine(total) + '\n');
    return total.failed > 0 ? 1 : 0;
  },
};
