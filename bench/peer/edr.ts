/**
 * The native peer: Hardhat's EDR (`@nomicfoundation/edr`, revm behind a JSON-RPC provider), shared by the
 * differential fuzzer (fuzz/runEdr.ts) and the side-by-side benchmark (bench/peer/edrBench.ts). Dev-only:
 * never imported by src/.
 *
 * EDR has no "run this transaction on this state" call: it is a local chain. So a case becomes a chain
 * state: one provider per hardfork (created once, `chainId` 1, automine), an `evm_snapshot` of its
 * genesis taken at creation and reverted to before every case; the pre-state put in with
 * `hardhat_setBalance/Nonce/Code/StorageAt`; `hardhat_mine` up to the block before the case's; the
 * block fields EDR lets one set (`hardhat_setCoinbase`, `evm_setNextBlockTimestamp`,
 * `hardhat_setNextBlockBaseFeePerGas`, `hardhat_setPrevRandao`; gas limit by config) set for the next
 * block; then the signed transaction through `eth_sendRawTransaction`, which mines it. What EDR does not
 * let one set (a pre-merge block's difficulty, the excess blob gas, block hashes) is read back from the
 * chain and given to the other engines (fuzz/runEdr.ts).
 *
 * Post-state is read with `eth_getProof` (balance, nonce, code hash and storage root per account: the
 * whole storage of an account is compared through its root, no slot list needed). Two things on EDR's
 * chain are not in the case and are taken out: a pre-merge block pays the coinbase a 2 ETH reward, and
 * EDR's genesis holds the system contracts of the fork (EIP-4788, EIP-2935, ...), which no case touches.
 *
 * Version: 0.13.0 (package.json pins it): the last release whose `engines` allow Node 20; from 0.14 on
 * EDR wants Node >= 22 and npm leaves an optional native binding whose engines do not match uninstalled
 * (the addon itself loads on Node 20). This module only uses the provider API common to 0.13..0.22.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Fork, forkName } from '../../src/spec/fork.js';

type EdrModule = typeof import('@nomicfoundation/edr');
type EdrProvider = import('@nomicfoundation/edr').Provider;

let edrModule: EdrModule | null | undefined;
let loadError = '';

/** Where EDR is loaded from: `EVMKIT_EDR_MODULE` (a path to another build, e.g. a newer release) or the dev dependency. */
function edrSpecifier(): string {
  return process.env.EVMKIT_EDR_MODULE ?? '@nomicfoundation/edr';
}

/** The EDR module, or undefined when it is not installed (or its native binding is missing). */
export function loadEdr(): EdrModule | undefined {
  if (edrModule === undefined) {
    try {
      edrModule = createRequire(import.meta.url)(edrSpecifier()) as EdrModule;
    } catch (e) {
      edrModule = null;
      loadError = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    }
  }
  return edrModule ?? undefined;
}

/** Why EDR could not be loaded (empty when it loaded). */
export function edrLoadError(): string {
  loadEdr();
  return loadError;
}

/** The installed EDR version, e.g. "0.13.0". */
export function edrVersion(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve(edrSpecifier());
    return (JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

const L1_FORKS: Partial<Record<Fork, string>> = {
  [Fork.Berlin]: 'Berlin',
  [Fork.London]: 'London',
  [Fork.Paris]: 'Merge',
  [Fork.Shanghai]: 'Shanghai',
  [Fork.Cancun]: 'Cancun',
  [Fork.Prague]: 'Prague',
  [Fork.Osaka]: 'Osaka',
};

/** EDR's hardfork string for an evmkit fork (Berlin..Osaka), or undefined when not mapped. */
export function edrHardfork(fork: Fork): string | undefined {
  const name = L1_FORKS[fork];
  const m = loadEdr();
  if (name === undefined || m === undefined) return undefined;
  // The spelling changed between releases ("Osaka" in 0.13, "osaka" later): ask the module.
  const ids = ((m as { SpecId?: unknown }).SpecId ?? (m as { L1Hardfork?: unknown }).L1Hardfork) as Record<string, number>;
  const id = ids[name];
  return id === undefined ? undefined : m.l1HardforkToString(id as never);
}

/** The block reward EDR pays a pre-merge block's coinbase (Constantinople..London: 2 ETH). */
export function blockReward(fork: Fork): bigint {
  return fork < Fork.Paris ? 2n * 10n ** 18n : 0n;
}

export class EdrRpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
    readonly data: unknown,
  ) {
    super(`${method}: ${message}`);
  }
}

let context: Promise<InstanceType<EdrModule['EdrContext']>> | undefined;

async function edrContext(m: EdrModule): Promise<InstanceType<EdrModule['EdrContext']>> {
  // "Should only be called once!" (EdrContext's doc): one per process.
  context ??= (async () => {
    const ctx = new m.EdrContext();
    await ctx.registerProviderFactory(m.L1_CHAIN_TYPE, m.l1ProviderFactory());
    return ctx;
  })();
  return context;
}

export interface ChainOptions {
  readonly fork: Fork;
  readonly chainId?: bigint;
  readonly blockGasLimit?: bigint;
  /** Initial base fee (London+). */
  readonly initialBaseFee?: bigint;
  /**
   * Run the provider in a child process (bench/peer/edrChild.ts): a panic in EDR's native code aborts
   * the process it is in, and the fuzzer must outlive one (the next request starts a new child).
   */
  readonly isolated?: boolean;
  /** Collect call traces: the top frame's output of a mined transaction comes from them. */
  readonly callTraces?: boolean;
}

/** The one thing EdrChain needs of a provider: a JSON-RPC request in, the response's JSON out. */
export interface JsonRpcHandler {
  handle(body: string): Promise<string>;
  /** Several requests in order, in one round trip (one IPC message for an isolated chain). */
  handleMany(bodies: readonly string[]): Promise<string[]>;
  /** One request and the top call trace's output (hex; undefined without call traces). */
  handleTraced(body: string): Promise<{ data: string; output?: string }>;
}

/** A provider in this process, configured for `opts`. */
export async function createInProcessProvider(opts: ChainOptions): Promise<JsonRpcHandler> {
  const m = loadEdr();
  if (m === undefined) throw new Error(`EDR (@nomicfoundation/edr) is not available: ${loadError}`);
  const hardfork = edrHardfork(opts.fork);
  if (hardfork === undefined) throw new Error(`EDR peer: fork ${forkName(opts.fork)} is not mapped to an EDR hardfork`);
  const ctx = await edrContext(m);
  const gasLimit = opts.blockGasLimit ?? 30_000_000n;
  const config = {
    allowBlocksWithSameTimestamp: false,
    allowUnlimitedContractSize: false,
    bailOnCallFailure: true,
    // A failed transaction is still mined; the error tells revert (reason.Revert) from halt.
    bailOnTransactionFailure: true,
    chainId: opts.chainId ?? 1n,
    // Blocks before a case's are mined to an address no case uses (pre-merge blocks pay it a reward).
    coinbase: new Uint8Array(20).fill(0xed),
    defaultTransactionGasLimit: gasLimit,
    genesisState: [],
    hardfork,
    initialBaseFeePerGas: opts.fork >= Fork.London ? (opts.initialBaseFee ?? 7n) : undefined,
    minGasPrice: 0n,
    mining: { autoMine: true, blockGasLimit: gasLimit, memPool: { order: m.MineOrdering.Fifo } },
    network: { genesisBlockGasLimit: gasLimit, genesisBlockTime: 0n },
    networkId: opts.chainId ?? 1n,
    observability: opts.callTraces ? { includeCallTraces: m.IncludeTraces.All } : {},
    ownedAccounts: [],
    precompileOverrides: [],
  };
  const provider: EdrProvider = await ctx.createProvider(
    m.L1_CHAIN_TYPE,
    config as never,
    { enable: false, decodeConsoleLogInputsCallback: () => [], printLineCallback: () => {} },
    { subscriptionCallback: () => {} },
    new m.ContractDecoder(),
  );
  const handle = async (body: string): Promise<string> => {
    const d = (await provider.handleRequest(body)).data as unknown;
    return typeof d === 'string' ? d : JSON.stringify(d);
  };
  return {
    handle,
    async handleTraced(body: string): Promise<{ data: string; output?: string }> {
      const r = await provider.handleRequest(body);
      const d = r.data as unknown;
      const top = opts.callTraces ? r.callTraces()[0] : undefined;
      const out = top?.outputs;
      // Raw bytes only: a precompile's output comes decoded (ecrecover's as a 20-byte address, ...).
      const output = out instanceof Uint8Array ? hex(out) : undefined;
      return { data: typeof d === 'string' ? d : JSON.stringify(d), ...(output === undefined ? {} : { output }) };
    },
    async handleMany(bodies: readonly string[]): Promise<string[]> {
      const out: string[] = [];
      for (const b of bodies) out.push(await handle(b));
      return out;
    },
  };
}

/** Options as plain JSON for the child process. */
function optionsToJson(o: ChainOptions): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = { fork: o.fork };
  if (o.chainId !== undefined) out.chainId = o.chainId.toString();
  if (o.blockGasLimit !== undefined) out.blockGasLimit = o.blockGasLimit.toString();
  if (o.initialBaseFee !== undefined) out.initialBaseFee = o.initialBaseFee.toString();
  if (o.callTraces) out.callTraces = true;
  return out;
}

export function optionsFromJson(j: Record<string, string | number | boolean>): ChainOptions {
  return {
    fork: j.fork as Fork,
    ...(j.chainId === undefined ? {} : { chainId: BigInt(j.chainId) }),
    ...(j.blockGasLimit === undefined ? {} : { blockGasLimit: BigInt(j.blockGasLimit) }),
    ...(j.initialBaseFee === undefined ? {} : { initialBaseFee: BigInt(j.initialBaseFee) }),
    ...(j.callTraces === true ? { callTraces: true } : {}),
  };
}

interface ChildReply {
  readonly id: number;
  readonly ok: boolean;
  readonly body?: string;
  readonly error?: string;
}

/** The child process that holds isolated providers; a new one after a crash. */
class EdrChildProcess {
  private child: ChildProcess | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (s: string) => void; reject: (e: Error) => void }>();
  private stderr = '';
  /** Bumped on every start: providers of an earlier child are gone. */
  generation = 0;

  private start(): ChildProcess {
    if (this.child !== undefined) return this.child;
    const script = join(dirname(fileURLToPath(import.meta.url)), 'edrChild.js');
    const env = { ...process.env, RUST_BACKTRACE: '0' };
    const child = fork(script, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env, serialization: 'advanced' });
    this.generation++;
    this.stderr = '';
    child.stderr?.on('data', (b: Buffer) => {
      this.stderr = (this.stderr + b.toString()).slice(-2000);
    });
    child.on('message', (m: ChildReply) => {
      const p = this.pending.get(m.id);
      if (p === undefined) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.body!);
      else p.reject(new Error(m.error));
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) {
        this.child = undefined;
        this.generation++; // its providers are gone
      }
      const panic = /panicked at ([^\n]*)\n([^\n]*)/.exec(this.stderr);
      const why =
        panic !== null
          ? `EDR panicked at ${panic[1]}: ${panic[2]}`
          : `EDR child process exited (${signal ?? code}): ${this.stderr.trim().split('\n').slice(-2).join(' | ')}`;
      for (const p of this.pending.values()) p.reject(new Error(why));
      this.pending.clear();
    });
    this.child = child;
    return child;
  }

  close(): void {
    this.child?.disconnect();
    this.child = undefined;
  }

  send(msg: Record<string, unknown>): Promise<string> {
    const child = this.start();
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.send({ ...msg, id });
    });
  }
}

let childProcess: EdrChildProcess | undefined;

/** Ends the child process of isolated chains, if any (so that a test's process can exit). */
export function closeEdrChild(): void {
  childProcess?.close();
  chains.clear();
}

async function createIsolatedProvider(opts: ChainOptions): Promise<{ handler: JsonRpcHandler; generation: number }> {
  childProcess ??= new EdrChildProcess();
  const cp = childProcess;
  const key = await cp.send({ op: 'create', options: optionsToJson(opts) });
  const generation = cp.generation;
  return {
    generation,
    handler: {
      handle(body: string): Promise<string> {
        if (cp.generation !== generation) return Promise.reject(new Error('EDR child process was restarted: this provider is gone'));
        return cp.send({ op: 'request', key, body });
      },
      async handleMany(bodies: readonly string[]): Promise<string[]> {
        if (cp.generation !== generation) throw new Error('EDR child process was restarted: this provider is gone');
        return JSON.parse(await cp.send({ op: 'batch', key, bodies })) as string[];
      },
      async handleTraced(body: string): Promise<{ data: string; output?: string }> {
        if (cp.generation !== generation) throw new Error('EDR child process was restarted: this provider is gone');
        return JSON.parse(await cp.send({ op: 'traced', key, body })) as { data: string; output?: string };
      },
    },
  };
}

/** One account as eth_getProof reports it. */
export interface EdrAccount {
  readonly balance: bigint;
  readonly nonce: bigint;
  readonly codeHash: string;
  readonly storageRoot: string;
}

export type SentTx =
  | { readonly kind: 'rejected'; readonly message: string }
  | {
      readonly kind: 'mined';
      readonly hash: string;
      readonly status: 'success' | 'revert' | 'halt';
      /** revm's reason for a halt (OutOfGas, OpcodeNotFound, ...), or the revert/success note. */
      readonly reason: string;
      /** Return data of the top frame (empty for a halt). */
      readonly output: Uint8Array;
    };

export function hex(b: Uint8Array): string {
  return '0x' + Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function qty(v: bigint): string {
  return '0x' + v.toString(16);
}

export function word32(v: bigint): string {
  return '0x' + v.toString(16).padStart(64, '0');
}

/** An EDR local chain (one provider) with a snapshot of its genesis to go back to. */
export class EdrChain {
  private id = 0;
  private genesisSnapshot = '';

  private constructor(
    private readonly provider: JsonRpcHandler,
    readonly fork: Fork,
    /** The child process generation the provider lives in (isolated chains), else 0. */
    readonly generation: number,
  ) {}

  static async create(opts: ChainOptions): Promise<EdrChain> {
    let chain: EdrChain;
    if (opts.isolated) {
      const { handler, generation } = await createIsolatedProvider(opts);
      chain = new EdrChain(handler, opts.fork, generation);
    } else {
      chain = new EdrChain(await createInProcessProvider(opts), opts.fork, 0);
    }
    chain.genesisSnapshot = await chain.rpc<string>('evm_snapshot');
    return chain;
  }

  /** Whether the provider is still there (an isolated one is gone after its child process died). */
  get alive(): boolean {
    return this.generation === 0 || childProcess?.generation === this.generation;
  }

  /** The response JSON. */
  async request(
    method: string,
    params: readonly unknown[] = [],
  ): Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }> {
    return JSON.parse(await this.provider.handle(JSON.stringify({ jsonrpc: '2.0', id: ++this.id, method, params })));
  }

  async rpc<T>(method: string, params: readonly unknown[] = []): Promise<T> {
    const d = await this.request(method, params);
    if (d.error !== undefined) throw new EdrRpcError(method, d.error.code, d.error.message, d.error.data);
    return d.result as T;
  }

  /** Several calls in one round trip; throws on the first error. */
  async rpcMany(calls: readonly (readonly [string, readonly unknown[]])[]): Promise<unknown[]> {
    if (calls.length === 0) return [];
    const bodies = calls.map(([method, params]) => JSON.stringify({ jsonrpc: '2.0', id: ++this.id, method, params }));
    const replies = await this.provider.handleMany(bodies);
    return replies.map((r, i) => {
      const d = JSON.parse(r) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
      if (d.error !== undefined) throw new EdrRpcError(calls[i]![0], d.error.code, d.error.message, d.error.data);
      return d.result;
    });
  }

  /** The calls that put an account in (hardhat_set*). */
  static accountCalls(
    address: string,
    a: { balance: bigint; nonce: bigint; code: Uint8Array; storage: Iterable<readonly [bigint, bigint]> },
  ): [string, unknown[]][] {
    const out: [string, unknown[]][] = [];
    if (a.balance !== 0n) out.push(['hardhat_setBalance', [address, qty(a.balance)]]);
    if (a.nonce !== 0n) out.push(['hardhat_setNonce', [address, qty(a.nonce)]]);
    if (a.code.length > 0) out.push(['hardhat_setCode', [address, hex(a.code)]]);
    for (const [k, v] of a.storage) if (v !== 0n) out.push(['hardhat_setStorageAt', [address, word32(k), word32(v)]]);
    return out;
  }

  /** The calls that mine empty blocks up to `number` (from block 0). */
  static mineCalls(number: bigint): [string, unknown[]][] {
    return number > 0n ? [['hardhat_mine', [qty(number), '0x1']]] : [];
  }

  /** The calls that set the fields of the next block that EDR lets one set. */
  nextBlockCalls(b: { coinbase: string; timestamp: bigint; baseFee?: bigint; prevRandao?: bigint }): [string, unknown[]][] {
    const out: [string, unknown[]][] = [
      ['hardhat_setCoinbase', [b.coinbase]],
      ['evm_setNextBlockTimestamp', [qty(b.timestamp)]],
    ];
    if (b.baseFee !== undefined && this.fork >= Fork.London) out.push(['hardhat_setNextBlockBaseFeePerGas', [qty(b.baseFee)]]);
    if (b.prevRandao !== undefined && this.fork >= Fork.Paris) out.push(['hardhat_setPrevRandao', [word32(b.prevRandao)]]);
    return out;
  }

  /** Several accounts at the latest block, in one round trip. */
  async accounts(addresses: readonly string[]): Promise<EdrAccount[]> {
    const r = (await this.rpcMany(addresses.map((a) => ['eth_getProof', [a, [], 'latest']] as const))) as {
      balance: string;
      nonce: string;
      codeHash: string;
      storageHash: string;
    }[];
    return r.map((p) => ({
      balance: BigInt(p.balance),
      nonce: BigInt(p.nonce),
      codeHash: p.codeHash.toLowerCase(),
      storageRoot: p.storageHash.toLowerCase(),
    }));
  }

  /** Back to the genesis state and block 0 (and a fresh snapshot of it for next time). */
  async reset(): Promise<void> {
    const [ok, snap] = await this.rpcMany([
      ['evm_revert', [this.genesisSnapshot]],
      ['evm_snapshot', []],
    ]);
    if (ok !== true) throw new Error('EDR peer: evm_revert to genesis failed');
    this.genesisSnapshot = snap as string;
  }

  async setAccount(
    address: string,
    a: { balance: bigint; nonce: bigint; code: Uint8Array; storage: Iterable<readonly [bigint, bigint]> },
  ): Promise<void> {
    if (a.balance !== 0n) await this.rpc('hardhat_setBalance', [address, qty(a.balance)]);
    if (a.nonce !== 0n) await this.rpc('hardhat_setNonce', [address, qty(a.nonce)]);
    if (a.code.length > 0) await this.rpc('hardhat_setCode', [address, hex(a.code)]);
    for (const [k, v] of a.storage) if (v !== 0n) await this.rpc('hardhat_setStorageAt', [address, word32(k), word32(v)]);
  }

  /** Mines empty blocks until the latest block is `number` (from block 0). */
  async mineTo(number: bigint): Promise<void> {
    if (number > 0n) await this.rpc('hardhat_mine', [qty(number), '0x1']);
  }

  /** The fields of the next block that EDR lets one set. */
  async setNextBlock(b: { coinbase: string; timestamp: bigint; baseFee?: bigint; prevRandao?: bigint }): Promise<void> {
    await this.rpc('hardhat_setCoinbase', [b.coinbase]);
    await this.rpc('evm_setNextBlockTimestamp', [qty(b.timestamp)]);
    if (b.baseFee !== undefined && this.fork >= Fork.London) await this.rpc('hardhat_setNextBlockBaseFeePerGas', [qty(b.baseFee)]);
    if (b.prevRandao !== undefined && this.fork >= Fork.Paris) await this.rpc('hardhat_setPrevRandao', [word32(b.prevRandao)]);
  }

  /**
   * Sends a signed transaction (mined at once): rejected, or mined with its status and output. The output
   * of a successful transaction comes from debug_traceTransaction's returnValue (call traces are not used:
   * EDR 0.13's contract identifier, which they run through, panics and aborts the process on a code that
   * starts with PUSH20 and is shorter than 21 bytes; see FUZZING.md).
   */
  async sendTransaction(raw: Uint8Array, wantOutput = true): Promise<SentTx> {
    const traced = await this.provider.handleTraced(
      JSON.stringify({ jsonrpc: '2.0', id: ++this.id, method: 'eth_sendRawTransaction', params: [hex(raw)] }),
    );
    const d = JSON.parse(traced.data) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (d.error === undefined) {
      const hash = d.result as string;
      // The call trace's output; without one (no call traces, or an output EDR decoded), debug_traceTransaction.
      const output = !wantOutput ? new Uint8Array() : traced.output !== undefined ? bytes(traced.output) : await this.returnValue(hash);
      return { kind: 'mined', hash, status: 'success', reason: 'success', output };
    }
    const data = (d.error.data ?? {}) as { reason?: unknown; transactionHash?: string };
    if (typeof data.transactionHash !== 'string') return { kind: 'rejected', message: d.error.message };
    const reason = data.reason;
    if (reason !== null && typeof reason === 'object' && 'Revert' in reason) {
      return {
        kind: 'mined',
        hash: data.transactionHash,
        status: 'revert',
        reason: 'revert',
        output: bytes(String((reason as { Revert: string }).Revert)),
      };
    }
    return {
      kind: 'mined',
      hash: data.transactionHash,
      status: 'halt',
      reason: typeof reason === 'string' ? reason : JSON.stringify(reason),
      output: new Uint8Array(),
    };
  }

  /** The top frame's return data of a mined transaction (re-executed by debug_traceTransaction). */
  async returnValue(hash: string): Promise<Uint8Array> {
    const t = await this.rpc<{ returnValue: string }>('debug_traceTransaction', [
      hash,
      { disableStack: true, disableMemory: true, disableStorage: true },
    ]);
    return bytes(t.returnValue);
  }

  async receipt(hash: string): Promise<{
    gasUsed: bigint;
    contractAddress: string | null;
    logs: { address: string; topics: string[]; data: string }[];
    blockNumber: bigint;
  }> {
    const r = await this.rpc<{
      gasUsed: string;
      contractAddress: string | null;
      logs: { address: string; topics: string[]; data: string }[];
      blockNumber: string;
    }>('eth_getTransactionReceipt', [hash]);
    return { gasUsed: BigInt(r.gasUsed), contractAddress: r.contractAddress, logs: r.logs, blockNumber: BigInt(r.blockNumber) };
  }

  async block(
    tag: string | bigint,
  ): Promise<{ number: bigint; hash: string; difficulty: bigint; excessBlobGas: bigint; gasLimit: bigint; miner: string }> {
    const b = await this.rpc<Record<string, string> | null>('eth_getBlockByNumber', [typeof tag === 'bigint' ? qty(tag) : tag, false]);
    if (b === null) throw new Error(`EDR peer: no block ${tag}`);
    return {
      number: BigInt(b.number ?? '0x0'),
      hash: b.hash ?? '',
      difficulty: BigInt(b.difficulty ?? '0x0'),
      excessBlobGas: BigInt(b.excessBlobGas ?? '0x0'),
      gasLimit: BigInt(b.gasLimit!),
      miner: b.miner!,
    };
  }

  /** One account at the latest block (balance, nonce, code hash, storage root). */
  async account(address: string): Promise<EdrAccount> {
    const p = await this.rpc<{ balance: string; nonce: string; codeHash: string; storageHash: string }>('eth_getProof', [
      address,
      [],
      'latest',
    ]);
    return {
      balance: BigInt(p.balance),
      nonce: BigInt(p.nonce),
      codeHash: p.codeHash.toLowerCase(),
      storageRoot: p.storageHash.toLowerCase(),
    };
  }

  async code(address: string): Promise<string> {
    return this.rpc<string>('eth_getCode', [address, 'latest']);
  }
}

export function bytes(h: string): Uint8Array {
  const s = h.startsWith('0x') ? h.slice(2) : h;
  return Uint8Array.from(Buffer.from(s, 'hex'));
}

const chains = new Map<string, Promise<EdrChain>>();

/** One long-lived chain per options, reset to genesis by the caller before each use (a new one after its child process died). */
export async function sharedChain(opts: ChainOptions): Promise<EdrChain> {
  const key = `${opts.fork}/${opts.chainId ?? 1n}/${opts.blockGasLimit ?? 30_000_000n}/${opts.initialBaseFee ?? 7n}/${opts.isolated ?? false}/${opts.callTraces ?? false}`;
  let c = chains.get(key);
  if (c !== undefined) {
    const chain = await c.catch(() => undefined);
    if (chain !== undefined && chain.alive) return chain;
  }
  c = EdrChain.create(opts);
  chains.set(key, c);
  return c;
}
