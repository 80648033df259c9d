// Prints the compiled test files of a suite, for `npm test` (all) and `npm run test:unit` (unit).
//   all   every dist/test/**/*.test.js
//   unit  the in-process logic tests: not the conformance samples and fixture sweeps, not the tests that
//         spawn the CLI, anvil or a browser or serve over the network, not the stress tests, not the benchmark
//         and fuzzer harness tests (all of them run in `npm test`)
// The unit files of an area are printed as one group file (dist/test-groups/<area>.test.js, rewritten each
// time) that imports them, so that they share one process; see below.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../dist/test/', import.meta.url));
const NOT_UNIT = [
  /(^|\/)sample\.test\.js$/, // conformance samples (state tests, t8n, blocktests)
  /^conformance\//,
  /^bench\//,
  /^browser\//,
  /^fuzz\//,
  /^cli\//,
  /(^|\/)cli\.test\.js$/, // spawn bin/evmkit
  /^t8n\/conformanceArgs\.test\.js$/,
  /^primitives\/keccakSwitch\.test\.js$/, // spawns node
  /^api\/smoke\.test\.js$/, // spawns node on the built package
  /^api\/viem\.test\.js$/, // spawns tsc and node on the README's quick start
  /^precompiles\/backends\.test\.js$/, // every fixture vector under every backend set
  /^rpc-node\/(nodeCommand|conformance)\.test\.js$/, // spawn bin/evmkit node
  /^rpc-node\/fork\.test\.js$/, // spawns anvil as the remote of a fork
  /^rpc-node\/(server|devnode)\.test\.js$/, // HTTP/WebSocket servers and ethers over the network
  /^chain\/(ethash|hiveChain)\.test\.js$/, // fixture sweeps: every Ethash seal, chain.rlp imported
  /^hostile\//, // stress: 10 MiB blocks, 10,000-block chains, 30M-gas loops
  /^precompiles\/(pointEvaluation|modexp)\.test\.js$/, // reference-vector sweeps
  /^rpc\/fork\.test\.js$/, // a forked EVM against a JSON-RPC server on loopback
  /^rpc-node\/readme\.test\.js$/, // the README's Node examples, written out and imported as modules
];

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.test.js') ? [p] : [];
  });
}

const suite = process.argv[2] ?? 'all';
if (suite !== 'all' && suite !== 'unit') {
  console.error(`usage: node scripts/test-files.mjs all|unit`);
  process.exit(2);
}
const isUnit = (f) => !NOT_UNIT.some((re) => re.test(relative(root, f)));
const files = walk(root)
  .sort()
  .filter((f) => suite === 'all' || isUnit(f));

// The unit files of one area (the first folder under dist/test/) run in one process: a group file that imports
// them in order. A test process costs ~0.2-0.5 s of start-up (node, node:test, the modules it loads) before
// its first test; 94 unit files were ~30 s of CPU in start-ups alone. The other files (conformance samples,
// CLI and server spawns, browsers, stress) stay one process each: they are long, and some of them set
// process-wide state (backends, environment) that must not leak into another file's tests.
const groupsDir = fileURLToPath(new URL('../dist/test-groups/', import.meta.url));
rmSync(groupsDir, { recursive: true, force: true });
mkdirSync(groupsDir, { recursive: true });
const byArea = new Map();
const out = [];
for (const f of files) {
  if (!isUnit(f)) {
    out.push(f);
    continue;
  }
  const rel = relative(root, f).split(sep);
  const area = rel.length > 1 ? rel[0] : 'root';
  byArea.set(area, [...(byArea.get(area) ?? []), f]);
}
for (const [area, list] of byArea) {
  if (list.length === 1) {
    out.push(list[0]);
    continue;
  }
  const group = join(groupsDir, `${area}.test.js`);
  const imports = list.map((f) => `import ${JSON.stringify(relative(groupsDir, f).split(sep).join('/'))};`);
  writeFileSync(group, `// ${area}: ${list.length} unit test files in one process (scripts/test-files.mjs)\n${imports.join('\n')}\n`);
  out.push(group);
}
console.log(out.map((f) => relative(process.cwd(), f)).join('\n'));
