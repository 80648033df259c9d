/**
 * eth_getProof (EIP-1186) on the dev chain: every storage proof is the walk down the storage trie the
 * chain keeps for that block, and equals the proof of a trie built afresh from the account's slots at
 * that block (the reference), before and after later blocks rewrite some of the slots.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProvider } from '../../src/rpc/provider.js';
import { asm } from '../../src/spec/asm.js';
import { Trie, storageValueRlp } from '../../src/primitives/trie/index.js';
import { keccak256 } from '../../src/primitives/crypto/keccak.js';
import { bigintToBytes, bytesToHex, hexToBytes } from '../../src/primitives/hex.js';

const STORE = '0x00000000000000000000000000000000005107e5';
// For each 64-byte pair (key, value) of the calldata: SSTORE(key, value).
const CODE = bytesToHex(
  asm(
    'PUSH0 JUMPDEST DUP1 CALLDATASIZE GT ISZERO PUSH1 23 JUMPI DUP1 PUSH1 32 ADD CALLDATALOAD DUP2 CALLDATALOAD SSTORE PUSH1 64 ADD PUSH1 1 JUMP JUMPDEST STOP',
  ),
);
const word = (v: bigint) => v.toString(16).padStart(64, '0');

interface Proof {
  storageHash: string;
  storageProof: { key: string; value: string; proof: string[] }[];
}

test('eth_getProof: storage proofs walk the stored trie of each block and equal a freshly built one', async () => {
  const p = createProvider();
  const rq = (method: string, params: unknown[] = []) => p.request({ method, params }) as Promise<any>;
  const [from] = (await rq('eth_accounts')) as string[];
  await rq('anvil_setCode', [STORE, CODE]);
  const slots = Array.from({ length: 40 }, (_, i) => BigInt(i) * 0x1000000000000000000000001n + 1n);
  const write = async (pairs: [bigint, bigint][]) => {
    const data = '0x' + pairs.map(([k, v]) => word(k) + word(v)).join('');
    const h = await rq('eth_sendTransaction', [{ from, to: STORE, data, gas: '0x1000000' }]);
    const r = await rq('eth_getTransactionReceipt', [h]);
    assert.equal(r.status, '0x1');
    return BigInt(r.blockNumber);
  };
  const first = await write(slots.map((k, i) => [k, BigInt(i + 1) * 7n]));
  // A later block rewrites every third slot and clears every fifth.
  const second = await write(slots.filter((_, i) => i % 3 === 0 || i % 5 === 0).map((k, i) => [k, i % 2 === 0 ? 0n : 99n]));
  const asked = [...slots, 0xdeadn]; // and one slot never written

  for (const block of [first, second]) {
    const tag = '0x' + block.toString(16);
    const proof = (await rq('eth_getProof', [STORE, asked.map((s) => '0x' + word(s)), tag])) as Proof;
    const reference = new Trie();
    for (const s of slots) {
      const v = BigInt(await rq('eth_getStorageAt', [STORE, '0x' + word(s), tag]));
      if (v !== 0n) reference.put(keccak256(bigintToBytes(s, 32)), storageValueRlp(v));
    }
    assert.equal(proof.storageHash, bytesToHex(reference.root()), `block ${block}: storage root`);
    for (const [i, s] of asked.entries()) {
      const sp = proof.storageProof[i]!;
      const want = reference.proof(keccak256(bigintToBytes(s, 32))).map(bytesToHex);
      assert.deepEqual(sp.proof, want, `block ${block}: proof of slot ${s.toString(16)}`);
      assert.equal(bytesToHex(keccak256(hexToBytes(sp.proof[0]! as `0x${string}`))), proof.storageHash, 'the first node is the root');
      assert.equal(BigInt(sp.value), BigInt(await rq('eth_getStorageAt', [STORE, '0x' + word(s), tag])));
    }
  }
});
