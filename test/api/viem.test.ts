/**
 * The README's quick start is a TypeScript program that uses evmkit with viem. This test takes it as
 * written, adds a few checks that pass evmkit's results to viem-typed variables, compiles it with the
 * repository's TypeScript under `strict`, `isolatedModules` and `verbatimModuleSyntax` (importing 'evmkit'
 * by name: the package's own exports and .d.ts files), checks it has no type assertions, and runs it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((src) => src.includes("from 'viem'"));

/** Checks appended to the example: evmkit's results where viem's types are expected, no casts. */
const CHECKS = `
import assert from 'node:assert/strict';
import type { Address as ViemAddress, Hash as ViemHash, Hex as ViemHex, TransactionReceipt as ViemReceipt } from 'viem';
import { getAddress, getContractAddress, isAddress, isHex, keccak256, toHex, parseEventLogs } from 'viem';

const deployedAt: ViemAddress | undefined = counter;
assert.equal(deployedAt, getContractAddress({ from: alice, nonce: 0n }));
const from: ViemAddress = receipt.from;
assert.equal(from, getAddress(alice));
const txHash: ViemHash = receipt.transactionHash;
assert.ok(isHex(txHash) && txHash.length === 66);
const data: ViemHex = returnData;
assert.equal(keccak256(data), keccak256(toHex(5n, { size: 32 })));
const status: ViemReceipt['status'] = receipt.status;
assert.equal(status, 'success');
assert.equal(receipt.gasUsed, gas);
assert.ok(counter !== undefined && isAddress(counter));
assert.deepEqual(parseEventLogs({ abi, logs: [] }), []);
assert.equal(tooMany.revert?.kind, 'custom');
console.log('viem checks passed');
`;

test('the README has a TypeScript quick start with viem', () => {
  assert.equal(examples.length, 1);
});

test('the quick start compiles under tsc --strict --isolatedModules --verbatimModuleSyntax with no casts, and runs', () => {
  const src = examples[0]! + CHECKS;
  // Comments and import lines (where `as` renames) aside.
  const code = src.replace(/\/\/.*$/gm, '').replace(/^import .*$/gm, '');
  assert.doesNotMatch(code, /\bas\s+(const\b|[A-Za-z`'"{[(])/, 'no `as` casts');
  assert.doesNotMatch(code, /<[A-Z]\w*>\s*[\w(]/, 'no angle-bracket casts');
  assert.doesNotMatch(code, /\w!\s*[.)[;,]/, 'no non-null assertions');
  // Inside the package, so 'evmkit' resolves by its own name (package.json "exports") and viem from node_modules.
  const dir = join(ROOT, 'dist', `viem-check-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, 'example.ts'), src);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          isolatedModules: true,
          verbatimModuleSyntax: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022'],
          types: ['node'],
          outDir: 'out',
          rootDir: '.',
          skipLibCheck: true,
        },
        files: ['example.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      assert.fail(`tsc failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
    const out = execFileSync(process.execPath, [join(dir, 'out', 'example.js')], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual(out.trim().split('\n'), ['success 5n', 'TooMany', 'viem checks passed']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
