/**
 * The EIPs evmkit implements and the forks that activate them (go-ethereum `core/vm/eips.go` activators and
 * `params/config.go`): each EIP is a patch to the Rules (./rules.ts) plus what is keyed by its number
 * elsewhere: the opcodes it introduces (./opcodes.ts rows), the precompiles it adds
 * (src/precompiles/registry.ts rows). A fork is the ordered list of its EIPs.
 *
 * Adding an EIP: its entry here (with its Rules patch, if any), its opcode rows and handlers or its
 * precompile rows, and its number in the list of the fork that activates it. `registerEip` does the first
 * step at run time (a test adds a toy EIP with a new opcode on top of Osaka that way).
 */
import type { Rules } from './rules.js';
import { SstoreRule, DifficultyRule } from './ruleKinds.js';

/** Changes an EIP makes to the Rules (the fields it sets). */
export type RulesPatch = Partial<Omit<Rules, 'fork' | 'name' | 'eips'>>;

export interface Eip {
  readonly number: number;
  readonly title: string;
  /** What it changes in the Rules. */
  readonly rules?: RulesPatch;
  /** EIPs it switches off (EIP-1716 removes EIP-1283). */
  readonly disables?: readonly number[];
}

/** The blob parameters of a fork (EIP-7840 `blobSchedule` entry): blobs per block and the fee fraction. */
export interface BlobParams {
  readonly target: number;
  readonly max: number;
  readonly baseFeeUpdateFraction: bigint;
}

const ETHER = 1_000_000_000_000_000_000n;

const LIST: readonly Eip[] = [
  { number: 0, title: 'Frontier: the Yellow Paper instruction set and precompiles 0x01-0x04' },
  // ---- Homestead ----
  {
    number: 2,
    title: 'Homestead: contract-creation transactions cost 53000, code-deposit out of gas fails, low-s signatures, new difficulty formula',
    rules: { txCreateGas: 53000, codeDepositOogFails: true, txSignatureLowS: true, difficultyRule: DifficultyRule.Homestead },
  },
  { number: 7, title: 'DELEGATECALL' },
  // ---- Tangerine Whistle ----
  {
    number: 150,
    title: 'Gas cost changes for IO-heavy operations; all but one 64th',
    rules: {
      eip150: true,
      sloadGas: 200,
      balanceGas: 400,
      extcodeSizeGas: 700,
      extcodeCopyBaseGas: 700,
      callGas: 700,
      selfdestructGas: 5000,
      selfdestructNewAccountGas: 25000,
    },
  },
  // ---- Spurious Dragon ----
  { number: 155, title: 'Simple replay attack protection (chain id in signatures)', rules: { eip155: true } },
  { number: 160, title: 'EXP cost increase', rules: { expByteGas: 50 } },
  { number: 161, title: 'State trie clearing', rules: { eip161: true, ripemdTouchQuirk: true } },
  { number: 170, title: 'Contract code size limit', rules: { maxCodeSize: 24576 } },
  // ---- Byzantium ----
  { number: 100, title: 'Difficulty adjustment including uncles', rules: { difficultyRule: DifficultyRule.Byzantium } },
  { number: 140, title: 'REVERT instruction' },
  { number: 196, title: 'Precompiled contracts for addition and scalar multiplication on alt_bn128' },
  { number: 197, title: 'Precompiled contracts for optimal ate pairing check on alt_bn128' },
  { number: 198, title: 'Big integer modular exponentiation' },
  { number: 211, title: 'RETURNDATASIZE and RETURNDATACOPY' },
  { number: 214, title: 'STATICCALL' },
  {
    number: 649,
    title: 'Difficulty bomb delay (3M) and block reward reduction to 3 ETH',
    rules: { difficultyBombDelay: 3_000_000n, blockReward: 3n * ETHER },
  },
  { number: 658, title: 'Embedding transaction status code in receipts', rules: { eip658: true } },
  // ---- Constantinople ----
  { number: 145, title: 'Bitwise shifting instructions' },
  { number: 1014, title: 'CREATE2' },
  { number: 1052, title: 'EXTCODEHASH' },
  {
    number: 1234,
    title: 'Difficulty bomb delay (5M) and block reward reduction to 2 ETH',
    rules: { difficultyBombDelay: 5_000_000n, blockReward: 2n * ETHER },
  },
  { number: 1283, title: 'Net gas metering for SSTORE without dirty maps', rules: { sstoreRule: SstoreRule.Eip1283 } },
  // ---- Petersburg ----
  { number: 1716, title: 'Petersburg: remove EIP-1283', rules: { sstoreRule: SstoreRule.Legacy }, disables: [1283] },
  // ---- Istanbul ----
  { number: 152, title: 'BLAKE2 compression function F precompile' },
  { number: 1108, title: 'Reduce alt_bn128 precompile gas costs' },
  { number: 1344, title: 'CHAINID' },
  {
    number: 1884,
    title: 'Repricing for trie-size-dependent opcodes; SELFBALANCE',
    rules: { sloadGas: 800, balanceGas: 700, extcodeHashGas: 700 },
  },
  { number: 2028, title: 'Transaction data gas cost reduction', rules: { txDataNonZeroGas: 16 } },
  { number: 2200, title: 'Structured definitions for net gas metering', rules: { sstoreRule: SstoreRule.Eip2200 } },
  // ---- Muir Glacier ----
  { number: 2384, title: 'Difficulty bomb delay (9M)', rules: { difficultyBombDelay: 9_000_000n } },
  // ---- Berlin ----
  { number: 2565, title: 'ModExp gas cost' },
  { number: 2718, title: 'Typed transaction envelope' },
  {
    number: 2929,
    title: 'Gas cost increases for state access opcodes (cold/warm)',
    // The static costs become the warm cost; the handlers add the cold surcharge.
    rules: {
      eip2929: true,
      sstoreResetGas: 5000 - 2100,
      sloadGas: 100,
      balanceGas: 100,
      extcodeSizeGas: 100,
      extcodeCopyBaseGas: 100,
      extcodeHashGas: 100,
      callGas: 100,
    },
  },
  { number: 2930, title: 'Optional access lists', rules: { eip2930: true } },
  // ---- London ----
  { number: 1559, title: 'Fee market change', rules: { eip1559: true } },
  { number: 3198, title: 'BASEFEE' },
  { number: 3529, title: 'Reduction in refunds', rules: { sstoreClearsRefund: 4800, selfdestructRefund: 0, maxRefundQuotient: 5 } },
  { number: 3541, title: 'Reject new contract code starting with the 0xEF byte', rules: { rejectEfCode: true } },
  { number: 3554, title: 'Difficulty bomb delay (9.7M)', rules: { difficultyBombDelay: 9_700_000n } },
  // ---- Arrow Glacier, Gray Glacier ----
  { number: 4345, title: 'Difficulty bomb delay (10.7M)', rules: { difficultyBombDelay: 10_700_000n } },
  { number: 5133, title: 'Difficulty bomb delay (11.4M)', rules: { difficultyBombDelay: 11_400_000n } },
  // ---- Paris ----
  { number: 3675, title: 'Upgrade consensus to proof-of-stake', rules: { merged: true, blockReward: 0n } },
  { number: 4399, title: 'Supplant DIFFICULTY opcode with PREVRANDAO', rules: { eip4399: true } },
  { number: 7523, title: 'Empty accounts deprecation (no RIPEMD-160 touch quirk)', rules: { ripemdTouchQuirk: false } },
  // ---- Shanghai ----
  { number: 3651, title: 'Warm COINBASE', rules: { eip3651: true } },
  { number: 3855, title: 'PUSH0 instruction' },
  { number: 3860, title: 'Limit and meter initcode', rules: { maxInitcodeSize: 49152, initcodeWordGas: 2 } },
  { number: 4895, title: 'Beacon chain push withdrawals as operations', rules: { eip4895: true } },
  // ---- Cancun ----
  { number: 1153, title: 'Transient storage opcodes', rules: { eip1153: true } },
  { number: 4788, title: 'Beacon block root in the EVM', rules: { eip4788: true } },
  { number: 4844, title: 'Shard blob transactions', rules: { eip4844: true } },
  { number: 5656, title: 'MCOPY' },
  { number: 6780, title: 'SELFDESTRUCT only in same transaction', rules: { eip6780: true } },
  { number: 7516, title: 'BLOBBASEFEE' },
  // ---- Prague ----
  { number: 2537, title: 'Precompile for BLS12-381 curve operations' },
  { number: 2935, title: 'Serve historical block hashes from state', rules: { eip2935: true } },
  { number: 6110, title: 'Supply validator deposits on chain' },
  { number: 7002, title: 'Execution layer triggerable withdrawals' },
  { number: 7251, title: 'Increase the MAX_EFFECTIVE_BALANCE (consolidation requests)' },
  { number: 7623, title: 'Increase calldata cost (floor)', rules: { txFloorTokenGas: 10 } },
  { number: 7685, title: 'General purpose execution layer requests', rules: { eip7685: true } },
  { number: 7691, title: 'Blob throughput increase' },
  { number: 7702, title: 'Set EOA account code', rules: { eip7702: true } },
  // ---- Osaka ----
  { number: 7594, title: 'PeerDAS: at most 6 blobs per transaction', rules: { maxBlobsPerTx: 6 } },
  { number: 7823, title: 'Set upper bounds for MODEXP' },
  { number: 7825, title: 'Transaction gas limit cap', rules: { txGasLimitCap: 1n << 24n } },
  { number: 7883, title: 'ModExp gas cost increase' },
  { number: 7892, title: 'Blob parameter only hardforks' },
  { number: 7918, title: 'Blob base fee bounded by execution cost', rules: { eip7918: true, blobBaseCost: 1n << 13n } },
  { number: 7934, title: 'RLP execution block size limit (8 MiB)', rules: { maxBlockRlpSize: 10 * 1024 * 1024 - 2 * 1024 * 1024 } },
  { number: 7939, title: 'Count leading zeros (CLZ) opcode' },
  { number: 7951, title: 'Precompile for secp256r1 curve support' },
];

const TABLE = new Map<number, Eip>();
for (const e of LIST) TABLE.set(e.number, Object.freeze(e));

/** Every EIP evmkit knows, by number. */
export const EIPS: ReadonlyMap<number, Eip> = TABLE;

/**
 * Adds an EIP to the table at run time (for experiments and new forks' prototypes): switch it on with
 * `rulesFor(fork, { eips: [n] })`; its opcodes come from `registerOpcode` (./opcodes.ts) and its handlers
 * from `registerHandler` (src/machine/handlers.ts). Replacing a built-in EIP is refused.
 */
export function registerEip(eip: Eip): void {
  const old = TABLE.get(eip.number);
  if (old !== undefined && LIST.includes(old)) throw new RangeError(`registerEip: EIP-${eip.number} is built in`);
  TABLE.set(eip.number, Object.freeze({ ...eip }));
}

/** The EIPs each fork activates, in Fork order (index = Fork value). */
export const FORK_EIPS: readonly (readonly number[])[] = Object.freeze([
  /* Frontier */ [0],
  /* Homestead */ [2, 7],
  /* TangerineWhistle */ [150],
  /* SpuriousDragon */ [155, 160, 161, 170],
  /* Byzantium */ [100, 140, 196, 197, 198, 211, 214, 649, 658],
  /* Constantinople */ [145, 1014, 1052, 1234, 1283],
  /* Petersburg */ [1716],
  /* Istanbul */ [152, 1108, 1344, 1884, 2028, 2200],
  /* MuirGlacier */ [2384],
  /* Berlin */ [2565, 2718, 2929, 2930],
  /* London */ [1559, 3198, 3529, 3541, 3554],
  /* ArrowGlacier */ [4345],
  /* GrayGlacier */ [5133],
  /* Paris */ [3675, 4399, 7523],
  /* Shanghai */ [3651, 3855, 3860, 4895],
  /* Cancun */ [1153, 4788, 4844, 5656, 6780, 7516],
  /* Prague */ [2537, 2935, 6110, 7002, 7251, 7623, 7685, 7691, 7702],
  /* Osaka */ [7594, 7823, 7825, 7883, 7892, 7918, 7934, 7939, 7951],
  /* BPO1 */ [],
  /* BPO2 */ [],
  /* BPO3 */ [],
  /* BPO4 */ [],
  /* BPO5 */ [],
]);

/**
 * The blob parameters each fork sets (index = Fork value; none before Cancun, and a fork without an entry
 * keeps its predecessor's). Cancun: EIP-4844; Prague: EIP-7691; BPO1 and BPO2: mainnet's (activated
 * 2025-12-09 and 2026-01-07); BPO3 and BPO4: the values execution-spec-tests fills with. A chain's
 * `blobSchedule` replaces any of them (src/chain/config.ts).
 */
export const FORK_BLOBS: readonly (BlobParams | undefined)[] = Object.freeze([
  ...new Array<undefined>(15).fill(undefined),
  /* Cancun */ { target: 3, max: 6, baseFeeUpdateFraction: 3338477n },
  /* Prague */ { target: 6, max: 9, baseFeeUpdateFraction: 5007716n },
  /* Osaka */ { target: 6, max: 9, baseFeeUpdateFraction: 5007716n },
  /* BPO1 */ { target: 10, max: 15, baseFeeUpdateFraction: 8346193n },
  /* BPO2 */ { target: 14, max: 21, baseFeeUpdateFraction: 11684671n },
  /* BPO3 */ { target: 21, max: 32, baseFeeUpdateFraction: 20609697n },
  /* BPO4 */ { target: 14, max: 21, baseFeeUpdateFraction: 13739630n },
  /* BPO5 */ undefined,
]);
