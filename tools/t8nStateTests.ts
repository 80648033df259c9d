/**
 * State-test vectors as t8n inputs: `pre` -> alloc, `env` -> env (plus what a block of the fork needs:
 * no difficulty after the Merge, empty withdrawals from Shanghai, a parent beacon block root from Cancun,
 * and the BLOCKHASH window as `blockHashes`, keccak256 of the decimal block number as state tests define
 * it), the vector's transaction -> one JSON transaction signed by the tool from `secretKey`.
 * Pure (no Node APIs).
 */
import { keccak256 } from '../src/primitives/crypto/keccak.js';
import { Fork } from '../src/spec/fork.js';
import { addressToHex } from '../src/primitives/address.js';
import { bigintToBytes, bytesToHex, toQuantity } from '../src/primitives/hex.js';
import { TxType, type Transaction } from '../src/tx/types.js';
import type { LoadedVector } from '../src/statetest/types.js';
import type { T8nInput } from '../src/cli/t8nRun.js';

const utf8 = new TextEncoder();
const HASH_WINDOWS = new Map<bigint, Record<string, string>>();

/** `blockHashes` for the 256 blocks before `number` (cached per number: most tests share one). */
function blockHashWindow(number: bigint): Record<string, string> {
  let w = HASH_WINDOWS.get(number);
  if (w === undefined) {
    w = {};
    for (let n = number > 256n ? number - 256n : 0n; n < number; n++)
      w[n.toString(10)] = bytesToHex(keccak256(utf8.encode(n.toString(10))));
    HASH_WINDOWS.set(number, w);
  }
  return w;
}

/** The env of a state test as a t8n env for `fork`. */
export function t8nEnvOf(rawEnv: Record<string, unknown>, fork: Fork, number: bigint): Record<string, unknown> {
  const env: Record<string, unknown> = {};
  for (const k of ['currentCoinbase', 'currentGasLimit', 'currentNumber', 'currentTimestamp', 'currentBaseFee', 'currentExcessBlobGas']) {
    if (rawEnv[k] !== undefined) env[k] = rawEnv[k];
  }
  if (fork >= Fork.Paris) env.currentRandom = rawEnv.currentRandom ?? rawEnv.currentDifficulty;
  else env.currentDifficulty = rawEnv.currentDifficulty;
  if (fork >= Fork.Shanghai) env.withdrawals = [];
  if (fork >= Fork.Cancun) env.parentBeaconBlockRoot = '0x' + '00'.repeat(32);
  env.blockHashes = blockHashWindow(number);
  return env;
}

const q = (v: bigint | number): string => toQuantity(v);

/** A Transaction as go-ethereum transaction JSON (unsigned), with `secretKey` for the tool to sign. */
export function txJson(tx: Transaction, secretKey: string): Record<string, unknown> {
  return {
    type: q(tx.type),
    ...(tx.type === TxType.Legacy ? {} : { chainId: q(tx.chainId ?? 1n) }),
    nonce: q(tx.nonce),
    ...(tx.gasPrice === undefined ? {} : { gasPrice: q(tx.gasPrice) }),
    ...(tx.maxPriorityFeePerGas === undefined ? {} : { maxPriorityFeePerGas: q(tx.maxPriorityFeePerGas) }),
    ...(tx.maxFeePerGas === undefined ? {} : { maxFeePerGas: q(tx.maxFeePerGas) }),
    gas: q(tx.gasLimit),
    to: tx.to === null ? null : addressToHex(tx.to),
    value: q(tx.value),
    input: bytesToHex(tx.data),
    ...(tx.type === TxType.Legacy
      ? {}
      : {
          accessList: tx.accessList.map((a) => ({
            address: addressToHex(a.address),
            storageKeys: a.storageKeys.map((k) => bytesToHex(bigintToBytes(k, 32))),
          })),
        }),
    ...(tx.maxFeePerBlobGas === undefined ? {} : { maxFeePerBlobGas: q(tx.maxFeePerBlobGas) }),
    ...(tx.blobVersionedHashes === undefined ? {} : { blobVersionedHashes: tx.blobVersionedHashes.map(bytesToHex) }),
    ...(tx.authorizationList === undefined
      ? {}
      : {
          authorizationList: tx.authorizationList.map((a) => ({
            chainId: q(a.chainId),
            address: addressToHex(a.address),
            nonce: q(a.nonce),
            yParity: q(a.yParity),
            r: q(a.r),
            s: q(a.s),
          })),
        }),
    v: '0x0',
    r: '0x0',
    s: '0x0',
    secretKey,
    protected: true,
  };
}

/** One loaded state-test vector + the raw test it came from -> t8n stdin input. */
export function t8nInputOf(v: LoadedVector, rawTest: Record<string, unknown>): T8nInput {
  const rawEnv = rawTest.env as Record<string, unknown>;
  const tx = rawTest.transaction as Record<string, unknown>;
  return {
    alloc: rawTest.pre,
    env: t8nEnvOf(rawEnv, v.vector.fork, v.vector.env.number),
    txs: [txJson(v.vector.tx, String(tx.secretKey))],
  };
}
