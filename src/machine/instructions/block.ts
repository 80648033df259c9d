/** Block context (execution-specs `block.py`) and the transaction's blob data. */
import { Status } from '../status.js';
import type { Frame } from '../frame.js';

/** BLOCKHASH: the hash of one of the 256 most recent complete blocks, else 0. */
export function opBlockhash(f: Frame): Status {
  const i = f.sp - 1;
  const n = f.stack[i]!;
  const cur = f.host.block.number;
  f.stack[i] = n < cur && n + 256n >= cur ? f.host.blockHash(n) : 0n;
  return Status.Continue;
}

export function opCoinbase(f: Frame): Status {
  f.stack[f.sp++] = f.host.block.coinbase;
  return Status.Continue;
}

export function opTimestamp(f: Frame): Status {
  f.stack[f.sp++] = f.host.block.timestamp;
  return Status.Continue;
}

export function opNumber(f: Frame): Status {
  f.stack[f.sp++] = f.host.block.number;
  return Status.Continue;
}

/** DIFFICULTY; from the Merge PREVRANDAO (EIP-4399 reuses 0x44). */
export function opDifficulty(f: Frame): Status {
  const b = f.host.block;
  f.stack[f.sp++] = f.host.rules.eip4399 ? b.prevRandao : b.difficulty;
  return Status.Continue;
}

export function opGaslimit(f: Frame): Status {
  f.stack[f.sp++] = f.host.block.gasLimit;
  return Status.Continue;
}

/** CHAINID: EIP-1344 (Istanbul). */
export function opChainid(f: Frame): Status {
  f.stack[f.sp++] = f.host.chainId;
  return Status.Continue;
}

/** BASEFEE: EIP-3198 (London). */
export function opBasefee(f: Frame): Status {
  f.stack[f.sp++] = f.host.block.baseFee;
  return Status.Continue;
}

/** BLOBHASH: EIP-4844 (Cancun): the transaction's i-th versioned hash, else 0. */
export function opBlobhash(f: Frame): Status {
  const i = f.sp - 1;
  const idx = f.stack[i]!;
  const hashes = f.host.tx.blobHashes;
  f.stack[i] = idx < BigInt(hashes.length) ? hashes[Number(idx)]! : 0n;
  return Status.Continue;
}

/** BLOBBASEFEE: EIP-7516 (Cancun). */
export function opBlobbasefee(f: Frame): Status {
  f.stack[f.sp++] = f.host.tx.blobBaseFee;
  return Status.Continue;
}
