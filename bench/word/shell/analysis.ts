/**
 * Representation-independent code analysis (as src/bytecode/analysis.ts): the code padded with 33 STOPs
 * so the loop needs no bounds check, and the JUMPDEST bitmap. Each prototype pre-decodes PUSH immediates
 * in its own word format (see its `prepare`), walking `pushSites`.
 */
export interface CodeShape {
  readonly padded: Uint8Array;
  readonly length: number;
  readonly jumpdests: Uint8Array;
  /** The pc of every PUSH1..PUSH32 that is an instruction (not PUSH data). */
  readonly pushSites: Int32Array;
}

export function analyzeShape(code: Uint8Array): CodeShape {
  const n = code.length;
  const padded = new Uint8Array(n + 33);
  padded.set(code);
  const jumpdests = new Uint8Array(n);
  const sites: number[] = [];
  for (let pc = 0; pc < n; pc++) {
    const op = code[pc]!;
    if (op === 0x5b) jumpdests[pc] = 1;
    else if (op >= 0x60 && op <= 0x7f) {
      sites.push(pc);
      pc += op - 0x5f;
    }
  }
  return { padded, length: n, jumpdests, pushSites: Int32Array.from(sites) };
}
