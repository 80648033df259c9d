/**
 * Plain JavaScript meets the built package the way a user does: `import ... from 'evmkit'` (the package's
 * own exports map, no TypeScript), the public constants are runtime objects, and the quick start of
 * src/index.ts runs as written. (The README's examples run in test/api/readme.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function runJs(code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
}

test("import { Fork, Status, TxType, CallKind, SstoreRule } from 'evmkit' works from plain JavaScript", () => {
  const out = runJs(`
    import { Fork, Status, TxType, CallKind, SstoreRule, DifficultyRule, DEFAULT_FORK, FORK_NAMES } from 'evmkit';
    console.log(JSON.stringify({
      cancun: Fork.Cancun, osaka: Fork.Osaka, bpo2: Fork.BPO2, def: FORK_NAMES[DEFAULT_FORK],
      trap: Status.Trap, revert: Status.Revert, blob: TxType.Blob, delegate: CallKind.DelegateCall,
      legacy: SstoreRule.Legacy, byz: DifficultyRule.Byzantium, frozen: Object.isFrozen(Status) && Object.isFrozen(TxType),
    }));
  `);
  assert.deepEqual(JSON.parse(out), {
    cancun: 15,
    osaka: 17,
    bpo2: 19,
    def: 'BPO2',
    trap: 5,
    revert: 3,
    blob: 3,
    delegate: 2,
    legacy: 0,
    byz: 2,
    frozen: true,
  });
});

test('the quick start in src/index.ts runs as written', () => {
  const index = readFileSync(new URL('src/index.ts', new URL(`file://${ROOT}`)), 'utf8');
  const start = index.indexOf('Quick start:');
  const lines = index.slice(start, index.indexOf('*/', start)).split('\n').slice(1);
  const code = lines.map((l) => l.replace(/^\s*\*\s?/, '')).filter((l) => l.trim() !== '');
  assert.ok(code.length >= 3, code.join('\n'));
  const last = code.pop()!;
  const [expr, comment] = last.split('//');
  const out = runJs(`${code.join('\n')}\nconsole.log(${expr!.replace(/;\s*$/, '')});`).trim();
  // The comment shows the start and end of the value (0x…05).
  const [head, tail] = comment!.trim().split('…');
  assert.ok(out.startsWith(head!) && out.endsWith(tail!), `${out} vs ${comment}`);
});
