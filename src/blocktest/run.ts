/**
 * Running one blockchain test as go-ethereum's `evm blocktest` does (tests/block_test_util.go): a chain from
 * the test's genesis (whose hash must match), every block imported in order (a block with a decoded
 * `blockHeader` must import; any other must be rejected, by its decoding or by the chain), then the head
 * must be `lastblockhash` and the head's state the `postState` (or its root, `postStateHash`).
 */
import { bytesEqual, bytesToHex } from '../primitives/hex.js';
import { addressToHex } from '../primitives/address.js';
import type { MemoryPool } from '../machine/memory.js';
import { StateJournal } from '../state/journal.js';
import { computeStateRoot } from '../state/root.js';
import { Chain } from '../chain/chain.js';
import type { SealVerifier } from '../chain/seal.js';
import type { LoadedBlockTest } from './load.js';
import { tryHexToBytes } from './load.js';

export interface BlockTestOutcome {
  readonly file: string;
  readonly name: string;
  /** The network as the fixture writes it. */
  readonly fork: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly error?: string;
  /** The head's state root (0x-hex) of a test that passed, as go-ethereum reports it. */
  readonly stateRoot?: string;
}

export interface BlockTestRunOptions {
  /** The seal check for `sealEngine: Ethash` tests (without one, seals are not checked). */
  readonly sealVerifier?: SealVerifier;
  readonly memoryPool?: MemoryPool;
}

/** Runs (when runnable) and judges one loaded test; never throws. */
export function runBlockTest(t: LoadedBlockTest, opts: BlockTestRunOptions = {}): BlockTestOutcome {
  const origin = { file: t.file, name: t.name, fork: t.network };
  if (t.kind === 'skipped') return { ...origin, status: 'skip', error: t.reason };
  if (t.kind === 'malformed') return { ...origin, status: 'fail', error: t.error };
  const fail = (error: string): BlockTestOutcome => ({ ...origin, status: 'fail', error });
  try {
    const chain = new Chain({
      config: t.config,
      alloc: t.alloc,
      genesis: t.genesis,
      ...(t.sealEngine === 'Ethash' && opts.sealVerifier !== undefined ? { sealVerifier: opts.sealVerifier } : {}),
      ...(opts.memoryPool === undefined ? {} : { memoryPool: opts.memoryPool }),
    });
    if (chain.genesis.id !== t.genesisHash) return fail(`genesis hash mismatch: got ${chain.genesis.id}, want ${t.genesisHash}`);
    for (const [i, b] of t.blocks.entries()) {
      const rlp = tryHexToBytes(b.rlp);
      const r = rlp === undefined ? { status: 'invalid', error: 'rlp is not hex' } : chain.importBlock(rlp);
      if (b.valid) {
        if (r.status === 'invalid') return fail(`block ${i} (expected valid) was rejected: ${r.error}`);
        if (b.hash !== undefined && 'hash' in r && r.hash !== undefined && bytesToHex(r.hash) !== b.hash) {
          return fail(`block ${i}: decoded hash ${bytesToHex(r.hash)}, the fixture's blockHeader.hash ${b.hash}`);
        }
      } else if (r.status !== 'invalid') {
        return fail(`block ${i} should have been rejected (${b.expectException ?? 'no blockHeader'}) but was ${r.status}`);
      }
    }
    if (chain.head.id !== t.lastBlockHash)
      return fail(`last block hash mismatch: head ${chain.head.id} (number ${chain.head.number}), want ${t.lastBlockHash}`);
    const root = chain.head.header.stateRoot;
    if (t.postStateHash !== undefined && bytesToHex(root) !== t.postStateHash)
      return fail(`post state root mismatch: got ${bytesToHex(root)}, want ${t.postStateHash}`);
    if (t.postState !== undefined) {
      const want = computeStateRoot(StateJournal.fromAlloc(t.postState));
      if (!bytesEqual(want, root))
        return fail(
          `post state mismatch: ${postStateDiff(chain, t.postState) ?? `root ${bytesToHex(root)}, postState's ${bytesToHex(want)}`}`,
        );
    }
    return { ...origin, status: 'pass', stateRoot: bytesToHex(root) };
  } catch (e) {
    return fail(`exception: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}

/** The first difference between the head state and the expected accounts, in words. */
function postStateDiff(chain: Chain, post: NonNullable<Extract<LoadedBlockTest, { kind: 'test' }>['postState']>): string | undefined {
  const state = chain.stateAt();
  const seen = new Set<bigint>();
  for (const [addr, a] of state.accounts()) {
    seen.add(addr);
    const w = post.get(addr);
    const at = addressToHex(addr);
    if (w === undefined) return `account ${at} exists (balance ${a.balance}, nonce ${a.nonce}) but not in postState`;
    if (w.balance !== a.balance) return `${at} balance ${a.balance}, want ${w.balance}`;
    if (w.nonce !== a.nonce) return `${at} nonce ${a.nonce}, want ${w.nonce}`;
    if (!bytesEqual(w.code, a.code)) return `${at} code differs`;
    for (const [k, v] of a.storage)
      if ((w.storage.get(k) ?? 0n) !== v)
        return `${at} storage[0x${k.toString(16)}] = 0x${v.toString(16)}, want 0x${(w.storage.get(k) ?? 0n).toString(16)}`;
    for (const [k, v] of w.storage)
      if (v !== 0n && a.storage.get(k) === undefined) return `${at} storage[0x${k.toString(16)}] missing, want 0x${v.toString(16)}`;
  }
  for (const addr of post.keys()) if (!seen.has(addr)) return `account ${addressToHex(addr)} in postState is missing`;
  return undefined;
}
