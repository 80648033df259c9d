#!/usr/bin/env node
/**
 * Generates src/primitives/word/exp-wasm.ts: a WebAssembly kernel for EXP of an odd base modulo 2^256
 * through the 2-adic logarithm (src/primitives/word/expKernel.ts has the method). The module text (WAT) is
 * generated here and assembled with the `wabt` devDependency; the bytes go as base64 into a committed
 * TypeScript file (the runtime never needs wabt). Data segments hold the constants, computed here with
 * bigints: 1/3, log(1 + 2^k) for k = 2..4 and log(1 - 2^k d) for k = 5, 9, .., 61 and d = 0..15, mod 2^256.
 *
 *   node scripts/build-exp-wasm.mjs [--wat=/tmp/exp.wat]
 *
 * Module interface (memory: 1 page, exported "memory"; numbers are 256-bit, four little-endian u64 limbs,
 * least significant first):
 *   [0, 32)      base (odd)                       [32, 64)   exponent
 *   [64, 96)     result                           [96, 256)  scratch
 *   [256, 288)   1/3
 *   [288, 384)   log(1 + 2^k) for k = 2..4 (at 288 + 32 (k - 2))
 *   [384, 8064)  log(1 - 2^k d) for step j = 0..14 (k = 5 + 4j) and digit d = 0..15, at 384 + 32 (16 j + d)
 *   exp()        result := base^exponent mod 2^256
 *   mul(r, a, b) [r] := [a] * [b] mod 2^256 (byte addresses; r may be a or b), exported for tests
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const BASE = 0;
const EXPONENT = 32;
const OUT = 64;
const Y = 96;
const T1 = 128;
const T2 = 160;
const T3 = 192;
const INV3 = 256;
/** log(1 + 2^k) for k = 2..SINGLE_LAST, at SINGLE + 32 (k - 2). */
const SINGLE = 288;
const SINGLE_LAST = 4;
/** log(1 - 2^k d) for the 4-bit steps j = 0..DIGIT_STEPS-1 (k = 5 + 4j, up to bit 64) and d = 0..15, at MULTI + 32 (16 j + d). */
const MULTI = 384;
const DIGIT_STEPS = 15;

const limbs = (name) => [0, 1, 2, 3].map((i) => `$${name}${i}`);
const get = (v) => `(local.get ${v})`;
const set = (v, e) => `(local.set ${v} ${e})`;
const load = (addr, i) => `(i64.load offset=${addr + 8 * i} (i32.const 0))`;
const store = (addr, i, e) => `(i64.store offset=${addr + 8 * i} (i32.const 0) ${e})`;
const u64 = (e) => `(i64.extend_i32_u ${e})`;

/** dst := a + b (mod 2^256); a, b, dst: arrays of four WAT expressions / local names. Uses $t, $c, $d. */
function add4(dst, a, b) {
  const out = [];
  out.push(set('$t', `(i64.add ${a[0]} ${b[0]})`));
  out.push(set('$c', u64(`(i64.lt_u ${get('$t')} ${b[0]})`)));
  out.push(set(dst[0], get('$t')));
  for (let i = 1; i < 4; i++) {
    out.push(set('$t', `(i64.add ${a[i]} ${b[i]})`));
    if (i < 3) out.push(set('$d', u64(`(i64.lt_u ${get('$t')} ${b[i]})`)));
    out.push(set('$t', `(i64.add ${get('$t')} ${get('$c')})`));
    if (i < 3) out.push(set('$c', `(i64.or ${get('$d')} ${u64(`(i64.lt_u ${get('$t')} ${get('$c')})`)})`));
    out.push(set(dst[i], get('$t')));
  }
  return out.join('\n    ');
}

/** dst := a - b (mod 2^256). Operands of b must not be locals of dst written before they are read. */
function sub4(dst, a, b) {
  const out = [];
  out.push(set('$d', a[0]));
  out.push(set('$t', b[0]));
  out.push(set('$c', u64(`(i64.lt_u ${get('$d')} ${get('$t')})`)));
  out.push(set(dst[0], `(i64.sub ${get('$d')} ${get('$t')})`));
  for (let i = 1; i < 4; i++) {
    // borrow out of (a_i - b_i - c): a_i < b_i, or a_i - b_i < c
    out.push(set('$d', a[i]));
    out.push(set('$t', b[i]));
    out.push(set('$e', `(i64.sub ${get('$d')} ${get('$t')})`));
    if (i < 3) {
      out.push(set('$f', `(i64.or ${u64(`(i64.lt_u ${get('$d')} ${get('$t')})`)} ${u64(`(i64.lt_u ${get('$e')} ${get('$c')})`)})`));
    }
    out.push(set(dst[i], `(i64.sub ${get('$e')} ${get('$c')})`));
    if (i < 3) out.push(set('$c', get('$f')));
  }
  return out.join('\n    ');
}

/** The truncated product [r] := [a] * [b] mod 2^256 on 32-bit digits (36 i64 products, column by column). */
function mulFunc() {
  const a = [...Array(8).keys()].map((i) => `$a${i}`);
  const b = [...Array(8).keys()].map((i) => `$b${i}`);
  const decl = [...a, ...b, '$p', '$lo', '$hi'].map((v) => `(local ${v} i64)`).join(' ');
  const body = [];
  for (let i = 0; i < 8; i++) {
    body.push(set(a[i], `(i64.load32_u offset=${4 * i} (local.get $pa))`));
    body.push(set(b[i], `(i64.load32_u offset=${4 * i} (local.get $pb))`));
  }
  body.push(set('$lo', '(i64.const 0)'));
  for (let k = 0; k < 8; k++) {
    body.push(set('$hi', '(i64.const 0)'));
    for (let i = 0; i <= k; i++) {
      body.push(set('$p', `(i64.mul ${get(a[i])} ${get(b[k - i])})`));
      body.push(set('$lo', `(i64.add ${get('$lo')} (i64.and ${get('$p')} (i64.const 0xffffffff)))`));
      body.push(set('$hi', `(i64.add ${get('$hi')} (i64.shr_u ${get('$p')} (i64.const 32)))`));
    }
    body.push(`(i64.store32 offset=${4 * k} (local.get $pr) ${get('$lo')})`);
    // the next column starts from this one's carry: bits 32+ of lo, plus the high halves
    body.push(set('$lo', `(i64.add (i64.shr_u ${get('$lo')} (i64.const 32)) ${get('$hi')})`));
  }
  return `(func $mul (export "mul") (param $pr i32) (param $pa i32) (param $pb i32)
    ${decl}
    ${body.join('\n    ')})`;
}

/** Loads 4 limbs from addr into the locals of `dst`. */
const load4 = (dst, addr) => dst.map((v, i) => set(v, load(addr, i))).join('\n    ');
const store4 = (addr, src) => src.map((e, i) => store(addr, i, e)).join('\n    ');
const mem4 = (addr) => [0, 1, 2, 3].map((i) => load(addr, i));
/** The four limbs at a computed byte address (an i32 expression). */
const at4 = (addr) => [0, 1, 2, 3].map((i) => `(i64.load offset=${8 * i} ${addr})`);

/** x << k for a variable k in 1..63 (the local $sh holds k as i64). */
function shifted(x) {
  const inv = `(i64.sub (i64.const 64) ${get('$sh')})`;
  return [
    `(i64.shl ${get(x[0])} ${get('$sh')})`,
    ...[1, 2, 3].map((i) => `(i64.or (i64.shl ${get(x[i])} ${get('$sh')}) (i64.shr_u ${get(x[i - 1])} ${inv}))`),
  ];
}

/** Sets the locals s (not x) to x * $D mod 2^256 ($D below 16): per limb the low product and the carry out. */
function timesDigit(s, x) {
  const lo = [0, 1, 2, 3].map((i) => `(i64.mul ${get(x[i])} ${get('$D')})`);
  // floor(x_i D / 2^64) from the 32-bit halves (each product below 2^36)
  const hi = [0, 1, 2].map(
    (i) =>
      `(i64.shr_u (i64.add (i64.mul (i64.shr_u ${get(x[i])} (i64.const 32)) ${get('$D')}) (i64.shr_u (i64.mul (i64.and ${get(x[i])} (i64.const 0xffffffff)) ${get('$D')}) (i64.const 32))) (i64.const 32))`,
  );
  return [set('$h0', hi[0]), set('$h1', hi[1]), set('$h2', hi[2]), add4(s, lo, ['(i64.const 0)', get('$h0'), get('$h1'), get('$h2')])].join(
    '\n        ',
  );
}

/** Sets the locals s to (s << $sh): in place, highest limb first. */
function shiftInPlace(s) {
  const inv = `(i64.sub (i64.const 64) ${get('$sh')})`;
  const out = [];
  for (let i = 3; i >= 1; i--) out.push(set(s[i], `(i64.or (i64.shl ${get(s[i])} ${get('$sh')}) (i64.shr_u ${get(s[i - 1])} ${inv}))`));
  out.push(set(s[0], `(i64.shl ${get(s[0])} ${get('$sh')})`));
  return out.join('\n        ');
}

/** Stores v >> 1 (v: four local names) at addr. */
function storeHalf(addr, v) {
  return [0, 1, 2, 3]
    .map((i) =>
      store(
        addr,
        i,
        i < 3
          ? `(i64.or (i64.shr_u ${get(v[i])} (i64.const 1)) (i64.shl ${get(v[i + 1])} (i64.const 63)))`
          : `(i64.shr_u ${get(v[3])} (i64.const 1))`,
      ),
    )
    .join('\n    ');
}

/** The 4-bit digit of x at bits k..k+3 (k = $sh, 5..61; bit 64 comes from limb 1). */
const digit = (x) =>
  `(i64.and (i64.or (i64.shr_u ${get(x[0])} ${get('$sh')}) (i64.shl ${get(x[1])} (i64.sub (i64.const 64) ${get('$sh')}))) (i64.const 15))`;

function expFunc() {
  const x = limbs('x');
  const l = limbs('l');
  const s = limbs('s');
  const decl = [...x, ...l, ...s, '$t', '$c', '$d', '$e', '$f', '$sh', '$D', '$h0', '$h1', '$h2'].map((v) => `(local ${v} i64)`).join(' ');
  const xs = x.map(get);
  const ls = l.map(get);
  const ss = s.map(get);
  const zero4 = ['(i64.const 0)', '(i64.const 0)', '(i64.const 0)', '(i64.const 0)'];
  // table entry of step j (0..14), digit $D: MULTI + 32 (16 j + D)
  const multi = `(i32.add (i32.const ${MULTI}) (i32.shl (i32.add (i32.shl (local.get $j) (i32.const 4)) (i32.wrap_i64 ${get('$D')})) (i32.const 5)))`;
  const single = `(i32.add (i32.const ${SINGLE - 64}) (i32.shl (local.get $k) (i32.const 5)))`;
  const stepShift = `(local.set $sh (i64.extend_i32_u (i32.add (i32.const ${SINGLE_LAST + 1}) (i32.shl (local.get $j) (i32.const 2)))))`;
  return `(func (export "exp")
    ${decl}
    (local $k i32) (local $j i32) (local $neg i32)
    ;; b = -b' with b' = 1 mod 4 when b = 3 mod 4: b^e = (-1)^e b'^e
    ${load4(x, BASE)}
    (local.set $neg (i64.eq (i64.and ${get(x[0])} (i64.const 3)) (i64.const 3)))
    (if (local.get $neg) (then
    ${sub4(x, zero4, xs)}))
    ${l.map((v) => set(v, '(i64.const 0)')).join(' ')}
    ;; log, bits 2..4: x *= (1 + 2^k) clears bit k; l += log(1 + 2^k)
    (local.set $k (i32.const 2))
    (loop $logBits
      (if (i32.wrap_i64 (i64.and (i64.shr_u ${get(x[0])} (i64.extend_i32_u (local.get $k))) (i64.const 1))) (then
        (local.set $sh (i64.extend_i32_u (local.get $k)))
        ${shifted(x)
          .map((e, i) => set(s[i], e))
          .join('\n        ')}
        ${add4(x, xs, ss)}
        ${add4(l, ls, at4(single))}))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $logBits (i32.le_u (local.get $k) (i32.const ${SINGLE_LAST}))))
    ;; log, bits 5..64 four at a time: x = 1 + 2^k D (mod 2^(k+4)), and x *= (1 - 2^k D) clears them
    ;; (2k >= k + 4); l += log(1 - 2^k D)
    (local.set $j (i32.const 0))
    (loop $logDigits
      ${stepShift}
      (local.set $D ${digit(x)})
      (if (i32.wrap_i64 ${get('$D')}) (then
        ${timesDigit(s, x)}
        ${shiftInPlace(s)}
        ${sub4(x, xs, ss)}
        ${add4(l, ls, at4(multi))}))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $logDigits (i32.lt_u (local.get $j) (i32.const ${DIGIT_STEPS}))))
    ;; y = x - 1 = 2^65 u; log(1 + y) = y - y^2/2 + y^3/3 (mod 2^256: y^4/4 has 258 factors of 2)
    (local.set ${x[0]} (i64.const 0))
    ${store4(Y, xs)}
    ${storeHalf(T1, x)}
    (call $mul (i32.const ${T2}) (i32.const ${T1}) (i32.const ${Y}))
    (call $mul (i32.const ${T3}) (i32.const ${T2}) (i32.const ${Y}))
    ${load4(s, T3)}
    ;; y^3 = 2 (y^3/2)
    ${store4(
      T3,
      [0, 1, 2, 3].map((i) =>
        i === 0
          ? `(i64.shl ${get(s[0])} (i64.const 1))`
          : `(i64.or (i64.shl ${get(s[i])} (i64.const 1)) (i64.shr_u ${get(s[i - 1])} (i64.const 63)))`,
      ),
    )}
    (call $mul (i32.const ${T3}) (i32.const ${T3}) (i32.const ${INV3}))
    ${sub4(x, xs, mem4(T2))}
    ${add4(x, xs, mem4(T3))}
    ${sub4(x, xs, ls)}
    ${store4(T1, xs)}
    ;; z = e log(b') (mod 2^256), a multiple of 4
    (call $mul (i32.const ${T1}) (i32.const ${EXPONENT}) (i32.const ${T1}))
    ${load4(x, T1)}
    ${set(l[0], '(i64.const 1)')} ${[1, 2, 3].map((i) => set(l[i], '(i64.const 0)')).join(' ')}
    ;; exp, bits 2..4: z -= log(1 + 2^k) clears bit k (it is 2^k times an odd number); r *= (1 + 2^k)
    (local.set $k (i32.const 2))
    (loop $expBits
      (if (i32.wrap_i64 (i64.and (i64.shr_u ${get(x[0])} (i64.extend_i32_u (local.get $k))) (i64.const 1))) (then
        (local.set $sh (i64.extend_i32_u (local.get $k)))
        ${sub4(x, xs, at4(single))}
        ${shifted(l)
          .map((e, i) => set(s[i], e))
          .join('\n        ')}
        ${add4(l, ls, ss)}))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $expBits (i32.le_u (local.get $k) (i32.const ${SINGLE_LAST}))))
    ;; exp, bits 5..64 four at a time: z = 2^k D (mod 2^(k+4)); with d = -D mod 16,
    ;; log(1 - 2^k d) = -2^k d = 2^k D (mod 2^(k+4), as k >= 5), so z -= it clears them; r *= (1 - 2^k d)
    (local.set $j (i32.const 0))
    (loop $expDigits
      ${stepShift}
      (local.set $D ${digit(x)})
      (if (i32.wrap_i64 ${get('$D')}) (then
        (local.set $D (i64.and (i64.sub (i64.const 16) ${get('$D')}) (i64.const 15)))
        ${sub4(x, xs, at4(multi))}
        ${timesDigit(s, l)}
        ${shiftInPlace(s)}
        ${sub4(l, ls, ss)}))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $expDigits (i32.lt_u (local.get $j) (i32.const ${DIGIT_STEPS}))))
    ;; z = 2^65 v now: exp(z) = 1 + z + z^2/2 + z^3/6 (z^4/24 has 257 factors of 2)
    ${store4(Y, xs)}
    ${storeHalf(T1, x)}
    (call $mul (i32.const ${T2}) (i32.const ${T1}) (i32.const ${Y}))
    (call $mul (i32.const ${T3}) (i32.const ${T2}) (i32.const ${Y}))
    (call $mul (i32.const ${T3}) (i32.const ${T3}) (i32.const ${INV3}))
    ${add4(x, xs, ['(i64.const 1)', '(i64.const 0)', '(i64.const 0)', '(i64.const 0)'])}
    ${add4(x, xs, mem4(T2))}
    ${add4(x, xs, mem4(T3))}
    ${store4(T1, xs)}
    ${store4(T2, ls)}
    (call $mul (i32.const ${OUT}) (i32.const ${T2}) (i32.const ${T1}))
    (if (i32.and (local.get $neg) (i32.wrap_i64 (i64.and ${load(EXPONENT, 0)} (i64.const 1)))) (then
      ${load4(x, OUT)}
      ${sub4(x, zero4, xs)}
      ${store4(OUT, xs)})))`;
}

const M256 = (1n << 256n) - 1n;

/** The inverse of an odd x modulo 2^256 (Newton: each step doubles the correct low bits). */
function inverse(x) {
  let inv = 1n;
  for (let j = 0; j < 9; j++) inv = (inv * (2n - x * inv)) & M256;
  return inv;
}

/**
 * log(1 + u) mod 2^256 for u divisible by 2^k (k >= 2): the 2-adic series sum_i (-1)^(i+1) u^i / i. With
 * i = 2^a o (o odd), u^i / 2^a is exact and 1/o is an inverse mod 2^256; the terms vanish mod 2^256 once
 * k i - a >= 256 (and k i - v2(i) only grows with i).
 */
function log1p(u, k) {
  let sum = 0n;
  let power = 1n;
  for (let i = 1; ; i++) {
    power *= u;
    let a = 0;
    let o = i;
    while ((o & 1) === 0) {
      o >>= 1;
      a++;
    }
    if (k * i - a >= 256) break;
    const term = ((power >> BigInt(a)) * inverse(BigInt(o))) & M256;
    sum = i % 2 === 1 ? sum + term : sum - term;
  }
  return sum & M256;
}

/** A WAT data string of a 256-bit number as four little-endian u64 limbs. */
function dataBytes(x) {
  let out = '';
  for (let i = 0; i < 32; i++)
    out +=
      '\\' +
      Number((x >> BigInt(8 * i)) & 0xffn)
        .toString(16)
        .padStart(2, '0');
  return out;
}

/** The constants: 1/3, log(1 + 2^k) for the single-bit steps, log(1 - 2^k d) for the 4-bit steps. */
function constants() {
  let single = '';
  for (let k = 2; k <= SINGLE_LAST; k++) single += dataBytes(log1p(1n << BigInt(k), k));
  let multi = '';
  for (let j = 0; j < DIGIT_STEPS; j++) {
    const k = SINGLE_LAST + 1 + 4 * j;
    for (let d = 0n; d < 16n; d++) multi += dataBytes(log1p(-(d << BigInt(k)), k));
  }
  return `(data (i32.const ${INV3}) "${dataBytes(inverse(3n))}")
  (data (i32.const ${SINGLE}) "${single}")
  (data (i32.const ${MULTI}) "${multi}")`;
}

function buildWat() {
  return `(module
  (memory (export "memory") 1)
  ${constants()}
  ${mulFunc()}
  ${expFunc()})
`;
}

/** Assembles WAT text into module bytes with wabt (a devDependency). */
async function assemble(wat) {
  const { default: wabt } = await import('wabt');
  const w = await wabt();
  const mod = w.parseWat('exp.wat', wat, {});
  mod.validate();
  const { buffer } = mod.toBinary({ log: false, write_debug_names: false });
  mod.destroy();
  return new Uint8Array(buffer);
}

function tsFile(bytes) {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines = b64.match(/.{1,100}/g) ?? [];
  return `/**
 * GENERATED FILE, do not edit: regenerate with \`node scripts/build-exp-wasm.mjs\` (needs the \`wabt\`
 * devDependency; see that script for the module's memory layout and exports).
 *
 * A WebAssembly kernel for EXP of an odd base modulo 2^256, ${bytes.length} bytes, base64.
 */
export const EXP_WASM_BASE64 =
${lines.map((l, i) => `  '${l}'${i === lines.length - 1 ? ';' : ' +'}`).join('\n')}

/** Memory layout (byte offsets) of the module (scripts/build-exp-wasm.mjs). */
export const EXP_WASM_LAYOUT = {
${Object.entries({
  base: BASE,
  exponent: EXPONENT,
  out: OUT,
  inv3: INV3,
  single: SINGLE,
  singleLast: SINGLE_LAST,
  multi: MULTI,
  digitSteps: DIGIT_STEPS,
})
  .map(([k, v]) => `  ${k}: ${v},`)
  .join('\n')}
} as const;
`;
}

async function main() {
  const args = Object.fromEntries(
    process.argv.slice(2).map((x) => {
      const m = /^--([^=]+)(?:=(.*))?$/.exec(x);
      if (!m) throw new Error(`bad argument ${x}`);
      return [m[1], m[2] ?? 'true'];
    }),
  );
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = args.out ?? path.join(root, 'src/primitives/word/exp-wasm.ts');
  const wat = buildWat();
  if (args.wat) writeFileSync(args.wat, wat);
  const bytes = await assemble(wat);
  writeFileSync(out, tsFile(bytes));
  console.log(`wrote ${out}: ${bytes.length} bytes of WebAssembly`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
