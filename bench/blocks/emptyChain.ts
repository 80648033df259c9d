/**
 * `node --expose-gc dist/bench/blocks/emptyChain.js [--blocks N] [--network NAME]`: the memory a Chain
 * holds per stored block, over a chain of N (default 10,000) empty blocks, in a process of its own.
 *
 * The blocks are built first on a builder chain (test/chain/builder.ts: valid children, coinbase
 * rewarded before the Merge), kept as RLP, and the builder is dropped. Then a new Chain imports them
 * all; after full GCs the JavaScript heap, the buffers (external + array buffers) and the resident set
 * are read at block N/5 (the code warm) and at block N, and the difference is divided by the blocks in
 * between. The RLP of all N blocks is held throughout, so it is not in the difference. Also printed:
 * import speed (blocks/s) and the process's peak RSS.
 */
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Chain } from '../../src/chain/chain.js';
import { networkConfig } from '../../src/chain/config.js';
import { buildChild, fundedAlloc } from '../../test/chain/builder.js';
import { setUpEvmkit } from './harness.js';

interface Memory {
  readonly heap: number;
  readonly buffers: number;
  readonly rss: number;
}

function gcNow(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

function memory(): Memory {
  gcNow();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.external + m.arrayBuffers, rss: m.rss };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { blocks: { type: 'string' }, network: { type: 'string' } }, strict: true });
  const n = Number(values.blocks ?? 10_000);
  if (!Number.isSafeInteger(n) || n < 10) throw new Error('--blocks: expected an integer >= 10');
  const network = values.network ?? 'London';
  await setUpEvmkit();
  const config = networkConfig(network);
  const opts = { config, alloc: fundedAlloc(), genesis: { gasLimit: 30_000_000n } } as const;

  let builder: Chain | null = new Chain(opts);
  const rlps: Uint8Array[] = [];
  for (let p = builder.genesis, i = 0; i < n; i++) {
    const b = buildChild(builder, p);
    const r = builder.importBlock(b);
    if (r.status !== 'imported') throw new Error(`build: block ${b.header.number}: ${r.error}`);
    rlps.push(b.rlp);
    p = builder.head;
  }
  builder = null;

  const chain = new Chain(opts);
  const warm = Math.floor(n / 5);
  let m0: Memory | undefined;
  let t0 = 0;
  for (let i = 0; i < n; i++) {
    if (i === warm) {
      m0 = memory();
      t0 = performance.now();
    }
    const r = chain.importBlock(rlps[i]!);
    if (r.status !== 'imported') throw new Error(`import: block ${i + 1}: ${r.error}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const m1 = memory();
  const per = (k: keyof Memory): number => (m1[k] - m0![k]) / (n - warm);
  const mb = (x: number): string => (x / 1048576).toFixed(1);
  const rlpBytes = rlps.reduce((s, r) => s + r.length, 0);
  console.log(`${n} empty ${network} blocks imported into one Chain (head ${chain.head.number}, ${chain.size} blocks held)`);
  console.log(
    `per stored block, blocks ${warm}..${n}: heap ${per('heap').toFixed(0)} B, buffers ${per('buffers').toFixed(0)} B, RSS ${per('rss').toFixed(0)} B`,
  );
  console.log(
    `after ${n} blocks: heap ${mb(m1.heap)} MB, buffers ${mb(m1.buffers)} MB, RSS ${mb(m1.rss)} MB (peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB); the blocks' RLP held throughout: ${mb(rlpBytes)} MB`,
  );
  console.log(`import speed: ${((n - warm) / seconds).toFixed(0)} empty blocks/s`);
  if (chain.head.number !== BigInt(n)) throw new Error(`head ${chain.head.number}, want ${n}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`emptyChain: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
