/**
 * Every public entry checks its inputs: a value of the wrong kind is a TypeError, one out of range a
 * RangeError, and the message names the method, the field and the value. One test per bad input of issue
 * #18 (values out of range corrupting state, keys of the wrong type reading as zero, fork names refused or
 * ignored, asm truncating immediates), and the state is unchanged after each refusal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEVM } from '../../src/api/evm.js';
import { asm } from '../../src/spec/asm.js';
import { rulesFor } from '../../src/spec/rules.js';
import { Fork } from '../../src/spec/fork.js';
import { tableFor } from '../../src/machine/table.js';
import { precompilesFor } from '../../src/precompiles/registry.js';
import { runCode } from '../../src/transition/runCode.js';
import { Status } from '../../src/machine/status.js';

const A = '0x00000000000000000000000000000000000000aa';
const ALICE = '0x00000000000000000000000000000000000a11ce';

/** Throws `type` with a message naming every one of `parts`. */
function refuses(fn: () => unknown, type: typeof TypeError | typeof RangeError, ...parts: (string | RegExp)[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof type, `expected a ${type.name}, got ${String(e)}`);
    for (const p of parts) {
      if (typeof p === 'string') assert.ok((e as Error).message.includes(p), `"${(e as Error).message}" does not name ${p}`);
      else assert.match((e as Error).message, p);
    }
    return true;
  });
}

function funded() {
  const evm = createEVM();
  evm.setBalance(ALICE, 10n ** 18n);
  evm.setCode(A, asm('CALLVALUE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'));
  return evm;
}

test('runTransaction({ value: -1n }) is a RangeError naming value; nothing is minted', () => {
  const evm = funded();
  refuses(() => evm.runTransaction({ from: ALICE, to: A, value: -1n }), RangeError, 'runTransaction: value', '-1n');
  assert.equal(evm.getBalance(ALICE), 10n ** 18n);
  assert.equal(evm.getNonce(ALICE), 0n);
  refuses(() => evm.runTransaction({ from: ALICE, to: A, value: 2n ** 256n }), RangeError, 'runTransaction: value', '2^256-1');
});

test('call({ value: -1n }) is a RangeError naming value', () => {
  refuses(() => funded().call({ from: ALICE, to: A, value: -1n }), RangeError, 'call: value', '-1n');
});

test('setBalance with a negative or over-range balance is a RangeError; the balance is kept', () => {
  const evm = funded();
  refuses(() => evm.setBalance(A, -5n), RangeError, 'setBalance: balance', '-5n');
  refuses(() => evm.setBalance(A, 2n ** 256n + 7n), RangeError, 'setBalance: balance', String(2n ** 256n + 7n));
  refuses(() => evm.setBalance(A, 5 as unknown as bigint), TypeError, 'setBalance: balance', 'the number 5', '5n');
  assert.equal(evm.getBalance(A), 0n);
});

test('setNonce(-1n) is a RangeError naming nonce (and 2^64 is out of range)', () => {
  const evm = funded();
  refuses(() => evm.setNonce(A, -1n), RangeError, 'setNonce: nonce', '-1n');
  refuses(() => evm.setNonce(A, 2n ** 64n), RangeError, 'setNonce: nonce', '2^64-1');
  assert.equal(evm.getNonce(A), 0n);
});

test('setStorage with a slot of 2^256 is a RangeError naming slot; values too', () => {
  const evm = funded();
  refuses(() => evm.setStorage(A, 2n ** 256n, 1n), RangeError, 'setStorage: slot', String(2n ** 256n));
  refuses(() => evm.setStorage(A, 0n, -1n), RangeError, 'setStorage: value', '-1n');
  refuses(() => evm.setStorage(A, `0x${'11'.repeat(33)}`, 1n), RangeError, 'setStorage: slot', 'longer than 32 bytes');
  assert.equal(evm.state.getAccount(BigInt(A))!.storage.size, 0);
});

test('storage keys: 0n, "0x0" and "0x00" are the same slot; a number key is a TypeError naming slot', () => {
  const evm = funded();
  evm.setStorage(A, 0n, 7n);
  assert.equal(evm.getStorage(A, '0x00'), 7n);
  assert.equal(evm.getStorage(A, '0x0'), 7n);
  assert.equal(evm.getStorage(A, `0x${'00'.repeat(32)}`), 7n);
  evm.setStorage(A, '0x01', '0x2a');
  assert.equal(evm.getStorage(A, 1n), 42n);
  refuses(() => evm.getStorage(A, 0 as unknown as bigint), TypeError, 'getStorage: slot', 'the number 0');
  refuses(() => evm.getStorage(A, 'zero' as `0x${string}`), TypeError, 'getStorage: slot', '"zero"');
});

test('addresses: wrong length, non-hex, a bad EIP-55 checksum and numbers are refused, naming the field', () => {
  const evm = funded();
  refuses(() => evm.getBalance('0x1234'), RangeError, 'getBalance: address', '"0x1234"', '20 bytes');
  refuses(() => evm.getBalance(`0x${'zz'.repeat(20)}`), TypeError, 'getBalance: address');
  refuses(() => evm.getBalance('0x52908400098527886E0F7030069857D2E4169Ee7'), TypeError, 'getBalance: address', 'checksum');
  assert.equal(evm.getBalance('0x52908400098527886E0F7030069857D2E4169EE7'), 0n); // all upper case: no checksum
  assert.equal(evm.getBalance('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'), 0n); // a valid checksum
  refuses(() => evm.call({ to: 0xaa as unknown as bigint }), TypeError, 'call: to', 'the number 170');
  refuses(() => evm.setCode(A, 'abcd' as `0x${string}`), TypeError, 'setCode: code');
  refuses(() => evm.call({ to: A, data: '0x123' }), TypeError, 'call: data', 'odd-length');
});

test('call({ gas: 100000 }) is a TypeError naming gas, not "Cannot mix BigInt and other types"', () => {
  refuses(() => funded().call({ to: A, gas: 100000 as unknown as bigint }), TypeError, 'call: gas', 'the number 100000', '100000n');
  refuses(() => funded().call({ to: A, gas: 2n ** 64n }), RangeError, 'call: gas', '2^64-1');
  refuses(() => funded().call({ to: A, gasLimit: 1n } as never), TypeError, 'call: unknown field "gasLimit"', '`gas`');
  refuses(() => funded().call({ to: A, gasPrice: 1n, maxFeePerGas: 1n }), TypeError, 'gasPrice', 'maxFeePerGas');
  refuses(() => funded().call({ to: A, type: 'eip1337' as 'legacy' }), TypeError, 'call: type', 'eip1559');
  refuses(() => funded().call({ to: A, tracer: 'fooTracer' as 'callTracer' }), TypeError, 'call: tracer', 'callTracer');
});

test('unsigned requests: fees, nonces, access lists and authorizations are checked field by field', () => {
  const evm = funded();
  refuses(() => evm.runTransaction({ from: ALICE, to: A, maxFeePerGas: -1n }), RangeError, 'runTransaction: maxFeePerGas');
  refuses(() => evm.runTransaction({ from: ALICE, to: A, nonce: -1 }), RangeError, 'runTransaction: nonce');
  refuses(
    () => evm.runTransaction({ from: ALICE, to: A, accessList: [{ address: A, storageKeys: [1 as unknown as bigint] }] }),
    TypeError,
    'accessList[0].storageKeys[0]',
  );
  refuses(
    () =>
      evm.runTransaction({
        from: ALICE,
        to: A,
        authorizationList: [{ address: A, chainId: 1, nonce: 0, r: '0x01', s: '0x01', yParity: 2 }],
      }),
    RangeError,
    'authorizationList[0].yParity',
  );
  refuses(() => evm.runTransaction({ to: A } as never), TypeError, 'runTransaction: from');
  refuses(() => evm.runTransaction('0x1234'), Error, 'runTransaction');
  assert.equal(evm.getNonce(ALICE), 0n);
});

test('fork names work wherever a fork is taken; unknown names list the known ones', () => {
  const code = asm('PUSH1 1 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN');
  assert.equal(runCode(code, { fork: 'Cancun' }).status, Status.Return);
  assert.equal(runCode(code, { fork: 'cancun' as 'Cancun' }).status, Status.Return);
  assert.equal(rulesFor('Cancun'), rulesFor(Fork.Cancun));
  assert.equal(tableFor('Cancun'), tableFor(rulesFor(Fork.Cancun)));
  assert.deepEqual([...precompilesFor('Cancun').keys()], [...precompilesFor(rulesFor(Fork.Cancun)).keys()]);
  assert.equal(precompilesFor('Cancun').size, 10);
  assert.equal(precompilesFor('Osaka').size, 18);
  for (const [fn, where] of [
    [() => runCode(code, { fork: 'Cancum' as 'Cancun' }), 'runCode: fork'],
    [() => rulesFor('Cancum' as 'Cancun'), 'rulesFor: fork'],
    [() => tableFor('Cancum' as 'Cancun'), 'tableFor: rules'],
    [() => precompilesFor('Cancum' as 'Cancun'), 'precompilesFor: rules'],
    [() => createEVM({ fork: 'Cancum' as 'Cancun' }), 'createEVM: fork'],
  ] as const) {
    refuses(fn, RangeError, where, '"Cancum"', 'known: Frontier', 'Cancun', 'BPO5');
  }
  refuses(() => precompilesFor({} as never), TypeError, 'precompilesFor: rules');
  // @ts-expect-error a misspelt fork name does not type-check
  assert.throws(() => createEVM({ fork: 'Cancum' }));
});

test('asm refuses PUSH immediates that do not fit, naming the instruction and the value', () => {
  refuses(() => asm('PUSH1 300'), RangeError, 'PUSH1', '300', '1 byte');
  refuses(() => asm('PUSH1 0x1234'), RangeError, 'PUSH1', '0x1234');
  refuses(() => asm('PUSH1 -1'), RangeError, 'PUSH1', '"-1"');
  refuses(() => asm('PUSH2 0x10000'), RangeError, 'PUSH2', '2 bytes');
  refuses(() => asm('PUSH1'), RangeError, 'PUSH1 needs an immediate');
  refuses(() => asm('PUSH 0x' + '1'.repeat(65)), RangeError, 'PUSH', '32 bytes');
  assert.deepEqual(asm('PUSH1 255 PUSH2 0x1234 PUSH 300'), Uint8Array.of(0x60, 0xff, 0x61, 0x12, 0x34, 0x61, 0x01, 0x2c));
});

test('runCode checks its options like the EVM does', () => {
  const code = asm('STOP');
  refuses(() => runCode(code, { value: -1n }), RangeError, 'runCode: value');
  refuses(() => runCode(code, { gas: 100 as unknown as bigint }), TypeError, 'runCode: gas', 'the number 100');
  refuses(() => runCode(code, { sender: 2n ** 160n }), RangeError, 'runCode: sender');
  refuses(() => runCode('6001' as `0x${string}`), TypeError, 'runCode: code');
});

test('createEVM checks its options: chain id, block fields, the options object', () => {
  refuses(() => createEVM({ chainId: -1n }), RangeError, 'createEVM: chainId');
  refuses(() => createEVM({ block: { baseFee: -1n } }), RangeError, 'createEVM: block.baseFee');
  refuses(() => createEVM({ block: { number: 1 as unknown as bigint } }), TypeError, 'createEVM: block.number');
  refuses(() => createEVM({ block: { coinbase: '0x12' } }), RangeError, 'createEVM: block.coinbase');
  assert.equal(createEVM({ chainId: 10 }).chainId, 10n); // viem's chain.id is a number
});

test('estimateGas and mine check theirs', () => {
  const evm = funded();
  refuses(() => evm.estimateGas({ from: ALICE, to: A, value: -1n }), RangeError, 'estimateGas: value');
  refuses(() => evm.estimateGas({ from: ALICE, to: A }, { errorRatio: -0.1 }), RangeError, 'estimateGas: errorRatio');
  refuses(() => evm.mine({ timestamp: 0n }), RangeError, 'mine: timestamp');
});
