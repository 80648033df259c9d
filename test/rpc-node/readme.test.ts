/**
 * The README's Node section: every ```js example runs as written ('evmkit' and 'evmkit/node' -> this
 * build), and the method table says exactly what the registry answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createNode } from '../../src/rpc/node.js';

const root = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const start = readme.indexOf('## Node (JSON-RPC)');
const section = readme.slice(start, readme.indexOf('\n## ', start + 5));
const examples = [...section.slice(0, section.indexOf('### Methods')).matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);

test('the README Node section has its examples', () => {
  assert.ok(start > 0);
  assert.ok(examples.length >= 3, `found ${examples.length}`);
  assert.match(section, /npx evmkit node/);
});

examples.forEach((src, i) => {
  test(`README Node example ${i + 1} runs as written`, async () => {
    // Inside the repository, so that 'viem' and 'ethers' resolve from its node_modules.
    const dir = mkdtempSync(fileURLToPath(new URL('dist/readme-node-', root)));
    try {
      const file = join(dir, `example-${i + 1}.mjs`);
      const code = src
        .replaceAll("from 'evmkit/node'", `from '${new URL('dist/src/cli/node.js', root).href}'`)
        .replaceAll("from 'evmkit'", `from '${new URL('dist/src/index.js', root).href}'`);
      writeFileSync(file, code);
      await import(pathToFileURL(file).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('the method table lists every method the registry answers as "yes", and no "chain" method is registered', () => {
  const rows = [...section.matchAll(/^\| `([a-zA-Z0-9_]+)` \| (yes|chain) \|(.*)\|$/gm)].map((m) => ({
    name: m[1]!,
    status: m[2]!,
    notes: m[3]!,
  }));
  assert.ok(rows.length > 80, `${rows.length} rows`);
  const reg = createNode().registry;
  const aliases = new Map(reg.aliasPairs());
  const documented = new Set<string>();
  for (const r of rows) {
    assert.equal(documented.has(r.name), false, `${r.name} twice`);
    documented.add(r.name);
    assert.equal(reg.has(r.name), r.status === 'yes', `${r.name}: table says ${r.status}`);
    for (const a of r.notes.matchAll(/alias `([a-zA-Z0-9_]+)`/g)) {
      documented.add(a[1]!);
      if (r.status === 'yes') assert.equal(aliases.get(a[1]!), r.name, `alias ${a[1]}`);
      else assert.equal(reg.has(a[1]!), false, `alias ${a[1]} of a chain method is registered`);
    }
  }
  for (const name of reg.names()) assert.ok(documented.has(name), `${name} is answered but not in the README's method table`);
});
