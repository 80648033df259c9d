/**
 * `evmkit <command> [flags] [args]`: the command dispatcher. bin/evmkit calls `main`.
 *
 * Adding a command: write src/cli/<name>.ts exporting a `Command` (see command.ts) and add a line to
 * COMMANDS below; help, usage errors (exit 2) and exit codes are handled here. Commands are imported
 * only when run, so `evmkit --help` starts fast and works even when one command's code does not load.
 */
import { srcPath } from '../primitives/platform/requireFromSrc.js';
import { readFileSync } from 'node:fs';
import { type CliIO, type Command, UsageError, processIO } from './command.js';

interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/** Every subcommand, by name. `run` and `t8n` will join `statetest` here. */
const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  run: {
    summary: 'execute bytecode as a call frame; prints the return data as go-ethereum `evm run`',
    load: async () => (await import('./run.js')).runCommand,
  },
  call: {
    summary: 'eth_call run locally against state forked lazily from a JSON-RPC node',
    load: async () => (await import('./call.js')).callCommand,
  },
  statetest: {
    summary: 'run state tests; per-vector JSON results as go-ethereum `evm statetest`',
    load: async () => (await import('./statetest.js')).statetestCommand,
  },
  t8n: {
    summary: 'transition tool: apply transactions to a pre-state, build a block (go-ethereum `evm t8n`)',
    load: async () => (await import('./t8n.js')).t8nCommand,
  },
  node: {
    summary: "JSON-RPC node on HTTP and WebSocket with anvil's flags (dev accounts, signing; the chain: phase 2)",
    load: async () => (await import('./nodeCommand.js')).nodeCommand,
  },
};

/** The package version, from the repository's package.json (dist/src/../../package.json). */
export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(srcPath('../../package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function generalUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return (
    `usage: evmkit <command> [flags] [args]\n\ncommands:\n${lines.join('\n')}\n\n` +
    `evmkit <command> --help shows a command's flags; evmkit --version prints the version.\n`
  );
}

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(generalUsage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === 'version') {
    io.stdout(`evmkit version ${version()}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    io.stderr(`evmkit: unknown command ${JSON.stringify(name)}\n\n${generalUsage()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return 0;
  }
  // The fast precompile backends (mcl-wasm, libsecp256k1, node:crypto; EVMKIT_PRECOMPILE_BACKENDS
  // picks another set): every command may run code.
  try {
    await (await import('./nodePrecompiles.js')).installPrecompilesFromEnv();
  } catch (e) {
    io.stderr(`evmkit: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`evmkit ${name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    throw e;
  }
}
