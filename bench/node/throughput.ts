/**
 * The throughput workload, the same on every target (an Rpc over HTTP or an in-process provider):
 * - setup: the signed deployment of Token (chain.ts) sent with eth_sendRawTransaction; its receipt must
 *   show success and the token at chain.ts's address;
 * - eth_call: balanceOf(recipient i) on 'latest', i rotating over 64 addresses, back to back (or with N in
 *   flight at once over N connections); each answer must be a 32-byte word;
 * - eth_sendRawTransaction + mine: the pre-signed transfers in nonce order, back to back; each is sent, then
 *   its receipt read (asked again every millisecond until the peer's automine has mined it: anvil and tevm
 *   answer the send first), which must show success, before the next is sent. One operation = send + receipt.
 * Samples are taken in rounds, one sample per target per round, the order rotating every round; the first
 * round is a warm-up and not counted; the figure is the median over rounds of operations per second.
 */
import { parseTransaction, type Hex } from 'viem';
import { ACCOUNT0, TOKEN, callParams } from './chain.js';
import type { Rpc } from './rpcClient.js';

export interface Target {
  readonly name: string;
  /** Requests one at a time (HTTP: one keep-alive socket). */
  readonly rpc: Rpc;
  /** For `inFlight` requests at once (HTTP: that many sockets); undefined: not measured. */
  readonly concurrent?: Rpc;
  /**
   * true (tevm): eth_sendRawTransaction does not mine, so each transfer goes as eth_sendTransaction from
   * the same dev account with the same fields (to, data, gas, nonce, fees: the node signs); its returned
   * hash has no receipt either, so a send is the send alone and the sender's nonce is checked after each
   * sample instead of each receipt.
   */
  readonly sendUnsigned?: boolean;
}

interface Receipt {
  status: string;
  contractAddress?: string | null;
}

/** The receipt, asked again every millisecond until the peer has mined the transaction (anvil and tevm mine after answering eth_sendRawTransaction). */
async function receipt(rpc: Rpc, hash: unknown): Promise<Receipt> {
  const deadline = performance.now() + 10_000;
  for (;;) {
    const r = (await rpc.call('eth_getTransactionReceipt', [hash])) as Receipt | null;
    if (r !== null) return r;
    if (performance.now() > deadline) throw new Error(`no receipt for ${String(hash)} 10 s after it was sent (automine off?)`);
    await new Promise((res) => setTimeout(res, 1));
  }
}

/** eth_sendTransaction params with the fields of a signed transaction, from dev account 0. */
function unsigned(raw: Hex): Record<string, string> {
  const t = parseTransaction(raw);
  const q = (v: bigint | number | undefined): string => '0x' + BigInt(v ?? 0).toString(16);
  return {
    from: ACCOUNT0.address,
    ...(t.to == null ? {} : { to: t.to }),
    data: t.data ?? '0x',
    gas: q(t.gas),
    nonce: q(t.nonce),
    maxFeePerGas: q(t.maxFeePerGas),
    maxPriorityFeePerGas: q(t.maxPriorityFeePerGas),
  };
}

export async function deployToken(rpc: Rpc, deploy: Hex, sendUnsigned = false): Promise<void> {
  const hash = await (sendUnsigned ? rpc.call('eth_sendTransaction', [unsigned(deploy)]) : rpc.call('eth_sendRawTransaction', [deploy]));
  if (sendUnsigned) {
    const code = (await rpc.call('eth_getCode', [TOKEN, 'latest'])) as string;
    if (code.length <= 2) throw new Error('deployment failed: no code at the token address');
    return;
  }
  const r = await receipt(rpc, hash);
  if (r.status !== '0x1' || r.contractAddress?.toLowerCase() !== TOKEN.toLowerCase())
    throw new Error(`deployment failed: status ${r.status}, contract ${String(r.contractAddress)}`);
}

function checkWord(v: unknown): void {
  if (typeof v !== 'string' || v.length !== 66) throw new Error(`eth_call: expected a 32-byte word, got ${JSON.stringify(v)}`);
}

/** `count` eth_calls back to back; seconds taken. */
export async function callSample(rpc: Rpc, count: number, offset: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) checkWord(await rpc.call('eth_call', callParams(offset + i)));
  return (performance.now() - t0) / 1000;
}

/** `count` eth_calls with `inFlight` at once; seconds taken. */
export async function concurrentCallSample(rpc: Rpc, count: number, inFlight: number, offset: number): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      checkWord(await rpc.call('eth_call', callParams(offset + i)));
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return (performance.now() - t0) / 1000;
}

/** The transfers back to back, each sent and then its receipt read (polled until mined), which must show success; seconds taken. */
export async function sendSample(rpc: Rpc, txs: readonly Hex[], sendUnsigned = false): Promise<number> {
  if (sendUnsigned) return unsignedSample(rpc, txs);
  const t0 = performance.now();
  for (const tx of txs) {
    const hash = await rpc.call('eth_sendRawTransaction', [tx]);
    const r = await receipt(rpc, hash);
    if (r.status !== '0x1') throw new Error(`transfer ${String(hash)} failed: status ${r.status}`);
  }
  return (performance.now() - t0) / 1000;
}

/** The transfers as eth_sendTransaction, back to back; then (untimed) the sender's nonce must be the last one's + 1. */
async function unsignedSample(rpc: Rpc, txs: readonly Hex[]): Promise<number> {
  const params = txs.map(unsigned);
  const t0 = performance.now();
  for (const p of params) await rpc.call('eth_sendTransaction', [p]);
  const s = (performance.now() - t0) / 1000;
  const nonce = Number(BigInt((await rpc.call('eth_getTransactionCount', [ACCOUNT0.address, 'latest'])) as string));
  const want = Number(parseTransaction(txs[txs.length - 1]!).nonce) + 1;
  if (nonce !== want) throw new Error(`after the sample the sender's nonce is ${nonce}, expected ${want}: not every transfer was mined`);
  return s;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface ThroughputOptions {
  readonly rounds: number;
  readonly calls: number;
  readonly sends: number;
  readonly inFlight: number;
  readonly log: (s: string) => void;
  /** Only the eth_sendRawTransaction + mine samples (`--only ...-send`): no eth_call samples. */
  readonly sendOnly?: boolean;
}

export interface ThroughputResult {
  readonly name: string;
  /** Per counted round, operations per second. */
  readonly call: number[];
  readonly callConcurrent: number[];
  readonly send: number[];
  readonly error?: string;
}

/**
 * Runs the rounds over targets whose token is deployed. `transfers` must hold (rounds + 1) x sends signed
 * transfers (nonces 1..): every target gets the same ones in the same order.
 */
export async function measureThroughput(
  targets: readonly Target[],
  transfers: readonly Hex[],
  o: ThroughputOptions,
): Promise<ThroughputResult[]> {
  const results = targets.map((t) => ({
    name: t.name,
    call: [] as number[],
    callConcurrent: [] as number[],
    send: [] as number[],
    error: undefined as string | undefined,
  }));
  for (let round = 0; round <= o.rounds; round++) {
    const order = targets.map((_, i) => (i + round) % targets.length);
    for (const ti of order) {
      const t = targets[ti]!;
      const r = results[ti]!;
      if (r.error !== undefined) continue;
      try {
        const callS = o.sendOnly === true ? NaN : await callSample(t.rpc, o.calls, round * o.calls);
        const concS =
          t.concurrent === undefined || o.sendOnly === true
            ? NaN
            : await concurrentCallSample(t.concurrent, o.calls, o.inFlight, round * o.calls);
        const sendS = await sendSample(t.rpc, transfers.slice(round * o.sends, (round + 1) * o.sends), t.sendUnsigned ?? false);
        if (round > 0) {
          if (!Number.isNaN(callS)) r.call.push(o.calls / callS);
          if (!Number.isNaN(concS)) r.callConcurrent.push(o.calls / concS);
          r.send.push(o.sends / sendS);
        }
      } catch (e) {
        r.error = e instanceof Error ? e.message : String(e);
        o.log(`${t.name}: ${r.error}`);
      }
    }
    o.log(`round ${round}${round === 0 ? ' (warm-up)' : ''} done`);
  }
  return results.map((r) => (r.error === undefined ? { name: r.name, call: r.call, callConcurrent: r.callConcurrent, send: r.send } : r));
}
