/**
 * State-test loader: a file of named tests (ethereum/tests GeneralStateTests, execution-spec-tests
 * state_tests) -> one entry per (test, fork in `post`, post index), in file order.
 *
 * - A fork name `forkFromName` does not know yields `skipped` entries (never a pass).
 * - A malformed test (pre, env, transaction) yields ONE `malformed` entry for the test; a malformed post
 *   entry (indexes out of range, bad hash, bad data[i]) yields one `malformed` entry for that vector.
 *   Either way the rest of the file still loads. Messages read `<file>: test "<name>": <field>: <problem>`.
 *
 * Pure: no Node APIs (reading files is in files.ts), so it runs in a browser too.
 */
import { forkFromName } from '../spec/fork.js';
import type { StateVector } from '../transition/stateTestTypes.js';
import { FieldError, bytes, index, object, optional, quantity, string } from './fields.js';
import { parseAlloc, parseBlockEnv } from './block.js';
import { buildTransaction, parseTxTemplate, type TxTemplate } from './transaction.js';
import type { BlockEnv, GenesisAlloc } from '../state/env.js';
import type { LoadOptions, LoadedEntry, MalformedEntry, PostExpectation } from './types.js';

/** True when fork name `a` (from a fixture) is selected by `wanted` (user names, aliases allowed). */
export function forkSelected(a: string, wanted: readonly string[] | undefined): boolean {
  if (wanted === undefined || wanted.length === 0) return true;
  const fa = forkFromName(a);
  return wanted.some((w) => {
    const fw = forkFromName(w);
    return fa !== undefined && fw !== undefined ? fa === fw : a.toLowerCase() === w.toLowerCase();
  });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Parses the text of a state-test file; invalid JSON is one malformed entry named after the file. */
export function parseStateTestText(text: string, file: string, opts: LoadOptions = {}): LoadedEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return [fileError(file, `invalid JSON: ${message(e)}`)];
  }
  return parseStateTests(json, file, opts);
}

function fileError(file: string, detail: string): MalformedEntry {
  return { kind: 'malformed', file, name: file, fork: '', index: -1, error: `${file}: ${detail}` };
}

/** Parses an already decoded state-test file (an object of named tests). */
export function parseStateTests(json: unknown, file: string, opts: LoadOptions = {}): LoadedEntry[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return [fileError(file, 'expected an object of named state tests')];
  }
  const out: LoadedEntry[] = [];
  for (const [name, test] of Object.entries(json as Record<string, unknown>)) {
    if (opts.run !== undefined && !opts.run.test(name)) continue;
    parseTest(file, name, test, opts, out);
  }
  return out;
}

interface SelectedPost {
  readonly fork: string;
  readonly index: number;
  readonly raw: unknown;
}

function parseTest(file: string, name: string, rawTest: unknown, opts: LoadOptions, out: LoadedEntry[]): void {
  const where = `${file}: test ${JSON.stringify(name)}`;
  const malformed = (fork: string, index: number, e: unknown): MalformedEntry => ({
    kind: 'malformed',
    file,
    name,
    fork,
    index,
    error: `${where}: ${message(e)}`,
  });

  // 1. Which post entries are wanted (filters first, so an unwanted broken test stays silent).
  const selected: SelectedPost[] = [];
  let test: Record<string, unknown>;
  try {
    test = object(rawTest, 'test');
    for (const [fork, entries] of Object.entries(object(test.post, 'post'))) {
      if (!forkSelected(fork, opts.forks)) continue;
      if (!Array.isArray(entries)) throw new FieldError(`post.${fork}`, 'expected an array of post entries');
      entries.forEach((raw, i) => {
        if (opts.index === undefined || opts.index === i) selected.push({ fork, index: i, raw });
      });
    }
  } catch (e) {
    out.push(malformed('', -1, e));
    return;
  }

  // 2. The parts every vector shares, parsed only when some selected fork is known; a failure here is
  //    one failed vector for the whole test.
  const isKnown = (p: SelectedPost): boolean => forkFromName(p.fork) !== undefined;
  let shared: { chainId: bigint; pre: GenesisAlloc; env: BlockEnv; tx: TxTemplate } | undefined;
  let sharedError: unknown;
  if (selected.some(isKnown)) {
    try {
      const config = optional(test.config, 'config', object);
      shared = {
        chainId: optional(config?.chainid, 'config.chainid', quantity) ?? 1n,
        pre: parseAlloc(test.pre),
        env: parseBlockEnv(test.env),
        tx: parseTxTemplate(test.transaction),
      };
    } catch (e) {
      sharedError = e;
    }
  }

  // 3. One entry per selected post entry, in file order: unknown forks skipped (never a pass).
  for (const p of selected) {
    if (!isKnown(p)) {
      out.push({ kind: 'skipped', file, name, fork: p.fork, index: p.index, reason: `unsupported fork ${JSON.stringify(p.fork)}` });
      continue;
    }
    if (shared === undefined) {
      if (sharedError !== undefined) out.push(malformed('', -1, sharedError));
      sharedError = undefined; // reported once
      continue;
    }
    const at = `post.${p.fork}[${p.index}]`;
    try {
      const entry = object(p.raw, at);
      const ix = object(entry.indexes, `${at}.indexes`);
      const indexes = {
        data: index(ix.data, `${at}.indexes.data`),
        gas: index(ix.gas, `${at}.indexes.gas`),
        value: index(ix.value, `${at}.indexes.value`),
      };
      const expect: PostExpectation = {
        hash: bytes(entry.hash, `${at}.hash`, 32),
        logs: bytes(entry.logs, `${at}.logs`, 32),
        ...(entry.expectException === undefined ? {} : { expectException: string(entry.expectException, `${at}.expectException`) }),
        ...(entry.txbytes === undefined ? {} : { txbytes: bytes(entry.txbytes, `${at}.txbytes`) }),
      };
      const vector: StateVector = {
        fork: forkFromName(p.fork)!,
        chainId: shared.chainId,
        pre: shared.pre,
        env: shared.env,
        tx: buildTransaction(shared.tx, indexes.data, indexes.gas, indexes.value, shared.chainId),
        sender: shared.tx.sender,
      };
      out.push({ kind: 'vector', file, name, fork: p.fork, index: p.index, indexes, vector, expect });
    } catch (e) {
      out.push(malformed(p.fork, p.index, e));
    }
  }
}
