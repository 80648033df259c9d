#!/usr/bin/env node
/**
 * Generates src/precompiles/blake2f-wasm.ts: the WebAssembly module behind the BLAKE2F precompile (0x09,
 * EIP-152), i.e. the BLAKE2b compression function F with a caller-chosen round count, in native i64
 * arithmetic. The module text (WAT) is generated here, assembled with the `wabt` devDependency, and the
 * bytes are written as base64 into a committed TypeScript file, so neither the runtime nor `npm install`
 * needs wabt.
 *
 *   npm install && node scripts/build-blake2f-wasm.mjs            # regenerate src/precompiles/blake2f-wasm.ts
 *   node scripts/build-blake2f-wasm.mjs --wat=/tmp/blake2f.wat    # also write the WAT text, to read it
 *   node scripts/build-blake2f-wasm.mjs --variant=generic         # another code shape (see VARIANTS), to measure
 *
 * Module interface (all of it little-endian, as WebAssembly memory always is):
 *   memory (1 page, exported "memory"):
 *     [0, 64)    h: 8 x u64, the chaining state; F's result is written back here
 *     [64, 192)  m: 16 x u64, the message block
 *     [192, 208) t: 2 x u64, the offset counters
 *     [256, 384) v: 16 x u64, the working vector between calls of `rounds`
 *     [384, 544) SIGMA as byte offsets of message words (only the "generic" variant reads it)
 *   init(final: i32)  v := h || IV, v12 ^= t0, v13 ^= t1, v14 := ~v14 if final != 0
 *   rounds(n: i32)    n (unsigned) rounds on v, the first with SIGMA row 0: callers that split a long F
 *                     into several calls pass multiples of 10 to all but the last
 *   finish()          h[i] ^= v[i] ^ v[i + 8]
 * F is split into these three so that the caller can run a long F (up to 2^32 - 1 rounds) as a series of
 * `rounds` calls: V8 first runs a WebAssembly function as baseline (Liftoff) code and switches to the
 * optimized (TurboFan) code only at a later call, never in the middle of a running one.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** RFC 7693 message schedule SIGMA, rows 0..9 (round i uses row i mod 10). */
export const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/** BLAKE2b IV (the SHA-512 IV). */
const IV = [
  0x6a09e667f3bcc908n,
  0xbb67ae8584caa73bn,
  0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n,
  0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn,
  0x5be0cd19137e2179n,
];

const M_OFFSET = 64;
const T_OFFSET = 192;
const V_OFFSET = 256;
const SIGMA_OFFSET = 384;

/** The (a, b, c, d) word indices of G in each round: four columns, then four diagonals. */
const G_WORDS = [
  [0, 4, 8, 12],
  [1, 5, 9, 13],
  [2, 6, 10, 14],
  [3, 7, 11, 15],
  [0, 5, 10, 15],
  [1, 6, 11, 12],
  [2, 7, 8, 13],
  [3, 4, 9, 14],
];

/**
 * Code shapes to compare (`--variant`); ns per round measured with V8's optimized code (Node 20, the 2-core
 * reference machine, ~3.3 GHz, CPU time of 10^7 rounds, best of several runs under load), the `-late` form
 * in brackets:
 *   unrolled      10.4 [11.8]  (default) a loop iteration runs 10 rounds with SIGMA resolved at generation
 *                 time, the message words held in 16 locals; rounds % 10 run after the loop (rounds 0..8
 *                 of the schedule unrolled once more)
 *   unrolled-mem  12.5 [12.1]  as unrolled, each message word an i64.load at a constant offset, not a local
 *   interleaved   10.4 [11.8]  as unrolled, the four G of a half-round interleaved step by step
 *   interleaved2  10.4         as unrolled, G interleaved two by two
 *   generic       12.7 [13.5]  one round per loop iteration, message words looked up through a SIGMA table
 *   simd          13.3 [14.9]  the state as 8 x i64x2 rows, four G at once (rotations by i8x16.shuffle,
 *                 whose masks V8 rebuilds at each use), message vectors pre-permuted per SIGMA row by init
 *   simd-shifts   14.5         as simd, rotations by 24 and 16 as two shifts and an or
 * Every shape but `-late` adds a message word to `a` before adding `b` (a + x + b): b is the word computed
 * last, so this takes one addition off the critical path of G. V8 compiles all scalar shapes to nearly
 * the same machine code (it reschedules); the round is bound by the latency of G's dependency chain
 * (~24 cycles) and by spills: sixteen i64 state words do not fit in V8's allocatable registers.
 * V8's baseline (Liftoff) code of the same module takes 100-160 ns per round.
 */
export const VARIANTS = ['unrolled', 'unrolled-mem', 'interleaved', 'interleaved2', 'generic', 'simd', 'simd-shifts'].flatMap((v) => [
  v,
  `${v}-late`,
]);

/** Message vectors of the "simd" variant: per SIGMA row, 8 x v128 (x then y words, columns then diagonals). */
const MSG_VEC_OFFSET = 1024;

/** i8x16.shuffle lane lists: rotations of each i64 lane right by 32, 24, 16 bits; (x.hi, y.lo). */
const rotBytes = (k) => Array.from({ length: 16 }, (_, j) => (j & 8) + (((j & 7) + k) & 7)).join(' ');
const ROT32 = rotBytes(4);
const ROT24 = rotBytes(3);
const ROT16 = rotBytes(2);
const ALIGN8 = Array.from({ length: 16 }, (_, j) => 8 + j).join(' ');

/**
 * One round of the "simd" variant: the state as rows of 2 x i64x2 (a = v0..v3, b = v4..v7, ...), the four
 * G of a half-round computed at once, the diagonal half on rows rotated by 1, 2, 3 words (c only renamed).
 * `r` holds the current names of the row locals and is updated (c0/c1 swap twice, so it ends as it began).
 */
function simdRound(row, r, early, shifts) {
  const lines = [];
  const rotShift = (x, k) =>
    `(v128.or (i64x2.shr_u (local.tee $t ${x}) (i32.const ${k})) (i64x2.shl (local.get $t) (i32.const ${64 - k})))`;
  const L = (x) => `(local.get $${x})`;
  const set = (x, e) => lines.push(`(local.set $${x} ${e})`);
  const add = (x, y) => `(i64x2.add ${x} ${y})`;
  const xor = (x, y) => `(v128.xor ${x} ${y})`;
  const shuf = (lanes, x, y) => `(i8x16.shuffle ${lanes} ${x} ${y ?? x})`;
  const msg = (half, xy, pair) => `(v128.load offset=${MSG_VEC_OFFSET + 128 * row + 16 * (4 * half + 2 * xy + pair)} (i32.const 0))`;
  for (const half of [0, 1]) {
    for (const i of [0, 1]) {
      const [a, b, c, d] = [r.a[i], r.b[i], r.c[i], r.d[i]];
      const sum3 = (m) => (early ? add(add(L(a), m), L(b)) : add(add(L(a), L(b)), m));
      set(a, sum3(msg(half, 0, i)));
      set(d, shuf(ROT32, xor(L(d), L(a))));
      set(c, add(L(c), L(d)));
      set(b, shifts ? rotShift(xor(L(b), L(c)), 24) : shuf(ROT24, xor(L(b), L(c))));
      set(a, sum3(msg(half, 1, i)));
      set(d, shifts ? rotShift(xor(L(d), L(a)), 16) : shuf(ROT16, xor(L(d), L(a))));
      set(c, add(L(c), L(d)));
      set(b, `(v128.or (i64x2.add (local.tee $t ${xor(L(b), L(c))}) (local.get $t)) (i64x2.shr_u (local.get $t) (i32.const 63)))`);
    }
    const [b0, b1] = r.b;
    const [d0, d1] = r.d;
    if (half === 0) {
      // diagonalize: b = (v5, v6), (v7, v4); c = (v10, v11), (v8, v9); d = (v15, v12), (v13, v14)
      set('t', shuf(ALIGN8, L(b0), L(b1)));
      set(b1, shuf(ALIGN8, L(b1), L(b0)));
      set(b0, L('t'));
      set('t', shuf(ALIGN8, L(d1), L(d0)));
      set(d1, shuf(ALIGN8, L(d0), L(d1)));
      set(d0, L('t'));
    } else {
      set('t', shuf(ALIGN8, L(b1), L(b0)));
      set(b1, shuf(ALIGN8, L(b0), L(b1)));
      set(b0, L('t'));
      set('t', shuf(ALIGN8, L(d0), L(d1)));
      set(d1, shuf(ALIGN8, L(d1), L(d0)));
      set(d0, L('t'));
    }
    r.c = [r.c[1], r.c[0]];
  }
  return lines;
}

const declare = (names, type) => names.map((l) => `(local ${l} ${type})`).join(' ');
const get = (x) => `(local.get $${x})`;
const i64 = (x) => `(i64.const ${BigInt.asIntN(64, x)})`;

/** The eight steps of G(a, b, c, d, x, y) (RFC 7693 3.1) as WAT statements; x, y are WAT expressions. */
function gSteps(a, b, c, d, x, y, early) {
  // a + b + x: with `early`, as (a + x) + b, which takes a + x off the critical path (b is the newest word).
  const sum3 = (z) => (early ? `(i64.add (i64.add ${get(a)} ${z}) ${get(b)})` : `(i64.add (i64.add ${get(a)} ${get(b)}) ${z})`);
  return [
    `(local.set $${a} ${sum3(x)})`,
    `(local.set $${d} (i64.rotr (i64.xor ${get(d)} ${get(a)}) (i64.const 32)))`,
    `(local.set $${c} (i64.add ${get(c)} ${get(d)}))`,
    `(local.set $${b} (i64.rotr (i64.xor ${get(b)} ${get(c)}) (i64.const 24)))`,
    `(local.set $${a} ${sum3(y)})`,
    `(local.set $${d} (i64.rotr (i64.xor ${get(d)} ${get(a)}) (i64.const 16)))`,
    `(local.set $${c} (i64.add ${get(c)} ${get(d)}))`,
    `(local.set $${b} (i64.rotr (i64.xor ${get(b)} ${get(c)}) (i64.const 63)))`,
  ];
}

/** One round as WAT lines; `msg(j)` is the WAT expression of the message word at SIGMA position j. */
function round(msg, interleave, early) {
  const gs = G_WORDS.map(([a, b, c, d], g) => gSteps(`v${a}`, `v${b}`, `v${c}`, `v${d}`, msg(2 * g), msg(2 * g + 1), early));
  if (!interleave) return gs.flat();
  const lines = [];
  for (let first = 0; first < 8; first += interleave) {
    const group = gs.slice(first, first + interleave);
    for (let step = 0; step < 8; step++) for (const g of group) lines.push(g[step]);
  }
  return lines;
}

/** WAT text of the whole module for one variant. */
export function buildWat(variant = 'unrolled') {
  if (!VARIANTS.includes(variant)) throw new Error(`unknown variant ${variant}`);
  const early = !variant.endsWith('-late');
  const shape = variant.replace(/-late$/, '');
  const vLocals = Array.from({ length: 16 }, (_, i) => `$v${i}`);
  const mLocals = Array.from({ length: 16 }, (_, i) => `$m${i}`);
  const loadV = vLocals.map((v, i) => `(local.set ${v} (i64.load offset=${V_OFFSET + 8 * i} (i32.const 0)))`);
  const storeV = vLocals.map((v, i) => `(i64.store offset=${V_OFFSET + 8 * i} (i32.const 0) (local.get ${v}))`);
  let body;
  if (shape.startsWith('simd')) {
    const shifts = shape === 'simd-shifts';
    const rowNames = ['a0', 'a1', 'b0', 'b1', 'c0', 'c1', 'd0', 'd1'];
    const r = { a: ['a0', 'a1'], b: ['b0', 'b1'], c: ['c0', 'c1'], d: ['d0', 'd1'] };
    const tail = [];
    for (let k = 0; k < 9; k++) {
      tail.push(`(br_if $tail (i32.le_u (local.get $n) (i32.const ${k})))`, ...simdRound(k, r, early, shifts));
    }
    body = [
      declare(
        [...rowNames, 't'].map((x) => `$${x}`),
        'v128',
      ),
      ...rowNames.map((x, i) => `(local.set $${x} (v128.load offset=${V_OFFSET + 16 * i} (i32.const 0)))`),
      `(block $exit (loop $loop`,
      `(br_if $exit (i32.lt_u (local.get $n) (i32.const 10)))`,
      ...SIGMA.flatMap((_, row) => simdRound(row, r, early, shifts)),
      `(local.set $n (i32.sub (local.get $n) (i32.const 10)))`,
      `(br $loop)))`,
      `(block $tail`,
      ...tail,
      `)`,
      ...rowNames.map((x, i) => `(v128.store offset=${V_OFFSET + 16 * i} (i32.const 0) (local.get $${x}))`),
    ];
  } else if (shape === 'generic') {
    // $s: byte offset of the current SIGMA row in the table, advanced by 16 per round and wrapped after 10 rows.
    const msg = (j) => `(i64.load offset=${M_OFFSET} (i32.load8_u offset=${SIGMA_OFFSET + j} (local.get $s)))`;
    body = [
      declare(vLocals, 'i64'),
      declare(['$s'], 'i32'),
      ...loadV,
      `(block $exit (loop $loop`,
      `(br_if $exit (i32.eqz (local.get $n)))`,
      ...round(msg, false, early),
      `(local.set $s (i32.add (local.get $s) (i32.const 16)))`,
      `(if (i32.eq (local.get $s) (i32.const 160)) (then (local.set $s (i32.const 0))))`,
      `(local.set $n (i32.sub (local.get $n) (i32.const 1)))`,
      `(br $loop)))`,
      ...storeV,
    ];
  } else {
    const inMemory = shape === 'unrolled-mem';
    const interleave = shape === 'interleaved' ? 4 : shape === 'interleaved2' ? 2 : 0;
    const msgOf = (row) => (j) => (inMemory ? `(i64.load offset=${M_OFFSET + 8 * SIGMA[row][j]} (i32.const 0))` : get(`m${SIGMA[row][j]}`));
    const tail = [];
    for (let k = 0; k < 9; k++) {
      tail.push(`(br_if $tail (i32.le_u (local.get $n) (i32.const ${k})))`, ...round(msgOf(k), interleave, early));
    }
    body = [
      declare([...vLocals, ...(inMemory ? [] : mLocals)], 'i64'),
      ...loadV,
      ...(inMemory ? [] : mLocals.map((m, i) => `(local.set ${m} (i64.load offset=${M_OFFSET + 8 * i} (i32.const 0)))`)),
      `(block $exit (loop $loop`,
      `(br_if $exit (i32.lt_u (local.get $n) (i32.const 10)))`,
      ...SIGMA.flatMap((_, row) => round(msgOf(row), interleave, early)),
      `(local.set $n (i32.sub (local.get $n) (i32.const 10)))`,
      `(br $loop)))`,
      `;; rounds % 10 (0..9) remain: rounds 0..8 of the schedule, as far as they go`,
      `(block $tail`,
      ...tail,
      `)`,
      ...storeV,
    ];
  }
  const init = [
    ...Array.from({ length: 8 }, (_, i) => `(i64.store offset=${V_OFFSET + 8 * i} (i32.const 0) (i64.load offset=${8 * i} (i32.const 0)))`),
    ...IV.map((iv, i) => {
      let x = i64(iv);
      if (i === 4) x = `(i64.xor ${x} (i64.load offset=${T_OFFSET} (i32.const 0)))`;
      if (i === 5) x = `(i64.xor ${x} (i64.load offset=${T_OFFSET + 8} (i32.const 0)))`;
      if (i === 6) x = `(if (result i64) (local.get $final) (then (i64.xor ${x} (i64.const -1))) (else ${x}))`;
      return `(i64.store offset=${V_OFFSET + 64 + 8 * i} (i32.const 0) ${x})`;
    }),
  ];
  if (shape.startsWith('simd')) {
    // Message vectors: row r, vector 4 * half + 2 * xy + pair holds lanes G = 4 * half + 2 * pair (+ 1).
    for (let row = 0; row < 10; row++) {
      for (let k = 0; k < 8; k++) {
        const half = k >> 2,
          xy = (k >> 1) & 1,
          pair = k & 1;
        for (const lane of [0, 1]) {
          const g = 4 * half + 2 * pair + lane;
          const word = SIGMA[row][2 * g + xy];
          init.push(
            `(i64.store offset=${MSG_VEC_OFFSET + 128 * row + 16 * k + 8 * lane} (i32.const 0) (i64.load offset=${M_OFFSET + 8 * word} (i32.const 0)))`,
          );
        }
      }
    }
  }
  const finish = Array.from(
    { length: 8 },
    (_, i) =>
      `(i64.store offset=${8 * i} (i32.const 0) (i64.xor (i64.load offset=${8 * i} (i32.const 0)) ` +
      `(i64.xor (i64.load offset=${V_OFFSET + 8 * i} (i32.const 0)) (i64.load offset=${V_OFFSET + 64 + 8 * i} (i32.const 0)))))`,
  );
  const sigmaBytes = SIGMA.flat()
    .map((j) => `\\${(8 * j).toString(16).padStart(2, '0')}`)
    .join('');
  const indent = (lines, n) => lines.map((l) => ' '.repeat(n) + l).join('\n');
  return `;; BLAKE2b compression function F (RFC 7693 3.2, EIP-152), variant "${variant}".
;; Generated by scripts/build-blake2f-wasm.mjs.
(module
  (memory (export "memory") 1)
  (data (i32.const ${SIGMA_OFFSET}) "${sigmaBytes}")
  (func (export "init") (param $final i32)
${indent(init, 4)})
  (func (export "rounds") (param $n i32)
${indent(body, 4)})
  (func (export "finish")
${indent(finish, 4)}))
`;
}

/** Assembles WAT text into module bytes with wabt (a devDependency). */
export async function assemble(wat) {
  const { default: wabt } = await import('wabt');
  const w = await wabt();
  const mod = w.parseWat('blake2f.wat', wat, { simd: true });
  mod.validate();
  const { buffer } = mod.toBinary({ log: false, write_debug_names: false });
  mod.destroy();
  return new Uint8Array(buffer);
}

function tsFile(bytes, variant) {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines = b64.match(/.{1,100}/g) ?? [];
  return `/**
 * GENERATED FILE, do not edit: regenerate with \`node scripts/build-blake2f-wasm.mjs\` (needs the \`wabt\`
 * devDependency; see that script for the module's memory layout and exports).
 *
 * The WebAssembly module of the BLAKE2b compression function F behind the BLAKE2F precompile (0x09),
 * variant "${variant}", ${bytes.length} bytes, base64.
 */
export const BLAKE2F_WASM_BASE64 =
${lines.map((l, i) => `  '${l}'${i === lines.length - 1 ? ';' : ' +'}`).join('\n')}
`;
}

async function main() {
  const args = Object.fromEntries(
    process.argv.slice(2).map((a) => {
      const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
      if (!m) throw new Error(`bad argument ${a}`);
      return [m[1], m[2] ?? 'true'];
    }),
  );
  const variant = args.variant ?? 'unrolled';
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = args.out ?? path.join(root, 'src/precompiles/blake2f-wasm.ts');
  const wat = buildWat(variant);
  if (args.wat) writeFileSync(args.wat, wat);
  const bytes = await assemble(wat);
  writeFileSync(out, tsFile(bytes, variant));
  console.log(`wrote ${out}: ${bytes.length} bytes of WebAssembly (variant ${variant})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
