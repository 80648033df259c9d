/**
 * Rules: the frozen, per-fork facts that the transition, the executor and the host read.
 * Each fork is the previous fork's rules plus the patches of the EIPs it activated (go-ethereum
 * `params.Rules` + `jump_table.go`, folded like `newBerlinInstructionSet` -> `enable2929`).
 * The opcode table (src/interpreter/table.ts) is built from the same fork list.
 */
import { Fork, FORK_COUNT, forkName } from './fork.js';

/** Which SSTORE gas/refund algorithm applies (evmone `instructions_storage.cpp` keeps one table per fork). */
export const enum SstoreRule {
  /** Frontier..Byzantium, Petersburg: 20000 set / 5000 reset, 15000 clear refund. */
  Legacy = 0,
  /** EIP-1283 (Constantinople only): net gas metering with dirty-slot costs of 200. */
  Eip1283 = 1,
  /** EIP-2200 (Istanbul+): net gas metering with the 2300-gas sentry; EIP-2929/3529 change its numbers. */
  Eip2200 = 2,
}

export interface Rules {
  readonly fork: Fork;
  readonly name: string;

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
  readonly eip2929: boolean;
  readonly coldAccountAccessCost: number; // 2600
  readonly coldSloadCost: number; // 2100
  readonly warmStorageReadCost: number; // 100
  /** Pre-Berlin flat costs (EIP-150 and EIP-1884 reprice them). */
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

  // ---- transactions and block ----
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
  /** The Merge (Paris): DIFFICULTY becomes PREVRANDAO, no block reward. */
  readonly merged: boolean;

  // ---- blobs (EIP-4844, EIP-7691, EIP-7918, EIP-7594) ----
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

type Patch = Partial<Omit<Rules, 'fork' | 'name'>>;

const frontier: Omit<Rules, 'fork' | 'name'> = {
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
  blobGasPerBlob: 131072,
  targetBlobGasPerBlock: 0,
  maxBlobGasPerBlock: 0,
  blobBaseFeeUpdateFraction: 1n,
  minBlobBaseFee: 1n,
  maxBlobsPerTx: 0,
  eip7918: false,
  blobBaseCost: 0n,
};

/** The EIP patches each fork applies on top of the previous one, in fork order. */
const FORK_PATCHES: readonly Patch[] = [
  /* Frontier */ {},
  /* Homestead: EIP-2 (create tx cost, code-deposit OOG fails), EIP-7 (DELEGATECALL, in the table) */
  { txCreateGas: 53000, codeDepositOogFails: true, txSignatureLowS: true },
  /* Tangerine Whistle: EIP-150 gas repricing and the 63/64 rule */
  {
    eip150: true,
    sloadGas: 200,
    balanceGas: 400,
    extcodeSizeGas: 700,
    extcodeCopyBaseGas: 700,
    callGas: 700,
    selfdestructGas: 5000,
    selfdestructNewAccountGas: 25000,
  },
  /* Spurious Dragon: EIP-155 chain id, EIP-160 EXP cost, EIP-161 state clearing, EIP-170 code size */
  { eip155: true, expByteGas: 50, eip161: true, ripemdTouchQuirk: true, maxCodeSize: 24576 },
  /* Byzantium: EIP-140/211/214 (table), precompiles 5-8 (registry) */
  {},
  /* Constantinople: EIP-145/1014/1052 (table), EIP-1283 net-metered SSTORE */
  { sstoreRule: SstoreRule.Eip1283 },
  /* Petersburg: EIP-1283 removed */
  { sstoreRule: SstoreRule.Legacy },
  /* Istanbul: EIP-1884 repricing, EIP-2028 calldata, EIP-2200 SSTORE, EIP-1344/152/1108 */
  { sloadGas: 800, balanceGas: 700, extcodeHashGas: 700, txDataNonZeroGas: 16, sstoreRule: SstoreRule.Eip2200 },
  /* Berlin: EIP-2929 cold/warm access, EIP-2930 access lists, EIP-2565 (registry) */
  { eip2929: true, eip2930: true, sstoreResetGas: 5000 - 2100, sloadGas: 100 },
  /* London: EIP-1559, EIP-3198 (table), EIP-3529 refunds, EIP-3541 */
  { eip1559: true, sstoreClearsRefund: 4800, selfdestructRefund: 0, maxRefundQuotient: 5, rejectEfCode: true },
  /* Paris: EIP-3675 the Merge, EIP-4399 PREVRANDAO; EIP-7523 empty accounts gone, no RIPEMD quirk */
  { merged: true, ripemdTouchQuirk: false },
  /* Shanghai: EIP-3651 warm coinbase, EIP-3855 PUSH0 (table), EIP-3860 initcode limit */
  { eip3651: true, maxInitcodeSize: 49152, initcodeWordGas: 2 },
  /* Cancun: EIP-1153, EIP-4844, EIP-5656 (table), EIP-6780, EIP-7516 (table) */
  {
    eip1153: true,
    eip4844: true,
    eip6780: true,
    targetBlobGasPerBlock: 393216,
    maxBlobGasPerBlock: 786432,
    blobBaseFeeUpdateFraction: 3338477n,
  },
  /* Prague: EIP-7702 set code, EIP-7623 calldata floor, EIP-7691 blob throughput */
  {
    eip7702: true,
    txFloorTokenGas: 10,
    targetBlobGasPerBlock: 786432,
    maxBlobGasPerBlock: 1179648,
    blobBaseFeeUpdateFraction: 5007716n,
  },
  /* Osaka: EIP-7825 tx gas cap, EIP-7918 blob base fee bound, EIP-7594 blobs per tx */
  { txGasLimitCap: 1n << 24n, eip7918: true, blobBaseCost: 1n << 13n, maxBlobsPerTx: 6 },
];

function build(): readonly Rules[] {
  const out: Rules[] = [];
  let acc: Omit<Rules, 'fork' | 'name'> = frontier;
  for (let f = 0; f < FORK_COUNT; f++) {
    acc = { ...acc, ...FORK_PATCHES[f] };
    out.push(Object.freeze({ ...acc, fork: f as Fork, name: forkName(f as Fork) }));
  }
  return out;
}

const ALL_RULES = build();

/** The frozen rules of a fork. */
export function rulesFor(fork: Fork): Rules {
  return ALL_RULES[fork]!;
}
