/**
 * A tiny assembler for tests and examples: "PUSH1 0x01 PUSH1 0x02 ADD". PUSHn takes one immediate
 * (hex or decimal, left-padded to n bytes); `PUSH <value>` picks the smallest PUSH. Unknown words throw.
 */
import { OPCODES, opcodeByName } from './opcodes.js';
import { bigintToBytes } from '../primitives/hex.js';

/** Other names of some opcodes. */
const ALIASES = new Map<string, number>([
  ['SHA3', 0x20],
  ['PREVRANDAO', 0x44],
]);

export function asm(src: string): Uint8Array {
  const words = src.split(/\s+/).filter((w) => w.length > 0);
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.toUpperCase();
    if (w === 'PUSH') {
      const v = BigInt(words[++i]!);
      let n = 1;
      while (n < 32 && v >= 1n << BigInt(8 * n)) n++;
      out.push(0x5f + n, ...bigintToBytes(v, n));
      continue;
    }
    const op = opcodeByName(w) ?? ALIASES.get(w);
    if (op === undefined) {
      if (/^(0X[0-9A-F]*|[0-9]+)$/.test(w)) throw new Error(`asm: immediate '${words[i]}' without a PUSH`);
      throw new Error(`asm: unknown mnemonic '${words[i]}'`);
    }
    out.push(op);
    const imm = OPCODES[op]!.immediate;
    if (imm > 0) {
      const arg = words[++i];
      if (arg === undefined) throw new Error(`asm: ${w} needs an immediate`);
      out.push(...bigintToBytes(BigInt(arg), imm));
    }
  }
  return Uint8Array.from(out);
}
