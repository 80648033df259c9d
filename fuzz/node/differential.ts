/**
 * The node-level differential: the same random steps sent to two nodes (evmkit and anvil), and after each
 * step what both must share compared: the answer to the request (a hash, a result, or an error by code),
 * receipts (status, gas used, cumulative gas, logs, created address, effective gas price), the block the
 * step mined (number, timestamp, gas used and limit, base fee, transactions, logs bloom, blob gas), and the
 * accounts every step can reach (balance, nonce, code, the first storage slots of each contract).
 */
import { privateKeyToAccount, signAuthorization } from 'viem/accounts';
import type { Address, Hex } from 'viem';
import { Rng } from '../rng.js';
import type { Endpoint, RpcAnswer } from './endpoints.js';
import { ADDRESSES, CHAIN_ID, GENESIS_TIMESTAMP, KEYS, type NodeFork } from './genesis.js';
import { OTHERS, createdAddress, describe, nextStep, type Model, type Step, type TxStep } from './steps.js';

export interface Difference {
  readonly step: number;
  readonly what: string;
  readonly a: unknown;
  readonly b: unknown;
}

export interface RunResult {
  readonly steps: number;
  readonly kinds: Record<string, number>;
  readonly differences: readonly Difference[];
  readonly log: readonly string[];
}

const STORAGE_SLOTS = 4;
const BLOCK_FIELDS = [
  'number',
  'timestamp',
  'gasUsed',
  'gasLimit',
  'baseFeePerGas',
  'transactions',
  'logsBloom',
  'blobGasUsed',
  'excessBlobGas',
];
const RECEIPT_FIELDS = [
  'status',
  'gasUsed',
  'cumulativeGasUsed',
  'contractAddress',
  'effectiveGasPrice',
  'type',
  'blockNumber',
  'transactionIndex',
  'logsBloom',
];

function norm(v: unknown): unknown {
  if (typeof v === 'string' && /^0x[0-9a-fA-F]*$/.test(v)) return v.toLowerCase();
  if (Array.isArray(v)) return v.map(norm);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = norm(x);
    return out;
  }
  return v;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** An answer reduced to what both nodes must share: the result, or that it failed (with the revert data, for code 3). */
function comparable(x: RpcAnswer): unknown {
  if ('result' in x) return { result: x.result };
  return { error: x.error.code === 3 ? { code: 3, data: x.error.data } : 'error' };
}

function pick(o: unknown, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (o === null || typeof o !== 'object') return out;
  for (const f of fields) out[f] = (o as Record<string, unknown>)[f] ?? null;
  return out;
}

function logsOf(receipt: unknown): unknown {
  const logs = (receipt as { logs?: { address: string; topics: string[]; data: string; logIndex: string }[] } | null)?.logs ?? [];
  return logs.map((l) => ({ address: l.address, topics: l.topics, data: l.data, logIndex: l.logIndex }));
}

async function signTx(s: TxStep, nonce: bigint, baseFee: bigint, authorityNonces: readonly bigint[]): Promise<Hex> {
  const account = privateKeyToAccount(KEYS[s.sender]!);
  const common = { chainId: CHAIN_ID, nonce: Number(nonce), gas: s.gas, value: s.value, data: s.data };
  const accessList = s.accessList.map((a) => ({ address: a.address, storageKeys: a.storageKeys }));
  switch (s.type) {
    case 'legacy':
      return account.signTransaction({ ...common, type: 'legacy', to: s.to, gasPrice: 2n * baseFee + s.tip });
    case 'eip2930':
      return account.signTransaction({ ...common, type: 'eip2930', to: s.to, gasPrice: 2n * baseFee + s.tip, accessList });
    case 'eip1559':
      return account.signTransaction({
        ...common,
        type: 'eip1559',
        to: s.to,
        maxFeePerGas: 2n * baseFee + s.tip,
        maxPriorityFeePerGas: s.tip,
        accessList,
      });
    case 'eip7702': {
      const authorizationList = await Promise.all(
        s.authorizations.map((a) =>
          signAuthorization({
            privateKey: KEYS[a.authority]!,
            chainId: CHAIN_ID,
            address: a.target,
            nonce: Number(
              authorityNonces[a.authority]! + BigInt(a.nonceOffset) < 0n ? 0n : authorityNonces[a.authority]! + BigInt(a.nonceOffset),
            ),
          }),
        ),
      );
      return account.signTransaction({
        ...common,
        type: 'eip7702',
        to: s.to ?? ADDRESSES[0]!,
        maxFeePerGas: 2n * baseFee + s.tip,
        maxPriorityFeePerGas: s.tip,
        accessList,
        authorizationList,
      });
    }
  }
}

/** EIP-1559: the base fee of the block after `parent` (elasticity 2, change denominator 8). */
export function nextBaseFee(parent: { gasLimit: bigint; gasUsed: bigint; baseFee: bigint }): bigint {
  const target = parent.gasLimit / 2n;
  if (parent.gasUsed === target) return parent.baseFee;
  if (parent.gasUsed > target) {
    const delta = (parent.baseFee * (parent.gasUsed - target)) / target / 8n;
    return parent.baseFee + (delta > 1n ? delta : 1n);
  }
  return parent.baseFee - (parent.baseFee * (target - parent.gasUsed)) / target / 8n;
}

async function headOf(e: Endpoint): Promise<{ gasLimit: bigint; gasUsed: bigint; baseFee: bigint } | null> {
  const x = await e.request('eth_getBlockByNumber', ['latest', false]);
  const b = 'result' in x ? (x.result as { gasLimit: string; gasUsed: string; baseFeePerGas: string } | null) : null;
  return b === null ? null : { gasLimit: BigInt(b.gasLimit), gasUsed: BigInt(b.gasUsed), baseFee: BigInt(b.baseFeePerGas) };
}

/** The receipt of `hash`, polled for up to 10 s (null after that). */
async function receiptOf(e: Endpoint, hash: Hex): Promise<RpcAnswer> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const r = await e.request('eth_getTransactionReceipt', [hash]);
    if (!('result' in r) || r.result !== null || Date.now() > deadline) return r;
    await new Promise((done) => setTimeout(done, 5));
  }
}

export class NodeDifferential {
  private readonly differences: Difference[] = [];
  private readonly log: string[] = [];
  private readonly kinds: Record<string, number> = {};
  private readonly snapshots: { a: unknown; b: unknown; model: Model }[] = [];
  private model: Model;
  private time = GENESIS_TIMESTAMP;
  private stepIndex = 0;

  constructor(
    private readonly a: Endpoint,
    private readonly b: Endpoint,
    fork: NodeFork,
  ) {
    this.model = { fork, nonces: KEYS.map(() => 0n), contracts: [], snapshots: 0, blockNumber: 0n };
  }

  private count(what: string): void {
    this.kinds[what] = (this.kinds[what] ?? 0) + 1;
  }

  private differ(what: string, a: unknown, b: unknown): void {
    this.differences.push({ step: this.stepIndex, what, a: norm(a), b: norm(b) });
  }

  private async both(method: string, params: readonly unknown[] = []): Promise<[RpcAnswer, RpcAnswer]> {
    return Promise.all([this.a.request(method, params), this.b.request(method, params)]);
  }

  private async check(
    what: string,
    method: string,
    params: readonly unknown[] = [],
    view: (x: RpcAnswer) => unknown = comparable,
  ): Promise<[RpcAnswer, RpcAnswer]> {
    const [x, y] = await this.both(method, params);
    // Compared by view; reported with the errors' messages, which say why.
    const shown = (r: RpcAnswer): unknown => ('error' in r ? { error: r.error } : view(r));
    if (!same(view(x), view(y))) this.differ(`${what} (${method})`, shown(x), shown(y));
    return [x, y];
  }

  /** Both nodes mine their next block at the same timestamp. */
  private async nextTimestamp(): Promise<void> {
    this.time += 1 + (this.stepIndex % 13);
    await this.check('set next timestamp', 'evm_setNextBlockTimestamp', ['0x' + this.time.toString(16)], (x) =>
      'result' in x ? 'ok' : 'error',
    );
  }

  private async baseFee(): Promise<bigint> {
    const x = await this.a.request('eth_getBlockByNumber', ['latest', false]);
    const fee = 'result' in x ? (x.result as { baseFeePerGas?: string } | null)?.baseFeePerGas : undefined;
    return fee === undefined ? 1_000_000_000n : BigInt(fee);
  }

  private async compareLatestBlock(what: string, fields: readonly string[] = BLOCK_FIELDS): Promise<void> {
    await this.check(`${what}: latest block`, 'eth_getBlockByNumber', ['latest', false], (x) =>
      'result' in x ? pick(x.result, fields) : 'error',
    );
  }

  /** Every account the steps reach, on both nodes; the model's nonces and block number follow node a. */
  private async compareAccounts(): Promise<void> {
    const accounts: Address[] = [...ADDRESSES, ...OTHERS, ...this.model.contracts];
    const requests: [string, string, unknown[]][] = [];
    for (const addr of accounts) {
      requests.push([`balance ${addr}`, 'eth_getBalance', [addr, 'latest']]);
      requests.push([`nonce ${addr}`, 'eth_getTransactionCount', [addr, 'latest']]);
      requests.push([`code ${addr}`, 'eth_getCode', [addr, 'latest']]);
    }
    for (const c of this.model.contracts)
      for (let slot = 0; slot < STORAGE_SLOTS; slot++)
        requests.push([`storage ${c}[${slot}]`, 'eth_getStorageAt', [c, '0x' + slot.toString(16), 'latest']]);
    const answers = await Promise.all(requests.map(([what, m, p]) => this.check(what, m, p)));
    for (let i = 0; i < KEYS.length; i++) {
      const x = answers[i * 3 + 1]![0];
      if ('result' in x) this.model.nonces[i] = BigInt(x.result as string);
    }
    const [n] = await this.check('block number', 'eth_blockNumber');
    if ('result' in n) this.model.blockNumber = BigInt(n.result as string);
  }

  private async tx(s: TxStep): Promise<void> {
    const raw = await signTx(s, this.model.nonces[s.sender]!, await this.baseFee(), this.model.nonces);
    await this.nextTimestamp();
    const [x, y] = await this.check('send', 'eth_sendRawTransaction', [raw], (r) => ('result' in r ? { result: r.result } : 'rejected'));
    if (!('result' in x) || !('result' in y)) {
      this.count('tx rejected');
      return;
    }
    // Automining may answer the hash before the block is sealed (anvil): wait for each node's receipt.
    const [ra, rb] = await Promise.all([receiptOf(this.a, x.result as Hex), receiptOf(this.b, y.result as Hex)]);
    const view = (r: RpcAnswer): unknown => ('result' in r ? pick(r.result, RECEIPT_FIELDS) : 'error');
    if (!same(view(ra), view(rb))) this.differ('receipt (eth_getTransactionReceipt)', view(ra), view(rb));
    const status = 'result' in ra ? (ra.result as { status?: string } | null)?.status : undefined;
    this.count(status === '0x1' ? 'tx succeeded' : 'tx failed');
    if ('result' in ra && 'result' in rb && !same(logsOf(ra.result), logsOf(rb.result)))
      this.differ('receipt logs', logsOf(ra.result), logsOf(rb.result));
    await this.compareLatestBlock('after the transaction');
    if (s.to === null && 'result' in ra && (ra.result as { status?: string } | null)?.status === '0x1') {
      const created = createdAddress(s.sender, this.model.nonces[s.sender]!);
      if (!this.model.contracts.includes(created)) this.model.contracts.push(created);
    }
  }

  private async step(s: Step): Promise<void> {
    switch (s.kind) {
      case 'tx':
        await this.tx(s);
        break;
      case 'mine':
        for (let i = 0; i < s.blocks; i++) {
          await this.nextTimestamp();
          await this.check('mine', 'evm_mine', [], (x) => ('result' in x ? 'ok' : 'error'));
        }
        await this.compareLatestBlock('after mining');
        break;
      case 'snapshot': {
        const [x, y] = await this.check('snapshot', 'evm_snapshot', [], (r) => ('result' in r ? 'ok' : 'error'));
        if ('result' in x && 'result' in y) {
          this.snapshots.push({
            a: x.result,
            b: y.result,
            model: { ...this.model, nonces: [...this.model.nonces], contracts: [...this.model.contracts] },
          });
          this.model.snapshots = this.snapshots.length;
        }
        break;
      }
      case 'revert': {
        const snap = this.snapshots[s.index]!;
        const [x, y] = await Promise.all([this.a.request('evm_revert', [snap.a]), this.b.request('evm_revert', [snap.b])]);
        if (!same(comparable(x), comparable(y))) this.differ('evm_revert', comparable(x), comparable(y));
        // A revert drops the snapshot and every later one (anvil, Hardhat and evmkit alike).
        this.snapshots.length = s.index;
        // anvil keeps the base fee it had computed for the block after the pre-revert head (FUZZING.md,
        // node-level differential): its next block is put back on the EIP-1559 rule from its new head.
        for (const e of [this.a, this.b]) {
          if (e.name !== 'anvil') continue;
          const head = await headOf(e);
          if (head !== null) await e.request('anvil_setNextBlockBaseFeePerGas', ['0x' + nextBaseFee(head).toString(16)]);
        }
        this.model = { ...snap.model, snapshots: this.snapshots.length };
        await this.compareLatestBlock('after the revert');
        break;
      }
      case 'call':
        await this.check('eth_call', 'eth_call', [{ from: s.from, to: s.to, data: s.data, value: '0x' + s.value.toString(16) }, 'latest']);
        break;
      case 'logs': {
        const from = this.model.blockNumber > BigInt(s.fromBack) ? this.model.blockNumber - BigInt(s.fromBack) : 0n;
        await this.check('eth_getLogs', 'eth_getLogs', [{ fromBlock: '0x' + from.toString(16), toBlock: 'latest' }], (x) =>
          'result' in x
            ? (
                x.result as {
                  address: string;
                  topics: string[];
                  data: string;
                  blockNumber: string;
                  logIndex: string;
                  transactionHash: string;
                }[]
              ).map((l) => ({
                address: l.address,
                topics: l.topics,
                data: l.data,
                blockNumber: l.blockNumber,
                logIndex: l.logIndex,
                transactionHash: l.transactionHash,
              }))
            : 'error',
        );
        break;
      }
    }
    await this.compareAccounts();
  }

  /** Runs `steps` random steps from `seed`; stops at the first step with a difference. */
  async run(seed: number, steps: number, onProgress?: (done: number) => void): Promise<RunResult> {
    const r = new Rng(seed);
    await this.check('chain id', 'eth_chainId');
    // anvil reads no gasUsed from genesis.json (genesis.ts sets it to the EIP-1559 target).
    await this.compareLatestBlock(
      'genesis',
      BLOCK_FIELDS.filter((f) => f !== 'gasUsed'),
    );
    await this.compareAccounts();
    for (let i = 0; i < steps && this.differences.length === 0; i++) {
      this.stepIndex = i;
      const s = nextStep(r, this.model);
      this.count(s.kind);
      this.log.push(`${i}: ${describe(s)}`);
      await this.step(s);
      onProgress?.(i + 1);
    }
    return { steps: this.stepIndex + 1, kinds: this.kinds, differences: this.differences, log: this.log };
  }
}
