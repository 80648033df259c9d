/**
 * `npm run bench:rss [-- --json] [--filter SUBSTR]`: peak memory of one bench case (snailtracer by
 * default), each measurement in its own child process (`process.resourceUsage().maxRSS`), against
 * Node's own baseline: the same node binary running a trivial script. Prints both and the ratio; the
 * same case on ethereumjs is printed too for context.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

interface Measured {
  readonly maxRssKb: number;
  readonly gasUsed?: number;
  readonly case?: string;
}

function child(args: string[]): Measured {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`child ${args.join(' ')} failed (exit ${r.status}): ${r.stderr.trim()}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const m = JSON.parse(line) as Measured;
  if (typeof m.maxRssKb !== 'number') throw new Error(`child ${args.join(' ')}: no maxRssKb in ${JSON.stringify(line)}`);
  return m;
}

const BASELINE = 'process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }))';

function main(): number {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const fi = argv.indexOf('--filter');
  const filter = fi >= 0 ? argv[fi + 1] : 'snailtracer';
  if (filter === undefined || filter.startsWith('--')) {
    process.stderr.write('usage: npm run bench:rss -- [--json] [--filter SUBSTR]\n');
    return 2;
  }
  const childScript = join(HERE, 'rssChild.js');
  const baseline = child(['-e', BASELINE]);
  const evmkit = child([childScript, 'evmkit', filter]);
  const ethereumjs = child([childScript, 'ethereumjs', filter]);
  const mb = (kb: number): string => (kb / 1024).toFixed(1);
  const result = {
    case: evmkit.case,
    gasUsed: evmkit.gasUsed,
    nodeBaselineKb: baseline.maxRssKb,
    evmkitKb: evmkit.maxRssKb,
    ratio: evmkit.maxRssKb / baseline.maxRssKb,
    ethereumjsKb: ethereumjs.maxRssKb,
    ethereumjsRatio: ethereumjs.maxRssKb / baseline.maxRssKb,
  };
  if (json) {
    process.stdout.write(JSON.stringify(result) + '\n');
  } else {
    process.stdout.write(
      `peak RSS (process.resourceUsage().maxRSS), each in its own child process, node ${process.version}\n` +
        `  node baseline (trivial script): ${mb(result.nodeBaselineKb)} MB\n` +
        `  evmkit, ${result.case} (${result.gasUsed} gas): ${mb(result.evmkitKb)} MB = ${result.ratio.toFixed(2)}x baseline\n` +
        `  ethereumjs, same case (context): ${mb(result.ethereumjsKb)} MB = ${result.ethereumjsRatio.toFixed(2)}x baseline\n`,
    );
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`bench:rss: ${e instanceof Error ? e.message : e}\n`);
  process.exitCode = 1;
}
