/**
 * Key-collision loops (`npm run bench -- --hostile`, test/bench/hostile.test.ts): a contract that runs
 * one state-keyed instruction in a loop until its gas runs out, on keys i << shift for i = 0, 1, 2, ...
 * (addresses: i = 0x10000, 0x10001, ..., past the precompiles)
 * With shift 0 the keys are friendly; with 64, 128 or 192 they differ only above bit 64, which is all V8's
 * BigInt hash looks at, so a Map<bigint> keyed by them puts them all in one bucket.
 *
 *   PUSH3 start; loop: JUMPDEST DUP1 PUSH1 shift SHL <body using the key> PUSH1 1 ADD PUSH1 4 JUMP
 *
 * Each case is a state-test vector (a signed transaction calling the loop contract with 30M gas, Cancun),
 * so both engines run exactly the same transaction.
 */
import { asm } from '../../src/spec/asm.js';
import { Fork } from '../../src/spec/fork.js';
import { TxType, encodeTx, signTx } from '../../src/tx/index.js';
import { privateKeyToAddress } from '../../src/primitives/crypto/secp256k1.js';
import { hexToBytes } from '../../src/primitives/hex.js';
import type { StateVector } from '../../src/transition/stateTestTypes.js';
import type { GenesisAccount } from '../../src/state/env.js';

export interface HostileCase {
  /** `<op>/<friendly|shl64|...>` */
  readonly name: string;
  readonly op: string;
  readonly shift: number;
  readonly vector: StateVector;
  readonly signedTx: Uint8Array;
}

/** The loop bodies: the key is on top of the stack (above the counter) and must be consumed. */
export const BODIES: Readonly<Record<string, { readonly body: string; readonly maxShift: number; readonly start: number }>> = {
  SLOAD: { body: 'SLOAD POP', maxShift: 192, start: 0 },
  SSTORE: { body: 'PUSH1 1 SWAP1 SSTORE', maxShift: 192, start: 0 },
  TSTORE_TLOAD: { body: 'DUP1 PUSH1 1 SWAP1 TSTORE TLOAD POP', maxShift: 192, start: 0 },
  // addresses from 0x10000 on: a call to a precompile (0x01-0x11) with empty input may fail and burn the
  // gas it was given, which would end the friendly loop after a few calls
  BALANCE: { body: 'BALANCE POP', maxShift: 64, start: 0x10000 },
  EXTCODESIZE: { body: 'EXTCODESIZE POP', maxShift: 64, start: 0x10000 },
  CALL: { body: 'PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 SWAP5 GAS CALL POP', maxShift: 64, start: 0x10000 },
};

/** The loop contract for one body and shift: the key is i << shift for i = start, start + 1, ... (addresses keep to 160 bits). */
export function loopCode(body: string, shift: number, start = 0): Uint8Array {
  // PUSH3 start JUMPDEST(4) DUP1 PUSH1 shift SHL body PUSH1 1 ADD PUSH1 4 JUMP
  return asm(`PUSH3 ${start} JUMPDEST DUP1 PUSH1 ${shift} SHL ${body} PUSH1 1 ADD PUSH1 4 JUMP`);
}

const KEY = hexToBytes('0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8');
const SENDER = privateKeyToAddress(KEY);
const CONTRACT = 0xc0de0000000000000000000000000000000c0den;
const COINBASE = 0xc014ba5en;
export const HOSTILE_GAS = 30_000_000n;

const account = (balance: bigint, code: Uint8Array): GenesisAccount => ({ balance, nonce: 0n, code, storage: new Map() });

/** One case: `op` with keys i << shift, `gas` for the transaction. */
export function hostileCase(op: string, shift: number, gas: bigint = HOSTILE_GAS): HostileCase {
  const b = BODIES[op];
  if (b === undefined) throw new Error(`hostile: unknown loop ${op}`);
  const pre = new Map<bigint, GenesisAccount>([
    [SENDER, account(10n ** 24n, new Uint8Array(0))],
    [CONTRACT, account(0n, loopCode(b.body, shift, b.start))],
  ]);
  const unsigned = {
    type: TxType.FeeMarket,
    chainId: 1n,
    nonce: 0n,
    maxPriorityFeePerGas: 0n,
    maxFeePerGas: 10n,
    gasLimit: gas,
    to: CONTRACT,
    value: 0n,
    data: new Uint8Array(0),
    accessList: [],
  } as const;
  const tx = signTx(unsigned, KEY);
  const vector: StateVector = {
    fork: Fork.Cancun,
    chainId: 1n,
    pre,
    env: {
      coinbase: COINBASE,
      gasLimit: 60_000_000n,
      number: 1n,
      timestamp: 1000n,
      difficulty: 0n,
      prevRandao: 0n,
      baseFee: 7n,
      excessBlobGas: 0n,
      getBlockHash: () => 0n,
    },
    tx,
    sender: SENDER,
  };
  return { name: `${op}/${shift === 0 ? 'friendly' : `shl${shift}`}`, op, shift, vector, signedTx: encodeTx(tx) };
}

/** Every loop, friendly and with each hostile shift it supports. */
export function hostileCases(filter?: string): HostileCase[] {
  const out: HostileCase[] = [];
  for (const [op, b] of Object.entries(BODIES)) {
    for (const shift of [0, 64, 128, 192]) {
      if (shift > b.maxShift) continue;
      const c = hostileCase(op, shift);
      if (filter === undefined || c.name.includes(filter)) out.push(c);
    }
  }
  return out;
}
