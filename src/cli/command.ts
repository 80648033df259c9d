/**
 * The shape of an `evmkit` subcommand. A command gets its arguments (after the command name) and an
 * IO object instead of touching `process` directly, so tests can run it in-process.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Where file names come from when a command reads them from standard input. */
  readonly stdin: NodeJS.ReadableStream;
  readonly stdinIsTTY: boolean;
}

export interface Command {
  /** The full usage text printed on a usage error or `--help`. */
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. Throws UsageError for bad arguments. */
  run(args: readonly string[], io: CliIO): Promise<number>;
}

/** Bad command line: `main` prints the message and the command's usage on stderr and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The process's own streams. */
export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stdin: process.stdin,
    stdinIsTTY: process.stdin.isTTY === true,
  };
}

/** `util.parseArgs` in strict mode, its errors turned into UsageError. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
