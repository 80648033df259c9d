/**
 * Per-instruction micro benchmark: nanoseconds per instruction, measured as the difference between a
 * straight-line program of K copies of a pattern with the instruction and K copies of a control pattern
 * with the same stack effect without it (the instruction replaced by POPs, or nothing), both run through
 * `runCode` on the same state, interleaved, medians. The per-call cost of runCode cancels out.
 *
 *   node dist/bench/micro/ops.js [--filter REGEX] [--rounds N] [--json]
 *
 * `ns` = (median(pattern) - median(control)) / (K x instructions per copy), process CPU time: the instruction's own cost (less a POP where the control
 * pops instead). Also: the fixed cost of an empty call frame (a CALL to code `STOP`) and of `runCode` itself.
 */
import { parseArgs } from 'node:util';
import { asm } from '../../src/spec/asm.js';
import { runCode } from '../../src/transition/runCode.js';
import { StateJournal } from '../../src/state/journal.js';
import { keccakReady } from '../../src/primitives/crypto/keccak.js';
import * as Word from '../../src/primitives/word/index.js';
import { MemoryPool } from '../../src/machine/memory.js';
import { parseFork } from '../../src/spec/fork.js';

const W256 = '0xfedcba9876543210f0e1d2c3b4a5968778695a4b3c2d1e0f0123456789abcdef';
const W256B = '0x8badf00ddeadbeefcafebabe0123456789abcdef0fedcba98765432112345679';
const MOD = '0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f';
const ODD = '0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const MAXW = '0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff';

interface OpCase {
  readonly name: string;
  /** Run once before the repeated part (pushes operands, warms slots...). */
  readonly setup: string;
  readonly pattern: string;
  readonly control: string;
  /** Copies of the pattern. */
  readonly reps: number;
  /** Instructions measured per copy of the pattern (1 unless said). */
  readonly count?: number;
  readonly fork?: string;
}

const binary = (name: string, op: string, a: string, b: string, reps = 4000): OpCase => ({
  name,
  setup: `PUSH32 ${b} PUSH32 ${a}`,
  pattern: `DUP2 DUP2 ${op} POP`,
  control: 'DUP2 DUP2 POP POP',
  reps,
});

const ternary = (name: string, op: string, a: string, b: string, n: string, reps = 4000): OpCase => ({
  name,
  setup: `PUSH32 ${n} PUSH32 ${b} PUSH32 ${a}`,
  pattern: `DUP3 DUP3 DUP3 ${op} POP`,
  control: 'DUP3 DUP3 DUP3 POP POP POP',
  reps,
});

export const CASES: OpCase[] = [
  { name: 'JUMPDEST', setup: '', pattern: 'JUMPDEST', control: '', reps: 8000 },
  { name: 'SWAP1', setup: 'PUSH1 1 PUSH1 2', pattern: 'SWAP1', control: '', reps: 8000 },
  { name: 'DUP1+POP', setup: 'PUSH1 1', pattern: 'DUP1 POP', control: '', reps: 8000 },
  { name: 'PUSH1+POP', setup: '', pattern: 'PUSH1 7 POP', control: '', reps: 8000 },
  binary('ADD 256-bit', 'ADD', W256, W256B),
  binary('ADD small', 'ADD', '0x1234', '0x5678'),
  binary('SUB 256-bit', 'SUB', W256, W256B),
  binary('MUL 256-bit', 'MUL', W256, W256B),
  binary('MUL small', 'MUL', '0x1234', '0x5678'),
  binary('DIV 256/128', 'DIV', W256, '0xfedcba9876543210f0e1d2c3b4a59687'),
  binary('DIV by 2^k', 'DIV', W256, '0x10000'),
  binary('MOD 256-bit', 'MOD', W256, W256B),
  binary('SDIV 256-bit', 'SDIV', W256, W256B),
  binary('LT', 'LT', W256, W256B),
  binary('SLT', 'SLT', W256, W256B),
  binary('EQ', 'EQ', W256, W256B),
  binary('AND', 'AND', W256, W256B),
  binary('SHL', 'SHL', '0x40', W256),
  binary('SHR', 'SHR', '0x40', W256),
  binary('SAR', 'SAR', '0x40', W256),
  binary('BYTE', 'BYTE', '0x07', W256),
  binary('SIGNEXTEND', 'SIGNEXTEND', '0x0f', W256),
  ternary('ADDMOD 256-bit', 'ADDMOD', W256, W256B, MOD),
  ternary('MULMOD 256-bit', 'MULMOD', W256, W256B, MOD),
  binary('EXP 256-bit exponent', 'EXP', ODD, MAXW, 200),
  binary('EXP 8-bit exponent', 'EXP', ODD, '0xff', 2000),
  {
    name: 'MLOAD 256-bit',
    setup: `PUSH32 ${W256} PUSH0 MSTORE`,
    pattern: 'PUSH0 MLOAD POP',
    control: 'PUSH0 POP',
    reps: 4000,
  },
  {
    // 0 and 0x400 share a slot of MLOAD's word cache (src/machine/wordCache.ts): every load misses
    name: 'MLOAD 256-bit uncached',
    setup: `PUSH32 ${W256} PUSH0 MSTORE PUSH32 ${W256B} PUSH2 0x0400 MSTORE`,
    pattern: 'PUSH0 MLOAD POP PUSH2 0x0400 MLOAD POP',
    control: 'PUSH0 POP PUSH2 0x0400 POP',
    reps: 2000,
    count: 2,
  },
  {
    name: 'MLOAD small',
    setup: `PUSH2 0x1234 PUSH0 MSTORE`,
    pattern: 'PUSH0 MLOAD POP',
    control: 'PUSH0 POP',
    reps: 4000,
  },
  { name: 'MSTORE 256-bit', setup: `PUSH32 ${W256}`, pattern: 'DUP1 PUSH0 MSTORE', control: 'DUP1 PUSH0 POP POP', reps: 4000 },
  { name: 'MSTORE small', setup: 'PUSH2 0x1234', pattern: 'DUP1 PUSH0 MSTORE', control: 'DUP1 PUSH0 POP POP', reps: 4000 },
  {
    name: 'KECCAK256 32 bytes',
    setup: `PUSH32 ${W256} PUSH0 MSTORE`,
    pattern: 'PUSH1 32 PUSH0 KECCAK256 POP',
    control: 'PUSH1 32 PUSH0 POP POP',
    reps: 2000,
  },
  {
    name: 'KECCAK256 64 bytes',
    setup: `PUSH32 ${W256} PUSH0 MSTORE PUSH32 ${W256B} PUSH1 32 MSTORE`,
    pattern: 'PUSH1 64 PUSH0 KECCAK256 POP',
    control: 'PUSH1 64 PUSH0 POP POP',
    reps: 2000,
  },
  {
    name: 'SLOAD warm',
    setup: 'PUSH1 5 PUSH1 1 SSTORE PUSH1 1 SLOAD POP',
    pattern: 'PUSH1 1 SLOAD POP',
    control: 'PUSH1 1 POP',
    reps: 4000,
  },
  {
    name: 'SLOAD warm 256-bit key',
    setup: `PUSH1 5 PUSH32 ${W256} SSTORE`,
    pattern: `PUSH32 ${W256} SLOAD POP`,
    control: `PUSH32 ${W256} POP`,
    reps: 4000,
  },
  {
    name: 'SSTORE warm no-op',
    setup: 'PUSH1 5 PUSH1 1 SSTORE',
    pattern: 'PUSH1 5 PUSH1 1 SSTORE',
    control: 'PUSH1 5 PUSH1 1 POP POP',
    reps: 4000,
  },
  {
    name: 'TLOAD',
    setup: 'PUSH1 5 PUSH1 1 TSTORE',
    pattern: 'PUSH1 1 TLOAD POP',
    control: 'PUSH1 1 POP',
    reps: 4000,
  },
  { name: 'BALANCE warm', setup: '', pattern: 'ADDRESS BALANCE POP', control: 'ADDRESS POP', reps: 4000 },
  {
    name: 'CALL to STOP',
    setup: '',
    pattern: 'PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 0xc0de GAS CALL POP',
    control: 'PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 0xc0de GAS POP POP POP POP POP POP POP',
    reps: 400,
  },
];

function program(c: OpCase, body: string): Uint8Array {
  const setup = asm(c.setup);
  const one = asm(body);
  const out = new Uint8Array(setup.length + one.length * c.reps + 1);
  out.set(setup);
  for (let i = 0; i < c.reps; i++) out.set(one, setup.length + i * one.length);
  return out; // ends in STOP (0)
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const CALLEE = 0xc0den;
/** One pool for the process, as a long-running user keeps (runCode ignores it where it has no such option). */
const POOL = new MemoryPool();

/** Process CPU time in ms (steadier than the wall clock on a shared machine). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function makeRunner(code: Uint8Array, fork: string): () => number {
  const state = new StateJournal();
  state.setCode(CALLEE, Uint8Array.of(0));
  state.finalizeTx(false);
  return () => {
    const t0 = cpuMs();
    const r = runCode(code, { fork: parseFork(fork, 'ops: fork'), gas: 1n << 40n, state, memoryPool: POOL });
    const t = cpuMs() - t0;
    if (!r.success) throw new Error(`run failed: ${r.error}`);
    state.finalizeTx(false);
    return t;
  };
}

export interface OpResult {
  readonly name: string;
  readonly ns: number;
}

/** Measures one case: ns per instruction. */
export function measureOp(c: OpCase, rounds: number): OpResult {
  const fork = c.fork ?? 'Cancun';
  const a = makeRunner(program(c, c.pattern), fork);
  const b = makeRunner(program(c, c.control), fork);
  // Warm-up: until both ran 200 ms or 200 times.
  let spent = 0;
  for (let i = 0; i < 200 && spent < 200; i++) spent += a() + b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Each sample: back-to-back runs for >= 2 ms, alternating which goes first.
    const sample = (fn: () => number) => {
      let t = 0;
      let n = 0;
      while (t < 4 || n < 3) {
        t += fn();
        n++;
      }
      return t / n;
    };
    if (i % 2 === 0) {
      ta.push(sample(a));
      tb.push(sample(b));
    } else {
      tb.push(sample(b));
      ta.push(sample(a));
    }
  }
  return { name: c.name, ns: ((median(ta) - median(tb)) * 1e6) / (c.reps * (c.count ?? 1)) };
}

/** The fixed cost of runCode on a one-byte STOP (state reused), in microseconds. */
function runCodeCost(rounds: number): number {
  const run = makeRunner(Uint8Array.of(0), 'Cancun');
  for (let i = 0; i < 20000; i++) run();
  const xs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = cpuMs();
    for (let i = 0; i < 5000; i++) run();
    xs.push(((cpuMs() - t0) * 1000) / 5000);
  }
  return median(xs);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { filter: { type: 'string' }, rounds: { type: 'string' }, json: { type: 'boolean' } },
  });
  await keccakReady;
  // the EXP kernel would load after 1024 EXPs of the warm-up anyway (optional: builds before it lack it)
  (Word as { loadExpKernel?: () => unknown }).loadExpKernel?.();
  const rounds = Number(values.rounds ?? 15);
  const re = values.filter === undefined ? null : new RegExp(values.filter, 'i');
  const results: OpResult[] = [];
  for (const c of CASES) {
    if (re !== null && !re.test(c.name)) continue;
    const r = measureOp(c, rounds);
    results.push(r);
    if (!values.json) console.log(`${c.name.padEnd(26)} ${r.ns.toFixed(1).padStart(9)} ns`);
  }
  const fixed = re === null || re.test('runCode') ? runCodeCost(rounds) : NaN;
  if (!values.json) {
    if (!Number.isNaN(fixed)) console.log(`${'runCode(STOP)'.padEnd(26)} ${(fixed * 1000).toFixed(0).padStart(9)} ns`);
  } else {
    console.log(JSON.stringify({ ops: results, runCodeUs: fixed }));
  }
}

await main();
