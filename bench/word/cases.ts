/**
 * Benchmark cases: the ipsilon evm-benchmarks as state tests (../shared/fixtures/bench/{main,micro}).
 * Each file has one contract called with calldata; a file with several `data` entries has one case per
 * post entry. A case is what the interpreters need: the callee's code, the calldata, the gas and value.
 */
import { collectStateTestFiles, loadStateTestFile } from '../../src/statetest/files.js';
import { basename, dirname } from 'node:path';

export interface BenchCase {
  /** `<suite>/<file>#<post index>`, e.g. `main/snailtracer#0`. */
  readonly name: string;
  readonly code: Uint8Array;
  readonly input: Uint8Array;
  readonly gas: bigint;
  readonly value: bigint;
}

export const DEFAULT_FIXTURES = new URL('../../../../shared/fixtures/bench', import.meta.url).pathname;

/** Loads every London post entry of every file under `root`, in file order. */
export function loadCases(root: string = DEFAULT_FIXTURES): BenchCase[] {
  const out: BenchCase[] = [];
  for (const file of collectStateTestFiles([root])) {
    for (const e of loadStateTestFile(file, { forks: ['London'] })) {
      if (e.kind !== 'vector') throw new Error(`bench fixture ${file}: ${e.kind === 'malformed' ? e.error : e.reason}`);
      const tx = e.vector.tx;
      if (tx.to === null) throw new Error(`bench fixture ${file}: a create transaction`);
      const code = e.vector.pre.get(tx.to)?.code;
      if (code === undefined || code.length === 0) throw new Error(`bench fixture ${file}: callee has no code`);
      const suite = basename(dirname(file));
      out.push({ name: `${suite}/${basename(file, '.json')}#${e.index}`, code, input: tx.data, gas: tx.gasLimit, value: tx.value });
    }
  }
  return out;
}
