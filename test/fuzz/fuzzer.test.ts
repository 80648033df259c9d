/**
 * The differential fuzzer itself: cases are a pure function of (seed, index), the two runners agree on
 * a small deterministic batch (no unexplained divergence), the comparison notices every field, and the
 * byte minimiser finds a small input that keeps a property.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCase } from '../../fuzz/generate.js';
import { classify, compareCase } from '../../fuzz/differential.js';
import { explain, explainComparison } from '../../fuzz/known.js';
import { closeEdrChild, loadEdr } from '../../bench/peer/edr.js';
import { shrinkBytes } from '../../fuzz/minimise.js';
import { diffOutcomes, type Outcome } from '../../fuzz/case.js';
import { Rng } from '../../fuzz/rng.js';

test('cases are deterministic by (seed, index) and differ across indexes and seeds', () => {
  assert.deepEqual(generateCase(7, 3), generateCase(7, 3));
  assert.notDeepEqual(generateCase(7, 3), generateCase(7, 4));
  assert.notDeepEqual(generateCase(7, 3), generateCase(8, 3));
  const a = new Rng(42);
  const b = new Rng(42);
  for (let i = 0; i < 100; i++) assert.equal(a.u32(), b.u32());
});

test('a batch of 16 cases (seed 11) has no unexplained divergence between evmkit and ethereumjs', async () => {
  const statuses = new Set<string>();
  for (let i = 0; i < 16; i++) {
    const c = generateCase(11, i);
    const r = await compareCase(c);
    statuses.add(r.evmkit.status);
    if (r.fields.length > 0)
      assert.ok(explain(c, r) !== undefined, `case ${i} (${c.fork}): ${r.fields.join(', ')}\n${JSON.stringify(r, null, 1)}`);
  }
  assert.ok(statuses.has('success') && statuses.has('halt'), `the batch covers several outcomes: ${[...statuses].join(', ')}`);
});

test(
  'three-way (EDR installed): a batch of 14 cases (seed 11) has no unexplained divergence',
  { skip: loadEdr() === undefined ? 'EDR is not installed' : false },
  async () => {
    const classes = new Map<string, number>();
    let viewed = 0;
    try {
      for (let i = 0; i < 14; i++) {
        const c = generateCase(11, i);
        const r = await compareCase(c, 'both');
        classes.set(classify(r), (classes.get(classify(r)) ?? 0) + 1);
        if (r.edr?.state !== undefined && r.evmkit.state !== undefined) viewed++;
        assert.deepEqual(
          explainComparison(r).unexplained,
          [],
          `case ${i} (${c.fork}): ${JSON.stringify({ fields: r.fields, fieldsEdr: r.fieldsEdr, evmkit: r.evmkit, edr: r.edr }).slice(0, 2000)}`,
        );
      }
    } finally {
      closeEdrChild();
    }
    assert.ok((classes.get('agree') ?? 0) >= 10, `most cases agree three ways: ${JSON.stringify([...classes])}`);
    assert.ok(viewed >= 7, 'the per-account post-state is compared with EDR');
  },
);

test('diffOutcomes names each differing field', () => {
  const base: Outcome = { rejected: false, status: 'success', gasUsed: '0x5208', output: '0x', logs: [], stateRoot: '0xaa' };
  assert.deepEqual(diffOutcomes(base, base), []);
  assert.deepEqual(diffOutcomes(base, { ...base, status: 'halt', gasUsed: '0x1' }), ['status', 'gasUsed']);
  assert.deepEqual(diffOutcomes(base, { ...base, output: '0x01' }), ['output']);
  assert.deepEqual(diffOutcomes(base, { ...base, logs: [{ address: '0x01', topics: [], data: '0x' }] }), ['logs']);
  assert.deepEqual(diffOutcomes(base, { ...base, stateRoot: '0xbb' }), ['stateRoot']);
  assert.deepEqual(diffOutcomes(base, { ...base, rejected: true }), ['rejected']);
  const view = { address: '0x01', balance: '0x1', nonce: '0x0', codeHash: '0x', storageRoot: '0x' };
  assert.deepEqual(diffOutcomes({ ...base, state: [view] }, { ...base, stateRoot: '', state: [{ ...view, balance: '0x2' }] }), ['state']);
});

test('shrinkBytes keeps the property and removes everything else', async () => {
  const input = Uint8Array.from([9, 1, 2, 0xfe, 3, 4, 5, 0xfe, 6]);
  const out = await shrinkBytes(input, async (b) => b.filter((x) => x === 0xfe).length >= 2);
  assert.deepEqual([...out], [0xfe, 0xfe]);
});
