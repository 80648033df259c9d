/**
 * `npm run fuzz -- --runs N --seed S [--oracle ethereumjs|edr|both] [--start I] [--fork F,G] [--save DIR] [--no-minimise]`:
 * differential fuzzing of evmkit against @ethereumjs/vm, EDR (revm), or both. Deterministic by seed; each
 * unexplained divergence is minimised and saved as a regression case (test/fuzz/cases by default). Exit
 * status 1 when any divergence is unexplained. `--oracle both` falls back to ethereumjs alone, saying so,
 * when EDR is not installed (`--oracle edr` fails instead).
 * Last line: `N runs, D divergences` (D = unexplained).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCase } from './generate.js';
import { classify, compareCase, ORACLES, type Comparison, type Oracle } from './differential.js';
import { minimise } from './minimise.js';
import { explainComparison } from './known.js';
import { FUZZ_FORKS, KNOWN_FORKS } from './case.js';
import { edrLoadError, edrVersion, loadEdr } from '../bench/peer/edr.js';

interface Args {
  runs: number;
  seed: number;
  save: string;
  minimise: boolean;
  start: number;
  forks: readonly string[];
  oracle: Oracle;
}

const USAGE = 'use --runs N --seed S [--oracle ethereumjs|edr|both] [--start I] [--fork F,G] [--save DIR] [--no-minimise]';

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 1000, seed: 1, save: 'test/fuzz/cases', minimise: true, start: 0, forks: FUZZ_FORKS, oracle: 'ethereumjs' };
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
    } else if (k === '--oracle') {
      if (v === undefined || !ORACLES.includes(v as Oracle))
        throw new Error(`--oracle: use one of ${ORACLES.join(', ')}, got ${v ?? 'nothing'}`);
      a.oracle = v as Oracle;
      i++;
    } else if (k === '--no-minimise') a.minimise = false;
    else throw new Error(`unknown option ${k} (${USAGE})`);
  }
  return a;
}

function count(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function list(m: Map<string, number>): string {
  return m.size === 0
    ? 'none'
    : [...m]
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.oracle !== 'ethereumjs' && loadEdr() === undefined) {
    if (args.oracle === 'edr') throw new Error(`--oracle edr: EDR (@nomicfoundation/edr) cannot be loaded: ${edrLoadError()}`);
    console.log(`EDR (@nomicfoundation/edr) cannot be loaded (${edrLoadError()}): running against ethereumjs alone`);
    args.oracle = 'ethereumjs';
  }
  const peers =
    args.oracle === 'both' ? `@ethereumjs/vm and EDR ${edrVersion()}` : args.oracle === 'edr' ? `EDR ${edrVersion()}` : '@ethereumjs/vm';
  console.log(`evmkit vs ${peers}: seed ${args.seed}, cases ${args.start}..${args.start + args.runs - 1}, forks ${args.forks.join(',')}`);
  const t0 = performance.now();
  let unexplained = 0;
  const explained = new Map<string, number>();
  const statuses = new Map<string, number>();
  const scenarios = new Map<string, number>();
  const classes = new Map<string, number>();
  const unexplainedClasses = new Map<string, number>();
  const summary = (done: number): void => {
    const secs = (performance.now() - t0) / 1000;
    console.log(`outcomes: ${list(statuses)}`);
    console.log(`scenarios: ${list(scenarios)}`);
    console.log(`divergent cases by class: ${list(classes)}`);
    console.log(`unexplained by class: ${list(unexplainedClasses)}`);
    console.log(`explained (evmkit right, see FUZZING.md): ${list(explained)}`);
    console.log(
      `seed ${args.seed}, cases ${args.start}..${args.start + done - 1}, oracle ${args.oracle}, ${secs.toFixed(1)} s (${((secs * 1000) / Math.max(1, done)).toFixed(1)} ms/case)`,
    );
    console.log(`${done} runs, ${unexplained} divergences`);
  };
  // Stopped early (SIGINT/SIGTERM): the summary of the cases run so far, then the usual exit status.
  let done = 0;
  const stop = (): void => {
    console.log(`stopped after ${done} of ${args.runs} runs`);
    summary(done);
    process.exit(unexplained === 0 ? 0 : 1);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  for (let i = args.start; i < args.start + args.runs; i++) {
    done = i - args.start;
    if (done > 0 && done % 1000 === 0)
      console.error(
        `  ${done} runs, ${unexplained} divergences, ${((performance.now() - t0) / 1000).toFixed(0)} s; by class ${list(classes)}; explained ${list(explained)}`,
      );
    const c = generateCase(args.seed, i, args.forks);
    const r = await compareCase(c, args.oracle);
    count(statuses, `${c.fork}/${r.evmkit.status}`);
    count(scenarios, `${c.scenario ?? 'generic'}/${r.evmkit.status}`);
    const cls = classify(r);
    if (cls === 'agree') continue;
    count(classes, cls);
    const why = explainComparison(r);
    for (const id of why.ids) count(explained, id);
    if (why.unexplained.length === 0) continue;
    unexplained++;
    count(unexplainedClasses, cls);
    // Minimise while evmkit still differs from the same peer(s) it differs from now.
    const keep = (x: Comparison): boolean =>
      (!why.unexplained.includes('ethereumjs') || x.fields.length > 0) && (!why.unexplained.includes('edr') || x.fieldsEdr.length > 0);
    const small = args.minimise ? await minimise(r.case, 400, args.oracle, keep) : r.case;
    const rs = await compareCase(small, args.oracle);
    const name = `seed${args.seed}-case${i}`;
    mkdirSync(args.save, { recursive: true });
    const file = join(args.save, `${name}.json`);
    // verdict "open": test/fuzz/regressions.test.ts fails on it until evmkit agrees with the peers (then
    // "fixed"), or the case is shown to be a peer's error (then "evmkit-right" + reason + fuzz/known.ts).
    const record = {
      name,
      oracle: args.oracle,
      class: classify(rs),
      verdict: 'open',
      reason: '',
      fields: rs.fields,
      fieldsEdr: rs.fieldsEdr,
      fieldsPeers: rs.fieldsPeers,
      case: rs.case,
      evmkit: rs.evmkit,
      ...(rs.ethereumjs === undefined ? {} : { ethereumjs: rs.ethereumjs }),
      ...(rs.edr === undefined ? {} : { edr: rs.edr }),
    };
    writeFileSync(file, JSON.stringify(record, null, 1) + '\n');
    const f = [
      r.fields.length > 0 ? `ethereumjs: ${r.fields.join(', ')}` : '',
      r.fieldsEdr.length > 0 ? `edr: ${r.fieldsEdr.join(', ')}` : '',
    ]
      .filter((x) => x !== '')
      .join('; ');
    console.log(`divergence in case ${i} (${c.fork}, ${cls}): ${f} -> ${file}`);
  }
  summary(args.runs);
  return unexplained === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`fuzz: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
