/**
 * A/B of two evmkit builds on VMTests/vmPerformance/loopMul.json (a quarter of the CPU time of
 * `npm run conformance`, BENCHMARKS.md "The full state-test run"): its three Cancun vectors with the loop
 * count (the calldata's last word) cut to 1/`--cut`, so a round takes seconds, through each build's own
 * `runStateVector`, interleaved (A B, B A, ...), CPU milliseconds per vector (process.cpuUsage: the
 * machine is shared), medians over the rounds. The cut vectors are timed, not judged (their roots differ).
 *
 *   node dist/bench/conformance/loopMul.js --base /path/to/other/checkout [--rounds N] [--cut N] [--fork NAME]
 *
 * Each checkout must be built (`npx tsc -p tsconfig.json`). Prints per vector the median of each build and
 * B/A (this build's time over the base's: below 1, this build is faster), then the same on the sum.
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultFixtureDir } from '../../tools/fixtureArgs.js';

interface Build {
  readonly label: string;
  /** Runs cut vector `i` once; CPU milliseconds. */
  run(i: number): number;
  readonly names: string[];
}

async function loadBuild(root: string, label: string, file: string, fork: string, cut: number): Promise<Build> {
  const mod = async (p: string) => import(pathToFileURL(join(root, 'dist', 'src', p)).href);
  const { runStateVector } = await mod('transition/stateTest.js');
  const { MemoryPool } = await mod('machine/memory.js');
  const { loadStateTestFile } = await mod('statetest/files.js');
  const { keccakReady } = await mod('primitives/crypto/keccak.js');
  const { installPrecompilesFromEnv } = await mod('cli/nodePrecompiles.js');
  await installPrecompilesFromEnv();
  await keccakReady;
  const pool = new MemoryPool();
  type Entry = { kind: string; index: number; vector: { tx: { data: Uint8Array } } };
  const entries = (loadStateTestFile(file, { forks: [fork] }) as Entry[]).filter((e) => e.kind === 'vector');
  if (entries.length === 0) throw new Error(`${file}: no ${fork} vectors`);
  const vectors = entries.map((e) => {
    const data = e.vector.tx.data.slice();
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    view.setUint32(data.length - 4, Math.floor(view.getUint32(data.length - 4) / cut));
    return { ...e.vector, tx: { ...e.vector.tx, data } };
  });
  return {
    label,
    names: entries.map((e) => `${fork} #${e.index}`),
    run(i) {
      const c = process.cpuUsage();
      runStateVector(vectors[i], { memoryPool: pool });
      const u = process.cpuUsage(c);
      return (u.user + u.system) / 1000;
    },
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      rounds: { type: 'string', default: '5' },
      cut: { type: 'string', default: '10' },
      fork: { type: 'string', default: 'Cancun' },
    },
  });
  if (values.base === undefined) throw new Error('--base /path/to/other/checkout is required');
  const rounds = Number(values.rounds);
  const cut = Number(values.cut);
  if (!(rounds >= 1 && cut >= 1)) throw new Error('--rounds and --cut must be positive numbers');
  const file = join(defaultFixtureDir('state'), 'istanbul-to-cancun', 'VMTests', 'vmPerformance', 'loopMul.json');
  const here = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
  const a = await loadBuild(resolve(values.base), 'A (base)', file, values.fork, cut);
  const b = await loadBuild(here, 'B (this build)', file, values.fork, cut);
  const times = [a, b].map(() => a.names.map((): number[] => []));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) {
      const build = k === 0 ? a : b;
      for (let i = 0; i < build.names.length; i++) times[k]![i]!.push(build.run(i));
    }
  }
  console.log(`loopMul.json, loop counts / ${cut}, ${rounds} rounds, CPU ms (median): A = ${resolve(values.base)}, B = ${here}`);
  let sa = 0;
  let sb = 0;
  a.names.forEach((name, i) => {
    const ma = median(times[0]![i]!);
    const mb = median(times[1]![i]!);
    sa += ma;
    sb += mb;
    console.log(`  ${name}: A ${ma.toFixed(0)}  B ${mb.toFixed(0)}  B/A ${(mb / ma).toFixed(3)}`);
  });
  console.log(`  sum: A ${sa.toFixed(0)}  B ${sb.toFixed(0)}  B/A ${(sb / sa).toFixed(3)}`);
}

await main();
