/**
 * What every peer of the node benchmark shares: the chain (id 31337, Cancun, the test mnemonic's dev
 * accounts), the contract (Token.sol, token.ts), the recipients, the pre-signed transactions and the call
 * data. The same bytes go to every peer: the token is deployed by dev account 0 at nonce 0, so its address
 * is the same everywhere, and the transfers are signed once, here, with fixed nonces, fees and gas.
 */
import { encodeDeployData, encodeFunctionData, getContractAddress, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { TOKEN_ABI, TOKEN_BYTECODE } from './token.js';

export const CHAIN_ID = 31337;
/** The fork every peer runs (ganache's newest is Shanghai: it runs that, as the report says). */
export const FORK = 'cancun';
export const TEST_MNEMONIC = 'test test test test test test test test test test test junk';
/** The test mnemonic's first key (dev account 0 of anvil, Hardhat, ganache with the mnemonic, tevm, evmkit). */
export const KEY0: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const ACCOUNT0 = privateKeyToAccount(KEY0);
export const SUPPLY = 10n ** 27n;
/** Where the token lands: dev account 0's first creation. */
export const TOKEN: Address = getContractAddress({ from: ACCOUNT0.address, nonce: 0n });
/** Fees every peer accepts (base fees start at 1 gwei or below on all of them). */
export const MAX_FEE = 20_000_000_000n;
export const PRIORITY_FEE = 1_000_000_000n;
export const TRANSFER_GAS = 100_000n;

/** The i-th recipient of transfers: 64 fixed addresses without code. */
export function recipient(i: number): Address {
  return `0x${(0xbe0000 + (i % 64)).toString(16).padStart(40, '0')}` as Address;
}

/** The amount of the i-th transfer. */
export function amount(i: number): bigint {
  return BigInt(1 + (i % 7));
}

export function deployData(): Hex {
  return encodeDeployData({ abi: TOKEN_ABI, bytecode: TOKEN_BYTECODE, args: [SUPPLY] });
}

export function transferData(i: number): Hex {
  return encodeFunctionData({ abi: TOKEN_ABI, functionName: 'transfer', args: [recipient(i), amount(i)] });
}

export function balanceOfData(i: number): Hex {
  return encodeFunctionData({ abi: TOKEN_ABI, functionName: 'balanceOf', args: [recipient(i)] });
}

/** The signed deployment (nonce 0) and `count` signed transfers (nonces 1..count), EIP-1559. */
export async function signedTransactions(count: number): Promise<{ deploy: Hex; transfers: Hex[] }> {
  const base = { chainId: CHAIN_ID, type: 'eip1559', maxFeePerGas: MAX_FEE, maxPriorityFeePerGas: PRIORITY_FEE } as const;
  const deploy = await ACCOUNT0.signTransaction({ ...base, nonce: 0, gas: 1_000_000n, data: deployData() });
  const transfers: Hex[] = [];
  for (let i = 0; i < count; i++)
    transfers.push(await ACCOUNT0.signTransaction({ ...base, nonce: i + 1, gas: TRANSFER_GAS, to: TOKEN, data: transferData(i) }));
  return { deploy, transfers };
}

/** The eth_call params of the i-th balanceOf. */
export function callParams(i: number): unknown[] {
  return [{ to: TOKEN, data: balanceOfData(i) }, 'latest'];
}

/** The dev accounts' addresses (10, the test mnemonic's), as every peer derives them. */
export const DEV_ADDRESSES: readonly Address[] = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
  '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
  '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
  '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
];

/** A go-ethereum genesis.json of the same chain (Cancun from block 0, the dev accounts with 10,000 ETH), for `--init`. */
export function genesisJson(beaconRootsCode: string): string {
  const alloc: Record<string, { balance: string; nonce?: string; code?: string }> = {};
  for (const a of DEV_ADDRESSES) alloc[a] = { balance: '0x' + (10_000n * 10n ** 18n).toString(16) };
  // EIP-4788's contract, as a Cancun genesis holds it.
  alloc['0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02'] = { balance: '0x0', nonce: '0x1', code: beaconRootsCode };
  const config = {
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
    blobSchedule: { cancun: { target: 3, max: 6, baseFeeUpdateFraction: 3338477 } },
  };
  return JSON.stringify({
    config,
    nonce: '0x0',
    timestamp: '0x0',
    extraData: '0x',
    gasLimit: '0x' + (30_000_000).toString(16),
    difficulty: '0x0',
    mixHash: '0x' + '00'.repeat(32),
    coinbase: '0x' + '00'.repeat(20),
    baseFeePerGas: '0x' + (1_000_000_000).toString(16),
    alloc,
  });
}
