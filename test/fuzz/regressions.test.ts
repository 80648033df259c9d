/**
 * Replays every saved fuzz divergence (test/fuzz/cases/*.json, written minimised by `npm run fuzz`):
 * - verdict "evmkit-right": evmkit must still give the outcome recorded for it (the reason, checked
 *   against the EIPs / execution-specs, is in the file and in FUZZING.md), and the case, run through the
 *   peer again (EDR when it is installed), must still match its entry in fuzz/known.ts;
 * - verdict "fixed" or "open": evmkit must now agree with every peer outcome recorded in the file
 *   (ethereumjs: every field and the state root; EDR: every field and the per-account post-state).
 * A record without `oracle` is from an ethereumjs-only run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../fixtures.js';
import { diffOutcomes, type FuzzCase, type Outcome } from '../../fuzz/case.js';
import { evmkitOutcome, evmkitOutcomeWithView, compareCase, type Oracle } from '../../fuzz/differential.js';
import { explainComparison } from '../../fuzz/known.js';
import { closeEdrChild, loadEdr } from '../../bench/peer/edr.js';

interface Record_ {
  readonly name: string;
  readonly oracle?: Oracle;
  readonly verdict: 'evmkit-right' | 'fixed' | 'open';
  readonly reason: string;
  readonly fields: readonly string[];
  readonly case: FuzzCase;
  readonly evmkit: Outcome;
  readonly ethereumjs?: Outcome;
  readonly edr?: Outcome;
}

const DIR = join(REPO_ROOT, 'test', 'fuzz', 'cases');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const haveEdr = loadEdr() !== undefined;
test.after(() => closeEdrChild());

test('there are saved fuzz cases to replay', () => {
  assert.ok(files.length > 0);
});

function strip(o: Outcome): Outcome {
  const { state: _state, ...rest } = o;
  return rest;
}

for (const f of files) {
  const rec = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Record_;
  test(`fuzz regression ${f} (${rec.verdict})`, async (t) => {
    const now = evmkitOutcome(rec.case);
    if (rec.verdict === 'evmkit-right') {
      assert.ok(rec.reason.length > 0, 'an evmkit-right verdict carries its reason');
      assert.deepEqual(diffOutcomes(now, strip(rec.evmkit)), [], 'evmkit gives the outcome recorded as right');
      // Only the peer(s) the verdict is about: ethereumjs for records without an oracle.
      const oracle: Oracle = rec.edr === undefined ? 'ethereumjs' : rec.ethereumjs === undefined ? 'edr' : (rec.oracle ?? 'both');
      if (oracle !== 'ethereumjs' && !haveEdr) {
        t.diagnostic('EDR is not installed: the peer is not run again');
        return;
      }
      const r = await compareCase(rec.case, oracle);
      if (rec.ethereumjs !== undefined) assert.equal(r.ethereumjs?.status, rec.ethereumjs.status, 'ethereumjs still answers as recorded');
      if (rec.edr !== undefined) assert.equal(r.edr?.status, rec.edr.status, 'EDR still answers as recorded');
      assert.deepEqual(explainComparison(r).unexplained, [], 'fuzz/known.ts explains it');
    } else {
      if (rec.ethereumjs !== undefined) {
        assert.deepEqual(
          diffOutcomes(now, strip(rec.ethereumjs)),
          [],
          `evmkit agrees with ethereumjs (fields diverging when found: ${rec.fields.join(', ')})`,
        );
      }
      if (rec.edr !== undefined) {
        assert.deepEqual(
          diffOutcomes(evmkitOutcomeWithView(rec.case), rec.edr),
          [],
          'evmkit agrees with EDR (fields, per-account post-state)',
        );
      }
    }
  });
}
