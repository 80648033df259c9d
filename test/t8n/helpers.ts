/** Small builders for t8n tests: accounts, envs, signed JSON transactions. */
import { runT8n, type T8nInput, type T8nOutput } from '../../src/cli/t8nRun.js';

export const KEY = '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8';
export const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
export const COINBASE = '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba';
export const ZERO32 = '0x' + '00'.repeat(32);

export function env(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    currentCoinbase: COINBASE,
    currentGasLimit: '0x1000000',
    currentNumber: '0x10',
    currentTimestamp: '0x3e8',
    currentRandom: ZERO32,
    currentBaseFee: '0x7',
    currentExcessBlobGas: '0x0',
    parentBeaconBlockRoot: ZERO32,
    withdrawals: [],
    ...extra,
  };
}

export function tx(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: '0x2',
    chainId: '0x1',
    nonce: '0x0',
    maxFeePerGas: '0x10',
    maxPriorityFeePerGas: '0x1',
    gas: '0x5208',
    to: COINBASE,
    value: '0x1',
    input: '0x',
    secretKey: KEY,
    ...extra,
  };
}

export function run(input: T8nInput, fork = 'Prague', reward = 0n): T8nOutput {
  return runT8n(input, { fork, chainId: 1n, reward });
}

export function richAlloc(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { [SENDER]: { balance: '0x3635c9adc5dea00000', nonce: '0x0' }, ...extra };
}
