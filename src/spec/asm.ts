/**
 * A tiny assembler for tests and examples: "PUSH1 0x01 PUSH1 0x02 ADD". PUSHn takes one immediate
 * (hex or decimal, left-padded to n bytes); `PUSH <value>` picks the smallest PUSH. Unknown words throw;
 * an immediate that is not a non-negative integer, or does not fit its n bytes, throws a RangeError
 * naming the instruction and the value (PUSH1 300 is never silently 0x2c).
 */
import { OPCODES, opcodeByName } from './opcodes.js';
import { bigintToBytes } from '../primitives/hex.js';

/** Other names of some opcodes. */
const ALIASES = new Map<string, number>([
  ['SHA3', 0x20],
  ['PREVRANDAO', 0x44],
]);

/** A PUSH immediate as a bigint: decimal or 0x-hex, non-negative, at most `bytes` bytes. */
function immediate(word: string | undefined, op: string, bytes: number): bigint {
  if (word === undefined) throw new RangeError(`asm: ${op} needs an immediate`);
  if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(word)) {
    throw new RangeError(`asm: ${op} immediate ${JSON.stringify(word)} is not a non-negative decimal or 0x-hex integer`);
  }
  const v = BigInt(word);
  if (v >= 1n << BigInt(8 * bytes)) {
    throw new RangeError(
      `asm: ${op} immediate ${word} does not fit in ${bytes} byte${bytes === 1 ? '' : 's'} (max ${(1n << BigInt(8 * bytes)) - 1n})`,
    );
  }
  return v;
}

export function asm(src: string): Uint8Array {
  if (typeof src !== 'string') throw new TypeError(`asm: expected the source as a string, got ${typeof src}`);
  const words = src.split(/\s+/).filter((w) => w.length > 0);
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.toUpperCase();
    if (w === 'PUSH') {
      const v = immediate(words[++i], 'PUSH', 32);
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
      out.push(...bigintToBytes(immediate(words[++i], w, imm), imm));
    }
  }
  return Uint8Array.from(out);
}
