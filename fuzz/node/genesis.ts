/**
 * The shared chain of the node-level differential: one genesis.json both nodes start from (every fork
 * through the chosen one active at block 0, the dev keys funded), and the keys that sign.
 */
import { privateKeyToAddress } from 'viem/accounts';
import type { Hex, Address } from 'viem';
import { SYSTEM_CONTRACT_CODE } from '../../src/rpc/backend/systemContracts.js';

/** The test mnemonic's first six keys (anvil's and Hardhat's dev accounts): 0-2 send, 3-5 authorize (EIP-7702). */
export const KEYS: readonly Hex[] = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
];
export const ADDRESSES: readonly Address[] = KEYS.map((k) => privateKeyToAddress(k));
export const CHAIN_ID = 31337;
export const GENESIS_TIMESTAMP = 0x6000_0000;
export const GAS_LIMIT = 30_000_000n;
export const INITIAL_BASE_FEE = 1_000_000_000n;

export type NodeFork = 'prague' | 'osaka';

/** genesis.json in go-ethereum's format, read by `evmkit node --init` and `anvil --init` alike. */
export function genesisJson(fork: NodeFork): string {
  const config: Record<string, unknown> = {
    chainId: CHAIN_ID,
    homesteadBlock: 0,
    eip150Block: 0,
    eip155Block: 0,
    eip158Block: 0,
    byzantiumBlock: 0,
    constantinopleBlock: 0,
    petersburgBlock: 0,
    istanbulBlock: 0,
    berlinBlock: 0,
    londonBlock: 0,
    mergeNetsplitBlock: 0,
    terminalTotalDifficulty: 0,
    shanghaiTime: 0,
    cancunTime: 0,
    pragueTime: 0,
    ...(fork === 'osaka' ? { osakaTime: 0 } : {}),
    blobSchedule: {
      cancun: { target: 3, max: 6, baseFeeUpdateFraction: 3338477 },
      prague: { target: 6, max: 9, baseFeeUpdateFraction: 5007716 },
      ...(fork === 'osaka' ? { osaka: { target: 6, max: 9, baseFeeUpdateFraction: 5007716 } } : {}),
    },
  };
  const alloc: Record<string, { balance: string; nonce?: string; code?: string }> = {};
  for (const a of ADDRESSES) alloc[a] = { balance: '0x' + (10_000n * 10n ** 18n).toString(16) };
  // The EIP-4788, EIP-2935, EIP-7002 and EIP-7251 system contracts, as every Prague genesis holds them
  // (a Prague block whose request contracts have no code is invalid).
  for (const [address, , code] of SYSTEM_CONTRACT_CODE)
    alloc['0x' + address.toString(16).padStart(40, '0')] = { balance: '0x0', nonce: '0x1', code };
  return JSON.stringify(
    {
      config,
      nonce: '0x0',
      timestamp: '0x' + GENESIS_TIMESTAMP.toString(16),
      extraData: '0x',
      gasLimit: '0x' + GAS_LIMIT.toString(16),
      // At the EIP-1559 target, so block 1's base fee is the genesis one by the formula (go-ethereum, evmkit)
      // and by anvil's convention (its first block takes the genesis base fee as its own).
      gasUsed: '0x' + (GAS_LIMIT / 2n).toString(16),
      difficulty: '0x0',
      mixHash: '0x' + '00'.repeat(32),
      coinbase: '0x' + '00'.repeat(20),
      baseFeePerGas: '0x' + INITIAL_BASE_FEE.toString(16),
      alloc,
    },
    null,
    2,
  );
}
