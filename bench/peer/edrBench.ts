/**
 * EDR as a bench engine (the adapter is bench/peer/edr.ts): the same vector evmkit and ethereumjs run, on
 * an in-process EDR chain of the vector's fork and chain id.
 *
 * Set up once per case, untimed: the pre-state put in (hardhat_set*), empty blocks mined to the block
 * before the vector's, the next block's coinbase, timestamp, base fee and prevRandao set.
 *
 * What is timed: one `eth_call` of the vector's transaction (from, to, data, value, gas, fees, access list)
 * on the pending block: JSON in, revm's transaction (validation, the message call), JSON out. Nothing is
 * committed, so every run starts from the pre-state. The part of that which is not the transaction, the
 * fixed cost of a call through the provider, is measured apart (`callOverhead`: an eth_call of a plain
 * value-less call to an account without code) and reported beside the case times.
 *
 * Checked once per case, untimed: the signed transaction sent and mined; its gas used, the logs hash and a
 * post-state root must match the fixture. EDR's block root cannot be compared as it is (it includes EDR's
 * genesis system contracts and, before the merge, the 2 ETH block reward), so the root is rebuilt from
 * eth_getProof of every account the vector names (pre-state, sender, recipient, coinbase, a created
 * contract), the reward taken off the coinbase. Then the chain goes back to its snapshot, and each timed
 * eth_call must return what the first eth_call did.
 */
import { stateRoot, type AccountLeaf } from '../../src/primitives/trie/index.js';
import { logsHash } from '../../src/transition/logs.js';
import type { StateVector } from '../../src/transition/stateTestTypes.js';
import { TxType } from '../../src/tx/types.js';
import { type Clock, wallClock } from '../run/clock.js';
import { EdrChain, blockReward, bytes, hex, qty, word32 } from './edr.js';

export interface EdrCase {
  /** One timed eth_call: milliseconds, and the gas of the check (the call itself reports none). */
  run(): Promise<{ ms: number; gasUsed: bigint }>;
  /** The once-per-case check: gas used, rebuilt post-state root and logs hash of the mined transaction. */
  check(): Promise<{ gasUsed: bigint; stateRoot: Uint8Array; logsHash: Uint8Array; error?: string }>;
  /** One timed eth_call of an empty call on the same chain (the provider's fixed cost per call). */
  emptyCall(): Promise<number>;
}

function address(a: bigint): string {
  return '0x' + a.toString(16).padStart(40, '0');
}

const EMPTY_CODE_HASH = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470';
const EMPTY_ROOT = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';

/** The eth_call object of a vector's transaction. */
function callObject(v: StateVector): Record<string, unknown> {
  const t = v.tx;
  const o: Record<string, unknown> = { from: address(v.sender), data: hex(t.data), value: qty(t.value), gas: qty(t.gasLimit) };
  if (t.to !== null) o.to = address(t.to);
  if (t.type === TxType.Legacy || t.type === TxType.AccessList) o.gasPrice = qty(t.gasPrice ?? 0n);
  else {
    o.maxFeePerGas = qty(t.maxFeePerGas ?? 0n);
    o.maxPriorityFeePerGas = qty(t.maxPriorityFeePerGas ?? 0n);
  }
  if (t.type !== TxType.Legacy)
    o.accessList = t.accessList.map((i) => ({ address: address(i.address), storageKeys: i.storageKeys.map(word32) }));
  return o;
}

export async function prepareEdr(v: StateVector, signedTx: Uint8Array, clock: Clock = wallClock): Promise<EdrCase> {
  const env = v.env;
  const chain = await EdrChain.create({ fork: v.fork, chainId: v.chainId, blockGasLimit: env.gasLimit });
  for (const [a, acct] of v.pre)
    await chain.setAccount(address(a), { balance: acct.balance, nonce: acct.nonce, code: acct.code, storage: acct.storage });
  await chain.mineTo(env.number - 1n);
  const nextBlock = { coinbase: address(env.coinbase), timestamp: env.timestamp, baseFee: env.baseFee, prevRandao: env.prevRandao };
  await chain.setNextBlock(nextBlock);
  const snapshot = await chain.rpc<string>('evm_snapshot');
  const call = callObject(v);
  const callBody = ['eth_call', [call, 'pending']] as const;
  const empty = {
    from: address(v.sender),
    to: '0x' + 'ee'.repeat(20),
    gas: qty(100_000n),
    value: '0x0',
    data: '0x',
    ...('gasPrice' in call ? { gasPrice: call.gasPrice } : { maxFeePerGas: call.maxFeePerGas, maxPriorityFeePerGas: '0x0' }),
  };
  let checked: { gasUsed: bigint; output: string } | undefined;

  const ethCall = async (body: readonly [string, readonly unknown[]]): Promise<{ ms: number; output: string }> => {
    const t0 = clock();
    const d = await chain.request(body[0], body[1]);
    const ms = clock() - t0;
    const output = d.error === undefined ? (d.result as string) : `error: ${d.error.message}`;
    return { ms, output };
  };

  return {
    async check() {
      const sent = await chain.sendTransaction(signedTx, false);
      if (sent.kind === 'rejected') throw new Error(`EDR rejected the transaction: ${sent.message}`);
      const receipt = await chain.receipt(sent.hash);
      const addresses = new Set<bigint>([...v.pre.keys(), v.sender, env.coinbase]);
      if (v.tx.to !== null) addresses.add(v.tx.to);
      if (receipt.contractAddress !== null) addresses.add(BigInt(receipt.contractAddress));
      const leaves: AccountLeaf[] = [];
      for (const a of addresses) {
        const acct = await chain.account(address(a));
        const balance = a === env.coinbase ? acct.balance - blockReward(v.fork) : acct.balance;
        const codeHash = acct.codeHash === '0x' + '00'.repeat(32) ? EMPTY_CODE_HASH : acct.codeHash;
        const root = acct.storageRoot === '0x' + '00'.repeat(32) ? EMPTY_ROOT : acct.storageRoot;
        if (balance === 0n && acct.nonce === 0n && codeHash === EMPTY_CODE_HASH && root === EMPTY_ROOT) continue;
        leaves.push({ address: a, nonce: acct.nonce, balance, storageRoot: bytes(root), codeHash: bytes(codeHash) });
      }
      const logs = receipt.logs.map((l) => ({ address: BigInt(l.address), topics: l.topics.map((t) => BigInt(t)), data: bytes(l.data) }));
      // Back to the pre-state and the same next block for the timed calls.
      if (!(await chain.rpc<boolean>('evm_revert', [snapshot]))) throw new Error('EDR peer: evm_revert failed');
      await chain.setNextBlock(nextBlock);
      const c = await ethCall(callBody);
      checked = { gasUsed: receipt.gasUsed, output: c.output };
      return {
        gasUsed: receipt.gasUsed,
        stateRoot: stateRoot(leaves),
        logsHash: logsHash(logs),
        ...(sent.status === 'success' ? {} : { error: sent.reason }),
      };
    },
    async run() {
      if (checked === undefined) throw new Error('EDR peer: run() before check()');
      const r = await ethCall(callBody);
      if (r.output !== checked.output)
        throw new Error(`EDR peer: a repeated eth_call returned ${r.output.slice(0, 80)}, the first ${checked.output.slice(0, 80)}`);
      return { ms: r.ms, gasUsed: checked.gasUsed };
    },
    async emptyCall() {
      const r = await ethCall(['eth_call', [empty, 'pending']]);
      if (r.output !== '0x') throw new Error(`EDR peer: the empty call returned ${r.output}`);
      return r.ms;
    },
  };
}
