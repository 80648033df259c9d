/**
 * Child process of `npm run bench:rss`: runs one bench vector once on one engine, then prints its peak
 * resident set size (`process.resourceUsage().maxRSS`, kilobytes) as JSON on stdout. ethereumjs is
 * loaded only for the ethereumjs run, so the evmkit figure holds evmkit's modules alone.
 *   node dist/bench/run/rssChild.js evmkit|ethereumjs FILTER
 */
import { loadBenchCases } from './cases.js';
import { prepareEvmkit } from './evmkit.js';

async function main(): Promise<void> {
  const [engine, filter] = process.argv.slice(2);
  if ((engine !== 'evmkit' && engine !== 'ethereumjs') || filter === undefined) {
    throw new Error('usage: rssChild.js evmkit|ethereumjs FILTER');
  }
  const cases = loadBenchCases(undefined, filter, true);
  if (cases.length !== 1) throw new Error(`--filter ${JSON.stringify(filter)} matches ${cases.length} cases, expected exactly 1`);
  const c = cases[0]!;
  const gasUsed =
    engine === 'evmkit'
      ? prepareEvmkit(c.entry.vector).run().gasUsed
      : (await (await import('../peer/ethereumjs.js')).prepareEthereumjs(c.entry.vector, c.signedTx).run()).gasUsed;
  process.stdout.write(JSON.stringify({ case: c.name, engine, gasUsed: Number(gasUsed), maxRssKb: process.resourceUsage().maxRSS }) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`rssChild: ${e instanceof Error ? e.message : e}\n`);
  process.exitCode = 1;
});
