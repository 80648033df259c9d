import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asm } from '../../src/spec/asm.js';
import { runCode, DEFAULT_RECEIVER } from '../../src/transition/runCode.js';
import { StateJournal } from '../../src/state/journal.js';
import { Account } from '../../src/state/account.js';
import { createAddress } from '../../src/state/addresses.js';
import { Status } from '../../src/machine/status.js';
import { Fork } from '../../src/spec/fork.js';
import { bytesToHex } from '../../src/primitives/hex.js';

test('1024-deep self-calls run on the explicit frame stack, never the JS stack', () => {
  // counter++ ; CALL(self, all gas) ; the call from depth 1024 fails the depth check.
  const code = asm('PUSH0 SLOAD PUSH1 1 ADD PUSH0 SSTORE PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 ADDRESS GAS CALL STOP');
  const r = runCode(code, { gas: 1n << 62n });
  assert.equal(r.status, Status.Stop);
  assert.equal(r.state.getStorage(DEFAULT_RECEIVER, 0n), 1025n);
});

test('63/64 rule: a callee gets all but a 64th of what is left (EIP-150)', () => {
  const callee = 0xbeefn;
  const state = new StateJournal();
  // callee stores GAS (measured after its own GAS opcode costs 2)
  state.accounts.set(callee, new Account(0n, 0n, asm('GAS PUSH0 SSTORE STOP')));
  const caller = asm(`PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 ${callee} GAS CALL STOP`);
  const gas = 1_000_000n;
  const r = runCode(caller, { gas, state, fork: Fork.Cancun });
  assert.ok(r.success);
  // before CALL: 5 PUSH0 (10) + PUSH2 (3) + GAS (2) + CALL warm 100 + cold 2500
  const avail = gas - 10n - 3n - 2n - 100n - 2500n;
  const forwarded = avail - avail / 64n;
  assert.equal(state.getStorage(callee, 0n), forwarded - 2n);
});

test('CALL to an account without code succeeds and returns the gas; value needs the stipend accounting', () => {
  const r = runCode(asm('PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 0x1234 PUSH2 0xffff CALL PUSH0 MSTORE PUSH1 32 PUSH0 RETURN'), {
    gas: 100_000n,
  });
  assert.equal(bytesToHex(r.output).slice(-2), '01');
  assert.equal(r.gasUsed, 5n * 2n + 3n + 3n + 100n + 2500n + 3n + 2n + 3n + 3n + 2n);
});

test('CREATE deploys the returned code at keccak(rlp(sender, nonce)) and pushes the address', () => {
  // initcode returns 0x60ff (2 bytes): PUSH2 0x60ff PUSH0 MSTORE PUSH1 2 PUSH1 30 RETURN
  const init = asm('PUSH2 0x60ff PUSH0 MSTORE PUSH1 2 PUSH1 30 RETURN');
  const initHex = bytesToHex(init).slice(2).padEnd(64, '0');
  const code = asm(`PUSH32 0x${initHex} PUSH0 MSTORE PUSH1 ${init.length} PUSH0 PUSH0 CREATE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN`);
  const state = new StateJournal();
  state.accounts.set(DEFAULT_RECEIVER, new Account(1n, 0n));
  const r = runCode(code, { state });
  assert.ok(r.success, String(r.error));
  const addr = createAddress(DEFAULT_RECEIVER, 1n);
  assert.equal(BigInt(bytesToHex(r.output)), addr);
  assert.equal(bytesToHex(state.getCode(addr)), '0x60ff');
  assert.equal(state.getNonce(addr), 1n);
  assert.equal(state.getNonce(DEFAULT_RECEIVER), 2n);
});

test('a reverting callee undoes its writes; its return data is readable; the caller continues', () => {
  const callee = 0xbeefn;
  const state = new StateJournal();
  state.accounts.set(callee, new Account(0n, 0n, asm('PUSH1 7 PUSH0 SSTORE PUSH1 0xab PUSH0 MSTORE8 PUSH1 1 PUSH0 REVERT')));
  const r = runCode(
    asm(`PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 ${callee} GAS CALL RETURNDATASIZE PUSH0 PUSH0 RETURNDATACOPY PUSH1 1 PUSH0 RETURN`),
    { state },
  );
  assert.ok(r.success);
  assert.equal(bytesToHex(r.output), '0xab');
  assert.equal(state.getStorage(callee, 0n), 0n);
});

test('STATICCALL forbids state changes in the callee (EIP-214)', () => {
  const callee = 0xbeefn;
  const state = new StateJournal();
  state.accounts.set(callee, new Account(0n, 0n, asm('PUSH1 1 PUSH0 SSTORE STOP')));
  const r = runCode(asm(`PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 ${callee} GAS STATICCALL PUSH0 MSTORE PUSH1 32 PUSH0 RETURN`), { state });
  assert.equal(BigInt(bytesToHex(r.output)), 0n);
  assert.equal(state.getStorage(callee, 0n), 0n);
});

test('precompiles run inline: identity returns its input', () => {
  const r = runCode(asm('PUSH1 0xff PUSH0 MSTORE8 PUSH1 1 PUSH1 32 PUSH1 1 PUSH0 PUSH0 PUSH1 4 GAS CALL POP PUSH1 1 PUSH1 32 RETURN'));
  assert.equal(bytesToHex(r.output), '0xff');
});
