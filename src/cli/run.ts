/**
 * `evmkit run --code HEX [--codefile F] [--input HEX] [--gas N] [--value N] [--fork NAME]`: executes code
 * as a call frame (go-ethereum `evm run`). The first line of stdout is the return data as 0x-hex; an
 * execution error (including a revert) goes to stderr and exits 1.
 */
import { readFileSync } from 'node:fs';
import { type Command, UsageError, parseCommandArgs } from './command.js';
import { runCode } from '../transition/runCode.js';
import { Fork, forkFromName, forkName } from '../fork/fork.js';
import { bytesToHex, hexToBytes, parseQuantity } from '../util/hex.js';
import { parseAddress } from '../util/address.js';

/** The newest fork whose rules are complete (the tooling issue moves this to Osaka). */
export const DEFAULT_RUN_FORK = Fork.Cancun;

const USAGE = `usage: evmkit run [flags]

Executes EVM bytecode as a call frame and prints the return data.

flags:
  --code HEX       the code to run (0x optional)
  --codefile F     read the code (hex text) from file F ('-' for stdin)
  --input HEX      calldata (default empty)
  --gas N          gas for the frame (default 10000000000)
  --value N        call value in wei (default 0)
  --sender ADDR    caller address
  --receiver ADDR  address the code runs at
  --fork NAME      fork rules (default ${forkName(DEFAULT_RUN_FORK)})
  -h, --help       this text

stdout: the return data as 0x-hex on the first line. stderr: the error, if execution failed (exit 1).
`;

function hexArg(name: string, v: string): Uint8Array {
  try {
    return hexToBytes(v.trim(), `--${name}`);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
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
    const { values, positionals } = parseCommandArgs(args, {
      code: { type: 'string' },
      codefile: { type: 'string' },
      input: { type: 'string' },
      gas: { type: 'string' },
      value: { type: 'string' },
      sender: { type: 'string' },
      receiver: { type: 'string' },
      fork: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    let codeHex = values.code;
    if (values.codefile !== undefined) {
      if (codeHex !== undefined) throw new UsageError('give either --code or --codefile, not both');
      try {
        codeHex = readFileSync(values.codefile === '-' ? 0 : values.codefile, 'utf8').trim();
      } catch (e) {
        io.stderr(`evmkit run: cannot read --codefile ${values.codefile}: ${(e as Error).message}\n`);
        return 1;
      }
    }
    if (codeHex === undefined) throw new UsageError('--code or --codefile is required');
    const code = hexArg(values.codefile !== undefined ? 'codefile' : 'code', codeHex);
    let fork = DEFAULT_RUN_FORK;
    if (values.fork !== undefined) {
      const f = forkFromName(values.fork);
      if (f === undefined) throw new UsageError(`--fork: unknown fork ${JSON.stringify(values.fork)}`);
      fork = f;
    }
    const addr = (name: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      try {
        return parseAddress(v, `--${name}`);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    };
    const r = runCode(code, {
      fork,
      input: values.input !== undefined ? hexArg('input', values.input) : undefined,
      gas: values.gas !== undefined ? quantityArg('gas', values.gas, MAX_GAS) : undefined,
      value: values.value !== undefined ? quantityArg('value', values.value, MAX_VALUE) : undefined,
      sender: addr('sender', values.sender),
      receiver: addr('receiver', values.receiver),
    });
    io.stdout(bytesToHex(r.output) + '\n');
    if (!r.success) {
      io.stderr(`error: ${r.error}\n`);
      return 1;
    }
    return 0;
  },
};
