/**
 * `npm run fuzz:node -- --steps N --seed S [--fork prague|osaka] [--self-check]`: the node-level differential. Starts
 * `bin/evmkit node` and anvil from one genesis.json, sends both the same random steps through viem, and
 * compares after each one (fuzz/node/differential.ts). Stops at the first difference, prints it with the
 * steps that led there, and exits 1. `--self-check` runs anvil against anvil (the harness compares only
 * what two equal nodes share). Last line: `N steps, D differences`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startAnvil, startEvmkit, type Endpoint } from './endpoints.js';
import { genesisJson, type NodeFork } from './genesis.js';
import { NodeDifferential, type RunResult } from './differential.js';

const USAGE = 'usage: npm run fuzz:node -- --steps N --seed S [--fork prague|osaka] [--self-check]';

export interface NodeFuzzOptions {
  readonly steps: number;
  readonly seed: number;
  readonly fork: NodeFork;
  readonly onProgress?: (done: number) => void;
  /** anvil against anvil: checks that the harness itself compares only what two equal nodes share. */
  readonly selfCheck?: boolean;
}

/** One run against fresh nodes, which are stopped afterwards whatever happens. */
export async function runNodeDifferential(o: NodeFuzzOptions): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-nodefuzz-'));
  const genesis = join(dir, 'genesis.json');
  writeFileSync(genesis, genesisJson(o.fork));
  const started: Endpoint[] = [];
  try {
    const [evmkit, anvil] = await Promise.all([
      o.selfCheck === true ? startAnvil(genesis, o.fork) : startEvmkit(genesis),
      startAnvil(genesis, o.fork),
    ]);
    started.push(evmkit, anvil);
    return await new NodeDifferential(evmkit, anvil, o.fork).run(o.seed, o.steps, o.onProgress);
  } finally {
    await Promise.all(started.map((e) => e.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

function positive(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`${flag}: expected a non-negative integer, got ${JSON.stringify(text)}\n${USAGE}`);
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { steps: { type: 'string' }, seed: { type: 'string' }, fork: { type: 'string' }, 'self-check': { type: 'boolean' } },
  });
  const fork = (values.fork ?? 'prague') as NodeFork;
  if (fork !== 'prague' && fork !== 'osaka') throw new Error(`--fork: prague or osaka, got ${JSON.stringify(values.fork)}\n${USAGE}`);
  const steps = positive(values.steps, '--steps', 1000);
  const seed = positive(values.seed, '--seed', 1);
  const t0 = Date.now();
  const result = await runNodeDifferential({
    steps,
    seed,
    fork,
    selfCheck: values['self-check'] === true,
    onProgress: (n) => {
      if (n % 100 === 0) process.stderr.write(`${n} steps, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    },
  });
  console.log(`kinds: ${JSON.stringify(result.kinds)}; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const d of result.differences)
    console.log(`difference at step ${d.step}: ${d.what}\n  evmkit: ${JSON.stringify(d.a)}\n  anvil:  ${JSON.stringify(d.b)}`);
  if (result.differences.length > 0) console.log('the last steps:\n' + result.log.slice(-12).join('\n'));
  console.log(`${result.steps} steps, ${result.differences.length} differences`);
  process.exitCode = result.differences.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  });
}
