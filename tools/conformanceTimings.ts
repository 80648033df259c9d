/** The `--timings` report of `npm run conformance`: where the workers' time went, and the slowest vectors. */
import { relative } from 'node:path';
import type { PoolTimings } from './vectorPool.js';

const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Lines for stderr; `wallMs` is the run's elapsed time, `workers` the pool's size. */
export function timingLines(t: PoolTimings, wallMs: number, workers: number): string {
  const capacity = wallMs * workers;
  const share = (ms: number): string => `${sec(ms)} (${((100 * ms) / capacity).toFixed(1)}%)`;
  const p = t.phases;
  const judged = t.vectors - p.setup - p.execute - p.root - p.logs;
  const startup = [...t.startup].sort((a, b) => a - b);
  const busy = t.parse + t.vectors;
  const lines = [
    `timings (wall time summed over the workers; % of ${workers} workers x ${sec(wallMs)} = ${sec(capacity)}):`,
    `  worker startup: ${startup.length} workers, ${startup.map((m) => `${m.toFixed(0)} ms`).join(', ')}`,
    `  parsing fixture files: ${share(t.parse)} for ${t.parses} loads`,
    `  vectors: ${share(t.vectors)}`,
    `    pre-state setup ${share(p.setup)}, execution ${share(p.execute)}, state root ${share(p.root)}, logs hash ${share(p.logs)}, judging and the rest ${share(judged)}`,
    `  not in a worker's parse or vector (startup, messages, idle at the end): ${share(capacity - busy)}`,
    `  main thread handling worker messages: ${sec(t.main)}`,
  ];
  if (t.slowest.length > 0) {
    lines.push(`  slowest ${t.slowest.length} vectors:`);
    for (const v of t.slowest)
      lines.push(`    ${v.ms >= 10_000 ? sec(v.ms) : `${v.ms.toFixed(0)} ms`}  ${relative('.', v.file)} ${v.name} [${v.fork} #${v.index}]`);
  }
  return lines.join('\n') + '\n';
}
