/**
 * The block a t8n run builds (go-ethereum cmd/evm/internal/t8ntool `stEnv`), and the header fields
 * derived from the parent when the caller leaves them out: the EIP-1559 base fee, the EIP-4844 excess
 * blob gas (with EIP-7918's reserve price from Osaka) and the ethash difficulty before the Merge.
 */
import type { Rules } from '../spec/rules.js';
import { DifficultyRule } from '../spec/rules.js';
import type { Address } from '../primitives/address.js';
import { blobBaseFee } from './blobs.js';

/** EIP-4895 withdrawal; `amount` in Gwei. */
export interface Withdrawal {
  readonly index: bigint;
  readonly validatorIndex: bigint;
  readonly address: Address;
  readonly amount: bigint;
}

/** An ommer (uncle) of the block: its address and the distance to this block. */
export interface Ommer {
  readonly delta: bigint;
  readonly address: Address;
}

/** Everything the caller says about the block; optional fields may be derived from the parent. */
export interface BlockInput {
  readonly coinbase: Address;
  readonly gasLimit: bigint;
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly difficulty?: bigint;
  readonly random?: bigint;
  readonly parentDifficulty?: bigint;
  readonly parentTimestamp?: bigint;
  /** Parent's ommers hash; absent or zero means "no ommers" (go-ethereum treats zero as the empty hash). */
  readonly parentUncleHash?: Uint8Array;
  readonly baseFee?: bigint;
  readonly parentBaseFee?: bigint;
  readonly parentGasUsed?: bigint;
  readonly parentGasLimit?: bigint;
  readonly excessBlobGas?: bigint;
  readonly parentExcessBlobGas?: bigint;
  readonly parentBlobGasUsed?: bigint;
  readonly parentBeaconBlockRoot?: Uint8Array;
  /** BLOCKHASH sources and the EIP-2935 parent hash: block number -> 32-byte hash. */
  readonly blockHashes?: ReadonlyMap<bigint, Uint8Array>;
  readonly ommers: readonly Ommer[];
  readonly withdrawals?: readonly Withdrawal[];
}

/** A block that cannot be built from the input under the fork (go-ethereum exit code 3, ErrorConfig). */
export class BlockConfigError extends Error {
  override name = 'BlockConfigError';
}

const ELASTICITY_MULTIPLIER = 2n;
const BASE_FEE_CHANGE_DENOMINATOR = 8n;

/** EIP-1559: the base fee of a block from its parent's base fee, gas used and gas limit. */
export function calcBaseFee(parentBaseFee: bigint, parentGasUsed: bigint, parentGasLimit: bigint): bigint {
  const target = parentGasLimit / ELASTICITY_MULTIPLIER;
  if (target === 0n || parentGasUsed === target) return parentBaseFee;
  if (parentGasUsed > target) {
    const delta = (parentBaseFee * (parentGasUsed - target)) / target / BASE_FEE_CHANGE_DENOMINATOR;
    return parentBaseFee + (delta > 1n ? delta : 1n);
  }
  const delta = (parentBaseFee * (target - parentGasUsed)) / target / BASE_FEE_CHANGE_DENOMINATOR;
  return parentBaseFee > delta ? parentBaseFee - delta : 0n;
}

/**
 * EIP-4844 `calc_excess_blob_gas` with the fork's blob schedule (EIP-7691); from Osaka EIP-7918: when the
 * execution base fee prices blobs above the blob market, excess grows by the used share only. All blob
 * parameters are the block's own, the parent's blob price included (across a blob-parameter-only fork,
 * EIP-7892, the new update fraction prices the parent's excess: the execution-spec-tests BPO transition
 * fixtures say so).
 */
export function calcExcessBlobGas(parentExcess: bigint, parentUsed: bigint, parentBaseFee: bigint, rules: Rules): bigint {
  const target = BigInt(rules.targetBlobGasPerBlock);
  const max = BigInt(rules.maxBlobGasPerBlock);
  if (parentExcess + parentUsed < target) return 0n;
  if (rules.eip7918) {
    const reserve = rules.blobBaseCost * parentBaseFee;
    if (reserve > BigInt(rules.blobGasPerBlob) * blobBaseFee(parentExcess, rules)) {
      return parentExcess + (parentUsed * (max - target)) / max;
    }
  }
  return parentExcess + parentUsed - target;
}

const MIN_DIFFICULTY = 131072n;
const EMPTY_UNCLE_HASH = '1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';

function hasOmmers(parentUncleHash: Uint8Array | undefined): boolean {
  if (parentUncleHash === undefined || parentUncleHash.every((b) => b === 0)) return false;
  return hex(parentUncleHash) !== EMPTY_UNCLE_HASH;
}

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/**
 * ethash `CalcDifficulty` (go-ethereum consensus/ethash/consensus.go): the parent's difficulty adjusted
 * by the block time (the Rules' difficulty rule: Frontier, EIP-2, EIP-100), plus the exponential "bomb"
 * (delayed by the Rules' bomb delay from Byzantium on: EIP-649, 1234, 2384, 3554, 4345, 5133).
 */
export function calcDifficulty(
  rules: Rules,
  number: bigint,
  timestamp: bigint,
  parentTimestamp: bigint,
  parentDifficulty: bigint,
  parentUncleHash?: Uint8Array,
): bigint {
  const rule = rules.difficultyRule;
  const bombDelay = rules.difficultyBombDelay;
  const step = parentDifficulty / 2048n;
  const dt = timestamp - parentTimestamp;
  let diff: bigint;
  if (rule === DifficultyRule.Frontier) {
    diff = dt < 13n ? parentDifficulty + step : parentDifficulty - step;
  } else {
    let x = rule === DifficultyRule.Homestead ? 1n - dt / 10n : (hasOmmers(parentUncleHash) ? 2n : 1n) - dt / 9n;
    if (x < -99n) x = -99n;
    diff = parentDifficulty + step * x;
  }
  if (diff < MIN_DIFFICULTY) diff = MIN_DIFFICULTY;
  // The bomb: 2^(period - 2), period = (fake) block number / 100000.
  let fakeNumber = number;
  if (rule === DifficultyRule.Byzantium) {
    const parentNumber = number - 1n;
    const fromParent = bombDelay - 1n;
    fakeNumber = parentNumber >= fromParent ? parentNumber - fromParent : 0n;
  }
  const period = fakeNumber / 100000n;
  if (period > 1n) diff += 1n << (period - 2n);
  return diff;
}

/** The header fields a block needs, after derivation. */
export interface ResolvedBlock {
  readonly baseFee?: bigint;
  /** Pre-Merge difficulty; undefined after the Merge. */
  readonly difficulty?: bigint;
  /** Cancun+: the excess blob gas, when given or derivable (else blob transactions are rejected). */
  readonly excessBlobGas?: bigint;
}

/**
 * go-ethereum's applyLondonChecks, applyShanghaiChecks, applyMergeChecks and applyCancunChecks: the
 * fields a fork needs, derived from the parent where allowed; throws BlockConfigError otherwise.
 */
export function resolveBlock(b: BlockInput, rules: Rules): ResolvedBlock {
  let baseFee = b.baseFee;
  if (rules.eip1559 && baseFee === undefined) {
    if (b.parentBaseFee === undefined || b.number === 0n) {
      throw new BlockConfigError("EIP-1559 config but missing 'parentBaseFee' in env section");
    }
    baseFee = calcBaseFee(b.parentBaseFee, b.parentGasUsed ?? 0n, b.parentGasLimit ?? 0n);
  }
  if (rules.eip4895 && b.withdrawals === undefined) {
    throw new BlockConfigError("Shanghai config but missing 'withdrawals' in env section");
  }
  let difficulty = b.difficulty;
  if (rules.merged) {
    if (b.random === undefined) throw new BlockConfigError('post-merge requires currentRandom to be defined in env');
    if (difficulty !== undefined && difficulty !== 0n) throw new BlockConfigError('post-merge difficulty must be zero (or omitted) in env');
    difficulty = undefined;
  } else if (difficulty === undefined) {
    if (b.parentDifficulty === undefined) {
      throw new BlockConfigError('currentDifficulty was not provided, and cannot be calculated due to missing parentDifficulty');
    }
    if (b.number === 0n) throw new BlockConfigError('currentDifficulty needs to be provided for block number 0');
    const parentTime = b.parentTimestamp ?? 0n;
    if (b.timestamp <= parentTime) {
      throw new BlockConfigError(
        `currentDifficulty cannot be calculated -- currentTime (${b.timestamp}) needs to be after parent time (${parentTime})`,
      );
    }
    difficulty = calcDifficulty(rules, b.number, b.timestamp, parentTime, b.parentDifficulty, b.parentUncleHash);
  }
  if (rules.eip4844 && b.parentBeaconBlockRoot === undefined) {
    throw new BlockConfigError('post-cancun env requires parentBeaconBlockRoot to be set');
  }
  let excessBlobGas: bigint | undefined;
  if (rules.eip4844) {
    excessBlobGas = b.excessBlobGas;
    if (excessBlobGas === undefined && b.parentExcessBlobGas !== undefined && b.parentBlobGasUsed !== undefined) {
      excessBlobGas = calcExcessBlobGas(b.parentExcessBlobGas, b.parentBlobGasUsed, b.parentBaseFee ?? 0n, rules);
    }
  }
  return {
    ...(baseFee === undefined ? {} : { baseFee }),
    ...(difficulty === undefined ? {} : { difficulty }),
    ...(excessBlobGas === undefined ? {} : { excessBlobGas }),
  };
}
