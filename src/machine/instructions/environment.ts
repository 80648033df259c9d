/** Environment (execution-specs `environment.py`): the message, the code, other accounts, return data. */
import { Status } from '../status.js';
import { useGas, type Frame } from '../frame.js';
import { copyGas, copyToMemory, expandMemory } from '../memory.js';
import { forgetWords } from '../wordCache.js';
import { chargeColdAccount } from './access.js';
import { ADDRESS_MASK } from '../../primitives/address.js';
import { SMALL, wordFromBytes, type Word } from '../../primitives/word/index.js';

function small(n: number): Word {
  return n < 257 ? SMALL[n]! : BigInt(n);
}

export function opAddress(f: Frame): Status {
  f.stack[f.sp++] = f.address;
  return Status.Continue;
}

/** BALANCE: the static price is 20, 400 (EIP-150), 700 (EIP-1884); EIP-2929 prices it cold or warm. */
export function opBalance(f: Frame): Status {
  const i = f.sp - 1;
  const addr = f.stack[i]! & ADDRESS_MASK;
  if (!chargeColdAccount(f, addr)) return Status.OutOfGas;
  f.stack[i] = f.host.balance(addr);
  return Status.Continue;
}

export function opOrigin(f: Frame): Status {
  f.stack[f.sp++] = f.host.tx.origin;
  return Status.Continue;
}

export function opCaller(f: Frame): Status {
  f.stack[f.sp++] = f.caller;
  return Status.Continue;
}

export function opCallvalue(f: Frame): Status {
  f.stack[f.sp++] = f.value;
  return Status.Continue;
}

export function opCalldataload(f: Frame): Status {
  const s = f.stack;
  const i = f.sp - 1;
  const off = s[i]!;
  const input = f.input;
  if (off >= BigInt(input.length)) {
    s[i] = 0n;
    return Status.Continue;
  }
  const o = Number(off);
  if (o + 32 <= input.length) {
    s[i] = wordFromBytes(input, o, 32);
  } else {
    const buf = new Uint8Array(32);
    buf.set(input.subarray(o));
    s[i] = wordFromBytes(buf, 0, 32);
  }
  return Status.Continue;
}

export function opCalldatasize(f: Frame): Status {
  f.stack[f.sp++] = small(f.input.length);
  return Status.Continue;
}

/** The shared body of CALLDATACOPY, CODECOPY: dst, src offset, size; 3 gas per word + expansion. */
function copyOp(f: Frame, data: Uint8Array): Status {
  const s = f.stack;
  const sp = (f.sp -= 3);
  const dst = s[sp + 2]!;
  const src = s[sp + 1]!;
  const size = s[sp]!;
  if (size === 0n) return Status.Continue;
  if (!expandMemory(f, dst, size) || !useGas(f, copyGas(size))) return Status.OutOfGas;
  copyToMemory(f, Number(dst), data, src, Number(size));
  return Status.Continue;
}

export function opCalldatacopy(f: Frame): Status {
  return copyOp(f, f.input);
}

export function opCodesize(f: Frame): Status {
  f.stack[f.sp++] = small(f.codeLength);
  return Status.Continue;
}

export function opCodecopy(f: Frame): Status {
  return copyOp(f, f.code.subarray(0, f.codeLength));
}

export function opGasprice(f: Frame): Status {
  f.stack[f.sp++] = f.host.tx.gasPrice;
  return Status.Continue;
}

/** EXTCODESIZE: priced like BALANCE (EIP-150, EIP-2929). */
export function opExtcodesize(f: Frame): Status {
  const i = f.sp - 1;
  const addr = f.stack[i]! & ADDRESS_MASK;
  if (!chargeColdAccount(f, addr)) return Status.OutOfGas;
  f.stack[i] = small(f.host.code(addr).length);
  return Status.Continue;
}

/** EXTCODECOPY: base price like EXTCODESIZE, 3 per word copied, memory expansion. */
export function opExtcodecopy(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 4);
  const addr = s[sp + 3]! & ADDRESS_MASK;
  const dst = s[sp + 2]!;
  const src = s[sp + 1]!;
  const size = s[sp]!;
  if (!chargeColdAccount(f, addr)) return Status.OutOfGas;
  if (size === 0n) return Status.Continue;
  if (!expandMemory(f, dst, size) || !useGas(f, copyGas(size))) return Status.OutOfGas;
  copyToMemory(f, Number(dst), f.host.code(addr), src, Number(size));
  return Status.Continue;
}

/** RETURNDATASIZE: EIP-211 (Byzantium). */
export function opReturndatasize(f: Frame): Status {
  f.stack[f.sp++] = small(f.returnData.length);
  return Status.Continue;
}

/** RETURNDATACOPY: EIP-211. Reading past the buffer is an exceptional halt. */
export function opReturndatacopy(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 3);
  const dst = s[sp + 2]!;
  const src = s[sp + 1]!;
  const size = s[sp]!;
  if (!expandMemory(f, dst, size) || !useGas(f, size === 0n ? 0 : copyGas(size))) return Status.OutOfGas;
  if (src + size > BigInt(f.returnData.length)) return Status.ReturnDataOutOfBounds;
  if (size === 0n) return Status.Continue;
  const o = Number(src);
  f.mem.set(f.returnData.subarray(o, o + Number(size)), Number(dst));
  forgetWords(f, Number(dst), Number(size));
  return Status.Continue;
}

/** EXTCODEHASH: EIP-1052 (Constantinople); 0 for an empty or absent account; EIP-2929 pricing. */
export function opExtcodehash(f: Frame): Status {
  const i = f.sp - 1;
  const addr = f.stack[i]! & ADDRESS_MASK;
  if (!chargeColdAccount(f, addr)) return Status.OutOfGas;
  f.stack[i] = f.host.codeHash(addr);
  return Status.Continue;
}

/** SELFBALANCE: EIP-1884 (Istanbul). */
export function opSelfbalance(f: Frame): Status {
  f.stack[f.sp++] = f.host.balance(f.address);
  return Status.Continue;
}
