/**
 * Replays every saved fuzz divergence (test/fuzz/cases/*.json, written minimised by `npm run fuzz`):
 * - verdict "evmkit-right": evmkit must still give the outcome recorded for it (the reason, checked
 *   against the EIPs / execution-specs, is in the file and in FUZZING.md), and the case must still
 *   match its entry in fuzz/known.ts so the fuzzer keeps counting it as explained;
 * - verdict "fixed" or "open": evmkit must now agree with ethereumjs on every compared field.
 * Each case is also run through ethereumjs again, so a peer upgrade that changes its answer shows here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../fixtures.js';
import { diffOutcomes, type FuzzCase, type Outcome } from '../../fuzz/case.js';
import { evmkitOutcome, compareCase } from '../../fuzz/differential.js';
import { explain } from '../../fuzz/known.js';

interface Record_ {
  readonly name: string;
  readonly verdict: 'evmkit-right' | 'fixed' | 'open';
  readonly reason: string;
  readonly fields: readonly string[];
  readonly case: FuzzCase;
  readonly evmkit: Outcome;
  readonly ethereumjs: Outcome;
}

const DIR = join(REPO_ROOT, 'test', 'fuzz', 'cases');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

test('there are saved fuzz cases to replay', () => {
  assert.ok(files.length > 0);
});

for (const f of files) {
  const rec = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Record_;
  test(`fuzz regression ${f} (${rec.verdict})`, async () => {
    const now = evmkitOutcome(rec.case);
    if (rec.verdict === 'evmkit-right') {
      assert.ok(rec.reason.length > 0, 'an evmkit-right verdict carries its reason');
      assert.deepEqual(diffOutcomes(now, rec.evmkit), [], 'evmkit gives the outcome recorded as right');
      const r = await compareCase(rec.case);
      assert.deepEqual(r.ethereumjs?.status, rec.ethereumjs.status, 'ethereumjs still answers as recorded');
      assert.ok(explain(rec.case, r) !== undefined, 'fuzz/known.ts explains it');
    } else {
      assert.deepEqual(diffOutcomes(now, rec.ethereumjs), [], `evmkit agrees with ethereumjs (fields diverging when found: ${rec.fields.join(', ')})`);
    }
  });
}
