/** What the state-test loader produces: runnable vectors, skipped entries, and malformed ones. */
import type { StateVector } from '../transition/stateTestTypes.js';

/** A post entry's expectation (ethereum/tests and execution-spec-tests `post[fork][i]`). */
export interface PostExpectation {
  /** Expected state root after the transaction (and the coinbase touch). */
  readonly hash: Uint8Array;
  /** keccak256 of the RLP of the logs. */
  readonly logs: Uint8Array;
  /** Present when the transaction must be rejected; the fixture's exception name(s), e.g. `TR_TypeNotSupported`. */
  readonly expectException?: string;
  /** The signed transaction as the filler encoded it, when the fixture carries it. */
  readonly txbytes?: Uint8Array;
}

/** Where an entry comes from: file, test name, fork name as written in the fixture, post index. */
export interface EntryOrigin {
  readonly file: string;
  /** The test's key in the file (go-ethereum prints it as `name`). */
  readonly name: string;
  /** The fork name as the fixture writes it ("" when the whole test is malformed). */
  readonly fork: string;
  /** Position in `post[fork]` (go-ethereum's subtest index); -1 when the whole test is malformed. */
  readonly index: number;
}

/** A runnable vector. */
export interface LoadedVector extends EntryOrigin {
  readonly kind: 'vector';
  readonly indexes: { readonly data: number; readonly gas: number; readonly value: number };
  readonly vector: StateVector;
  readonly expect: PostExpectation;
}

/** A post entry for a fork evmkit does not know: reported, never run, never a pass. */
interface SkippedEntry extends EntryOrigin {
  readonly kind: 'skipped';
  readonly reason: string;
}

/** A test or post entry that could not be parsed: counts as one failed vector. */
export interface MalformedEntry extends EntryOrigin {
  readonly kind: 'malformed';
  /** `<file>: test "<name>": <field>: <what is wrong>` */
  readonly error: string;
}

export type LoadedEntry = LoadedVector | SkippedEntry | MalformedEntry;

/** Which entries to load; entries filtered out are not reported at all (as in go-ethereum). */
export interface LoadOptions {
  /** Only tests whose name matches. */
  readonly run?: RegExp;
  /** Only these fork names (matched through `forkFromName` aliases, else case-insensitively). */
  readonly forks?: readonly string[];
  /** Only this post index. */
  readonly index?: number;
}
