/** LOG0..LOG4 (execution-specs `log.py`): 375 + 375 per topic (static), 8 per data byte + expansion. */
import { Status } from '../status.js';
import { useGas, type Frame } from '../frame.js';
import { expandMemory } from '../memory.js';
import type { Instruction } from '../instruction.js';

export function makeLog(topics: number): Instruction {
  return (f: Frame): Status => {
    if (f.isStatic) return Status.WriteProtection;
    const s = f.stack;
    let sp = f.sp;
    const off = s[--sp]!;
    const size = s[--sp]!;
    const t: bigint[] = new Array(topics);
    for (let i = 0; i < topics; i++) t[i] = s[--sp]!;
    f.sp = sp;
    if (!expandMemory(f, off, size)) return Status.OutOfGas;
    if (!useGas(f, 8 * Number(size))) return Status.OutOfGas;
    const o = size === 0n ? 0 : Number(off);
    f.host.log(f.address, t, f.mem.slice(o, o + Number(size)));
    return Status.Continue;
  };
}
