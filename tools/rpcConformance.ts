/**
 * `npm run conformance:rpc`: the JSON-RPC conformance tests of ethereum/execution-apis as hive's rpc-compat
 * simulator runs them, against `bin/evmkit node`.
 *
 * The fixtures (`$EVMKIT_FIXTURES/rpc`, default ../shared/fixtures/rpc) hold genesis.json, chain.rlp and,
 * per method, `<method>/<name>.io` files: `// comment` lines, then `>> request` / `<< response` pairs. One
 * node is started with `--init genesis.json --import chain.rlp --no-mining --port 0` (the port is read from its
 * "Listening on host:port" line); every .io runs against it in path order, each request sent as written.
 * A response passes when it equals the expected one as JSON (key order free); when both are errors the
 * message text is not compared (code and data are). A test whose comments say `speconly:` only needs a
 * response of the right shape (the same keys and value types; an error with the expected code). Prints pass/fail per method and
 * "N passed, N failed"; exits 1 on any failure, 2 on a usage error.
 *
 * usage: node dist/tools/rpcConformance.js [--fixtures DIR] [--run SUBSTRING] [--url URL] [--verbose]
 *   --url: test a node that is already running instead of starting one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, parseCommandArgs } from '../src/cli/command.js';

const BIN = fileURLToPath(new URL('../../bin/evmkit', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface IoExchange {
  /** The request line as written (sent byte for byte). */
  readonly request: string;
  /** The expected response, parsed. */
  readonly expected: unknown;
}

export interface IoTest {
  /** Path relative to the fixtures' rpc/ folder, e.g. "eth_chainId/get-chain-id.io". */
  readonly name: string;
  readonly method: string;
  readonly comment: string;
  readonly speconly: boolean;
  readonly exchanges: readonly IoExchange[];
}

/** Parses an .io file's text. Throws on a malformed file (a response without a request, bad JSON). */
export function parseIo(name: string, text: string): IoTest {
  const comments: string[] = [];
  const exchanges: IoExchange[] = [];
  let pending: string | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (line.startsWith('//')) comments.push(line.slice(2).trim());
    else if (line.startsWith('>> ')) {
      if (pending !== undefined) throw new Error(`${name}:${i + 1}: two requests without a response`);
      pending = line.slice(3);
    } else if (line.startsWith('<< ')) {
      if (pending === undefined) throw new Error(`${name}:${i + 1}: a response without a request`);
      exchanges.push({ request: pending, expected: JSON.parse(line.slice(3)) });
      pending = undefined;
    } else throw new Error(`${name}:${i + 1}: unrecognized line`);
  }
  if (pending !== undefined) throw new Error(`${name}: the last request has no response`);
  const comment = comments.join('\n');
  return { name, method: name.split('/')[0]!, comment, speconly: /\bspeconly:/.test(comment), exchanges };
}

/** Every .io under `dir`, in path order (byte order of the relative paths). */
export function collectIoFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.io')) out.push(p);
    }
  };
  walk(dir);
  return out.sort((a, b) => {
    const x = relative(dir, a);
    const y = relative(dir, b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The first difference between two JSON values (key order free), as "path: actual vs expected", or undefined. */
export function jsonDiff(actual: unknown, expected: unknown, path = '$'): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: ${brief(actual)} vs array`;
    if (actual.length !== expected.length) return `${path}: ${actual.length} items vs ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = jsonDiff(actual[i], expected[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: ${brief(actual)} vs object`;
    for (const k of Object.keys(expected)) if (!Object.hasOwn(actual, k)) return `${path}.${k}: missing`;
    for (const k of Object.keys(actual)) if (!Object.hasOwn(expected, k)) return `${path}.${k}: unexpected (${brief(actual[k])})`;
    for (const k of Object.keys(expected)) {
      const d = jsonDiff(actual[k], expected[k], `${path}.${k}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return actual === expected ? undefined : `${path}: ${brief(actual)} vs ${brief(expected)}`;
}

function brief(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 120 ? s.slice(0, 117) + '...' : s;
}

const HEX = /^0x[0-9a-fA-F]*$/;
/** Fixed-size DATA whose length is part of its type: address, hash, bloom. */
const FIXED_HEX_LENGTHS = new Set([42, 66, 514]);

/** Whether `actual` has the shape of `expected` (speconly tests), else where it differs. */
export function shapeDiff(actual: unknown, expected: unknown, path = '$'): string | undefined {
  if (expected === null) return actual === null ? undefined : `${path}: ${brief(actual)} vs null`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: ${brief(actual)} vs array`;
    if (expected.length === 0) return undefined;
    for (let i = 0; i < actual.length; i++) {
      const d = shapeDiff(actual[i], expected[Math.min(i, expected.length - 1)], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: ${brief(actual)} vs object`;
    for (const k of Object.keys(expected)) {
      if (!Object.hasOwn(actual, k)) return `${path}.${k}: missing`;
      const d = shapeDiff(actual[k], expected[k], `${path}.${k}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (typeof expected === 'string' && HEX.test(expected)) {
    if (typeof actual !== 'string' || !HEX.test(actual)) return `${path}: ${brief(actual)} vs hex string`;
    if (FIXED_HEX_LENGTHS.has(expected.length) && actual.length !== expected.length)
      return `${path}: ${actual.length - 2} hex digits vs ${expected.length - 2}`;
    return undefined;
  }
  return typeof actual === typeof expected ? undefined : `${path}: ${brief(actual)} vs ${typeof expected}`;
}

/** Judges one response; undefined on a pass, else why not. */
export function judgeResponse(actual: unknown, expected: unknown, speconly: boolean): string | undefined {
  if (!isObject(expected)) return 'expected response is not an object';
  if (!isObject(actual)) return `response is not an object: ${brief(actual)}`;
  const wantErr = Object.hasOwn(expected, 'error');
  const gotErr = Object.hasOwn(actual, 'error');
  if (wantErr !== gotErr)
    return gotErr
      ? `error ${brief(actual.error)}, expected a result`
      : `result ${brief(actual.result)}, expected error ${brief(expected.error)}`;
  if (actual.id !== expected.id && JSON.stringify(actual.id) !== JSON.stringify(expected.id))
    return `id ${brief(actual.id)} vs ${brief(expected.id)}`;
  if (wantErr) {
    if (!isObject(actual.error)) return `error is not an object: ${brief(actual.error)}`;
    const e = expected.error as Record<string, unknown>;
    if (typeof actual.error.message !== 'string') return `malformed error ${brief(actual.error)}`;
    if (actual.error.code !== e.code)
      return `error code ${brief(actual.error.code)} (${brief(actual.error.message)}) vs ${brief(e.code)} (${brief(e.message)})`;
    return speconly ? undefined : jsonDiff(actual.error.data, e.data, '$.error.data');
  }
  return speconly ? shapeDiff(actual.result, expected.result, '$.result') : jsonDiff(actual.result, expected.result, '$.result');
}

export interface TestOutcome {
  readonly test: IoTest;
  /** undefined: passed. */
  readonly failure?: string;
}

/** Sends one request line to the node; the parsed response (or a description of what went wrong). */
async function send(url: string, body: string, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { httpStatus: res.status, body: text.slice(0, 200) };
  }
}

/** Runs the tests against the node at `url`, in order. */
export async function runTests(url: string, tests: readonly IoTest[], timeoutMs = 60_000): Promise<TestOutcome[]> {
  const out: TestOutcome[] = [];
  for (const t of tests) {
    let failure: string | undefined;
    for (const [i, x] of t.exchanges.entries()) {
      let actual: unknown;
      try {
        actual = await send(url, x.request, timeoutMs);
      } catch (e) {
        failure = `request ${i + 1}: ${e instanceof Error ? e.message : String(e)}`;
        break;
      }
      const why = judgeResponse(actual, x.expected, t.speconly);
      if (why !== undefined) {
        failure = t.exchanges.length > 1 ? `request ${i + 1}: ${why}` : why;
        break;
      }
    }
    out.push(failure === undefined ? { test: t } : { test: t, failure });
  }
  return out;
}

/** Starts `bin/evmkit node` on a free port; resolves with its URL once it prints "Listening on host:port". */
export function startNodeProcess(
  args: readonly string[],
  timeoutMs = 120_000,
): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(BIN, ['node', ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bin/evmkit node did not print its address within ${timeoutMs} ms\n${err}`));
    }, timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /Listening on (\S+):(\d+)/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        const host = m[1]!.includes(':') && !m[1]!.startsWith('[') ? `[${m[1]}]` : m[1]!;
        resolveStart({ url: `http://${host}:${m[2]}`, child, stderr: () => err });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bin/evmkit node exited with ${code} before listening\n${err}`));
    });
  });
}

export function stopNodeProcess(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => {
    if (child.exitCode !== null) return r(child.exitCode);
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      r(code);
    });
    child.kill('SIGTERM');
  });
}

/** Per-method tallies and the totals, as printed. */
export function report(outcomes: readonly TestOutcome[], verbose: boolean): string {
  const byMethod = new Map<string, { passed: number; failed: TestOutcome[] }>();
  for (const o of outcomes) {
    let m = byMethod.get(o.test.method);
    if (m === undefined) byMethod.set(o.test.method, (m = { passed: 0, failed: [] }));
    if (o.failure === undefined) m.passed++;
    else m.failed.push(o);
  }
  const width = Math.max(10, ...[...byMethod.keys()].map((k) => k.length));
  const lines: string[] = [];
  for (const [name, m] of byMethod) {
    const total = m.passed + m.failed.length;
    lines.push(`${m.failed.length === 0 ? 'PASS' : 'FAIL'}  ${name.padEnd(width)}  ${m.passed}/${total}`);
    for (const f of m.failed) lines.push(`        ${f.test.name.slice(name.length + 1)}${verbose ? `: ${f.failure}` : ''}`);
  }
  const failed = outcomes.filter((o) => o.failure !== undefined).length;
  lines.push('', `${outcomes.length - failed} passed, ${failed} failed`);
  return lines.join('\n') + '\n';
}

const USAGE = `usage: npm run conformance:rpc -- [--fixtures DIR] [--run SUBSTRING] [--url URL] [--verbose]
Runs the execution-apis .io tests (DIR default: $EVMKIT_FIXTURES/rpc or ../shared/fixtures/rpc) against
bin/evmkit node --init DIR/genesis.json --import DIR/chain.rlp --no-mining (or the node at URL).
`;

export interface ConformanceIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: ConformanceIO = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };

export async function main(argv: readonly string[], io: ConformanceIO = PROCESS_IO): Promise<number> {
  let o;
  try {
    const { values, positionals } = parseCommandArgs(argv, {
      fixtures: { type: 'string' },
      run: { type: 'string' },
      url: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help === true) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const root = process.env.EVMKIT_FIXTURES ? resolve(process.env.EVMKIT_FIXTURES) : resolve(REPO, '..', 'shared', 'fixtures');
    const dir = values.fixtures !== undefined ? resolve(values.fixtures) : join(root, 'rpc');
    for (const f of ['genesis.json', 'chain.rlp'])
      if (!existsSync(join(dir, f))) throw new UsageError(`no ${f} in ${dir} (set EVMKIT_FIXTURES or --fixtures)`);
    o = { dir, run: values.run, url: values.url, verbose: values.verbose === true };
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`rpcConformance: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const tests = collectIoFiles(o.dir)
    .map((p) => parseIo(relative(o.dir, p).split('\\').join('/'), readFileSync(p, 'utf8')))
    .filter((t) => o.run === undefined || t.name.includes(o.run));
  let node: Awaited<ReturnType<typeof startNodeProcess>> | undefined;
  let url = o.url;
  const started = performance.now();
  if (url === undefined) {
    // --no-mining: as in hive, where no consensus client drives the node, transactions sent by the tests
    // (eth_sendRawTransaction) wait in the pool; the head stays the last imported block (headfcu.json).
    node = await startNodeProcess(['--init', join(o.dir, 'genesis.json'), '--import', join(o.dir, 'chain.rlp'), '--no-mining']);
    url = node.url;
    io.stderr(`node at ${url} (started in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  try {
    const outcomes = await runTests(url, tests);
    io.stdout(report(outcomes, o.verbose));
    io.stderr(`${tests.length} tests in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return outcomes.some((x) => x.failure !== undefined) ? 1 : 0;
  } finally {
    if (node !== undefined) await stopNodeProcess(node.child);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
