/** `npm run conformance:t8n` flags: --help, and bad input as a usage error (exit 2), never a stack trace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../tools/t8nConformance.js', import.meta.url));

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('conformance:t8n --help prints the usage and exits 0', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^usage: npm run conformance:t8n/);
});

for (const [args, message] of [
  [['--bogus'], /Unknown option '--bogus'/],
  [['--spawn'], /Option '--spawn <value>' argument missing/],
  [['--jobs', 'two'], /--jobs: expected a non-negative integer, got "two"/],
  [['/no/such/fixtures'], /\/no\/such\/fixtures: no such file or directory/],
] as const) {
  test(`conformance:t8n ${args.join(' ')}: usage error, exit 2`, () => {
    const r = run([...args]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /usage: npm run conformance:t8n/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
}
