/** Intrinsic gas and the EIP-7623 floor, per fork, with the EIP that sets each term. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fork } from '../../src/spec/fork.js';
import { rulesFor } from '../../src/spec/rules.js';
import { TxError, TxType, type Transaction } from '../../src/tx/index.js';
import { calldataTokens, checkIntrinsicGas, floorDataGas, intrinsicGas } from '../../src/transition/intrinsic.js';

function tx(patch: Partial<Transaction>): Transaction {
  return {
    type: TxType.Legacy,
    nonce: 0n,
    gasPrice: 1n,
    gasLimit: 1_000_000n,
    to: 0x1234n,
    value: 0n,
    data: new Uint8Array(0),
    accessList: [],
    v: 27n,
    r: 1n,
    s: 1n,
    ...patch,
  };
}

const data = Uint8Array.of(0, 0, 1, 2, 3); // 2 zero bytes, 3 non-zero

test('intrinsic gas per fork', () => {
  const cases: [string, Fork, Partial<Transaction>, bigint][] = [
    ['plain call', Fork.Frontier, {}, 21000n],
    ['Frontier creation costs as a call', Fork.Frontier, { to: null }, 21000n],
    ['EIP-2: creation 53000 from Homestead', Fork.Homestead, { to: null }, 53000n],
    ['calldata 4/68 before Istanbul', Fork.Byzantium, { data }, 21000n + 2n * 4n + 3n * 68n],
    ['EIP-2028: calldata 4/16 from Istanbul', Fork.Istanbul, { data }, 21000n + 2n * 4n + 3n * 16n],
    [
      'EIP-2930: 2400 per address, 1900 per key',
      Fork.Berlin,
      {
        type: TxType.AccessList,
        accessList: [
          { address: 1n, storageKeys: [1n, 2n] },
          { address: 2n, storageKeys: [] },
        ],
      },
      21000n + 2n * 2400n + 2n * 1900n,
    ],
    ['no initcode charge before Shanghai', Fork.Paris, { to: null, data: new Uint8Array(33).fill(1) }, 53000n + 33n * 16n],
    [
      'EIP-3860: 2 per initcode word from Shanghai',
      Fork.Shanghai,
      { to: null, data: new Uint8Array(33).fill(1) },
      53000n + 33n * 16n + 2n * 2n,
    ],
    ['EIP-3860 only for creation', Fork.Shanghai, { data: new Uint8Array(33).fill(1) }, 21000n + 33n * 16n],
    [
      'EIP-7702: 25000 per authorization',
      Fork.Prague,
      {
        type: TxType.SetCode,
        authorizationList: [
          { chainId: 1n, address: 1n, nonce: 0n, yParity: 0n, r: 1n, s: 1n },
          { chainId: 1n, address: 2n, nonce: 0n, yParity: 0n, r: 1n, s: 1n },
        ],
      },
      21000n + 50000n,
    ],
  ];
  for (const [name, fork, patch, want] of cases) assert.equal(intrinsicGas(tx(patch), rulesFor(fork)), want, name);
});

test('EIP-7623 floor: 21000 + 10 * (zero bytes + 4 * non-zero bytes) from Prague', () => {
  assert.equal(calldataTokens(data), 2 + 4 * 3);
  assert.equal(floorDataGas(tx({ data }), rulesFor(Fork.Cancun)), 0n);
  assert.equal(floorDataGas(tx({ data }), rulesFor(Fork.Prague)), 21000n + 10n * 14n);
  // 100 non-zero bytes: intrinsic 22600, floor 25000.
  const big = new Uint8Array(100).fill(7);
  const prague = rulesFor(Fork.Prague);
  assert.deepEqual(checkIntrinsicGas(tx({ data: big, gasLimit: 25000n }), prague), {
    intrinsicGas: 22600n,
    floorDataGas: 25000n,
  });
  assert.throws(
    () => checkIntrinsicGas(tx({ data: big, gasLimit: 24999n }), prague),
    (e) => e instanceof TxError && e.code === 'INTRINSIC_GAS_BELOW_FLOOR_GAS_COST' && e.field === 'gasLimit',
  );
  assert.throws(
    () => checkIntrinsicGas(tx({ data: big, gasLimit: 22599n }), prague),
    (e) => e instanceof TxError && e.code === 'INTRINSIC_GAS_TOO_LOW',
  );
  assert.doesNotThrow(() => checkIntrinsicGas(tx({ data: big, gasLimit: 22600n }), rulesFor(Fork.Cancun)));
});
