/** The state the fork tests serve and load in memory: a contract A reading storage, another account's balance and code, calling B, and BLOCKHASH. */
import { asm } from '../../src/spec/asm.js';
import type { GenesisAccount, GenesisAlloc } from '../../src/state/env.js';

export const A = 0xaaaan;
export const B = 0xbbbbn;
export const ALICE = 0xa11ce0n;
export const REVERTER = 0xdeadn;
/** Reverts with Error("nope"). */
export const REASONER = 0xdeaden;

const acct = (balance: bigint, code = '', storage: [bigint, bigint][] = [], nonce = 0n): GenesisAccount => ({
  balance,
  nonce,
  code: asm(code),
  storage: new Map(storage),
});

export const CODE_A = `
  PUSH1 1 SLOAD
  PUSH20 ${B} BALANCE ADD
  PUSH20 ${B} EXTCODESIZE ADD
  PUSH0 MSTORE
  PUSH1 32 PUSH1 32 PUSH0 PUSH0 PUSH20 ${B} GAS STATICCALL POP
  PUSH1 1 NUMBER SUB BLOCKHASH PUSH1 64 MSTORE
  PUSH1 2 PUSH1 9 SSTORE
  PUSH1 96 PUSH0 RETURN`;

/** Error("nope") ABI-encoded: selector, offset 32, length 4, the text; stored word by word and reverted. */
const NOPE =
  '08c379a0' +
  (32).toString(16).padStart(64, '0') +
  (4).toString(16).padStart(64, '0') +
  Buffer.from('nope').toString('hex').padEnd(64, '0');
const REVERT_NOPE =
  [0, 1, 2, 3].map((i) => `PUSH32 0x${NOPE.slice(64 * i, 64 * i + 64).padEnd(64, '0')} PUSH1 ${32 * i} MSTORE`).join(' ') +
  ` PUSH1 ${NOPE.length / 2} PUSH0 REVERT`;

export const ALLOC: GenesisAlloc = new Map<bigint, GenesisAccount>([
  [A, acct(0n, CODE_A, [[1n, 7n]], 1n)],
  [B, acct(1000n, 'PUSH1 5 SLOAD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN', [[5n, 99n]], 1n)],
  [ALICE, acct(10n ** 18n)],
  [REVERTER, acct(0n, 'PUSH1 0xee PUSH0 MSTORE8 PUSH1 1 PUSH0 REVERT', [], 1n)],
  [REASONER, acct(0n, REVERT_NOPE, [], 1n)],
]);
