/** The `--hostile` group of `npm run bench` (bench/run/main.ts hands over here): see ./run.ts. */
import { cpuClock, wallClock } from '../run/clock.js';
import { hostileHeader, hostileRow, runHostile } from './run.js';

export async function hostileMain(o: { json: boolean; filter?: string; cpu?: boolean }): Promise<number> {
  if (!o.json)
    process.stdout.write(
      `key-collision loops, clock: ${o.cpu ? 'process CPU time' : 'wall'}; medians; ratio = ethereumjs ms / evmkit ms\n${hostileHeader()}\n`,
    );
  const report = await runHostile({
    ...(o.filter === undefined ? {} : { filter: o.filter }),
    clock: o.cpu ? cpuClock : wallClock,
    onCase: (r) => {
      if (o.json) process.stderr.write(`${r.name}: ratio ${r.ratio.toFixed(2)}\n`);
      else process.stdout.write(hostileRow(r) + '\n');
    },
  });
  if (o.json)
    process.stdout.write(
      JSON.stringify({ hostile: report.cases, worstVsFriendly: report.worstVsFriendly, minRatio: report.minRatio }) + '\n',
    );
  else {
    process.stdout.write(
      `worst hostile/friendly (evmkit): ${report.worstVsFriendly.toFixed(2)}x; lowest ratio vs ethereumjs: ${report.minRatio.toFixed(2)}\n`,
    );
  }
  if (report.mismatches.length > 0) {
    for (const m of report.mismatches) process.stderr.write(`MISMATCH ${m}\n`);
    return 1;
  }
  return 0;
}
