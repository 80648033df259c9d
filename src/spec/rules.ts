/**
 * Rules: the frozen facts of a fork that the transition, the executor, the instructions and the chain
 * read (go-ethereum `params.Rules` + `params.ChainConfig` numbers). A fork's Rules are folded from the
 * patches of the EIPs it and every earlier fork activated (./eips.ts), in activation order, then its blob
 * parameters; an EIP can also be switched on by itself on top of a fork (go-ethereum `EnableEIP`), and a
 * chain's blob schedule replaces a fork's blob parameters (EIP-7840, EIP-7892).
 *
 * This module is the only place that compares forks.
 */
import { Fork, FORK_COUNT, FORK_NAMES, parseFork, type ForkLike } from './fork.js';
import { EIPS, FORK_EIPS, FORK_BLOBS, type BlobParams, type RulesPatch } from './eips.js';
import { SstoreRule, DifficultyRule } from './ruleKinds.js';

export { SstoreRule, DifficultyRule } from './ruleKinds.js';

export interface Rules {
  readonly fork: Fork;
  /** The fork's name, with '+EIP-n' for EIPs switched on by themselves. */
  readonly name: string;
  /** Every EIP in force (0 stands for the Frontier instruction set of the Yellow Paper). */
  readonly eips: ReadonlySet<number>;

  // ---- transaction intrinsic gas ----
  readonly txGas: number; // 21000
  readonly txCreateGas: number; // 21000 Frontier, 53000 from Homestead (EIP-2)
  readonly txDataZeroGas: number; // 4
  readonly txDataNonZeroGas: number; // 68, 16 from Istanbul (EIP-2028)
  readonly txAccessListAddressGas: number; // EIP-2930: 2400
  readonly txAccessListStorageKeyGas: number; // EIP-2930: 1900
  /** EIP-7623 (Prague): floor cost per calldata token; 0 disables the floor. */
  readonly txFloorTokenGas: number;
  /** EIP-7825 (Osaka): transaction gas limit cap; 0 = none. */
  readonly txGasLimitCap: bigint;

  // ---- creation ----
  readonly createDataGas: number; // 200 per byte of deployed code
  /** EIP-170 (Spurious Dragon): max deployed code size; Infinity before. */
  readonly maxCodeSize: number;
  /** EIP-3860 (Shanghai): max initcode size and 2 gas per initcode word; 0 = no limit. */
  readonly maxInitcodeSize: number;
  readonly initcodeWordGas: number;
  /** EIP-2 (Homestead): running out of gas for the code deposit fails the create (Frontier leaves empty code). */
  readonly codeDepositOogFails: boolean;
  /** EIP-2 (Homestead): transaction signatures with s above secp256k1n/2 are invalid. */
  readonly txSignatureLowS: boolean;
  /** EIP-161 (Spurious Dragon): contracts start with nonce 1; empty touched accounts are deleted. */
  readonly eip161: boolean;
  /**
   * go-ethereum/execution-specs keep a touch of the RIPEMD-160 precompile (0x03) even when the frame
   * that made it reverts (mainnet block 2675119). From EIP-161 until the Merge (EIP-7523 removes it).
   */
  readonly ripemdTouchQuirk: boolean;
  /** EIP-3541 (London): new code starting with 0xEF is rejected. */
  readonly rejectEfCode: boolean;

  // ---- calls ----
  /** EIP-150 (Tangerine Whistle): all but one 64th of remaining gas is the most a call can forward. */
  readonly eip150: boolean;
  readonly callValueTransferGas: number; // 9000
  readonly callNewAccountGas: number; // 25000
  readonly callStipend: number; // 2300
  readonly maxCallDepth: number; // 1024

  // ---- state access (EIP-2929, Berlin) ----
  /** EIP-2929: first accesses of an account or slot in a transaction cost more (cold), later ones warm. */
  readonly eip2929: boolean;
  readonly coldAccountAccessCost: number; // 2600
  readonly coldSloadCost: number; // 2100
  readonly warmStorageReadCost: number; // 100
  /** Static costs (EIP-150 and EIP-1884 reprice them; under EIP-2929 they are the warm cost). */
  readonly sloadGas: number;
  readonly balanceGas: number;
  readonly extcodeSizeGas: number;
  readonly extcodeCopyBaseGas: number;
  readonly extcodeHashGas: number;
  readonly callGas: number;
  readonly selfdestructGas: number;
  /** EIP-150: SELFDESTRUCT to a new account costs 25000 (EIP-161: only when value is sent). */
  readonly selfdestructNewAccountGas: number;
  readonly expByteGas: number; // 10, 50 from EIP-160

  // ---- storage ----
  readonly sstoreRule: SstoreRule;
  readonly sstoreSetGas: number; // 20000
  readonly sstoreResetGas: number; // 5000, 2900 with EIP-2929 (5000 - cold sload)
  readonly sstoreClearsRefund: number; // 15000, 4800 with EIP-3529
  readonly sstoreSentryGas: number; // EIP-2200: 2300
  readonly selfdestructRefund: number; // 24000, 0 with EIP-3529
  readonly maxRefundQuotient: number; // 2, 5 with EIP-3529

  // ---- instructions that change meaning ----
  /** EIP-4399 (Paris): 0x44 is PREVRANDAO instead of DIFFICULTY. */
  readonly eip4399: boolean;

  // ---- transactions ----
  /** EIP-155 (Spurious Dragon): chain id in legacy signatures. */
  readonly eip155: boolean;
  /** EIP-2930 (Berlin): typed transactions with access lists. */
  readonly eip2930: boolean;
  /** EIP-1559 (London): base fee, fee caps. */
  readonly eip1559: boolean;
  /** EIP-3607 (London in go-ethereum, all forks in tests): reject senders with deployed code. */
  readonly eip3607: boolean;
  /** EIP-3651 (Shanghai): coinbase is warm at the start of a transaction. */
  readonly eip3651: boolean;
  /** EIP-1153 (Cancun): transient storage. */
  readonly eip1153: boolean;
  /** EIP-4844 (Cancun): blob transactions. */
  readonly eip4844: boolean;
  /** EIP-6780 (Cancun): SELFDESTRUCT only deletes contracts created in the same transaction. */
  readonly eip6780: boolean;
  /** EIP-7702 (Prague): set-code transactions. */
  readonly eip7702: boolean;

  // ---- blocks ----
  /** The Merge (EIP-3675): no proof of work, no block reward, no ommers; DIFFICULTY is 0. */
  readonly merged: boolean;
  /** EIP-658 (Byzantium): receipts carry a status code instead of an intermediate state root. */
  readonly eip658: boolean;
  /** EIP-4895 (Shanghai): beacon-chain withdrawals in the block body. */
  readonly eip4895: boolean;
  /** EIP-4788 (Cancun): the parent beacon block root is stored by a system call. */
  readonly eip4788: boolean;
  /** EIP-2935 (Prague): the parent block hash is stored by a system call. */
  readonly eip2935: boolean;
  /** EIP-7685 (Prague): execution-layer requests (EIP-6110 deposits, EIP-7002, EIP-7251) and their hash. */
  readonly eip7685: boolean;
  /** EIP-7934 (Osaka): the most bytes a block's RLP may have; 0 = no limit. */
  readonly maxBlockRlpSize: number;
  /** Proof-of-work block reward in wei (5 ETH, 3 from EIP-649, 2 from EIP-1234; 0 after the Merge). */
  readonly blockReward: bigint;
  readonly difficultyRule: DifficultyRule;
  /** How many blocks the difficulty bomb is pushed back (EIP-649, 1234, 2384, 3554, 4345, 5133). */
  readonly difficultyBombDelay: bigint;

  // ---- blobs (EIP-4844, EIP-7691, EIP-7892, EIP-7918, EIP-7594) ----
  readonly blobGasPerBlob: number; // 2^17
  readonly targetBlobGasPerBlock: number;
  readonly maxBlobGasPerBlock: number;
  readonly blobBaseFeeUpdateFraction: bigint;
  readonly minBlobBaseFee: bigint;
  /** EIP-7594 (Osaka): max blobs per transaction; 0 = only the block maximum applies. */
  readonly maxBlobsPerTx: number;
  /** EIP-7918 (Osaka): blob base fee bounded below by the execution base fee. */
  readonly eip7918: boolean;
  readonly blobBaseCost: bigint;
}

/** The facts before any EIP: Frontier (the Yellow Paper). */
export const FRONTIER_RULES: Omit<Rules, 'fork' | 'name' | 'eips'> = Object.freeze({
  txGas: 21000,
  txCreateGas: 21000,
  txDataZeroGas: 4,
  txDataNonZeroGas: 68,
  txAccessListAddressGas: 2400,
  txAccessListStorageKeyGas: 1900,
  txFloorTokenGas: 0,
  txGasLimitCap: 0n,
  createDataGas: 200,
  maxCodeSize: Infinity,
  maxInitcodeSize: 0,
  initcodeWordGas: 0,
  codeDepositOogFails: false,
  txSignatureLowS: false,
  eip161: false,
  ripemdTouchQuirk: false,
  rejectEfCode: false,
  eip150: false,
  callValueTransferGas: 9000,
  callNewAccountGas: 25000,
  callStipend: 2300,
  maxCallDepth: 1024,
  eip2929: false,
  coldAccountAccessCost: 2600,
  coldSloadCost: 2100,
  warmStorageReadCost: 100,
  sloadGas: 50,
  balanceGas: 20,
  extcodeSizeGas: 20,
  extcodeCopyBaseGas: 20,
  extcodeHashGas: 400,
  callGas: 40,
  selfdestructGas: 0,
  selfdestructNewAccountGas: 0,
  expByteGas: 10,
  sstoreRule: SstoreRule.Legacy,
  sstoreSetGas: 20000,
  sstoreResetGas: 5000,
  sstoreClearsRefund: 15000,
  sstoreSentryGas: 2300,
  selfdestructRefund: 24000,
  maxRefundQuotient: 2,
  eip4399: false,
  eip155: false,
  eip2930: false,
  eip1559: false,
  eip3607: true,
  eip3651: false,
  eip1153: false,
  eip4844: false,
  eip6780: false,
  eip7702: false,
  merged: false,
  eip658: false,
  eip4895: false,
  eip4788: false,
  eip2935: false,
  eip7685: false,
  maxBlockRlpSize: 0,
  blockReward: 5_000_000_000_000_000_000n,
  difficultyRule: DifficultyRule.Frontier,
  difficultyBombDelay: 0n,
  blobGasPerBlob: 131072,
  targetBlobGasPerBlock: 0,
  maxBlobGasPerBlock: 0,
  blobBaseFeeUpdateFraction: 1n,
  minBlobBaseFee: 1n,
  maxBlobsPerTx: 0,
  eip7918: false,
  blobBaseCost: 0n,
});

/** A chain's blob schedule: blob parameters by fork name (go-ethereum genesis `config.blobSchedule`). */
export type BlobSchedule = Readonly<Record<string, BlobParams>>;

export interface RulesOptions {
  /** EIPs switched on by themselves on top of the fork (go-ethereum `EnableEIP`), in this order. */
  readonly eips?: readonly number[];
  /** Blob parameters by fork name (case-insensitive) replacing the built-in ones of those forks. */
  readonly blobSchedule?: BlobSchedule;
}

type Acc = { -readonly [K in keyof Rules]: Rules[K] };

function applyEip(acc: Acc, eips: Set<number>, n: number): void {
  const eip = EIPS.get(n);
  if (eip === undefined) throw new RangeError(`rules: EIP-${n} is not known (known: ${[...EIPS.keys()].sort((a, b) => a - b).join(', ')})`);
  for (const d of eip.disables ?? []) eips.delete(d);
  eips.add(n);
  Object.assign(acc, eip.rules satisfies RulesPatch | undefined);
}

function applyBlobs(acc: Acc, p: BlobParams): void {
  acc.targetBlobGasPerBlock = p.target * acc.blobGasPerBlob;
  acc.maxBlobGasPerBlock = p.max * acc.blobGasPerBlob;
  acc.blobBaseFeeUpdateFraction = p.baseFeeUpdateFraction;
}

function scheduleEntry(s: BlobSchedule | undefined, fork: Fork): BlobParams | undefined {
  if (s === undefined) return undefined;
  const name = FORK_NAMES[fork]!.toLowerCase();
  for (const [k, v] of Object.entries(s)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function build(fork: Fork, opts: RulesOptions): Rules {
  const acc = { ...FRONTIER_RULES, fork, name: FORK_NAMES[fork]!, eips: new Set<number>() } as Acc;
  const eips = acc.eips as Set<number>;
  for (let f = 0; f <= fork; f++) {
    for (const n of FORK_EIPS[f]!) applyEip(acc, eips, n);
    const blobs = scheduleEntry(opts.blobSchedule, f as Fork) ?? FORK_BLOBS[f];
    if (blobs !== undefined) applyBlobs(acc, blobs);
  }
  const extra = (opts.eips ?? []).filter((n) => !eips.has(n));
  for (const n of extra) applyEip(acc, eips, n);
  if (extra.length > 0) acc.name += extra.map((n) => `+EIP-${n}`).join('');
  acc.eips = Object.freeze(eips);
  return Object.freeze(acc);
}

const BY_FORK: readonly Rules[] = Array.from({ length: FORK_COUNT }, (_, f) => build(f as Fork, {}));
const CUSTOM = new Map<string, Rules>();

/**
 * The frozen rules of a fork (a Fork or its name), optionally with EIPs switched on by themselves and a
 * chain's blob schedule. The same inputs give the same object (cached), so Rules can key caches.
 */
export function rulesFor(fork: ForkLike, opts: RulesOptions = {}): Rules {
  const f = parseFork(fork, 'rulesFor: fork');
  const plain = (opts.eips === undefined || opts.eips.length === 0) && opts.blobSchedule === undefined;
  if (plain) return BY_FORK[f]!;
  const key = JSON.stringify([f, opts.eips ?? [], opts.blobSchedule ?? {}], (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  let r = CUSTOM.get(key);
  if (r === undefined) {
    r = build(f, opts);
    // A schedule that changes nothing gives the fork's own object.
    CUSTOM.set(key, (r = sameAs(r, BY_FORK[f]!) ? BY_FORK[f]! : r));
  }
  return r;
}

/**
 * Rules given as Rules, a Fork or a fork name (tableFor, precompilesFor, runCode take any of them): the
 * object itself, or the fork's. Throws naming `where` for anything else.
 */
export function resolveRules(rules: Rules | ForkLike, where: string): Rules {
  if (typeof rules === 'object' && rules !== null) {
    if ((rules as Partial<Rules>).eips instanceof Set && typeof (rules as Partial<Rules>).name === 'string') return rules;
    throw new TypeError(`${where}: expected Rules (from rulesFor), a Fork or a fork name, got an object that is not Rules`);
  }
  return rulesFor(parseFork(rules, where));
}

function sameAs(a: Rules, b: Rules): boolean {
  if (a.name !== b.name || a.eips.size !== b.eips.size) return false;
  for (const k of Object.keys(a) as (keyof Rules)[]) if (k !== 'eips' && a[k] !== b[k]) return false;
  return true;
}

/** Whether EIP `n` is in force under these rules. */
export function hasEip(rules: Rules, n: number): boolean {
  return rules.eips.has(n);
}

/**
 * The fork in force at a block, for a chain whose forks activate at block numbers, timestamps or a
 * total difficulty (src/chain/config.ts builds such schedules from a genesis file).
 */
export function forkAt(schedule: ForkSchedule, number: bigint, timestamp: bigint): Fork {
  let fork: Fork = Fork.Frontier;
  for (let f = 0; f < FORK_COUNT; f++) {
    const a = schedule[f as Fork];
    if (a === undefined) continue;
    if ('block' in a ? number >= a.block : timestamp >= a.time) fork = f as Fork;
  }
  return fork;
}

/** When each fork activates: by block number (before the Merge) or by timestamp (from Shanghai). */
export type ForkSchedule = Readonly<Partial<Record<Fork, { readonly block: bigint } | { readonly time: bigint }>>>;
