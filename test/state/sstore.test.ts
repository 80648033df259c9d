/**
 * SSTORE gas and refunds per fork: the EIP-2200 table (Istanbul), EIP-1283 (Constantinople), EIP-2929
 * (Berlin) and EIP-3529 (London) cases, run as transactions so that refunds are applied and capped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hexToBytes } from '../../src/primitives/hex.js';
import { Fork } from '../../src/spec/fork.js';
import { StateJournal } from '../../src/state/journal.js';
import { Account } from '../../src/state/account.js';
import { applyTransaction } from '../../src/transition/pipeline.js';
import { defaultBlockEnv } from '../../src/transition/runCode.js';
import { rulesFor } from '../../src/spec/rules.js';
import { TxType } from '../../src/tx/types.js';

const SENDER = 0xaaaan;
const CONTRACT = 0xccccn;

/** Gas used by a transaction calling `code` with slot 0 originally `original`. */
function gasUsed(fork: Fork, codeHex: string, original: bigint): bigint {
  const state = new StateJournal();
  state.accounts.set(SENDER, new Account(0n, 10n ** 18n));
  const storage = new Map<bigint, bigint>();
  if (original !== 0n) storage.set(0n, original);
  state.accounts.set(CONTRACT, new Account(1n, 0n, hexToBytes(codeHex), storage));
  const r = applyTransaction(
    state,
    defaultBlockEnv({ gasLimit: 30_000_000n }),
    {
      type: TxType.Legacy,
      nonce: 0n,
      gasPrice: 1n,
      gasLimit: 1_000_000n,
      to: CONTRACT,
      value: 0n,
      data: new Uint8Array(0),
      accessList: [],
      v: 27n,
      r: 1n,
      s: 1n,
    },
    SENDER,
    rulesFor(fork),
    1n,
  );
  assert.equal(r.rejected, undefined);
  assert.ok(r.success, String(r.error));
  return r.gasUsed;
}

// The EIP-2200 test table: code, original value, gas used, refund (Istanbul).
// https://eips.ethereum.org/EIPS/eip-2200#test-cases
const EIP2200: [string, bigint, number, number][] = [
  ['0x60006000556000600055', 0n, 1612, 0],
  ['0x60006000556001600055', 0n, 20812, 0],
  ['0x60016000556000600055', 0n, 20812, 19200],
  ['0x60016000556002600055', 0n, 20812, 0],
  ['0x60016000556001600055', 0n, 20812, 0],
  ['0x60006000556000600055', 1n, 5812, 15000],
  ['0x60006000556001600055', 1n, 5812, 4200],
  ['0x60006000556002600055', 1n, 5812, 0],
  ['0x60026000556000600055', 1n, 5812, 15000],
  ['0x60026000556003600055', 1n, 5812, 0],
  ['0x60026000556001600055', 1n, 5812, 4200],
  ['0x60026000556002600055', 1n, 5812, 0],
  ['0x60016000556000600055', 1n, 5812, 15000],
  ['0x60016000556002600055', 1n, 5812, 0],
  ['0x60016000556001600055', 1n, 1612, 0],
  ['0x600160005560006000556001600055', 0n, 40818, 19200],
  ['0x600060005560016000556000600055', 1n, 10818, 19200],
];

function expected(used: number, refund: number, quotient: number): bigint {
  const total = 21000 + used;
  return BigInt(total - Math.min(refund, Math.floor(total / quotient)));
}

test('EIP-2200 net gas metering (Istanbul): the EIP test table', () => {
  for (const [code, orig, used, refund] of EIP2200) {
    assert.equal(gasUsed(Fork.Istanbul, code, orig), expected(used, refund, 2), `${code} original ${orig}`);
  }
});

test('EIP-1283 (Constantinople) prices dirty writes at 200; Petersburg reverts to the legacy rule', () => {
  // 0x60006000556000600055 with original 0: 200 + 200 under EIP-1283; 5000 + 5000 under the legacy rule.
  assert.equal(gasUsed(Fork.Constantinople, '0x60006000556000600055', 0n), 21000n + 412n);
  assert.equal(gasUsed(Fork.Petersburg, '0x60006000556000600055', 0n), 21000n + 10012n);
  // Legacy: set then clear, 20000 + 5000, refund 15000 capped at half.
  const total = 21000 + 25012;
  assert.equal(gasUsed(Fork.Petersburg, '0x60016000556000600055', 0n), BigInt(total - Math.min(15000, Math.floor(total / 2))));
});

test('EIP-2929 (Berlin) adds the cold slot cost once; EIP-3529 (London) caps refunds at a fifth', () => {
  // set 0 -> 1 then 1 -> 0: cold 2100 + 20000, then warm dirty 100; refund 19900 (20000 - 100).
  const used = 3 + 3 + 2100 + 20000 + 3 + 3 + 100;
  assert.equal(gasUsed(Fork.Berlin, '0x60016000556000600055', 0n), BigInt(21000 + used - Math.min(19900, Math.floor((21000 + used) / 2))));
  assert.equal(gasUsed(Fork.London, '0x60016000556000600055', 0n), BigInt(21000 + used - Math.min(19900, Math.floor((21000 + used) / 5))));
  // clear an original non-zero slot: 2100 + 2900, refund 15000 in Berlin, 4800 in London.
  const clear = 3 + 3 + 2100 + 2900;
  assert.equal(gasUsed(Fork.Berlin, '0x6000600055', 1n), BigInt(21000 + clear - Math.min(15000, Math.floor((21000 + clear) / 2))));
  assert.equal(gasUsed(Fork.London, '0x6000600055', 1n), BigInt(21000 + clear - Math.min(4800, Math.floor((21000 + clear) / 5))));
});
