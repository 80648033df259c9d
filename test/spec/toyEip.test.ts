/**
 * Adding an opcode in a new fork touches three things: the opcode row, the instruction, and the fork's EIP
 * list (here: an EIP switched on by itself on top of Osaka, go-ethereum's EnableEIP). The README's
 * "Adding an EIP" example does the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerEip } from '../../src/spec/eips.js';
import { registerOpcode, opName } from '../../src/spec/opcodes.js';
import { rulesFor } from '../../src/spec/rules.js';
import { asm } from '../../src/spec/asm.js';
import { registerHandler } from '../../src/machine/handlers.js';
import { tableFor } from '../../src/machine/table.js';
import { Status } from '../../src/machine/status.js';
import { runCode } from '../../src/transition/runCode.js';
import { createEVM } from '../../src/api/evm.js';

const TOY = 90001;

// 1. The EIP (its Rules patch would go here too), 2. the opcode row, 3. the instruction.
registerEip({ number: TOY, title: 'TOY: push the block number times two' });
registerOpcode({ op: 0x0c, name: 'TWICENUMBER', stackIn: 0, stackOut: 1, eip: TOY, gas: 4 });
registerHandler(0x0c, (f) => {
  f.stack[f.sp++] = f.host.block.number * 2n;
  return Status.Continue;
});

const CODE = asm('TWICENUMBER PUSH0 MSTORE PUSH1 32 PUSH0 RETURN');

test('a toy EIP adds an opcode to a copy of Osaka, and only there', () => {
  const toy = rulesFor('Osaka', { eips: [TOY] });
  assert.equal(toy.name, `Osaka+EIP-${TOY}`);
  assert.ok(toy.eips.has(TOY));
  assert.equal(rulesFor('Osaka', { eips: [TOY] }), toy, 'cached');
  assert.equal(tableFor(toy).staticGas[0x0c], 4);
  assert.equal(opName(0x0c), 'TWICENUMBER');

  const r = runCode(CODE, { rules: toy, env: { number: 21n } });
  assert.equal(r.status, Status.Return);
  assert.equal(r.output[31], 42);
  // TWICENUMBER 4 + PUSH0 2 + MSTORE 3 + memory 3 + PUSH1 3 + PUSH0 2
  assert.equal(r.gasUsed, 4n + 2n + 3n + 3n + 3n + 2n);

  // Plain Osaka: 0x0c is still no instruction.
  assert.equal(runCode(CODE, { fork: 'Osaka' }).status, Status.UndefinedOpcode);
  assert.equal(tableFor(rulesFor('Osaka')).defined[0x0c], 0);
});

test('createEVM takes EIPs to switch on by themselves', () => {
  const evm = createEVM({ fork: 'Osaka', eips: [TOY], block: { number: 5n } });
  evm.setCode(0x70n, CODE);
  const r = evm.call({ to: 0x70n });
  assert.equal(r.success, true);
  assert.equal(BigInt(r.returnData), 10n);
  assert.throws(() => createEVM({ fork: 'Osaka', eips: [424242] }), /EIP-424242 is not known/);
});
