/**
 * `npm run fuzz -- --runs N --seed S [--start I] [--fork F,G] [--save DIR] [--no-minimise]`: differential fuzzing of evmkit
 * against @ethereumjs/vm. Deterministic by seed; each unexplained divergence is minimised and saved as a
 * regression case (test/fuzz/cases by default). Exit status 1 when any divergence is unexplained.
 * Last line: `N runs, D divergences` (D = unexplained).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCase } from './generate.js';
import { compareCase } from './differential.js';
import { minimise } from './minimise.js';
import { explain } from './known.js';
import { FUZZ_FORKS, KNOWN_FORKS } from './case.js';

interface Args {
  runs: number;
  seed: number;
  save: string;
  minimise: boolean;
  start: number;
  forks: readonly string[];
}

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 1000, seed: 1, save: 'test/fuzz/cases', minimise: true, start: 0, forks: FUZZ_FORKS };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = argv[i + 1];
    const num = (): number => {
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${k} needs a non-negative integer, got ${v ?? 'nothing'}`);
      i++;
      return n;
    };
    if (k === '--runs') a.runs = num();
    else if (k === '--seed') a.seed = num();
    else if (k === '--start') a.start = num();
    else if (k === '--save') {
      if (v === undefined) throw new Error('--save needs a directory');
      a.save = v;
      i++;
    } else if (k === '--fork') {
      if (v === undefined) throw new Error('--fork needs a comma-separated list of forks');
      const want = v.split(',').map((f) => KNOWN_FORKS.find((x) => x.toLowerCase() === f.trim().toLowerCase()));
      if (want.some((f) => f === undefined)) throw new Error(`--fork: use forks from ${KNOWN_FORKS.join(', ')}, got ${v}`);
      a.forks = want as string[];
      i++;
    } else if (k === '--no-minimise') a.minimise = false;
    else throw new Error(`unknown option ${k} (use --runs N --seed S [--start I] [--fork F,G] [--save DIR] [--no-minimise])`);
  }
  return a;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  let unexplained = 0;
  const explained = new Map<string, number>();
  const statuses = new Map<string, number>();
  for (let i = args.start; i < args.start + args.runs; i++) {
    const c = generateCase(args.seed, i, args.forks);
    const r = await compareCase(c);
    const key = `${c.fork}/${r.evmkit.status}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    if (r.fields.length > 0) {
      const known = explain(c, r);
      if (known !== undefined) {
        explained.set(known.id, (explained.get(known.id) ?? 0) + 1);
      } else {
        unexplained++;
        const small = args.minimise ? await minimise(c) : c;
        const rs = await compareCase(small);
        const name = `seed${args.seed}-case${i}`;
        mkdirSync(args.save, { recursive: true });
        const file = join(args.save, `${name}.json`);
        // verdict "open": test/fuzz/regressions.test.ts fails on it until evmkit agrees with ethereumjs
        // (then set "fixed"), or the case is shown to be ethereumjs's error (then "evmkit-right" + reason).
        const record = { name, verdict: 'open', reason: '', fields: rs.fields, case: small, evmkit: rs.evmkit, ethereumjs: rs.ethereumjs };
        writeFileSync(file, JSON.stringify(record, null, 1) + '\n');
        console.log(`divergence in case ${i} (${c.fork}): ${r.fields.join(', ')} -> ${file}`);
      }
    }
    const done = i - args.start + 1;
    if (done % 1000 === 0) console.error(`  ${done} runs, ${unexplained} divergences, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`outcomes: ${[...statuses].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`explained (evmkit right, see FUZZING.md): ${explained.size === 0 ? 'none' : [...explained].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`seed ${args.seed}, cases ${args.start}..${args.start + args.runs - 1}, ${secs.toFixed(1)} s (${((secs * 1000) / Math.max(1, args.runs)).toFixed(1)} ms/case)`);
  console.log(`${args.runs} runs, ${unexplained} divergences`);
  return unexplained === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`fuzz: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
