/**
 * Differential check of the prototypes' word opcodes against evmkit's word functions (src/word), on
 * edge values and random operands of every width: for each opcode, runs
 *   PUSH32 c, PUSH32 b, PUSH32 a, <op>, PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN
 * in every prototype and compares the returned word. (The bench harness separately checks whole
 * contracts: status, output and gas.)  Usage: node dist/bench/word/check.js [iterations per opcode]
 */
import * as W from '../../src/word/index.js';
import { bigintToBytes } from '../../src/util/hex.js';
import { runBigint } from './bigint/interp.js';
import { runLimbs, runLimbsBigintDiv, runLimbsWasm } from './limbs/interp.js';
import { runHybrid } from './hybrid/interp.js';
import { runMixed } from './mixed/interp.js';
import type { MiniMessage } from './shell/env.js';
import type { RunResult } from './shell/status.js';

const OPS: readonly [number, string, number, (a: bigint, b: bigint, c: bigint) => bigint][] = [
  [0x01, 'ADD', 2, W.add],
  [0x02, 'MUL', 2, W.mul],
  [0x03, 'SUB', 2, W.sub],
  [0x04, 'DIV', 2, W.div],
  [0x05, 'SDIV', 2, W.sdiv],
  [0x06, 'MOD', 2, W.mod],
  [0x07, 'SMOD', 2, W.smod],
  [0x08, 'ADDMOD', 3, W.addmod],
  [0x09, 'MULMOD', 3, W.mulmod],
  [0x0a, 'EXP', 2, W.exp],
  [0x0b, 'SIGNEXTEND', 2, W.signextend],
  [0x10, 'LT', 2, W.lt],
  [0x11, 'GT', 2, W.gt],
  [0x12, 'SLT', 2, W.slt],
  [0x13, 'SGT', 2, W.sgt],
  [0x14, 'EQ', 2, W.eq],
  [0x15, 'ISZERO', 1, W.iszero],
  [0x16, 'AND', 2, (a, b) => a & b],
  [0x17, 'OR', 2, (a, b) => a | b],
  [0x18, 'XOR', 2, (a, b) => a ^ b],
  [0x19, 'NOT', 1, W.not],
  [0x1a, 'BYTE', 2, W.byte],
  [0x1b, 'SHL', 2, W.shl],
  [0x1c, 'SHR', 2, W.shr],
  [0x1d, 'SAR', 2, W.sar],
];

const RUNNERS: readonly [string, (code: Uint8Array, msg: MiniMessage) => RunResult][] = [
  ['C:bigint', runBigint],
  ['A:limbs', (c, m) => runLimbs(c, m)],
  ['A:limbs+bigdiv', runLimbsBigintDiv],
  ['A:limbs+wasm', runLimbsWasm],
  ['B:f64+bigint', runHybrid],
  ['B2:mixed', runMixed],
];

/** Deterministic PRNG (xorshift32), so a failure reproduces. */
let seed = 0x9e3779b9;
function rand32(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}

const EDGES: bigint[] = [0n, 1n, 2n, 3n, 31n, 32n, 255n, 256n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 52n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n - 1n, 2n ** 128n, 2n ** 255n - 1n, 2n ** 255n, W.MASK256, W.MASK256 - 1n];

/** Edge values, small shift/byte counts, powers of two (+-1), negatives, and random widths. */
function operand(): bigint {
  const k = rand32() % 8;
  if (k === 0) return EDGES[rand32() % EDGES.length]!;
  if (k === 1) return BigInt(rand32() % 300);
  if (k === 2) {
    const p = 1n << BigInt(rand32() % 256);
    return [p, p - 1n, p + 1n][rand32() % 3]! & W.MASK256;
  }
  let x = 0n;
  const bits = 1 + (rand32() % 256);
  for (let i = 0; i < 8; i++) x = (x << 32n) | BigInt(rand32());
  x &= (1n << BigInt(bits)) - 1n;
  return k === 3 ? W.sub(0n, x) : x; // k = 3: a negative number
}

function program(op: number, a: bigint, b: bigint, c: bigint): Uint8Array {
  const push = (v: bigint): number[] => [0x7f, ...bigintToBytes(v, 32)];
  return Uint8Array.from([...push(c), ...push(b), ...push(a), op, 0x60, 0, 0x52, 0x60, 32, 0x60, 0, 0xf3]);
}

function main(): void {
  const iterations = Number(process.argv[2] ?? 3000);
  const msg: MiniMessage = { input: new Uint8Array(0), gas: 10_000_000n, value: 0n, address: 1n, caller: 2n, origin: 2n, gasPrice: 0n };
  let failures = 0;
  for (const [op, name, , fn] of OPS) {
    for (let it = 0; it < iterations; it++) {
      const a = operand();
      let b = operand();
      const c = operand();
      if (op === 0x0a && rand32() % 2) b = BigInt(rand32() % 70); // EXP: also small exponents
      const want = fn(a, b, c);
      const code = program(op, a, b, c);
      for (const [key, run] of RUNNERS) {
        const r = run(code, msg);
        const got = r.output.length === 32 ? W.wordFromBytes(r.output, 0, 32) : -1n;
        if (r.status !== 'return' || got !== want) {
          if (failures++ < 20) console.log(`FAIL ${key} ${name}(0x${a.toString(16)}, 0x${b.toString(16)}, 0x${c.toString(16)}): got ${r.status} 0x${got.toString(16)}, want 0x${want.toString(16)}`);
        }
      }
    }
  }
  console.log(`${OPS.length} opcodes x ${iterations} operand sets x ${RUNNERS.length} prototypes: ${failures === 0 ? 'all equal' : `${failures} FAILURES`}`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main();
