/**
 * `node --expose-gc dist/fuzz/statetestSoak.js [--every K] [--fork NAME] [--passes P] [DIR]`: runs a large part of the
 * state-test fixtures (every K-th file, default 2; the given fork's vectors, default Cancun) in one
 * process and samples RSS after a full GC as it goes, to show memory stays at its working set instead of
 * growing with the number of files run. Prints RSS at 10%, 50% and the end, the maximum, and the growth
 * of the median of the last 10% of samples over the median of the 10-20% ones, for RSS and for the JS
 * heap (RSS follows the size of the file being parsed; the heap after GC shows what is retained).
 */
import { collectStateTestFiles, loadStateTestFile } from '../src/statetest/files.js';
import { runEntry } from '../src/statetest/check.js';
import { runStateVector } from '../src/transition/stateTest.js';

/** RSS and JS heap in MiB, after a full GC. */
function memory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / 1048576, heap: m.heapUsed / 1048576 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function main(): number {
  const argv = process.argv.slice(2);
  let every = 2;
  let passes = 1;
  let fork = 'Cancun';
  let dir = process.env.EVMKIT_FIXTURES ? `${process.env.EVMKIT_FIXTURES}/state` : '../shared/fixtures/state';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--every') every = Number(argv[++i]);
    else if (argv[i] === '--fork') fork = argv[++i]!;
    else if (argv[i] === '--passes') passes = Number(argv[++i]);
    else dir = argv[i]!;
  }
  if (!Number.isInteger(every) || every < 1) throw new Error('--every needs a positive integer');
  const files = collectStateTestFiles([dir]).filter((_, i) => i % every === 0);
  const samples: { at: number; rss: number; heap: number }[] = [];
  const sampleEvery = Math.max(1, Math.floor(files.length / 100));
  let vectors = 0;
  let passed = 0;
  let failed = 0;
  const t0 = performance.now();
  const passEnd: { rss: number; heap: number }[] = [];
  for (let pass = 0; pass < passes; pass++) {
    files.forEach((file, i) => {
      if (i % sampleEvery === 0) samples.push({ at: (pass * files.length + i) / (passes * files.length), ...memory() });
      for (const entry of loadStateTestFile(file, { forks: [fork] })) {
        const o = runEntry(entry, runStateVector);
        vectors++;
        if (o.status === 'pass') passed++;
        else if (o.status === 'fail') failed++;
      }
    });
    passEnd.push(memory());
  }
  samples.push({ at: 1, ...passEnd[passEnd.length - 1]! });
  const secs = (performance.now() - t0) / 1000;
  const at = (p: number): number => samples.reduce((best, s) => (Math.abs(s.at - p) < Math.abs(best.at - p) ? s : best)).rss;
  const early = median(samples.filter((s) => s.at >= 0.1 && s.at < 0.2).map((s) => s.rss));
  const late = median(samples.filter((s) => s.at >= 0.9).map((s) => s.rss));
  const max = Math.max(...samples.map((s) => s.rss));
  console.log(
    `${files.length} files (every ${every}) x ${passes} passes, ${vectors} ${fork} vectors: ${passed} passed, ${failed} failed, ${secs.toFixed(0)} s`,
  );
  console.log(
    `RSS: start ${samples[0]!.rss.toFixed(1)} MiB, 10% ${at(0.1).toFixed(1)}, 50% ${at(0.5).toFixed(1)}, end ${at(1).toFixed(1)}, max ${max.toFixed(1)} MiB`,
  );
  const heapEarly = median(samples.filter((s) => s.at >= 0.1 && s.at < 0.2).map((s) => s.heap));
  const heapLate = median(samples.filter((s) => s.at >= 0.9).map((s) => s.heap));
  const firstHalfMax = Math.max(...samples.filter((s) => s.at < 0.5).map((s) => s.rss));
  console.log(
    `JS heap after GC: start ${samples[0]!.heap.toFixed(1)} MiB, median 10-20% ${heapEarly.toFixed(1)}, median last 10% ${heapLate.toFixed(1)}, end ${samples[samples.length - 1]!.heap.toFixed(1)} MiB`,
  );
  console.log(
    `RSS growth (median of last 10% vs median of 10-20%): ${(((late - early) / early) * 100).toFixed(1)}%; max of the first half ${firstHalfMax.toFixed(1)} MiB`,
  );
  console.log(`JS heap growth (same windows): ${(((heapLate - heapEarly) / heapEarly) * 100).toFixed(1)}%`);
  // The same files again: whatever the first pass loaded once (KZG setup, curve tables, op tables) is
  // working set; growth from the end of one pass to the end of the next would be a leak.
  passEnd.forEach((m, i) => console.log(`end of pass ${i + 1}: RSS ${m.rss.toFixed(1)} MiB, JS heap ${m.heap.toFixed(1)} MiB`));
  if (passEnd.length > 1) {
    const a = passEnd[passEnd.length - 2]!;
    const b = passEnd[passEnd.length - 1]!;
    console.log(
      `pass-over-pass growth: RSS ${(((b.rss - a.rss) / a.rss) * 100).toFixed(1)}%, JS heap ${(((b.heap - a.heap) / a.heap) * 100).toFixed(1)}%`,
    );
  }
  return 0;
}

process.exitCode = main();
