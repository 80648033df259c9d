/**
 * The instruction of every opcode (one per opcode: fork differences are read from the Rules inside it),
 * keyed by byte. The opcode table of a fork (./table.ts) joins these with the opcode rows of src/spec
 * whose EIP is in force; a test checks that every row has an instruction here and every instruction a row.
 */
import * as A from './instructions/arithmetic.js';
import * as C from './instructions/comparison.js';
import * as CF from './instructions/control-flow.js';
import * as M from './instructions/memory.js';
import * as E from './instructions/environment.js';
import * as B from './instructions/block.js';
import * as S from './instructions/storage.js';
import * as ST from './instructions/stack.js';
import * as SYS from './instructions/system.js';
import { makeLog } from './instructions/log.js';
import { CallKind } from './message.js';
import type { Instruction } from './instruction.js';

const byOp: (Instruction | undefined)[] = new Array(256).fill(undefined);

function on(op: number, fn: Instruction): void {
  byOp[op] = fn;
}

// 0x00s: stop and arithmetic
on(0x00, CF.opStop);
on(0x01, A.opAdd);
on(0x02, A.opMul);
on(0x03, A.opSub);
on(0x04, A.opDiv);
on(0x05, A.opSdiv);
on(0x06, A.opMod);
on(0x07, A.opSmod);
on(0x08, A.opAddmod);
on(0x09, A.opMulmod);
on(0x0a, A.opExp);
on(0x0b, A.opSignextend);
// 0x10s: comparison and bitwise
on(0x10, C.opLt);
on(0x11, C.opGt);
on(0x12, C.opSlt);
on(0x13, C.opSgt);
on(0x14, C.opEq);
on(0x15, C.opIszero);
on(0x16, C.opAnd);
on(0x17, C.opOr);
on(0x18, C.opXor);
on(0x19, C.opNot);
on(0x1a, C.opByte);
on(0x1b, C.opShl);
on(0x1c, C.opShr);
on(0x1d, C.opSar);
on(0x1e, C.opClz);
on(0x20, M.opKeccak256);
// 0x30s: environment
on(0x30, E.opAddress);
on(0x31, E.opBalance);
on(0x32, E.opOrigin);
on(0x33, E.opCaller);
on(0x34, E.opCallvalue);
on(0x35, E.opCalldataload);
on(0x36, E.opCalldatasize);
on(0x37, E.opCalldatacopy);
on(0x38, E.opCodesize);
on(0x39, E.opCodecopy);
on(0x3a, E.opGasprice);
on(0x3b, E.opExtcodesize);
on(0x3c, E.opExtcodecopy);
on(0x3d, E.opReturndatasize);
on(0x3e, E.opReturndatacopy);
on(0x3f, E.opExtcodehash);
// 0x40s: block
on(0x40, B.opBlockhash);
on(0x41, B.opCoinbase);
on(0x42, B.opTimestamp);
on(0x43, B.opNumber);
on(0x44, B.opDifficulty);
on(0x45, B.opGaslimit);
on(0x46, B.opChainid);
on(0x47, E.opSelfbalance);
on(0x48, B.opBasefee);
on(0x49, B.opBlobhash);
on(0x4a, B.opBlobbasefee);
// 0x50s: stack, memory, storage, flow
on(0x50, ST.opPop);
on(0x51, M.opMload);
on(0x52, M.opMstore);
on(0x53, M.opMstore8);
on(0x54, S.opSload);
on(0x55, S.opSstore);
on(0x56, CF.opJump);
on(0x57, CF.opJumpi);
on(0x58, CF.opPc);
on(0x59, M.opMsize);
on(0x5a, CF.opGas);
on(0x5b, CF.opJumpdest);
on(0x5c, S.opTload);
on(0x5d, S.opTstore);
on(0x5e, M.opMcopy);
on(0x5f, ST.opPush0);
for (let n = 1; n <= 32; n++) on(0x5f + n, ST.makePush(n));
for (let n = 1; n <= 16; n++) on(0x7f + n, ST.makeDup(n));
for (let n = 1; n <= 16; n++) on(0x8f + n, ST.makeSwap(n));
for (let n = 0; n <= 4; n++) on(0xa0 + n, makeLog(n));
// 0xf0s: system
on(0xf0, SYS.makeCreate(CallKind.Create));
on(0xf1, SYS.makeCall(CallKind.Call));
on(0xf2, SYS.makeCall(CallKind.CallCode));
on(0xf3, SYS.opReturn);
on(0xf4, SYS.makeCall(CallKind.DelegateCall));
on(0xf5, SYS.makeCreate(CallKind.Create2));
on(0xfa, SYS.makeCall(CallKind.StaticCall));
on(0xfd, SYS.opRevert);
on(0xfe, CF.opInvalid);
on(0xff, SYS.opSelfdestruct);

/** The instruction of each byte that has one. */
export const INSTRUCTIONS: readonly (Instruction | undefined)[] = byOp;

/**
 * Adds the instruction of an opcode introduced at run time (with `registerOpcode` and `registerEip`,
 * src/spec): a byte that has one already is refused.
 */
export function registerHandler(op: number, fn: Instruction): void {
  if (!Number.isInteger(op) || op < 0 || op > 255) throw new RangeError(`registerHandler: op ${op} is not a byte`);
  if (typeof fn !== 'function') throw new TypeError(`registerHandler: the instruction of 0x${op.toString(16)} must be a function`);
  if (byOp[op] !== undefined) throw new RangeError(`registerHandler: 0x${op.toString(16)} has an instruction already`);
  byOp[op] = fn;
}
