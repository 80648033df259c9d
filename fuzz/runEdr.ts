/**
 * Runs a fuzz case in EDR (revm behind Hardhat's provider; bench/peer/edr.ts), the second, native peer.
 *
 * The case becomes a chain: the pre-state put into a reset chain of the case's fork, empty blocks mined up
 * to the block before the case's number, the next block's coinbase, timestamp, base fee and prevRandao
 * set, and the transaction (signed with the sender's key, chain id 1) sent and mined. Three block fields
 * cannot be set in EDR and are read back instead, so that evmkit and ethereumjs run the same block:
 * a pre-merge block's difficulty, the excess blob gas (0 on these chains) and the hashes of earlier
 * blocks (fetched when BLOCKHASH asks). The returned `effective` case carries them; it is the case all
 * three engines run, and the one a regression file keeps.
 *
 * Outcome: rejected (eth_sendRawTransaction refused it: no transaction hash) or mined, with the status
 * (revm's result: the error's `reason.Revert` is a revert, any other reason an exceptional halt), gas used
 * and logs from the receipt, the top frame's output from the call trace. No state root: EDR's block root
 * includes its genesis system contracts and, before the merge, the block reward; accounts are compared one
 * by one instead (accountViewsEdr).
 */
import { EdrChain, blockReward, bytes, hex, qty, sharedChain } from '../bench/peer/edr.js';
import { RLP } from '@ethereumjs/rlp';
import { Fork, forkFromName } from '../src/spec/fork.js';
import { encodeTx, signTx } from '../src/tx/index.js';
import { bytesOf, hexOf, quantity, SENDER_KEY, type AccountView, type FuzzCase, type Outcome } from './case.js';
import { caseTransaction } from './runEvmkit.js';

/**
 * A code EDR panics on (and aborts its process): one that starts with PUSH20 and is shorter than 21 bytes
 * (its contract identifier reads a library address past the end), or one that starts with 0xef01 and is
 * no well-formed EIP-7702 designator (revm-bytecode's `Bytecode::new_raw` expects one: "Expect correct
 * bytecode: Eip7702(InvalidLength)").
 */
export function panicsEdr(code: string): boolean {
  if (code.startsWith('0x73') && code.length < 2 + 42) return true;
  return code.startsWith('0xef01') && !(code.length === 2 + 46 && code.startsWith('0xef0100'));
}

export interface EdrRun {
  readonly outcome: Outcome;
  /** The case with the block fields EDR decided (difficulty, excess blob gas, a block-hash table). */
  readonly effective: FuzzCase;
  /** The chain, still at the post-state (until the next case resets it). */
  readonly chain: EdrChain;
  /** Hash of block n on this chain (also added to the effective case's table). */
  readonly fetchHash: (n: bigint) => Promise<string>;
}

export async function runEdr(c: FuzzCase): Promise<EdrRun> {
  const fork = forkFromName(c.fork);
  if (fork === undefined) throw new Error(`unknown fork in fuzz case: ${c.fork}`);
  // A code EDR's contract identifier panics on (fuzz/known.ts edr-identifier-panic): not sent, so that the
  // child process is not restarted for it (a created code can still do it; the child then restarts).
  const trigger = [...c.pre.map((a) => a.code), ...(c.tx.to === null ? [c.tx.data] : [])].find(panicsEdr);
  if (trigger !== undefined) {
    const why = trigger.startsWith('0x73') ? "EDR's contracts_identifier" : 'revm-bytecode (Eip7702 designator)';
    throw new Error(`EDR not run: a code ${why} panics on (${trigger.slice(0, 60)})`);
  }
  const chain = await sharedChain({ fork, isolated: true, callTraces: true, blockGasLimit: BigInt(c.env.gasLimit) });
  await chain.reset();
  const number = BigInt(c.env.number);
  if (number < 1n) throw new Error('EDR peer: the case block number must be at least 1');
  // The pre-state, the empty blocks before the case's, and the next block's fields: one round trip.
  const setup: [string, unknown[]][] = [];
  for (const a of c.pre) {
    const storage: [bigint, bigint][] = Object.entries(a.storage).map(([k, v]) => [BigInt(k), BigInt(v)]);
    setup.push(...EdrChain.accountCalls(a.address, { balance: BigInt(a.balance), nonce: BigInt(a.nonce), code: bytesOf(a.code), storage }));
  }
  setup.push(...EdrChain.mineCalls(number - 1n));
  setup.push(
    ...chain.nextBlockCalls({
      coinbase: c.env.coinbase,
      timestamp: BigInt(c.env.timestamp),
      baseFee: BigInt(c.env.baseFee),
      prevRandao: BigInt(c.env.prevRandao),
    }),
  );
  await chain.rpcMany(setup);
  const signed = encodeTx(signTx(caseTransaction(c), bytesOf(SENDER_KEY)));
  const sent = await chain.sendTransaction(
    c.tx.type === 3
      ? blobNetworkForm(signed, c.tx.blobVersionedHashes?.length ?? 0, process.env.CELLS === '1' && fork >= Fork.Osaka)
      : signed,
  );

  const hashes: Record<string, string> = {};
  const fetchHash = async (n: bigint): Promise<string> => {
    const known = hashes[n.toString()];
    if (known !== undefined) return known;
    const h = n < number ? (await chain.block(n)).hash : '0x' + '00'.repeat(32);
    hashes[n.toString()] = h;
    return h;
  };

  let outcome: Outcome;
  let blockTag: string | bigint = 'pending';
  if (sent.kind === 'rejected') {
    outcome = {
      rejected: true,
      status: 'rejected',
      gasUsed: '0x0',
      output: '0x',
      logs: [],
      stateRoot: '',
      detail: sent.message.slice(0, 200),
    };
  } else {
    const receipt = await chain.receipt(sent.hash);
    if (receipt.blockNumber !== number)
      throw new Error(`EDR peer: the transaction was mined in block ${receipt.blockNumber}, not ${number}`);
    blockTag = number;
    outcome = {
      rejected: false,
      status: sent.status,
      gasUsed: quantity(receipt.gasUsed),
      // As on the other sides: no output for a successful create (the code is in the state) or a halt.
      output: sent.status === 'halt' || (c.tx.to === null && sent.status === 'success') ? '0x' : hexOf(sent.output),
      logs: receipt.logs.map((l) => ({
        address: l.address.toLowerCase(),
        topics: l.topics.map((t) => t.toLowerCase()),
        data: l.data.toLowerCase(),
      })),
      stateRoot: '',
      detail: sent.reason,
    };
  }
  const block = await chain.block(blockTag);
  if (block.gasLimit !== BigInt(c.env.gasLimit))
    throw new Error(`EDR peer: block gas limit ${block.gasLimit}, the case wants ${BigInt(c.env.gasLimit)}`);
  const effective: FuzzCase = {
    ...c,
    env: {
      ...c.env,
      difficulty: quantity(block.difficulty),
      excessBlobGas: quantity(block.excessBlobGas),
      blockHashes: hashes,
    },
  };
  return { outcome, effective, chain, fetchHash };
}

/**
 * A blob transaction as eth_sendRawTransaction wants it (EIP-4844 network form): the signed payload with
 * the blobs, commitments and proofs; under Osaka (EIP-7594) a wrapper version 1 and 128 cell proofs per
 * blob. The blobs are all zero (the generator's good versioned hashes are the zero blob's): commitment and
 * proofs are the point at infinity.
 */
export function blobNetworkForm(signed: Uint8Array, blobs: number, cellProofs: boolean): Uint8Array {
  const payload = RLP.decode(signed.subarray(1)) as Uint8Array[];
  const infinity = new Uint8Array(48);
  infinity[0] = 0xc0;
  const blob = new Uint8Array(131072);
  const list = Array.from({ length: blobs }, () => blob);
  const commitments = Array.from({ length: blobs }, () => infinity);
  const proofs = Array.from({ length: blobs * (cellProofs ? 128 : 1) }, () => infinity);
  const body = cellProofs ? [payload, Uint8Array.of(1), list, commitments, proofs] : [payload, list, commitments, proofs];
  return Uint8Array.from([3, ...RLP.encode(body as never)]);
}

const EMPTY_CODE_HASH = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470';
const EMPTY_ROOT = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';
const ZERO32 = '0x' + '00'.repeat(32);

/** An account view, or undefined for an empty account (no balance, nonce, code or storage). */
export function accountView(
  address: string,
  balance: bigint,
  nonce: bigint,
  codeHash: string,
  storageRoot: string,
): AccountView | undefined {
  const code = codeHash === ZERO32 ? EMPTY_CODE_HASH : codeHash.toLowerCase();
  const root = storageRoot === ZERO32 ? EMPTY_ROOT : storageRoot.toLowerCase();
  if (balance === 0n && nonce === 0n && code === EMPTY_CODE_HASH && root === EMPTY_ROOT) return undefined;
  return { address, balance: qty(balance), nonce: qty(nonce), codeHash: code, storageRoot: root };
}

/** EDR's view of `addresses` (sorted, lower-case), the pre-merge block reward taken off the coinbase. */
export async function accountViewsEdr(run: EdrRun, addresses: readonly string[]): Promise<AccountView[]> {
  const fork = forkFromName(run.effective.fork)!;
  const coinbase = run.effective.env.coinbase.toLowerCase();
  const out: AccountView[] = [];
  const accounts = await run.chain.accounts(addresses);
  for (let i = 0; i < addresses.length; i++) {
    const a = addresses[i]!;
    const acct = accounts[i]!;
    let balance = acct.balance;
    if (a === coinbase && !run.outcome.rejected) balance -= blockReward(fork);
    const v = accountView(a, balance, acct.nonce, acct.codeHash, acct.storageRoot);
    if (v !== undefined) out.push(v);
  }
  return out;
}

export { bytes, hex };
