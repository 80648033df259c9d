/**
 * `evmkit t8n`: the transition tool the execution-spec-tests drive (go-ethereum `evm t8n`,
 * cmd/evm/internal/t8ntool/transition.go and flags.go). Inputs from files or `stdin` (one object
 * `{alloc, env, txs, txsRlp?}`), outputs to files under `--output.basedir` or to `stdout`/`stderr` (one
 * object with keys alloc/result/body). Errors print `ERROR(<code>): <message>` and exit with
 * go-ethereum's codes: 2 EVM, 3 config, 4 missing block hash, 10 JSON, 11 IO, 12 RLP.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FORK, FORK_NAMES, forkName } from '../spec/fork.js';
import { type CliIO, type Command, UsageError, parseCommandArgs } from './command.js';
import { version } from './main.js';
import { runT8n, type T8nInput } from './t8nRun.js';
import { T8nError, T8nExit } from './t8nInput.js';
import { JsonLogger } from '../tracing/jsonLogger.js';
import { txHash } from '../tx/encode.js';
import { bytesToHex } from '../primitives/hex.js';
import type { Transaction } from '../tx/types.js';

const STDIN = 'stdin';

const OPTIONS = {
  'input.alloc': { type: 'string', default: 'alloc.json' },
  'input.env': { type: 'string', default: 'env.json' },
  'input.txs': { type: 'string', default: 'txs.json' },
  'output.basedir': { type: 'string', default: '' },
  'output.alloc': { type: 'string', default: 'alloc.json' },
  'output.result': { type: 'string', default: 'result.json' },
  'output.body': { type: 'string', default: '' },
  'state.fork': { type: 'string', default: forkName(DEFAULT_FORK) },
  'state.chainid': { type: 'string', default: '1' },
  'state.reward': { type: 'string', default: '0' },
  trace: { type: 'boolean', default: false },
  'trace.memory': { type: 'boolean', default: false },
  'trace.nostack': { type: 'boolean', default: false },
  'trace.returndata': { type: 'boolean', default: false },
  version: { type: 'boolean', default: false },
} as const;

const USAGE = `usage: evmkit t8n [flags]

Applies transactions to a pre-state and builds a block (go-ethereum \`evm t8n\`).

flags:
  --input.alloc <file|stdin>     pre-state alloc (default alloc.json)
  --input.env <file|stdin>       block environment (default env.json)
  --input.txs <file|stdin>       transactions: JSON, or a .rlp file holding the hex RLP list (default txs.json)
  --output.basedir <dir>         directory for output files (default: current directory)
  --output.alloc <file|stdout|stderr>   post-state alloc (default alloc.json)
  --output.result <file|stdout|stderr>  result: roots, receipts, rejected transactions (default result.json)
  --output.body <file|stdout|stderr>    RLP of the included transactions (default: not written)
  --state.fork <name>            fork (default ${forkName(DEFAULT_FORK)}: the fork mainnet runs today, as everywhere in evmkit)
  --state.chainid <n>            chain id (default 1)
  --state.reward <wei>           block reward; -1 disables rewards (default 0)
  --trace                        EIP-3155 trace per transaction into <basedir>/trace-<index>-<txhash>.jsonl
  --trace.memory, --trace.nostack, --trace.returndata   what trace lines include (as go-ethereum)
  --version                      print the version

With any input set to \`stdin\`, standard input holds one JSON object {"alloc", "env", "txs", "txsRlp"?}.

supported forks: ${FORK_NAMES.join(', ')} (aliases: TangerineWhistle, SpuriousDragon, Petersburg, MuirGlacier,
  ArrowGlacier, GrayGlacier, Merge)

exit codes: 2 EVM error, 3 bad configuration, 4 missing block hash, 10 bad JSON, 11 IO error, 12 bad RLP
`;

async function readStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new T8nError(T8nExit.Io, `failed reading ${what} file: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new T8nError(T8nExit.Json, `failed unmarshaling ${what} file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function integer(v: string, flag: string): bigint {
  try {
    return BigInt(v);
  } catch {
    throw new UsageError(`--${flag}: expected an integer, got ${JSON.stringify(v)}`);
  }
}

async function transition(values: Record<string, string | boolean>, io: CliIO): Promise<void> {
  const str = (k: keyof typeof OPTIONS): string => values[k] as string;
  const allocFile = str('input.alloc');
  const envFile = str('input.env');
  const txsFile = str('input.txs');
  let input: { alloc?: unknown; env?: unknown; txs?: unknown; txsRlp?: unknown } = {};
  if (allocFile === STDIN || envFile === STDIN || txsFile === STDIN) {
    try {
      const parsed: unknown = JSON.parse(await readStdin(io));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected an object {alloc, env, txs}');
      input = parsed as typeof input;
    } catch (e) {
      throw new T8nError(T8nExit.Json, `failed unmarshalling stdin: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const t8nInput: T8nInput = {
    alloc: allocFile === STDIN ? input.alloc : readJsonFile(allocFile, 'alloc'),
    env: envFile === STDIN ? input.env : readJsonFile(envFile, 'env'),
    ...(txsFile === STDIN
      ? { txs: input.txs, txsRlp: input.txsRlp }
      : txsFile.endsWith('.rlp')
        ? { txsRlp: readJsonFile(txsFile, 'txs') }
        : { txs: readJsonFile(txsFile, 'txs') }),
  };
  const baseDir = str('output.basedir');
  // --trace: go-ethereum writes each transaction's EIP-3155 lines to trace-<index>-<hash>.jsonl.
  const traces: { file: string; lines: string[] }[] = [];
  const tracerFor =
    values.trace === true
      ? (index: number, tx: Transaction) => {
          const t = { file: join(baseDir, `trace-${index}-${bytesToHex(txHash(tx))}.jsonl`), lines: [] as string[] };
          traces.push(t);
          return new JsonLogger((line) => t.lines.push(line), {
            enableMemory: values['trace.memory'] === true,
            disableStack: values['trace.nostack'] === true,
            enableReturnData: values['trace.returndata'] === true,
          });
        }
      : undefined;
  const out = runT8n(t8nInput, {
    fork: str('state.fork'),
    chainId: integer(str('state.chainid'), 'state.chainid'),
    reward: integer(str('state.reward'), 'state.reward'),
    ...(tracerFor === undefined ? {} : { tracerFor }),
  });
  for (const t of traces) {
    try {
      if (baseDir !== '') mkdirSync(baseDir, { recursive: true });
      writeFileSync(t.file, t.lines.join(''));
    } catch (e) {
      throw new T8nError(T8nExit.Io, `failed writing trace: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const toStdout: Record<string, unknown> = {};
  const toStderr: Record<string, unknown> = {};
  const dispatch = (target: string, name: string, obj: unknown): void => {
    if (target === 'stdout') toStdout[name] = obj;
    else if (target === 'stderr') toStderr[name] = obj;
    else if (target !== '') {
      try {
        if (baseDir !== '') mkdirSync(baseDir, { recursive: true });
        writeFileSync(join(baseDir, target), JSON.stringify(obj, null, 1));
      } catch (e) {
        throw new T8nError(T8nExit.Io, `failed writing output: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  dispatch(str('output.alloc'), 'alloc', out.alloc);
  dispatch(str('output.result'), 'result', out.result);
  dispatch(str('output.body'), 'body', out.body);
  if (Object.keys(toStdout).length > 0) io.stdout(JSON.stringify(toStdout, null, 2) + '\n');
  if (Object.keys(toStderr).length > 0) io.stderr(JSON.stringify(toStderr, null, 2) + '\n');
}

export const t8nCommand: Command = {
  usage: USAGE,
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (values.version === true) {
      io.stdout(`evmkit t8n ${version()}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
    try {
      await transition(values as Record<string, string | boolean>, io);
      return 0;
    } catch (e) {
      if (e instanceof T8nError) {
        io.stderr(`ERROR(${e.code}): ${e.message}\n`);
        return e.code;
      }
      throw e;
    }
  },
};
