/**
 * Genesis: go-ethereum's genesis.json (`config`, `alloc` and the header fields) and the genesis header a
 * configuration implies (go-ethereum core/genesis.go `Genesis.ToBlock`): the fields of the forks active at
 * genesis are filled with their defaults (base fee 1 gwei, empty withdrawals, zero blob gas and beacon
 * root, the empty requests hash).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { EMPTY_TRIE_ROOT } from '../primitives/crypto/keccak.js';
import { bytesToBigint, hexToBytes } from '../primitives/hex.js';
import type { Address } from '../primitives/address.js';
import type { GenesisAccount, GenesisAlloc } from '../state/env.js';
import { parseChainConfig, jsonQuantity, ChainConfigError, rulesAt, type ChainConfig } from './config.js';
import { EMPTY_OMMERS_HASH, type Header } from './header.js';
import { INITIAL_BASE_FEE } from './headerRules.js';

/** The header fields a genesis file may set (the rest follow from the state and the forks). */
export interface GenesisFields {
  readonly nonce?: bigint;
  readonly timestamp?: bigint;
  readonly extraData?: Uint8Array;
  readonly gasLimit?: bigint;
  readonly difficulty?: bigint;
  readonly mixHash?: Uint8Array;
  readonly coinbase?: Address;
  readonly number?: bigint;
  readonly gasUsed?: bigint;
  readonly parentHash?: Uint8Array;
  readonly baseFeePerGas?: bigint;
  readonly excessBlobGas?: bigint;
  readonly blobGasUsed?: bigint;
}

export interface Genesis {
  readonly config: ChainConfig;
  readonly alloc: GenesisAlloc;
  readonly fields: GenesisFields;
}

/** go-ethereum params.GenesisGasLimit and GenesisDifficulty. */
const GENESIS_GAS_LIMIT = 4712388n;
const GENESIS_DIFFICULTY = 131072n;

function hexField(v: unknown, field: string, size?: number): Uint8Array {
  if (typeof v !== 'string') throw new ChainConfigError(`${field}: expected a hex string`);
  let b: Uint8Array;
  try {
    b = hexToBytes(v, field);
  } catch (e) {
    throw new ChainConfigError(e instanceof Error ? e.message : String(e));
  }
  if (size !== undefined && b.length !== size) throw new ChainConfigError(`${field}: expected ${size} bytes, got ${b.length}`);
  return b;
}

function quantityOrNull(v: unknown, field: string, max?: bigint): bigint | undefined {
  return v === undefined || v === null ? undefined : jsonQuantity(v, field, max);
}

/** genesis.json `alloc`: address (with or without 0x) -> {balance, nonce?, code?, storage?}. */
export function parseGenesisAlloc(raw: unknown, field = 'alloc'): GenesisAlloc {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ChainConfigError(`${field}: expected an object`);
  const alloc = new Map<Address, GenesisAccount>();
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const at = `${field}.${k}`;
    const addrBytes = hexField(k.startsWith('0x') ? k : '0x' + k, `${at} (address)`, 20);
    if (typeof v !== 'object' || v === null) throw new ChainConfigError(`${at}: expected an object`);
    const a = v as Record<string, unknown>;
    const storage = new Map<bigint, bigint>();
    if (a.storage !== undefined && a.storage !== null) {
      if (typeof a.storage !== 'object') throw new ChainConfigError(`${at}.storage: expected an object`);
      for (const [sk, sv] of Object.entries(a.storage as Record<string, unknown>)) {
        storage.set(bytesToBigint(hexField(sk, `${at}.storage key`)), bytesToBigint(hexField(sv, `${at}.storage.${sk}`)));
      }
    }
    alloc.set(bytesToBigint(addrBytes), {
      balance: jsonQuantity(a.balance ?? '0x0', `${at}.balance`),
      nonce: jsonQuantity(a.nonce ?? '0x0', `${at}.nonce`, (1n << 64n) - 1n),
      code: a.code === undefined || a.code === null ? new Uint8Array(0) : hexField(a.code, `${at}.code`),
      storage,
    });
  }
  return alloc;
}

/** A go-ethereum genesis.json (parsed JSON) -> configuration, allocation and header fields. */
export function parseGenesis(raw: unknown, name = 'custom'): Genesis {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ChainConfigError('genesis: expected an object');
  const g = raw as Record<string, unknown>;
  const U64 = (1n << 64n) - 1n;
  const fields: GenesisFields = Object.fromEntries(
    Object.entries({
      nonce: quantityOrNull(g.nonce, 'nonce', U64),
      timestamp: quantityOrNull(g.timestamp, 'timestamp', U64),
      extraData: g.extraData === undefined || g.extraData === null ? undefined : hexField(g.extraData, 'extraData'),
      gasLimit: quantityOrNull(g.gasLimit, 'gasLimit', U64),
      difficulty: quantityOrNull(g.difficulty, 'difficulty'),
      mixHash: g.mixHash === undefined || g.mixHash === null ? undefined : hexField(g.mixHash, 'mixHash', 32),
      coinbase: g.coinbase === undefined || g.coinbase === null ? undefined : bytesToBigint(hexField(g.coinbase, 'coinbase', 20)),
      number: quantityOrNull(g.number, 'number', U64),
      gasUsed: quantityOrNull(g.gasUsed, 'gasUsed', U64),
      parentHash: g.parentHash === undefined || g.parentHash === null ? undefined : hexField(g.parentHash, 'parentHash', 32),
      baseFeePerGas: quantityOrNull(g.baseFeePerGas, 'baseFeePerGas'),
      excessBlobGas: quantityOrNull(g.excessBlobGas, 'excessBlobGas', U64),
      blobGasUsed: quantityOrNull(g.blobGasUsed, 'blobGasUsed', U64),
    }).filter(([, v]) => v !== undefined),
  );
  return { config: parseChainConfig(g.config, name), alloc: parseGenesisAlloc(g.alloc ?? {}), fields };
}

/** sha256 of nothing: the requests hash of a block without requests (EIP-7685). */
export const EMPTY_REQUESTS_HASH: Uint8Array = sha256(new Uint8Array(0));

const BLOOM = new Uint8Array(256);
const ZERO_HASH = new Uint8Array(32);

/** The genesis header of a configuration, its header fields and the state root of its allocation. */
export function genesisHeader(config: ChainConfig, f: GenesisFields, stateRoot: Uint8Array): Header {
  const number = f.number ?? 0n;
  const timestamp = f.timestamp ?? 0n;
  const rules = rulesAt(config, number, timestamp, 0n);
  const nonce = new Uint8Array(8);
  let n = f.nonce ?? 0n;
  for (let i = 7; i >= 0; i--, n >>= 8n) nonce[i] = Number(n & 0xffn);
  const header: { -readonly [K in keyof Header]: Header[K] } = {
    parentHash: f.parentHash ?? ZERO_HASH,
    ommersHash: EMPTY_OMMERS_HASH,
    coinbase: f.coinbase ?? 0n,
    stateRoot,
    transactionsRoot: EMPTY_TRIE_ROOT,
    receiptsRoot: EMPTY_TRIE_ROOT,
    logsBloom: BLOOM,
    difficulty: f.difficulty ?? (f.mixHash === undefined ? GENESIS_DIFFICULTY : 0n),
    number,
    gasLimit: f.gasLimit === undefined || f.gasLimit === 0n ? GENESIS_GAS_LIMIT : f.gasLimit,
    gasUsed: f.gasUsed ?? 0n,
    timestamp,
    extraData: f.extraData ?? new Uint8Array(0),
    mixHash: f.mixHash ?? ZERO_HASH,
    nonce,
  };
  if (rules.eip1559) header.baseFeePerGas = f.baseFeePerGas ?? INITIAL_BASE_FEE;
  if (rules.eip4895) header.withdrawalsRoot = EMPTY_TRIE_ROOT;
  if (rules.eip4844) {
    header.blobGasUsed = f.blobGasUsed ?? 0n;
    header.excessBlobGas = f.excessBlobGas ?? 0n;
    header.parentBeaconBlockRoot = ZERO_HASH;
  }
  if (rules.eip7685) header.requestsHash = EMPTY_REQUESTS_HASH;
  return header;
}
