/**
 * Child process of `npm run bench:rss`: what bin/evmkit does (the bundled command line's `main` on the
 * arguments), then its peak resident set size as `maxrss <KB>` on the last line of stderr. Started with
 * bin/evmkit's settings and V8 flags, so it measures the CLI as users run it without needing GNU time.
 *   node <flags> dist/bench/run/rssCli.js statetest FILE ...
 */
// The bundle is written by scripts/bundle-cli.mjs after tsc, so it is imported by URL, not by name.
const bundle = new URL('../../src/cli/bundle/main.js', import.meta.url).href;
const { main } = (await import(bundle)) as { main: (argv: readonly string[]) => Promise<number> };
process.exitCode = await main(process.argv.slice(2));
process.stderr.write(`\nmaxrss ${process.resourceUsage().maxRSS}\n`);
