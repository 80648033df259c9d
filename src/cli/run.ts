/**
 * `evmkit run`: executes code as a call frame (go-ethereum `evm run`, cmd/evm/runner.go). The first line
 * of stdout is the return data as 0x-hex; an execution error (a revert included) goes to stderr and
 * exits 1. `--json` writes the EIP-3155 trace to stderr, `--bench` times the run, `--dump` prints the
 * post-state as go-ethereum's state dump after the return data.
 */
import { MemoryPool } from '../machine/memory.js';
import { keccakReady } from '../primitives/crypto/keccak.js';
import { readFileSync } from 'node:fs';
import { type Command, type CliIO, UsageError, parseCommandArgs } from './command.js';
import { runCode, type RunCodeOptions, type RunCodeResult } from '../transition/runCode.js';
import { DEFAULT_FORK, FORK_NAMES, forkFromName, forkName, type Fork } from '../spec/fork.js';
import { rulesFor } from '../spec/rules.js';
import { bytesToHex, hexToBytes, parseQuantity } from '../primitives/hex.js';
import { parseAddress } from '../primitives/address.js';
import { JsonLogger } from '../tracing/jsonLogger.js';
import { dumpState } from './dump.js';
import { goDuration, median } from './duration.js';

/** The fork mainnet runs today: evmkit's one default (library and CLI alike). */
export const DEFAULT_RUN_FORK: Fork = DEFAULT_FORK;

const USAGE = `usage: evmkit run [flags]

Executes EVM bytecode as a call frame and prints the return data.

flags:
  --code HEX          the code to run (0x optional)
  --codefile F        read the code (hex text) from file F ('-' for stdin)
  --input HEX         calldata (default empty)
  --gas N             gas for the frame (default 10000000000)
  --value N           call value in wei (default 0)
  --sender ADDR       caller address
  --receiver ADDR     address the code runs at
  --fork NAME         fork rules (default ${forkName(DEFAULT_RUN_FORK)})
  --json              write the EIP-3155 trace (go-ethereum JSON logger lines) to stderr
  --trace             the same as --json (go-ethereum --trace with --trace.format=json)
  --trace.memory      include memory in trace lines
  --trace.nostack     leave the stack out of trace lines ("stack":null)
  --trace.returndata  include the return-data buffer in trace lines
  --bench             run repeatedly; print gas used and the median execution time to stderr
  --dump              print the post-state (go-ethereum state dump JSON) after the return data
  -h, --help          this text

stdout: the return data as 0x-hex on the first line. stderr: the error, if execution failed (exit 1).
`;

const OPTIONS = {
  code: { type: 'string' },
  codefile: { type: 'string' },
  input: { type: 'string' },
  gas: { type: 'string' },
  value: { type: 'string' },
  sender: { type: 'string' },
  receiver: { type: 'string' },
  fork: { type: 'string' },
  json: { type: 'boolean' },
  trace: { type: 'boolean' },
  'trace.format': { type: 'string' },
  'trace.memory': { type: 'boolean' },
  'trace.nostack': { type: 'boolean' },
  'trace.returndata': { type: 'boolean' },
  bench: { type: 'boolean' },
  dump: { type: 'boolean' },
} as const;

/** Benchmark: at least this many timed runs, and more until this much time has passed. */
const BENCH_MIN_RUNS = 5;
const BENCH_MAX_RUNS = 1000;
const BENCH_MIN_NS = 1e9;

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function readCode(values: { code?: string; codefile?: string }, io: CliIO): Uint8Array | null {
  let codeHex = values.code;
  if (values.codefile !== undefined) {
    if (codeHex !== undefined) throw new UsageError('give either --code or --codefile, not both');
    try {
      codeHex = readFileSync(values.codefile === '-' ? 0 : values.codefile, 'utf8').trim();
    } catch (e) {
      io.stderr(`evmkit run: cannot read --codefile ${values.codefile}: ${(e as Error).message}\n`);
      return null;
    }
  }
  if (codeHex === undefined) throw new UsageError('--code or --codefile is required');
  const what = values.codefile !== undefined ? `--codefile ${values.codefile}` : '--code';
  return wrap(() => hexToBytes(codeHex.trim(), what));
}

/** Times `run` (fresh state each time) and returns the median wall time in nanoseconds. */
function bench(run: () => RunCodeResult): { ns: number; runs: number } {
  run(); // warm-up: code analysis, JIT
  const times: number[] = [];
  const start = process.hrtime.bigint();
  while (times.length < BENCH_MAX_RUNS) {
    const t0 = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t0));
    if (times.length >= BENCH_MIN_RUNS && Number(process.hrtime.bigint() - start) >= BENCH_MIN_NS) break;
  }
  return { ns: median(times), runs: times.length };
}

/** Gas is a uint64 (go-ethereum `evm run --gas`); a value is a 256-bit word. Larger numbers would wrap. */
const MAX_GAS = (1n << 64n) - 1n;
const MAX_VALUE = (1n << 256n) - 1n;

function quantityArg(name: string, v: string, max: bigint): bigint {
  let q: bigint;
  try {
    q = parseQuantity(v, `--${name}`);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (q > max) throw new UsageError(`--${name}: ${v} exceeds ${max === MAX_GAS ? '2^64-1' : '2^256-1'}`);
  return q;
}

export const runCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const format = values['trace.format'];
    if (format !== undefined && format !== 'json')
      throw new UsageError(`--trace.format: only "json" is supported, got ${JSON.stringify(format)}`);
    const code = readCode(values, io);
    if (code === null) return 1;
    let fork = DEFAULT_RUN_FORK;
    if (values.fork !== undefined) {
      const f = forkFromName(values.fork);
      if (f === undefined) throw new UsageError(`--fork: unknown fork ${JSON.stringify(values.fork)}; known: ${FORK_NAMES.join(', ')}`);
      fork = f;
    }
    const addr = (name: string, v: string | undefined) => (v === undefined ? undefined : wrap(() => parseAddress(v, `--${name}`)));
    const opts: RunCodeOptions = {
      fork,
      input: values.input !== undefined ? wrap(() => hexToBytes(values.input!.trim(), '--input')) : undefined,
      gas: values.gas !== undefined ? quantityArg('gas', values.gas, MAX_GAS) : undefined,
      value: values.value !== undefined ? quantityArg('value', values.value, MAX_VALUE) : undefined,
      sender: addr('sender', values.sender),
      receiver: addr('receiver', values.receiver),
      memoryPool: new MemoryPool(),
    };
    const tracing = values.json === true || values.trace === true;
    const tracer = tracing
      ? new JsonLogger(io.stderr, {
          enableMemory: values['trace.memory'] === true,
          disableStack: values['trace.nostack'] === true,
          enableReturnData: values['trace.returndata'] === true,
        })
      : undefined;
    const r = runCode(code, tracer === undefined ? opts : { ...opts, tracer });
    io.stdout(bytesToHex(r.output) + '\n');
    if (values.dump) {
      // go-ethereum commits the state before dumping it, which deletes empty accounts (EIP-161).
      r.state.finalizeTx(rulesFor(fork).eip161);
      io.stdout(dumpState(r.state) + '\n');
    }
    if (values.bench) {
      await keccakReady; // timings are of the steady state, which has the WebAssembly keccak
      const { ns, runs } = bench(() => runCode(code, opts));
      io.stderr(`EVM gas used:    ${r.gasUsed}\nexecution time:  ${goDuration(ns)}\nruns:            ${runs} (median time)\n`);
    }
    if (!r.success) {
      io.stderr(`error: ${r.error}\n`);
      return 1;
    }
    return 0;
  },
};
