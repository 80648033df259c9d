/** Block context (execution-specs `block.py`) and the transaction's blob data. */
import { Status } from '../status.js';
import type { Frame } from '../frame.js';

/** BLOCKHASH: the hash of one of the 256 most recent complete blocks, else 0. */
export function opBlockhash(f: Frame): Status {
  const i = f.sp - 1;
  const n = f.stack[i]!;
  const env = f.evm.env;
  const cur = env.number;
  f.stack[i] = n < cur && n + 256n >= cur ? env.getBlockHash(n) : 0n;
  return Status.Continue;
}

export function opCoinbase(f: Frame): Status {
  f.stack[f.sp++] = f.evm.env.coinbase;
  return Status.Continue;
}

export function opTimestamp(f: Frame): Status {
  f.stack[f.sp++] = f.evm.env.timestamp;
  return Status.Continue;
}

export function opNumber(f: Frame): Status {
  f.stack[f.sp++] = f.evm.env.number;
  return Status.Continue;
}

/** DIFFICULTY before the Merge. */
export function opDifficulty(f: Frame): Status {
  f.stack[f.sp++] = f.evm.env.difficulty;
  return Status.Continue;
}

/** PREVRANDAO: EIP-4399 (Paris) reuses 0x44. */
export function opPrevrandao(f: Frame): Status {
  f.stack[f.sp++] = f.evm.env.prevRandao;
  return Status.Continue;
}

export function opGaslimit(f: Frame): Status {
  f.stack[f.sp++] = f.evm.env.gasLimit;
  return Status.Continue;
}

/** CHAINID: EIP-1344 (Istanbul). */
export function opChainid(f: Frame): Status {
  f.stack[f.sp++] = f.evm.chainId;
  return Status.Continue;
}

/** BASEFEE: EIP-3198 (London). */
export function opBasefee(f: Frame): Status {
  f.stack[f.sp++] = f.evm.env.baseFee;
  return Status.Continue;
}

/** BLOBHASH: EIP-4844 (Cancun): the transaction's i-th versioned hash, else 0. */
export function opBlobhash(f: Frame): Status {
  const i = f.sp - 1;
  const idx = f.stack[i]!;
  const hashes = f.evm.tx.blobHashes;
  f.stack[i] = idx < BigInt(hashes.length) ? hashes[Number(idx)]! : 0n;
  return Status.Continue;
}

/** BLOBBASEFEE: EIP-7516 (Cancun). */
export function opBlobbasefee(f: Frame): Status {
  f.stack[f.sp++] = f.evm.tx.blobBaseFee;
  return Status.Continue;
}
