/**
 * Child process of `npm run bench:rss`: what bin/evmkit does (src/cli/main.ts `main` on the arguments),
 * then its peak resident set size as `maxrss <KB>` on the last line of stderr. Started with bin/evmkit's
 * V8 flags, so it measures the CLI as users run it without needing GNU time.
 *   node <flags> dist/bench/run/rssCli.js statetest FILE ...
 */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
process.stderr.write(`\nmaxrss ${process.resourceUsage().maxRSS}\n`);
