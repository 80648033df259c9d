/**
 * The layering of src/ (README, Design): each folder may import only from itself and the folders below it,
 * so dependencies point one way and no folder cycle can form. The test reads the sources' import and
 * export statements (type-only ones included, dynamic imports too) and fails on an import that points up.
 * It also keeps fork comparisons inside src/spec: everything else reads Rules flags.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Bottom to top. A folder may import from its own rank and every lower one. */
export const LAYERS: readonly (readonly string[])[] = [
  ['primitives', 'types'],
  ['spec'],
  ['state'],
  ['tx'],
  ['precompiles'],
  ['machine'],
  ['exec'],
  ['tracing'],
  ['transition'],
  ['chain'],
  ['statetest', 'blocktest'],
  ['rpc'],
  ['api'],
  ['cli'],
  ['index.ts'],
];

function rankOf(folder: string): number {
  const r = LAYERS.findIndex((l) => l.includes(folder));
  if (r < 0) throw new Error(`src/${folder} is in no layer: add it to LAYERS in test/layers.test.ts (and to the README's Design section)`);
  return r;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Top-level folder (or file) of a path under src/. */
function topOf(file: string): string {
  return relative(SRC, file).split(sep)[0]!;
}

test('every import in src/ points to the same layer or one below it', () => {
  const bad: string[] = [];
  for (const file of sources(SRC)) {
    const from = topOf(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      const target = normalize(join(dirname(file), spec));
      if (!target.startsWith(SRC)) {
        bad.push(`${relative(SRC, file)} imports ${spec}: outside src/`);
        continue;
      }
      const to = topOf(target);
      if (rankOf(to) > rankOf(from)) bad.push(`src/${relative(SRC, file)} (${from}) imports ${spec} (${to}, a higher layer)`);
    }
  }
  assert.deepEqual(bad, []);
});

test('no fork comparison outside src/spec (fork differences are Rules flags)', () => {
  const compare = /(?:[<>]=?|===|!==)\s*Fork\.\w+|Fork\.\w+\s*(?:[<>]=?)|\.fork\s+[<>]=?\s/;
  const bad: string[] = [];
  for (const file of sources(SRC)) {
    if (topOf(file) === 'spec') continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (compare.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'))
          bad.push(`src/${relative(SRC, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(bad, []);
});

test('the layer check itself catches an upward import', () => {
  assert.ok(rankOf('machine') > rankOf('state'));
  assert.ok(rankOf('exec') > rankOf('machine'));
  assert.ok(rankOf('transition') > rankOf('exec'));
  assert.throws(() => rankOf('nowhere'), /in no layer/);
  const sample = "import type { Executor } from '../exec/executor.js';\nexport { x } from './y.js';\nconst m = await import('../z.js');";
  assert.deepEqual(
    [...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2]),
    ['../exec/executor.js', './y.js', '../z.js'],
  );
});
