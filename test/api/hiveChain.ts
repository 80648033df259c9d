/**
 * The execution-apis test chain (shared/fixtures/rpc: genesis.json + chain.rlp, the chain hive's
 * rpc-compat suite serves from go-ethereum and whose answers the .io files record), replayed block by block
 * through src/transition/block.ts, each block's state root checked against its header. The head state is
 * what go-ethereum answered the recorded eth_estimateGas / eth_call requests against, so those answers can
 * be checked exactly here without a chain implementation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesRoot } from '../fixtures.js';
import { applyBlock } from '../../src/transition/block.js';
import { decodeRlp, type RlpItem } from '../../src/primitives/rlp/index.js';
import { rlpItemEnd } from '../../src/primitives/rlp/decode.js';
import { decodeTxItem } from '../../src/tx/decode.js';
import { keccak256 } from '../../src/primitives/crypto/keccak.js';
import { bytesToBigint, bytesToHex, hexToBytes, parseQuantity } from '../../src/primitives/hex.js';
import { parseAddress } from '../../src/primitives/address.js';
import { encodeRlp } from '../../src/primitives/rlp/encode.js';
import { rulesFor, type Rules } from '../../src/spec/rules.js';
import { Fork } from '../../src/spec/fork.js';
import type { StateJournal } from '../../src/state/journal.js';
import type { GenesisAccount, GenesisAlloc } from '../../src/state/env.js';
import type { BlockEnv } from '../../src/state/env.js';

export const RPC_FIXTURES = join(fixturesRoot(), 'rpc');

export function hiveChainAvailable(): boolean {
  return existsSync(join(RPC_FIXTURES, 'chain.rlp')) && existsSync(join(RPC_FIXTURES, 'genesis.json'));
}

interface Genesis {
  config: Record<string, unknown> & { chainId: number };
  alloc: Record<string, { balance?: string; nonce?: string; code?: string; storage?: Record<string, string> }>;
}

export interface HiveHead {
  readonly state: StateJournal;
  readonly rules: Rules;
  readonly chainId: bigint;
  /** The head block's context (BLOCKHASH answers the chain's hashes). */
  readonly block: BlockEnv;
  readonly blocks: number;
}

const b = (i: RlpItem | undefined): Uint8Array => i as Uint8Array;
const n = (i: RlpItem | undefined): bigint => bytesToBigint(b(i));

/** The fork of a block of this chain (genesis.json config: block forks, the Merge at difficulty 0, then times). */
function forkOf(cfg: Record<string, unknown>, number: bigint, timestamp: bigint, difficulty: bigint): Fork {
  const byBlock: [string, Fork][] = [
    ['homesteadBlock', Fork.Homestead],
    ['eip150Block', Fork.TangerineWhistle],
    ['eip158Block', Fork.SpuriousDragon],
    ['byzantiumBlock', Fork.Byzantium],
    ['constantinopleBlock', Fork.Constantinople],
    ['petersburgBlock', Fork.Petersburg],
    ['istanbulBlock', Fork.Istanbul],
    ['muirGlacierBlock', Fork.MuirGlacier],
    ['berlinBlock', Fork.Berlin],
    ['londonBlock', Fork.London],
    ['arrowGlacierBlock', Fork.ArrowGlacier],
    ['grayGlacierBlock', Fork.GrayGlacier],
  ];
  let f: Fork = Fork.Frontier;
  for (const [k, v] of byBlock) if (typeof cfg[k] === 'number' && number >= BigInt(cfg[k] as number)) f = v;
  if (difficulty !== 0n) return f;
  f = Fork.Paris;
  const byTime: [string, Fork][] = [
    ['shanghaiTime', Fork.Shanghai],
    ['cancunTime', Fork.Cancun],
    ['pragueTime', Fork.Prague],
    ['osakaTime', Fork.Osaka],
    ['bpo1Time', Fork.BPO1],
    ['bpo2Time', Fork.BPO2],
  ];
  for (const [k, v] of byTime) if (typeof cfg[k] === 'number' && timestamp >= BigInt(cfg[k] as number)) f = v;
  return f;
}

function reward(rules: Rules, merged: boolean): bigint {
  if (merged) return -1n;
  if (rules.eips.has(1234)) return 2n * 10n ** 18n; // Constantinople
  if (rules.eips.has(649)) return 3n * 10n ** 18n; // Byzantium
  return 5n * 10n ** 18n;
}

function toAlloc(state: StateJournal): GenesisAlloc {
  const out = new Map<bigint, GenesisAccount>();
  for (const [addr, a] of state.accounts) out.set(addr, { balance: a.balance, nonce: a.nonce, code: a.code, storage: new Map(a.storage) });
  return out;
}

let cached: HiveHead | undefined;

/** Replays the chain (once per process) and returns the head state. */
export function hiveHead(): HiveHead {
  if (cached !== undefined) return cached;
  const genesis = JSON.parse(readFileSync(join(RPC_FIXTURES, 'genesis.json'), 'utf8')) as Genesis;
  let alloc: GenesisAlloc = new Map(
    Object.entries(genesis.alloc).map(([k, v]) => [
      parseAddress(k.startsWith('0x') ? k : '0x' + k),
      {
        balance: parseQuantity(v.balance ?? '0'),
        nonce: parseQuantity(v.nonce ?? '0'),
        code: hexToBytes(v.code ?? '0x'),
        storage: new Map(Object.entries(v.storage ?? {}).map(([sk, sv]) => [parseQuantity(sk), parseQuantity(sv)])),
      },
    ]),
  );
  const chainId = BigInt(genesis.config.chainId);
  const raw = new Uint8Array(readFileSync(join(RPC_FIXTURES, 'chain.rlp')));
  const hashes = new Map<bigint, Uint8Array>();
  let off = 0;
  let last: { state: StateJournal; rules: Rules; env: BlockEnv } | undefined;
  let count = 0;
  while (off < raw.length) {
    const end = rlpItemEnd(raw, off);
    const block = decodeRlp(raw.subarray(off, end)) as RlpItem[];
    off = end;
    const h = block[0] as RlpItem[];
    const number = n(h[8]);
    hashes.set(number - 1n, b(h[0]));
    const timestamp = n(h[11]);
    const difficulty = n(h[7]);
    const merged = difficulty === 0n;
    const rules = rulesFor(forkOf(genesis.config, number, timestamp, difficulty));
    const ommers = (block[2] as RlpItem[]).map((u) => {
      const uh = u as RlpItem[];
      return { delta: number - n(uh[8]), address: bytesToBigint(b(uh[2])) };
    });
    const withdrawals =
      block[3] === undefined
        ? undefined
        : (block[3] as RlpItem[]).map((w) => {
            const x = w as RlpItem[];
            return { index: n(x[0]), validatorIndex: n(x[1]), address: bytesToBigint(b(x[2])), amount: n(x[3]) };
          });
    const txs = (block[1] as RlpItem[]).map((t) => ({ tx: decodeTxItem(t, rules) }));
    const r = applyBlock(
      alloc,
      {
        coinbase: bytesToBigint(b(h[2])),
        gasLimit: n(h[9]),
        number,
        timestamp,
        ...(merged ? { random: n(h[13]) } : { difficulty }),
        ...(h[15] === undefined ? {} : { baseFee: n(h[15]) }),
        ...(h[18] === undefined ? {} : { excessBlobGas: n(h[18]) }),
        ...(h[19] === undefined ? {} : { parentBeaconBlockRoot: b(h[19]) }),
        blockHashes: hashes,
        ommers,
        ...(withdrawals === undefined ? {} : { withdrawals }),
      },
      txs,
      { rules, chainId, reward: reward(rules, merged) },
    );
    if (r.rejected.length > 0) throw new Error(`block ${number}: rejected ${JSON.stringify(r.rejected)}`);
    if (bytesToHex(r.stateRoot) !== bytesToHex(b(h[3])))
      throw new Error(`block ${number}: state root ${bytesToHex(r.stateRoot)} != header ${bytesToHex(b(h[3]))}`);
    hashes.set(number, keccak256(encodeRlp(h)));
    alloc = toAlloc(r.state);
    const headHashes = new Map(hashes);
    last = {
      state: r.state,
      rules,
      env: {
        coinbase: bytesToBigint(b(h[2])),
        gasLimit: n(h[9]),
        number,
        timestamp,
        difficulty: merged ? 0n : difficulty,
        prevRandao: merged ? n(h[13]) : difficulty,
        baseFee: h[15] === undefined ? 0n : n(h[15]),
        ...(h[18] === undefined ? {} : { excessBlobGas: n(h[18]) }),
        getBlockHash: (k: bigint) => bytesToBigint(headHashes.get(k) ?? new Uint8Array(32)),
      },
    };
    count++;
  }
  if (last === undefined) throw new Error('chain.rlp holds no block');
  cached = { state: last.state, rules: last.rules, chainId, block: last.env, blocks: count };
  return cached;
}
