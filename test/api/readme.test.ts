/** Executes every ```js example of the README's Library section as written ('evmkit' -> this build). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startNode } from '../rpc/server.js';
import { ALLOC } from '../rpc/fixture.js';

const root = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const section = readme.slice(readme.indexOf('## Library'), readme.indexOf('\n## ', readme.indexOf('## Library') + 5));
const examples = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
const entry = new URL('dist/src/index.js', root).href;

test('the README Library section has examples', () => {
  assert.ok(examples.length >= 4, `found ${examples.length}`);
});

examples.forEach((src, i) => {
  test(`README Library example ${i + 1} runs as written`, async () => {
    const node = await startNode(ALLOC);
    const dir = mkdtempSync(join(tmpdir(), 'evmkit-readme-'));
    const old = process.env.RPC_URL;
    process.env.RPC_URL = node.url;
    const logged: unknown[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void logged.push(a);
    try {
      const file = join(dir, `example-${i + 1}.mjs`);
      writeFileSync(file, src.replaceAll("from 'evmkit'", `from '${entry}'`));
      await import(pathToFileURL(file).href);
    } finally {
      console.log = log;
      if (old === undefined) delete process.env.RPC_URL;
      else process.env.RPC_URL = old;
      rmSync(dir, { recursive: true, force: true });
      await node.close();
    }
    if (src.includes('console.log')) assert.ok(logged.length > 0 && String((logged[0] as unknown[])[0]).startsWith('0x'));
  });
});
