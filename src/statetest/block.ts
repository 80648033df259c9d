/** A state test's `env` and `pre`: the block context and the pre-state. */
import type { BlockEnv, GenesisAccount, GenesisAlloc } from '../state/env.js';
import type { Address } from '../primitives/address.js';
import { keccak256Word } from '../primitives/crypto/keccak.js';
import { address, bytes, object, optional, quantity, u256 } from './fields.js';

const utf8 = new TextEncoder();

/**
 * BLOCKHASH in state tests (go-ethereum `vmTestBlockHash`): keccak256 of the block number written as a
 * decimal string, e.g. block 1 -> keccak256("1").
 */
function stateTestBlockHash(n: bigint): bigint {
  return keccak256Word(utf8.encode(n.toString(10)));
}

/**
 * `env` -> BlockEnv. PREVRANDAO is `currentRandom`, else `currentDifficulty` (the fixtures give both,
 * equal, for pre-Merge forks); the base fee is `currentBaseFee`, else 0 (every London+ fixture gives it).
 */
export function parseBlockEnv(raw: unknown): BlockEnv {
  const env = object(raw, 'env');
  const difficulty = u256(env.currentDifficulty ?? '0x0', 'env.currentDifficulty');
  const excessBlobGas = optional(env.currentExcessBlobGas, 'env.currentExcessBlobGas', quantity);
  return {
    coinbase: address(env.currentCoinbase, 'env.currentCoinbase'),
    gasLimit: quantity(env.currentGasLimit, 'env.currentGasLimit'),
    number: quantity(env.currentNumber, 'env.currentNumber'),
    timestamp: quantity(env.currentTimestamp, 'env.currentTimestamp'),
    difficulty,
    prevRandao: optional(env.currentRandom, 'env.currentRandom', u256) ?? difficulty,
    baseFee: optional(env.currentBaseFee, 'env.currentBaseFee', u256) ?? 0n,
    ...(excessBlobGas === undefined ? {} : { excessBlobGas }),
    getBlockHash: stateTestBlockHash,
  };
}

/** `pre` -> GenesisAlloc: address -> {balance, nonce?, code?, storage?}. */
export function parseAlloc(raw: unknown, field = 'pre'): GenesisAlloc {
  const pre = object(raw, field);
  const alloc = new Map<Address, GenesisAccount>();
  for (const [key, rawAccount] of Object.entries(pre)) {
    const at = `${field}.${key}`;
    const account = object(rawAccount, at);
    const storage = new Map<bigint, bigint>();
    for (const [slot, value] of Object.entries(object(account.storage ?? {}, `${at}.storage`))) {
      storage.set(u256(slot, `${at}.storage key ${slot}`), u256(value, `${at}.storage.${slot}`));
    }
    alloc.set(address(key, `${field} address ${JSON.stringify(key)}`), {
      balance: u256(account.balance, `${at}.balance`), // required, as in go-ethereum's GenesisAccount
      nonce: quantity(account.nonce ?? '0x0', `${at}.nonce`),
      code: bytes(account.code ?? '0x', `${at}.code`),
      storage,
    });
  }
  return alloc;
}
