/**
 * glibc's allocator settings for the long fixture runs (`npm run conformance`).
 *
 * With glibc's defaults, large ArrayBuffers (frame memories, call inputs and return data of the 50,000-call
 * and 1 MB fixtures) are mapped and unmapped by mmap, and freed heap is trimmed back to the kernel. Each
 * fresh page is then zero-filled on first touch again: 1.5-2.9 M page faults and 13-21 s of system time on a
 * 13,612-vector sample. The amount swung 2x from run to run, and one file swung 10x. Keeping freed memory
 * for reuse cuts the sample to 1.2 M faults and 10.4 s, run after run
 * (BENCHMARKS.md, "The full state-test run"). These settings are read when the process starts, so the
 * runner starts itself again once with them. This happens on Linux only, and never when the caller set
 * them already.
 */
import { spawnSync } from 'node:child_process';

const SETTINGS: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: String(32 * 1024 * 1024),
  MALLOC_TRIM_THRESHOLD_: String(1024 * 1024 * 1024),
};

/**
 * Returns the exit code of this script run again with the settings. Returns undefined when the current
 * process should run the work itself: not glibc Linux, the settings are already there, or the spawn failed.
 */
export function rerunWithMallocTuning(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  if (report?.header?.glibcVersionRuntime === undefined) return undefined;
  if (Object.keys(SETTINGS).some((k) => process.env[k] !== undefined)) return undefined;
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, ...SETTINGS },
  });
  if (r.error !== undefined) return undefined;
  return r.status ?? 1;
}
