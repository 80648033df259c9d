/**
 * A sample of the t8n conformance sweep (the full one is `npm run conformance:t8n`): state tests of
 * Paris and later, converted to t8n inputs, must give the fixture's state root and logs hash back;
 * one vector per fork also goes through `bin/evmkit t8n` on stdin/stdout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectStateTestFiles } from '../../src/statetest/files.js';
import { sweep } from '../../tools/t8nConformance.js';
import { fixturePath } from '../fixtures.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

test('state tests (Paris+) through t8n: a sample of files, every fork', (t) => {
  const dir = fixturePath('state');
  if (dir === undefined) return t.skip('fixtures not found');
  // Every 250th file of each fixture folder (ethereum/tests, execution-spec-tests per fork): a spread
  // over test groups and forks.
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => collectStateTestFiles([join(dir, e.name)]).filter((_, i) => i % 250 === 0));
  const failures: string[] = [];
  const tallies = sweep({ paths: files, spawnPerFork: 1, limitPerFork: 0, onFailure: (l) => failures.push(l) });
  const forks = [...tallies.keys()].sort();
  assert.deepEqual(forks, ['Cancun', 'Osaka', 'Paris', 'Prague', 'Shanghai']);
  for (const [fork, n] of tallies) {
    t.diagnostic(`${fork}: ${n.passed} passed, ${n.failed} failed, ${n.spawned} via bin/evmkit t8n`);
    assert.ok(n.passed > 0, fork);
    assert.equal(n.spawned, 1, fork);
  }
  assert.deepEqual(failures, []);
});
