/**
 * Test helper: builds valid child blocks of a chain's blocks (what a miner or a block builder would seal),
 * so chain tests need no fixtures. The header fields are derived from the parent as the header rules want
 * them (difficulty, base fee, excess blob gas, requests hash), the body is executed in build mode on the
 * parent's state, and the roots are computed from the result. Seals are not made: use NoProof chains.
 */
import { EMPTY_TRIE_ROOT } from '../../src/primitives/crypto/keccak.js';
import { privateKeyToAddress } from '../../src/primitives/crypto/secp256k1.js';
import { hexToBytes } from '../../src/primitives/hex.js';
import { ordinalTrieRoot } from '../../src/primitives/trie/index.js';
import type { Address } from '../../src/primitives/address.js';
import { computeStateRoot } from '../../src/state/root.js';
import type { GenesisAlloc } from '../../src/state/env.js';
import { encodeTx, signTx, TxType, type Transaction } from '../../src/tx/index.js';
import { executeBlock } from '../../src/transition/block.js';
import { calcBaseFee, calcDifficulty, calcExcessBlobGas, type Withdrawal } from '../../src/transition/blockEnv.js';
import { requestsHash } from '../../src/transition/blockSystem.js';
import { withdrawalsRoot } from '../../src/transition/blockReceipts.js';
import { makeBlock, type Block } from '../../src/chain/block.js';
import { rulesAt, type ChainConfig } from '../../src/chain/config.js';
import { EMPTY_OMMERS_HASH, type Header } from '../../src/chain/header.js';
import { INITIAL_BASE_FEE } from '../../src/chain/headerRules.js';
import { bytesToBigint } from '../../src/primitives/hex.js';
import type { Chain, StoredBlock } from '../../src/chain/chain.js';

export const KEY = hexToBytes('0x' + '45'.repeat(32));
export const SENDER: Address = privateKeyToAddress(KEY);
export const RECIPIENT: Address = 0x1000n;
export const ONE_ETHER = 10n ** 18n;

export function fundedAlloc(balance = 100n * ONE_ETHER): GenesisAlloc {
  return new Map([[SENDER, { balance, nonce: 0n, code: new Uint8Array(0), storage: new Map() }]]);
}

/** A signed legacy value transfer from SENDER. */
export function transfer(nonce: bigint, value: bigint, opts: { to?: Address; gasPrice?: bigint; chainId?: bigint } = {}): Transaction {
  return signTx(
    {
      type: TxType.Legacy,
      chainId: opts.chainId ?? 1n,
      nonce,
      gasPrice: opts.gasPrice ?? 10n * 1_000_000_000n,
      gasLimit: 21000n,
      to: opts.to ?? RECIPIENT,
      value,
      data: new Uint8Array(0),
      accessList: [],
    },
    KEY,
  );
}

export interface ChildOptions {
  readonly txs?: readonly Transaction[];
  /** Seconds after the parent (default 12; under 13 raises a Frontier difficulty). */
  readonly dt?: bigint;
  readonly coinbase?: Address;
  readonly extraData?: Uint8Array;
  readonly withdrawals?: readonly Withdrawal[];
  /** Applied to the finished header (the block is re-assembled around it): makes invalid blocks. */
  readonly tamper?: (h: Header) => Header;
}

const ZERO_HASH = new Uint8Array(32);

/** The header fields of a child of `parent` that do not depend on execution. */
export function childHeader(
  config: ChainConfig,
  parent: StoredBlock | { header: Header; totalDifficulty: bigint },
  opts: { dt?: bigint; coinbase?: Address; extraData?: Uint8Array } = {},
): Header {
  const p = parent.header;
  const number = p.number + 1n;
  const timestamp = p.timestamp + (opts.dt ?? 12n);
  const rules = rulesAt(config, number, timestamp, parent.totalDifficulty);
  const parentRules = rulesAt(config, p.number, p.timestamp, parent.totalDifficulty - p.difficulty);
  const h: { -readonly [K in keyof Header]: Header[K] } = {
    parentHash: hashOf(parent),
    ommersHash: EMPTY_OMMERS_HASH,
    coinbase: opts.coinbase ?? 0xc0ffeen,
    stateRoot: ZERO_HASH,
    transactionsRoot: EMPTY_TRIE_ROOT,
    receiptsRoot: EMPTY_TRIE_ROOT,
    logsBloom: new Uint8Array(256),
    difficulty: rules.merged ? 0n : calcDifficulty(rules, number, timestamp, p.timestamp, p.difficulty, p.ommersHash),
    number,
    gasLimit: rules.eip1559 && !parentRules.eip1559 ? p.gasLimit * 2n : p.gasLimit,
    gasUsed: 0n,
    timestamp,
    extraData: opts.extraData ?? new Uint8Array(0),
    mixHash: ZERO_HASH,
    nonce: new Uint8Array(8),
  };
  if (rules.eip1559)
    h.baseFeePerGas =
      parentRules.eip1559 && p.baseFeePerGas !== undefined ? calcBaseFee(p.baseFeePerGas, p.gasUsed, p.gasLimit) : INITIAL_BASE_FEE;
  if (rules.eip4895) h.withdrawalsRoot = EMPTY_TRIE_ROOT;
  if (rules.eip4844) {
    h.blobGasUsed = 0n;
    h.excessBlobGas = calcExcessBlobGas(
      parentRules.eip4844 ? (p.excessBlobGas ?? 0n) : 0n,
      parentRules.eip4844 ? (p.blobGasUsed ?? 0n) : 0n,
      p.baseFeePerGas ?? 0n,
      rules,
    );
    h.parentBeaconBlockRoot = ZERO_HASH;
  }
  if (rules.eip7685) h.requestsHash = requestsHash([]);
  return h;
}

function hashOf(parent: StoredBlock | { header: Header }): Uint8Array {
  return 'hash' in parent ? parent.hash : ZERO_HASH;
}

/** A valid child of `parent` on `chain` (not imported). */
export function buildChild(chain: Chain, parent: StoredBlock, opts: ChildOptions = {}): Block {
  const config = chain.config;
  const draft = childHeader(config, parent, opts);
  const rules = rulesAt(config, draft.number, draft.timestamp, parent.totalDifficulty);
  const state = chain.stateAt(parent).toJournal();
  const txs = opts.txs ?? [];
  const exec = executeBlock(
    state,
    {
      mode: 'build',
      env: {
        coinbase: draft.coinbase,
        gasLimit: draft.gasLimit,
        number: draft.number,
        timestamp: draft.timestamp,
        difficulty: draft.difficulty,
        prevRandao: rules.merged ? 0n : draft.difficulty,
        baseFee: draft.baseFeePerGas ?? 0n,
        ...(draft.excessBlobGas === undefined ? {} : { excessBlobGas: draft.excessBlobGas }),
        getBlockHash: (n) => {
          let b: StoredBlock | null = parent;
          while (b !== null && b.number > n) b = b.parent;
          return b === null ? 0n : bytesToBigint(b.hash);
        },
      },
      rules,
      chainId: config.chainId,
      parentHash: parent.hash,
      ...(draft.parentBeaconBlockRoot === undefined ? {} : { parentBeaconBlockRoot: draft.parentBeaconBlockRoot }),
      ommers: [],
      ...(opts.withdrawals === undefined ? {} : { withdrawals: opts.withdrawals }),
      reward: rules.merged ? -1n : rules.blockReward,
      depositContract: config.depositContractAddress,
    },
    txs.map((tx) => ({ tx })),
  );
  if (exec.rejected.length > 0) throw new Error(`buildChild: transaction ${exec.rejected[0]!.index} rejected: ${exec.rejected[0]!.error}`);
  const withdrawals = rules.eip4895 ? (opts.withdrawals ?? []) : undefined;
  let header: Header = {
    ...draft,
    stateRoot: computeStateRoot(state),
    transactionsRoot: ordinalTrieRoot(exec.included.map(encodeTx)),
    receiptsRoot: exec.receiptsRoot,
    logsBloom: exec.logsBloom,
    gasUsed: exec.gasUsed,
    ...(withdrawals === undefined ? {} : { withdrawalsRoot: withdrawalsRoot(withdrawals) }),
    ...(exec.requests === undefined ? {} : { requestsHash: requestsHash(exec.requests) }),
  };
  if (opts.tamper !== undefined) header = opts.tamper(header);
  return makeBlock(header, exec.included, [], withdrawals);
}

/** Builds and imports `n` children in a row from `parent`; returns the stored blocks. */
export function extend(chain: Chain, parent: StoredBlock, n: number, opts: (i: number) => ChildOptions = () => ({})): StoredBlock[] {
  const out: StoredBlock[] = [];
  let p = parent;
  for (let i = 0; i < n; i++) {
    const b = buildChild(chain, p, opts(i));
    const r = chain.importBlock(b);
    if (r.status !== 'imported') throw new Error(`extend: block ${b.header.number} not imported: ${r.error ?? r.status}`);
    p = chain.blockByHash(b.hash)!;
    out.push(p);
  }
  return out;
}
