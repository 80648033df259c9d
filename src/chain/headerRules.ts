/**
 * Header validation against the parent, for every fork (go-ethereum consensus/ethash `verifyHeader`,
 * consensus/beacon `verifyHeader`, consensus/misc eip1559/eip4844 `Verify…Header`, consensus/misc/dao.go).
 * Each failure is a BlockValidationError naming the block number and the rule broken. Which fields a header
 * must have follows the Rules of its fork: baseFeePerGas (EIP-1559), withdrawalsRoot (EIP-4895), blob gas
 * fields and parentBeaconBlockRoot (EIP-4844, EIP-4788), requestsHash (EIP-7685).
 */
import type { Rules } from '../spec/rules.js';
import { calcBaseFee, calcDifficulty, calcExcessBlobGas } from '../transition/blockEnv.js';
import { bytesEqual, bytesToHex } from '../primitives/hex.js';
import { EMPTY_OMMERS_HASH, type Header } from './header.js';

/** A block that breaks a consensus rule; `rule` is a short name (gasLimit, timestamp, stateRoot, ...). */
export class BlockValidationError extends Error {
  override name = 'BlockValidationError';
  constructor(
    readonly number: bigint | undefined,
    readonly rule: string,
    detail: string,
  ) {
    super(`${number === undefined ? 'block' : `block ${number}`}: ${rule}: ${detail}`);
  }
}

export const MAX_EXTRA_DATA = 32;
export const MIN_GAS_LIMIT = 5000n;
/** go-ethereum params.MaxGasLimit: 2^63 - 1. */
export const MAX_GAS_LIMIT = (1n << 63n) - 1n;
export const GAS_LIMIT_BOUND_DIVISOR = 1024n;
/** EIP-1559: the base fee of the first London block. */
export const INITIAL_BASE_FEE = 1_000_000_000n;
/** EIP-1559: a London block may use twice its parent's gas limit target. */
const ELASTICITY_MULTIPLIER = 2n;

/** The DAO hard fork's extraData ("dao-hard-fork"), required in the fork block and the 9 after it. */
export const DAO_EXTRA_DATA = new TextEncoder().encode('dao-hard-fork');
export const DAO_EXTRA_RANGE = 10n;

const ZERO_NONCE = new Uint8Array(8);

/** What header validation needs besides the header and its parent. */
export interface HeaderContext {
  /** The Rules of the header's own fork. */
  readonly rules: Rules;
  /** The Rules of the parent's fork. */
  readonly parentRules: Rules;
  /** The DAO fork block of the chain, if it has one. */
  readonly daoForkBlock?: bigint;
  /**
   * Fields taken as they are rather than derived from the parent: a dev node's own block mined under
   * anvil_setNextBlockBaseFeePerGas or anvil_setBlockGasLimit (never set for blocks from outside).
   */
  readonly asSet?: HeaderOverrides;
}

/** Header fields a dev node's test controls set (see HeaderContext.asSet). */
export interface HeaderOverrides {
  readonly baseFeePerGas?: boolean;
  readonly gasLimit?: boolean;
}

function fail(h: Header, rule: string, detail: string): never {
  throw new BlockValidationError(h.number, rule, detail);
}

/** go-ethereum misc.VerifyGaslimit: within parent/1024 of the parent's limit, and at least 5000. */
function checkGasLimit(h: Header, parentGasLimit: bigint): void {
  const diff = parentGasLimit > h.gasLimit ? parentGasLimit - h.gasLimit : h.gasLimit - parentGasLimit;
  const limit = parentGasLimit / GAS_LIMIT_BOUND_DIVISOR;
  if (diff >= limit)
    fail(h, 'gasLimit', `${h.gasLimit} is too far from the parent's ${parentGasLimit} (the change must stay below ${limit})`);
  if (h.gasLimit < MIN_GAS_LIMIT) fail(h, 'gasLimit', `${h.gasLimit} is below the minimum ${MIN_GAS_LIMIT}`);
}

function presence(h: Header, field: keyof Header, wanted: boolean, why: string): void {
  const has = h[field] !== undefined;
  if (has && !wanted) fail(h, field, `present before ${why}`);
  if (!has && wanted) fail(h, field, `missing (required by ${why})`);
}

/**
 * Checks `h` against its parent `parent` under the rules of `ctx`. Does not check the proof-of-work seal
 * (./seal.ts), the body (./bodyRules.ts) or anything execution decides (gas used, roots).
 */
export function validateHeader(h: Header, parent: Header, ctx: HeaderContext): void {
  const { rules, parentRules } = ctx;

  // ---- the shape the fork wants ----
  presence(h, 'baseFeePerGas', rules.eip1559, 'London (EIP-1559)');
  presence(h, 'withdrawalsRoot', rules.eip4895, 'Shanghai (EIP-4895)');
  presence(h, 'blobGasUsed', rules.eip4844, 'Cancun (EIP-4844)');
  presence(h, 'excessBlobGas', rules.eip4844, 'Cancun (EIP-4844)');
  presence(h, 'parentBeaconBlockRoot', rules.eip4788, 'Cancun (EIP-4788)');
  presence(h, 'requestsHash', rules.eip7685, 'Prague (EIP-7685)');

  // ---- every fork ----
  if (h.number !== parent.number + 1n) fail(h, 'number', `${h.number} does not follow the parent's ${parent.number}`);
  if (h.extraData.length > MAX_EXTRA_DATA) fail(h, 'extraData', `${h.extraData.length} bytes, at most ${MAX_EXTRA_DATA}`);
  if (h.timestamp <= parent.timestamp) fail(h, 'timestamp', `${h.timestamp} is not after the parent's ${parent.timestamp}`);
  if (h.gasLimit > MAX_GAS_LIMIT) fail(h, 'gasLimit', `${h.gasLimit} exceeds 2^63-1`);
  if (h.gasUsed > h.gasLimit) fail(h, 'gasUsed', `${h.gasUsed} exceeds the gas limit ${h.gasLimit}`);

  // ---- gas limit and base fee (EIP-1559) ----
  if (rules.eip1559) {
    // The first London block may double its parent's limit (the target stays where it was).
    if (ctx.asSet?.gasLimit !== true) checkGasLimit(h, parentRules.eip1559 ? parent.gasLimit : parent.gasLimit * ELASTICITY_MULTIPLIER);
    const want =
      parentRules.eip1559 && parent.baseFeePerGas !== undefined
        ? calcBaseFee(parent.baseFeePerGas, parent.gasUsed, parent.gasLimit)
        : INITIAL_BASE_FEE;
    if (h.baseFeePerGas !== want && ctx.asSet?.baseFeePerGas !== true) fail(h, 'baseFeePerGas', `${h.baseFeePerGas}, expected ${want}`);
  } else if (ctx.asSet?.gasLimit !== true) {
    checkGasLimit(h, parent.gasLimit);
  }

  // ---- proof of work or proof of stake (EIP-3675) ----
  if (rules.merged) {
    if (h.difficulty !== 0n) fail(h, 'difficulty', `${h.difficulty} after the Merge, must be 0 (EIP-3675)`);
    if (!bytesEqual(h.nonce, ZERO_NONCE)) fail(h, 'nonce', `${bytesToHex(h.nonce)} after the Merge, must be zero (EIP-3675)`);
    if (!bytesEqual(h.ommersHash, EMPTY_OMMERS_HASH))
      fail(h, 'ommersHash', `${bytesToHex(h.ommersHash)} after the Merge, must be the empty list's (EIP-3675)`);
  } else {
    const want = calcDifficulty(rules, h.number, h.timestamp, parent.timestamp, parent.difficulty, parent.ommersHash);
    if (h.difficulty !== want) fail(h, 'difficulty', `${h.difficulty}, expected ${want}`);
    if (ctx.daoForkBlock !== undefined && h.number >= ctx.daoForkBlock && h.number < ctx.daoForkBlock + DAO_EXTRA_RANGE) {
      if (!bytesEqual(h.extraData, DAO_EXTRA_DATA))
        fail(h, 'extraData', `${bytesToHex(h.extraData)} in the DAO fork range, must be "dao-hard-fork"`);
    }
  }

  // ---- blobs (EIP-4844, EIP-7691, EIP-7918) ----
  if (rules.eip4844) {
    const parentExcess = parentRules.eip4844 ? (parent.excessBlobGas ?? 0n) : 0n;
    const parentUsed = parentRules.eip4844 ? (parent.blobGasUsed ?? 0n) : 0n;
    const want = calcExcessBlobGas(parentExcess, parentUsed, parent.baseFeePerGas ?? 0n, rules);
    if (h.excessBlobGas !== want) fail(h, 'excessBlobGas', `${h.excessBlobGas}, expected ${want}`);
    const used = h.blobGasUsed!;
    if (used > BigInt(rules.maxBlobGasPerBlock)) fail(h, 'blobGasUsed', `${used} exceeds the maximum ${rules.maxBlobGasPerBlock}`);
    if (used % BigInt(rules.blobGasPerBlob) !== 0n) fail(h, 'blobGasUsed', `${used} is not a multiple of ${rules.blobGasPerBlob}`);
  }
}
