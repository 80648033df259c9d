#!/usr/bin/env node
/**
 * Generates src/primitives/crypto/keccak-wasm.ts: a WebAssembly Keccak-256 (Keccak-f[1600] with the 25
 * lanes in locals, 24 rounds in a loop over the round constants), small enough (~2 KB) to compile
 * synchronously anywhere. The module text (WAT) is generated here and assembled with the `wabt`
 * devDependency; the bytes go as base64 into a committed TypeScript file (the runtime never needs wabt).
 *
 *   node scripts/build-keccak-wasm.mjs [--wat=/tmp/keccak.wat]
 *
 * Module interface (memory: 1 page, exported "memory"; little-endian, as WebAssembly memory always is):
 *   [0, 192)        the 24 round constants (a data segment)
 *   [256, 456)      the state: 25 lanes (between calls of `absorb`)
 *   [512, 544)      `squeeze` output: the digest bytes (lanes 0..3 as they are)
 *   [544, 576)      `squeeze` output: the digest as a 256-bit big-endian number in four u64 limbs, most
 *                   significant first (limb i = the byte-swapped lane i), for a BigUint64Array view
 *   [1024, 65536)   input blocks: the caller writes the message there, padded (0x01 after it, 0x80 at the
 *                   end of its last 136-byte block), in pieces of at most BUFFER_BLOCKS blocks
 *   reset()         state := 0
 *   absorb(n)       absorbs n blocks from the input area into the state
 *   squeeze()       writes the two outputs above
 *   hash(n)         reset, absorb(n), squeeze: a message whose padded form fits the input area, in one call
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const RC = [
  0x0000000000000001n,
  0x0000000000008082n,
  0x800000000000808an,
  0x8000000080008000n,
  0x000000000000808bn,
  0x0000000080000001n,
  0x8000000080008081n,
  0x8000000000008009n,
  0x000000000000008an,
  0x0000000000000088n,
  0x0000000080008009n,
  0x000000008000000an,
  0x000000008000808bn,
  0x800000000000008bn,
  0x8000000000008089n,
  0x8000000000008003n,
  0x8000000000008002n,
  0x8000000000000080n,
  0x000000000000800an,
  0x800000008000000an,
  0x8000000080008081n,
  0x8000000000008080n,
  0x0000000080000001n,
  0x8000000080008008n,
];
/** Rotation offsets r[x][y] of rho. */
const R = [
  [0, 36, 3, 41, 18],
  [1, 44, 10, 45, 2],
  [62, 6, 43, 15, 61],
  [28, 55, 25, 21, 56],
  [27, 20, 39, 8, 14],
];

export const STATE = 256;
export const OUT_BYTES = 512;
export const OUT_LIMBS = 544;
export const INPUT = 1024;
export const RATE = 136;
export const BUFFER_BLOCKS = Math.floor((65536 - INPUT) / RATE);

const a = (x, y) => `$a${x + 5 * y}`;
const get = (n) => `(local.get ${n})`;
const rotl = (v, r) => (r === 0 ? v : `(i64.rotl ${v} (i64.const ${r}))`);

function round() {
  const out = [];
  // theta
  for (let x = 0; x < 5; x++) {
    out.push(
      `(local.set $c${x} (i64.xor (i64.xor (i64.xor (i64.xor ${get(a(x, 0))} ${get(a(x, 1))}) ${get(a(x, 2))}) ${get(a(x, 3))}) ${get(a(x, 4))}))`,
    );
  }
  for (let x = 0; x < 5; x++) {
    out.push(`(local.set $d${x} (i64.xor ${get(`$c${(x + 4) % 5}`)} ${rotl(get(`$c${(x + 1) % 5}`), 1)}))`);
  }
  // theta applied, rho and pi into b: B[y, 2x+3y] = rotl(A[x,y] ^ D[x], r[x][y])
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      const bx = y;
      const by = (2 * x + 3 * y) % 5;
      out.push(`(local.set $b${bx + 5 * by} ${rotl(`(i64.xor ${get(a(x, y))} ${get(`$d${x}`)})`, R[x][y])})`);
    }
  }
  // chi: A[x,y] = B[x,y] ^ (~B[x+1,y] & B[x+2,y])
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      const b1 = `$b${((x + 1) % 5) + 5 * y}`;
      const b2 = `$b${((x + 2) % 5) + 5 * y}`;
      out.push(`(local.set ${a(x, y)} (i64.xor ${get(`$b${x + 5 * y}`)} (i64.and (i64.xor ${get(b1)} (i64.const -1)) ${get(b2)})))`);
    }
  }
  // iota
  out.push(`(local.set $a0 (i64.xor ${get('$a0')} (i64.load (local.get $r))))`);
  return out.join('\n        ');
}

function buildWat() {
  const lanes = Array.from({ length: 25 }, (_, i) => `$a${i}`);
  const locals = [
    ...lanes.map((l) => `(local ${l} i64)`),
    ...Array.from({ length: 25 }, (_, i) => `(local $b${i} i64)`),
    ...Array.from({ length: 5 }, (_, i) => `(local $c${i} i64) (local $d${i} i64)`),
    '(local $r i32) (local $p i32)',
  ].join(' ');
  const loadState = lanes.map((l, i) => `(local.set ${l} (i64.load offset=${STATE + 8 * i} (i32.const 0)))`).join('\n    ');
  const storeState = lanes.map((l, i) => `(i64.store offset=${STATE + 8 * i} (i32.const 0) ${get(l)})`).join('\n    ');
  const absorbBlock = Array.from(
    { length: RATE / 8 },
    (_, i) => `(local.set $a${i} (i64.xor ${get(`$a${i}`)} (i64.load offset=${8 * i} (local.get $p))))`,
  ).join('\n      ');
  // byte swap of an i64: swap the bytes of each 16-bit unit, then reverse the four 16-bit units
  // (rotating by 16 and by 48 brings each unit to its mirror position; the masks pick them)
  const bswap = (v) => {
    const t = `(i64.or (i64.and (i64.shr_u ${v} (i64.const 8)) (i64.const 0x00ff00ff00ff00ff)) (i64.shl (i64.and ${v} (i64.const 0x00ff00ff00ff00ff)) (i64.const 8)))`;
    return `(i64.or (i64.and (i64.rotl ${t} (i64.const 16)) (i64.const 0x0000ffff0000ffff)) (i64.and (i64.rotl ${t} (i64.const 48)) (i64.const 0xffff0000ffff0000)))`;
  };
  const rcData = RC.map((c) => {
    let s = '';
    for (let i = 0; i < 8; i++)
      s +=
        '\\' +
        Number((c >> BigInt(8 * i)) & 0xffn)
          .toString(16)
          .padStart(2, '0');
    return s;
  }).join('');
  return `(module
  (memory (export "memory") 1)
  (data (i32.const 0) "${rcData}")
  (func $reset (export "reset")
    (memory.fill (i32.const ${STATE}) (i32.const 0) (i32.const 200)))
  (func $absorb (export "absorb") (param $n i32)
    ${locals}
    ${loadState}
    (local.set $p (i32.const ${INPUT}))
    (block $done
      (loop $blocks
        (br_if $done (i32.eqz (local.get $n)))
      ${absorbBlock}
        (local.set $r (i32.const 0))
        (loop $rounds
        ${round()}
          (local.set $r (i32.add (local.get $r) (i32.const 8)))
          (br_if $rounds (i32.lt_u (local.get $r) (i32.const 192))))
        (local.set $p (i32.add (local.get $p) (i32.const ${RATE})))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $blocks)))
    ${storeState})
  (func $squeeze (export "squeeze")
    (local $v i64)
    ${[0, 1, 2, 3]
      .map(
        (i) => `(local.set $v (i64.load offset=${STATE + 8 * i} (i32.const 0)))
    (i64.store offset=${OUT_BYTES + 8 * i} (i32.const 0) (local.get $v))
    (i64.store offset=${OUT_LIMBS + 8 * i} (i32.const 0) ${bswap('(local.get $v)')})`,
      )
      .join('\n    ')})
  (func (export "hash") (param $n i32)
    (call $reset)
    (call $absorb (local.get $n))
    (call $squeeze)))
`;
}

/** Assembles WAT text into module bytes with wabt (a devDependency). */
async function assemble(wat) {
  const { default: wabt } = await import('wabt');
  const w = await wabt();
  const mod = w.parseWat('keccak.wat', wat, { bulk_memory: true });
  mod.validate();
  const { buffer } = mod.toBinary({ log: false, write_debug_names: false });
  mod.destroy();
  return new Uint8Array(buffer);
}

function tsFile(bytes) {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines = b64.match(/.{1,100}/g) ?? [];
  return `/**
 * GENERATED FILE, do not edit: regenerate with \`node scripts/build-keccak-wasm.mjs\` (needs the \`wabt\`
 * devDependency; see that script for the module's memory layout and exports).
 *
 * A WebAssembly Keccak-256, ${bytes.length} bytes, base64.
 */
export const KECCAK_WASM_BASE64 =
${lines.map((l, i) => `  '${l}'${i === lines.length - 1 ? ';' : ' +'}`).join('\n')}

/** Memory layout (byte offsets) and sizes of the module (scripts/build-keccak-wasm.mjs). */
export const KECCAK_WASM_LAYOUT = { outBytes: ${OUT_BYTES}, outLimbs: ${OUT_LIMBS}, input: ${INPUT}, rate: ${RATE}, bufferBlocks: ${BUFFER_BLOCKS} } as const;
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
  const out = args.out ?? path.join(root, 'src/primitives/crypto/keccak-wasm.ts');
  const wat = buildWat();
  if (args.wat) writeFileSync(args.wat, wat);
  const bytes = await assemble(wat);
  writeFileSync(out, tsFile(bytes));
  console.log(`wrote ${out}: ${bytes.length} bytes of WebAssembly`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
