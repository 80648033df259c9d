/**
 * The bench cases: every (file, test, post index) of the state tests under <fixtures>/bench (main/ and
 * micro/), under the newest fork the fixture has that both evmkit and the ethereumjs peer run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkFromName } from '../../src/spec/fork.js';
import { collectStateTestFiles, loadStateTestFile } from '../../src/statetest/files.js';
import { encodeTx, signTx } from '../../src/tx/index.js';
import { hexToBytes } from '../../src/primitives/hex.js';
import type { LoadedVector } from '../../src/statetest/types.js';
import { ethereumjsHardfork } from '../peer/hardforks.js';

/** One benchmark: a runnable vector and its expected post state. */
export interface BenchCase {
  /** `<group>/<test>/d<data>g<gas>v<value>`, e.g. `main/snailtracer/d0g0v0`. */
  readonly name: string;
  readonly entry: LoadedVector;
  /** The fixture file it came from. */
  readonly file: string;
  /**
   * The signed transaction for the peer, which needs a signature (evmkit's loader derives the sender and
   * leaves the signature 0): evmkit's transaction signed with the fixture's `secretKey`, or else the
   * fixture's `txbytes`.
   */
  readonly signedTx: Uint8Array;
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** <fixtures>/bench: $EVMKIT_FIXTURES/bench, or ../shared/fixtures/bench beside the repository. */
export function benchFixturesDir(): string {
  const root = process.env.EVMKIT_FIXTURES ? resolve(process.env.EVMKIT_FIXTURES) : resolve(REPO_ROOT, '..', 'shared', 'fixtures');
  return join(root, 'bench');
}

/** The newest fork name among `forks` that both engines run, or undefined. */
export function newestCommonFork(forks: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestFork = -1;
  for (const name of forks) {
    const f = forkFromName(name);
    if (f === undefined || ethereumjsHardfork(f) === undefined) continue;
    if (f > bestFork) {
      bestFork = f;
      best = name;
    }
  }
  return best;
}

/**
 * Loads the cases under `dir` whose name contains `filter` (`onlyLikelyFiles`: see below). A malformed or unloadable entry throws
 * (a benchmark must not silently drop a case).
 */
export function loadBenchCases(dir: string = benchFixturesDir(), filter?: string, onlyLikelyFiles = false): BenchCase[] {
  if (!existsSync(dir)) throw new Error(`no bench fixtures at ${dir} (set EVMKIT_FIXTURES to the folder holding bench/)`);
  const out: BenchCase[] = [];
  for (const file of collectStateTestFiles([dir])) {
    // `onlyLikelyFiles` (bench:rss, which must not count other files' memory): only files whose base name
    // and the filter contain one another, as test names are the file names in this corpus.
    const base = basename(file, '.json');
    if (onlyLikelyFiles && filter !== undefined && !filter.includes(base) && !base.includes(filter)) continue;
    const group = relative(dir, dirname(file)).split(/[\\/]/).join('/');
    const entries = loadStateTestFile(file);
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { transaction?: { secretKey?: string } }>;
    for (const e of entries) {
      if (e.kind === 'malformed') throw new Error(`bench fixture ${file}: ${e.error}`);
    }
    const vectors = entries.filter((e): e is LoadedVector => e.kind === 'vector');
    const byTest = new Map<string, LoadedVector[]>();
    for (const v of vectors) byTest.set(v.name, [...(byTest.get(v.name) ?? []), v]);
    for (const [test, list] of byTest) {
      const fork = newestCommonFork(new Set(list.map((v) => v.fork)));
      if (fork === undefined) throw new Error(`bench fixture ${file}: test ${test}: no fork both evmkit and ethereumjs run`);
      for (const v of list) {
        if (v.fork !== fork) continue;
        const prefix = group === '' ? basename(file, '.json') : group;
        const name = `${prefix}/${test}/d${v.indexes.data}g${v.indexes.gas}v${v.indexes.value}`;
        if (filter === undefined || name.includes(filter)) {
          // Signed when first asked for (only the peer needs it; bench:rss's evmkit child never does).
          let signed: Uint8Array | undefined;
          const secretKey = raw[test]?.transaction?.secretKey;
          out.push({
            name,
            entry: v,
            file,
            get signedTx() {
              return (signed ??= signedTx(file, name, v, secretKey));
            },
          });
        }
      }
    }
  }
  return out;
}

function signedTx(file: string, name: string, v: LoadedVector, secretKey: string | undefined): Uint8Array {
  if (typeof secretKey === 'string') return encodeTx(signTx(v.vector.tx, hexToBytes(secretKey)));
  if (v.expect.txbytes !== undefined) return v.expect.txbytes;
  throw new Error(`bench fixture ${file}: ${name}: neither transaction.secretKey nor txbytes, so the peer cannot get a signed transaction`);
}
