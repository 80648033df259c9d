/**
 * A tiny bench fixture written to a temporary folder (`<root>/bench/micro/tiny_loop.json`): a 16-round
 * countdown loop, one LOG0 and one SSTORE, under Berlin and London. Its expected post roots and logs
 * hashes are filled in from evmkit's own run, so the bench then checks ethereumjs against evmkit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asm } from '../../src/spec/asm.js';
import { loadStateTestFile } from '../../src/statetest/files.js';
import { runStateVector } from '../../src/transition/stateTest.js';
import { bytesToHex } from '../../src/primitives/hex.js';

const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const SECRET_KEY = '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8';
const TARGET = '0x1000000000000000000000000000000000000001';
const ZERO = '0x' + '00'.repeat(32);

/** PUSH1 n; loop: n -= 1 while n != 0; LOG0(0, 0); SSTORE(0, 0x2a). */
export const TINY_CODE = asm(
  'PUSH1 16 JUMPDEST PUSH1 1 SWAP1 SUB DUP1 PUSH1 2 JUMPI POP PUSH1 0 PUSH1 0 LOG0 PUSH1 42 PUSH1 0 SSTORE STOP',
);

function tinyTest(post: Record<string, { hash: string; logs: string }[]>): unknown {
  const entries = (list: { hash: string; logs: string }[]) => list.map((e, i) => ({ ...e, indexes: { data: i, gas: 0, value: 0 } }));
  return {
    tiny_loop: {
      config: { chainid: '0x07' },
      env: {
        currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba',
        currentDifficulty: '0x020000',
        currentGasLimit: '0x05f5e100',
        currentNumber: '0x01',
        currentTimestamp: '0x03e8',
        currentBaseFee: '0x0a',
        currentRandom: '0x' + '00'.repeat(31) + '42',
      },
      pre: {
        [SENDER]: { balance: '0x0de0b6b3a7640000', nonce: '0x00', code: '0x', storage: {} },
        [TARGET]: { balance: '0x00', nonce: '0x01', code: bytesToHex(TINY_CODE), storage: { '0x01': '0x02' } },
      },
      transaction: {
        data: ['0x', '0xdeadbeef'],
        gasLimit: ['0x0186a0'],
        value: ['0x00'],
        nonce: '0x00',
        gasPrice: '0x0a',
        to: TARGET,
        secretKey: SECRET_KEY,
        sender: SENDER,
      },
      post: Object.fromEntries(Object.entries(post).map(([fork, list]) => [fork, entries(list)])),
    },
  };
}

/** Writes the fixture under `root` and returns its path. */
export function writeTinyBench(root: string): string {
  const dir = join(root, 'bench', 'micro');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'tiny_loop.json');
  const placeholder = [
    { hash: ZERO, logs: ZERO },
    { hash: ZERO, logs: ZERO },
  ];
  writeFileSync(file, JSON.stringify(tinyTest({ Berlin: placeholder, London: placeholder })));
  const post: Record<string, { hash: string; logs: string }[]> = {};
  for (const e of loadStateTestFile(file)) {
    if (e.kind !== 'vector') throw new Error(`tiny bench fixture: ${JSON.stringify(e)}`);
    const r = runStateVector(e.vector);
    (post[e.fork] ??= [])[e.index] = { hash: bytesToHex(r.stateRoot), logs: bytesToHex(r.logsHash) };
  }
  writeFileSync(file, JSON.stringify(tinyTest(post)));
  return file;
}
