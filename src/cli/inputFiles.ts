/**
 * The files a batch command (`statetest`, `blocktest`) runs, as go-ethereum's `evm` takes them: the PATHs
 * on the command line (directories walked), else one file name per line on stdin until an empty line.
 */
import { createInterface } from 'node:readline';
import { collectCommandFiles } from '../statetest/files.js';
import { type CliIO, UsageError } from './command.js';

/** Calls `runFile` on each input file in order; a usage error when there are none to read. */
export async function forEachInputFile(positionals: readonly string[], io: CliIO, runFile: (file: string) => void): Promise<void> {
  if (positionals.length > 0) {
    for (const file of collectCommandFiles(positionals)) runFile(file);
  } else if (!io.stdinIsTTY) {
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const name = line.trim();
      if (name === '') break; // go-ethereum: an empty line ends batch mode
      runFile(name);
    }
    lines.close();
  } else {
    throw new UsageError('no PATH given (and stdin is a terminal, so no file names to read from it)');
  }
}
