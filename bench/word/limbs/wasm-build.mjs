// Assembles u256.wat into wasm.ts (the bytes embedded as base64, so running the benchmark needs no
// tool). Needs the `wabt` npm package (not a dependency of evmkit): `npm install --no-save wabt`.
//   node bench/word/limbs/wasm-build.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const here = new URL('.', import.meta.url).pathname;

// Node 20's wasm compiler does not inline wasm calls (without --experimental-wasm-inlining), and the
// digit accessors are called in every inner loop, so they are expanded here as macros.
const MACROS = {
  $u: ([i]) => ['i64.load32_u', ['i32.shl', i, ['i32.const', '2']]],
  $setu: ([i, x]) => ['i64.store32', ['i32.shl', i, ['i32.const', '2']], x],
  $v: ([i]) => ['i64.load32_u', 'offset=128', ['i32.shl', i, ['i32.const', '2']]],
  $setv: ([i, x]) => ['i64.store32', 'offset=128', ['i32.shl', i, ['i32.const', '2']], x],
  $limb: ([p, i]) => ['i64.load32_u', ['i32.add', p, ['i32.shl', i, ['i32.const', '2']]]],
};

/** Parses WAT (s-expressions with ;; comments, no strings) into nested arrays of atoms. */
function parse(text) {
  const tokens = text.replace(/;;[^\n]*/g, '').match(/[()]|[^\s()]+/g);
  let k = 0;
  const node = () => {
    if (tokens[k] !== '(') return tokens[k++];
    k++;
    const list = [];
    while (tokens[k] !== ')') list.push(node());
    k++;
    return list;
  };
  return node();
}

function expand(n) {
  if (!Array.isArray(n)) return n;
  const m = n.map(expand);
  return m[0] === 'call' && MACROS[m[1]] ? MACROS[m[1]](m.slice(2)) : m;
}

const print = (n) => (Array.isArray(n) ? `(${n.map(print).join(' ')})` : n);

const wat = print(expand(parse(readFileSync(here + 'u256.wat', 'utf8'))));
const wabt = await wabtInit();
const mod = wabt.parseWat('u256.wat', wat);
mod.validate();
const { buffer } = mod.toBinary({});
const b64 = Buffer.from(buffer).toString('base64');
const lines = b64.match(/.{1,100}/g).map((l) => `  '${l}' +`).join('\n');
writeFileSync(
  here + 'wasm.ts',
  `/**
 * MULMOD/ADDMOD kernels for prototype A in WebAssembly (i64 arithmetic), assembled from u256.wat by
 * wasm-build.mjs: do not edit by hand. The limb stack of the wasm variant lives in this memory, from
 * STACK_BYTE_OFFSET on, so a kernel reads its operands in place (no conversion).
 */
const BYTES_BASE64 =
${lines}
  '';

/**
 * The few WebAssembly members used here (tsconfig's lib is es2022 and @types/node does not declare
 * the global), declared for this module only.
 */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: object };
};

export interface U256Kernels {
  readonly memory: { readonly buffer: ArrayBuffer };
  /** Byte offsets of 8-limb words in memory; the result may alias an operand. */
  readonly mulmod: (a: number, b: number, n: number, r: number) => void;
  readonly addmod: (a: number, b: number, n: number, r: number) => void;
}

/** Where the stack starts in the kernels' memory (below it: their scratch digits). */
export const STACK_BYTE_OFFSET = 1024;

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Instantiated synchronously (the module is ${buffer.length} bytes). */
export function instantiateKernels(): U256Kernels {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(BYTES_BASE64)));
  return instance.exports as unknown as U256Kernels;
}
`,
);
console.log(`wasm.ts: ${buffer.length} bytes of wasm`);
