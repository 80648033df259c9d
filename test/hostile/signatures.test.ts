/**
 * Invalid transaction signatures: high s (EIP-2), wrong v / yParity, zero or out-of-range r and s, and
 * an r that is no curve point. Each is a TxError INVALID_SIGNATURE naming the field (never a crash and
 * never a wrong sender); the ECRECOVER precompile answers such inputs with empty output, not a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signTx, recoverSender } from '../../src/tx/signing.js';
import { validateTx } from '../../src/tx/validate.js';
import { TxError } from '../../src/tx/errors.js';
import { TxType, type Transaction } from '../../src/tx/types.js';
import { SECP256K1_N } from '../../src/primitives/crypto/secp256k1.js';
import { rulesFor } from '../../src/spec/rules.js';
import { Fork } from '../../src/spec/fork.js';
import { Status } from '../../src/machine/status.js';
import { asm } from '../../src/spec/asm.js';
import { hexToBytes } from '../../src/primitives/hex.js';
import { hostileRun } from './helpers.js';

const KEY = hexToBytes('0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8');
const SENDER = 0xa94f5374fce5edbc8e2a8697c15331677e6ebf0bn;
const CANCUN = rulesFor(Fork.Cancun);

const base = {
  nonce: 0n,
  gasLimit: 21000n,
  to: 0x1000n,
  value: 1n,
  data: new Uint8Array(0),
  accessList: [],
};
const legacy = signTx({ ...base, type: TxType.Legacy, chainId: 1n, gasPrice: 10n }, KEY);
const typed = signTx({ ...base, type: TxType.FeeMarket, chainId: 1n, maxFeePerGas: 10n, maxPriorityFeePerGas: 1n }, KEY);
const unprotected = signTx({ ...base, type: TxType.Legacy, gasPrice: 10n }, KEY);

function rejects(tx: Transaction, field: RegExp, what: string, fork: Fork = Fork.Cancun, code = 'INVALID_SIGNATURE'): void {
  assert.throws(
    () => validateTx(tx, rulesFor(fork), 1n),
    (e: unknown) => e instanceof TxError && e.code === code && field.test(e.message),
    what,
  );
}

test('the well-formed signatures recover the sender', () => {
  assert.equal(validateTx(legacy, CANCUN, 1n), SENDER);
  assert.equal(validateTx(typed, CANCUN, 1n), SENDER);
  assert.equal(validateTx(unprotected, CANCUN, 1n), SENDER);
});

test('high s (n - s, parity flipped) is rejected from Homestead (EIP-2) and recovers the same sender in Frontier', () => {
  const flip = (tx: Transaction): Transaction => {
    const v = tx.type === TxType.Legacy ? (tx.v % 2n === 0n ? tx.v - 1n : tx.v + 1n) : 1n - tx.v;
    return { ...tx, s: SECP256K1_N - tx.s, v };
  };
  rejects(flip(legacy), /n\/2/, 'legacy high s');
  rejects(flip(typed), /n\/2/, 'typed high s');
  rejects(flip(unprotected), /n\/2/, 'unprotected high s', Fork.Homestead);
  assert.equal(recoverSender(flip(unprotected), rulesFor(Fork.Frontier)), SENDER, 'Frontier accepts high s');
});

test('wrong v / yParity is rejected naming v', () => {
  for (const v of [0n, 1n, 26n, 29n, 34n]) rejects({ ...legacy, v }, /./, `legacy v ${v}`);
  rejects({ ...legacy, v: 39n }, /chain 2, this chain is 1/, 'v for another chain', Fork.Cancun, 'INVALID_CHAINID'); // 35 + 2*2 + 0
  rejects({ ...unprotected, v: 37n }, /chain/, 'EIP-155 v on an unprotected tx');
  for (const v of [2n, 27n, 28n, 1n << 255n]) rejects({ ...typed, v }, /0 or 1/, `yParity ${v}`);
  // EIP-155 values before Spurious Dragon
  rejects(legacy, /EIP-155/, 'EIP-155 v in Homestead', Fork.Homestead);
});

test('r or s zero, equal to n, or above it is rejected naming the field', () => {
  for (const [field, value] of [
    ['r', 0n],
    ['s', 0n],
    ['r', SECP256K1_N],
    ['s', SECP256K1_N],
    ['r', (1n << 256n) - 1n],
    ['s', (1n << 256n) - 1n],
  ] as const) {
    rejects({ ...legacy, [field]: value }, /\[1, n-1\]/, `${field} = ${value}`);
    rejects({ ...typed, [field]: value }, /\[1, n-1\]/, `typed ${field} = ${value}`);
  }
});

test('an r that is no x coordinate on the curve recovers no key', () => {
  // x = 5: 5^3 + 7 = 132 is not a square mod p, so no point has x = 5.
  rejects({ ...legacy, r: 5n }, /no public key/, 'r = 5');
});

test('ECRECOVER precompile: bad v, zero or high r/s give empty output and keep the call successful', () => {
  const hash = '0x' + '11'.repeat(32);
  const cases: [bigint, bigint, bigint][] = [
    [29n, legacy.r, legacy.s], // v not 27/28
    [0n, legacy.r, legacy.s],
    [27n, 0n, legacy.s],
    [27n, legacy.r, 0n],
    [27n, SECP256K1_N, legacy.s],
    [27n, legacy.r, SECP256K1_N],
    [27n + (1n << 200n), legacy.r, legacy.s], // v with high garbage
  ];
  for (const [v, r, s] of cases) {
    const src =
      `PUSH32 ${hash} PUSH1 0 MSTORE PUSH32 0x${v.toString(16).padStart(64, '0')} PUSH1 32 MSTORE ` +
      `PUSH32 0x${r.toString(16).padStart(64, '0')} PUSH1 64 MSTORE PUSH32 0x${s.toString(16).padStart(64, '0')} PUSH1 96 MSTORE ` +
      'PUSH1 0 PUSH1 0 PUSH1 128 PUSH1 0 PUSH1 0 PUSH1 1 PUSH2 0xffff CALL RETURNDATASIZE PUSH1 1 MSTORE8 PUSH1 0 MSTORE8 PUSH1 2 PUSH1 0 RETURN';
    const res = hostileRun(asm(src), { fork: Fork.Cancun, gas: 1_000_000n }, `ecrecover v=${v}`);
    assert.equal(res.status, Status.Return);
    // byte 0: the call's success flag (1), byte 1: RETURNDATASIZE (0).
    assert.deepEqual([...res.output], [1, 0], `v=${v} r=${r} s=${s}`);
  }
});
