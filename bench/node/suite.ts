/**
 * The viem-driven mini suite, what a user's test suite does through a viem transport: deploy Token
 * (deployContract), `transfers` transfers (writeContract with a local account: viem asks the chain id,
 * nonce, fees and gas estimate, signs, sends eth_sendRawTransaction; then the receipt, which must show
 * success; asked again every millisecond until mined), `calls` balanceOf reads (readContract, eth_call), `getLogs` Transfer event queries filtered by
 * recipient over the whole chain (getContractEvents, eth_getLogs). The answers are checked against what the
 * transfers must have done: every recipient's balance, the number and the values of its Transfer logs.
 */
import {
  TransactionReceiptNotFoundError,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Address,
  type Chain,
  type Hash,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
} from 'viem';
import { ACCOUNT0, CHAIN_ID, SUPPLY, amount, recipient } from './chain.js';
import { TOKEN_ABI, TOKEN_BYTECODE } from './token.js';

export const benchChain: Chain = defineChain({
  id: CHAIN_ID,
  name: 'evmkit bench',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:8545'] } },
});

export interface SuiteCounts {
  readonly transfers: number;
  readonly calls: number;
  readonly getLogs: number;
}

export const FULL_SUITE: SuiteCounts = { transfers: 1000, calls: 1000, getLogs: 100 };

export interface SuiteResult {
  readonly seconds: number;
  readonly token: Address;
  /** Sum of the balances read by the calls (each read checked against the expected one). */
  readonly balanceSum: bigint;
  /** Transfer logs returned by the getLogs queries (each query's count and values checked). */
  readonly logs: number;
}

/** What the transfers must have left at recipient `r` (0..63) and how many transfers went to it. */
export function expected(transfers: number, r: number): { balance: bigint; count: number } {
  let balance = 0n;
  let count = 0;
  for (let i = r; i < transfers; i += 64) {
    balance += amount(i);
    count++;
  }
  return { balance, count };
}

/** The receipt, asked again every millisecond until mined (anvil and tevm answer the send before mining). */
async function receiptOf(pub: PublicClient, hash: Hash): Promise<TransactionReceipt> {
  const deadline = performance.now() + 10_000;
  for (;;) {
    try {
      return await pub.getTransactionReceipt({ hash });
    } catch (e) {
      if (!(e instanceof TransactionReceiptNotFoundError) || performance.now() > deadline) throw e;
      await new Promise((res) => setTimeout(res, 1));
    }
  }
}

/** Runs the suite on a fresh chain behind `transport`; throws on the first wrong answer. */
export async function runSuite(transport: Transport, counts: SuiteCounts = FULL_SUITE): Promise<SuiteResult> {
  const pub = createPublicClient({ chain: benchChain, transport });
  const wallet = createWalletClient({ account: ACCOUNT0, chain: benchChain, transport });
  const t0 = performance.now();
  const deployHash = await wallet.deployContract({ abi: TOKEN_ABI, bytecode: TOKEN_BYTECODE, args: [SUPPLY] });
  const deployed = await receiptOf(pub, deployHash);
  if (deployed.status !== 'success' || deployed.contractAddress == null) throw new Error(`deployment failed: ${deployed.status}`);
  const token = deployed.contractAddress;
  for (let i = 0; i < counts.transfers; i++) {
    const hash = await wallet.writeContract({ address: token, abi: TOKEN_ABI, functionName: 'transfer', args: [recipient(i), amount(i)] });
    const r = await receiptOf(pub, hash);
    if (r.status !== 'success') throw new Error(`transfer ${i} failed`);
  }
  let balanceSum = 0n;
  for (let i = 0; i < counts.calls; i++) {
    const b = await pub.readContract({ address: token, abi: TOKEN_ABI, functionName: 'balanceOf', args: [recipient(i)] });
    const want = expected(counts.transfers, i % 64).balance;
    if (b !== want) throw new Error(`balanceOf(${recipient(i)}) = ${b}, expected ${want}`);
    balanceSum += b;
  }
  let logs = 0;
  for (let i = 0; i < counts.getLogs; i++) {
    const events = await pub.getContractEvents({
      address: token,
      abi: TOKEN_ABI,
      eventName: 'Transfer',
      args: { to: recipient(i) },
      fromBlock: 0n,
      toBlock: 'latest',
    });
    const want = expected(counts.transfers, i % 64);
    const sum = events.reduce((s, e) => s + (e.args.value ?? 0n), 0n);
    if (events.length !== want.count || sum !== want.balance)
      throw new Error(`Transfer logs to ${recipient(i)}: ${events.length} worth ${sum}, expected ${want.count} worth ${want.balance}`);
    logs += events.length;
  }
  return { seconds: (performance.now() - t0) / 1000, token, balanceSum, logs };
}
