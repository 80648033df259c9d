/**
 * Code analysis, done once per code and cached (evmone `baseline_analysis.cpp`): the code padded with
 * STOPs so the loop needs no bounds check (a PUSH at the end reads zeros, running off the end stops),
 * the JUMPDEST bitmap (a 0x5b inside PUSH data is not a destination), and the PUSH immediates
 * pre-decoded into words so PUSH never converts bytes at run time.
 */
import { wordFromBytes, type Word } from '../primitives/word/index.js';

export interface CodeAnalysis {
  /** The code followed by 33 zero bytes (STOP). */
  readonly padded: Uint8Array;
  /** Length of the real code. */
  readonly length: number;
  /** 1 where a JUMPDEST instruction starts. */
  readonly jumpdests: Uint8Array;
  /** PUSH1..PUSH32 immediates by the pc of the PUSH (holes elsewhere). */
  readonly pushValues: Word[];
}

const cache = new WeakMap<Uint8Array, CodeAnalysis>();

export function analyze(code: Uint8Array): CodeAnalysis {
  let a = cache.get(code);
  if (a === undefined) {
    a = analyzeUncached(code);
    cache.set(code, a);
  }
  return a;
}

function analyzeUncached(code: Uint8Array): CodeAnalysis {
  const n = code.length;
  const padded = new Uint8Array(n + 33);
  padded.set(code);
  const jumpdests = new Uint8Array(n);
  const pushValues: Word[] = new Array(n);
  for (let pc = 0; pc < n; pc++) {
    const op = code[pc]!;
    if (op === 0x5b) {
      jumpdests[pc] = 1;
    } else if (op >= 0x60 && op <= 0x7f) {
      const len = op - 0x5f;
      pushValues[pc] = wordFromBytes(padded, pc + 1, len);
      pc += len;
    }
  }
  return { padded, length: n, jumpdests, pushValues };
}
