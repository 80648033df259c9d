/**
 * Running one loaded entry and judging it, with go-ethereum's wording (tests/state_test_util.go
 * `checkError` and `Run`). A vector passes when the transaction is rejected exactly when the fixture
 * expects an exception, the state root equals `hash` and the logs hash equals `logs`. go-ethereum does not
 * check the root of a rejected transaction at all; evmkit does, and accepts the two conventions fillers
 * wrote: the untouched pre-state (execution-spec-tests, and evmkit's own behaviour), or the pre-state with
 * a zero-value touch of the coinbase kept (the ethereum/tests snapshots before EIP-158; see
 * StateVectorResult.touchedRoot). Any other root fails.
 */
import type { StateVector, StateVectorResult } from '../transition/stateTestTypes.js';
import { bytesEqual, bytesToHex } from '../primitives/hex.js';
import type { EntryOrigin, LoadedEntry } from './types.js';

/** The function that executes a vector (`runStateVector`; tests pass stand-ins). */
export type VectorRunner = (v: StateVector) => StateVectorResult;

type VectorStatus = 'pass' | 'fail' | 'skip';

/** The outcome of one entry. */
export interface VectorOutcome extends EntryOrigin {
  readonly status: VectorStatus;
  /** 0x-prefixed state root the run produced (absent when the run threw or the entry was not run). */
  readonly stateRoot?: string;
  /** What mismatched, the exception, the parse error or the skip reason; absent on a pass. */
  readonly error?: string;
  /** For an exception thrown by the runner: the top frame of its stack (`at f (file:line:col)`). */
  readonly thrownAt?: string;
}

/** go-ethereum's `%x` of a hash: lowercase hex without 0x. */
function plainHex(b: Uint8Array): string {
  return bytesToHex(b).slice(2);
}

/** Runs (when runnable) and judges one entry; never throws. */
export function runEntry(entry: LoadedEntry, run: VectorRunner): VectorOutcome {
  const origin: EntryOrigin = { file: entry.file, name: entry.name, fork: entry.fork, index: entry.index };
  if (entry.kind === 'skipped') return { ...origin, status: 'skip', error: entry.reason };
  if (entry.kind === 'malformed') return { ...origin, status: 'fail', error: entry.error };

  let result: StateVectorResult;
  try {
    result = run(entry.vector);
  } catch (e) {
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const thrownAt =
      e instanceof Error
        ? e.stack
            ?.split('\n')
            .find((l) => l.trimStart().startsWith('at '))
            ?.trim()
        : undefined;
    return { ...origin, status: 'fail', error: `exception: ${detail}`, ...(thrownAt === undefined ? {} : { thrownAt }) };
  }
  const stateRoot = bytesToHex(result.stateRoot);
  const want = entry.expect;
  let error: string | undefined;
  if (result.rejected !== undefined && want.expectException === undefined) {
    error = `unexpected error: ${result.rejected}`;
  } else if (result.rejected === undefined && want.expectException !== undefined) {
    error = `expected error ${JSON.stringify(want.expectException)}, got no error`;
  } else if (!bytesEqual(result.stateRoot, want.hash) && !(result.touchedRoot !== undefined && bytesEqual(result.touchedRoot, want.hash))) {
    error = `post state root mismatch: got ${plainHex(result.stateRoot)}, want ${plainHex(want.hash)}`;
  } else if (!bytesEqual(result.logsHash, want.logs)) {
    error = `post state logs hash mismatch: got ${plainHex(result.logsHash)}, want ${plainHex(want.logs)}`;
  }
  return error === undefined ? { ...origin, status: 'pass', stateRoot } : { ...origin, status: 'fail', stateRoot, error };
}

/** go-ethereum `evm statetest` result object (cmd/evm/staterunner.go `StatetestResult`), keys in its order. */
export interface GethStatetestResult {
  readonly name: string;
  readonly pass: boolean;
  readonly stateRoot?: string;
  readonly fork: string;
  readonly error?: string;
}

/** The fields of a run's outcome (a state-test vector's or a blockchain test's) go-ethereum prints. */
export interface ResultFields {
  readonly name: string;
  readonly status: VectorStatus;
  readonly fork: string;
  readonly stateRoot?: string;
  readonly error?: string;
}

export function toGethResult(o: ResultFields): GethStatetestResult {
  return {
    name: o.name,
    pass: o.status === 'pass',
    ...(o.stateRoot === undefined ? {} : { stateRoot: o.stateRoot }),
    fork: o.fork,
    ...(o.error === undefined ? {} : { error: o.error }),
  };
}

/** Pass/fail/skip counters. */
export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

export function emptyTally(): Tally {
  return { passed: 0, failed: 0, skipped: 0 };
}

export function count(t: Tally, status: VectorStatus): void {
  if (status === 'pass') t.passed++;
  else if (status === 'fail') t.failed++;
  else t.skipped++;
}

/** The summary line: `N passed, N failed, N skipped`. */
export function tallyLine(t: Tally): string {
  return `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
}
