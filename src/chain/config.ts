/**
 * Chain configuration: the chain id, when each fork activates (block numbers, the terminal total
 * difficulty of the Merge, timestamps), the blob schedule (EIP-7840/7892), the DAO hard fork and the
 * deposit contract (EIP-6110). Read from go-ethereum's genesis.json `config`, built from a test network
 * name, or one of the built-in networks (mainnet, sepolia, hoodi).
 */
import { forkName, Fork } from '../spec/fork.js';
import { forkAt, rulesFor, type BlobSchedule, type ForkActivation, type ForkSchedule, type Rules } from '../spec/rules.js';
import { parseNetwork } from '../spec/network.js';
import type { BlobParams } from '../spec/eips.js';
import type { Address } from '../primitives/address.js';
import { DEPOSIT_CONTRACT_ADDRESS } from '../transition/blockSystem.js';

export interface ChainConfig {
  /** A name for messages (the network name, or 'mainnet', 'sepolia', 'hoodi', 'custom'). */
  readonly name: string;
  readonly chainId: bigint;
  readonly schedule: ForkSchedule;
  /** Blob parameters by fork name, replacing the built-in ones (genesis `config.blobSchedule`). */
  readonly blobSchedule?: BlobSchedule;
  /** The block of the DAO hard fork's irregular state change and extraData rule, on a chain that supports it. */
  readonly daoForkBlock?: bigint;
  /** EIP-6110: the contract whose DepositEvent logs are deposit requests. */
  readonly depositContractAddress: Address;
  /** The genesis hash a built-in network must have (checked when a chain starts from a genesis). */
  readonly genesisHash?: string;
}

export class ChainConfigError extends Error {
  override name = 'ChainConfigError';
}

/** The Rules of a block: its fork from the schedule (and its parent's total difficulty), and the blob schedule. */
export function rulesAt(config: ChainConfig, number: bigint, timestamp: bigint, parentTd: bigint | undefined): Rules {
  const fork = forkAt(config.schedule, number, timestamp, parentTd);
  return config.blobSchedule === undefined ? rulesFor(fork) : rulesFor(fork, { blobSchedule: config.blobSchedule });
}

/** The terminal total difficulty, when the Merge is scheduled by it. */
export function terminalTotalDifficulty(config: ChainConfig): bigint | undefined {
  const a = config.schedule[Fork.Paris];
  return a !== undefined && 'ttd' in a ? a.ttd : undefined;
}

// ---------------------------------------------------------------- genesis.json `config`

/** genesis.json keys of the forks activated by block number, in order (go-ethereum params.ChainConfig). */
const BLOCK_KEYS: readonly (readonly [Fork, readonly string[]])[] = [
  [Fork.Homestead, ['homesteadBlock']],
  [Fork.TangerineWhistle, ['eip150Block']],
  [Fork.SpuriousDragon, ['eip158Block', 'eip155Block']],
  [Fork.Byzantium, ['byzantiumBlock']],
  [Fork.Constantinople, ['constantinopleBlock']],
  // go-ethereum: a nil petersburgBlock means "with Constantinople".
  [Fork.Petersburg, ['petersburgBlock', 'constantinopleBlock']],
  [Fork.Istanbul, ['istanbulBlock']],
  [Fork.MuirGlacier, ['muirGlacierBlock']],
  [Fork.Berlin, ['berlinBlock']],
  [Fork.London, ['londonBlock']],
  [Fork.ArrowGlacier, ['arrowGlacierBlock']],
  [Fork.GrayGlacier, ['grayGlacierBlock']],
];

const TIME_KEYS: readonly (readonly [Fork, string])[] = [
  [Fork.Shanghai, 'shanghaiTime'],
  [Fork.Cancun, 'cancunTime'],
  [Fork.Prague, 'pragueTime'],
  [Fork.Osaka, 'osakaTime'],
  [Fork.BPO1, 'bpo1Time'],
  [Fork.BPO2, 'bpo2Time'],
  [Fork.BPO3, 'bpo3Time'],
  [Fork.BPO4, 'bpo4Time'],
  [Fork.BPO5, 'bpo5Time'],
];

const U64_MAX = (1n << 64n) - 1n;

/** A JSON number, decimal string or 0x-hex string as a bigint; throws naming the field. */
export function jsonQuantity(v: unknown, field: string, max: bigint = (1n << 256n) - 1n): bigint {
  let n: bigint;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new ChainConfigError(`${field}: ${v} is not a non-negative integer that JSON numbers hold exactly (write it as a string)`);
    n = BigInt(v);
  } else if (typeof v === 'string' && /^0x[0-9a-fA-F]+$/.test(v)) n = BigInt(v);
  else if (typeof v === 'string' && /^[0-9]+$/.test(v)) n = BigInt(v);
  else if (typeof v === 'bigint' && v >= 0n) n = v;
  else throw new ChainConfigError(`${field}: expected a number or a hex/decimal string, got ${JSON.stringify(v) ?? String(v)}`);
  if (n > max) throw new ChainConfigError(`${field}: ${n} is out of range`);
  return n;
}

function jsonAddress(v: unknown, field: string): Address {
  if (typeof v !== 'string' || !/^(0x)?[0-9a-fA-F]{40}$/.test(v))
    throw new ChainConfigError(`${field}: expected a 20-byte hex address, got ${JSON.stringify(v)}`);
  return BigInt(v.startsWith('0x') ? v : '0x' + v);
}

function record(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ChainConfigError(`${field}: expected an object`);
  return v as Record<string, unknown>;
}

/** A blob schedule (`{cancun: {target, max, baseFeeUpdateFraction}, ...}`), keys kept as written. */
export function parseBlobSchedule(raw: unknown, field = 'blobSchedule'): BlobSchedule {
  const out: Record<string, BlobParams> = {};
  for (const [k, v] of Object.entries(record(raw, field))) {
    const e = record(v, `${field}.${k}`);
    out[k] = {
      target: Number(jsonQuantity(e.target, `${field}.${k}.target`, 1n << 32n)),
      max: Number(jsonQuantity(e.max, `${field}.${k}.max`, 1n << 32n)),
      baseFeeUpdateFraction: jsonQuantity(e.baseFeeUpdateFraction, `${field}.${k}.baseFeeUpdateFraction`, U64_MAX),
    };
  }
  return Object.freeze(out);
}

/** go-ethereum genesis.json `config` -> ChainConfig. Throws ChainConfigError naming the field at fault. */
export function parseChainConfig(raw: unknown, name = 'custom'): ChainConfig {
  const c = record(raw, 'config');
  const schedule: Partial<Record<Fork, ForkActivation>> = {};
  const present = (k: string): boolean => c[k] !== undefined && c[k] !== null;
  for (const [fork, keys] of BLOCK_KEYS) {
    const key = keys.find(present);
    if (key !== undefined) schedule[fork] = { block: jsonQuantity(c[key], `config.${key}`, U64_MAX) };
  }
  const ttdKey = present('terminalTotalDifficulty') ? 'terminalTotalDifficulty' : undefined;
  if (ttdKey !== undefined) schedule[Fork.Paris] = { ttd: jsonQuantity(c[ttdKey], `config.${ttdKey}`) };
  for (const [fork, key] of TIME_KEYS) {
    if (present(key)) schedule[fork] = { time: jsonQuantity(c[key], `config.${key}`, U64_MAX) };
  }
  // Frontier always; a chain starting at Homestead says homesteadBlock: 0.
  schedule[Fork.Frontier] = { block: 0n };
  if (c.chainId === undefined) throw new ChainConfigError('config.chainId: missing');
  const dao =
    present('daoForkBlock') && c.daoForkSupport !== false ? jsonQuantity(c.daoForkBlock, 'config.daoForkBlock', U64_MAX) : undefined;
  return Object.freeze({
    name,
    chainId: jsonQuantity(c.chainId, 'config.chainId'),
    schedule: Object.freeze(schedule),
    ...(present('blobSchedule') ? { blobSchedule: parseBlobSchedule(c.blobSchedule, 'config.blobSchedule') } : {}),
    ...(dao === undefined ? {} : { daoForkBlock: dao }),
    depositContractAddress: present('depositContractAddress')
      ? jsonAddress(c.depositContractAddress, 'config.depositContractAddress')
      : DEPOSIT_CONTRACT_ADDRESS,
  });
}

/**
 * The configuration of a test network name (`Cancun`, `ShanghaiToCancunAtTime15k`, `HomesteadToDaoAt5`,
 * see src/spec/network.ts) with a chain id and blob schedule (execution-spec-tests `config`).
 */
export function networkConfig(name: string, opts: { chainId?: bigint; blobSchedule?: BlobSchedule } = {}): ChainConfig {
  const n = parseNetwork(name);
  if (n === undefined)
    throw new ChainConfigError(`unknown network ${JSON.stringify(name)} (a fork name, or a transition such as ShanghaiToCancunAtTime15k)`);
  return Object.freeze({
    name,
    chainId: opts.chainId ?? 1n,
    schedule: n.schedule,
    ...(opts.blobSchedule === undefined ? {} : { blobSchedule: opts.blobSchedule }),
    ...(n.daoForkBlock === undefined ? {} : { daoForkBlock: n.daoForkBlock }),
    depositContractAddress: DEPOSIT_CONTRACT_ADDRESS,
  });
}

/** Describes the schedule in go-ethereum's banner style, e.g. "Homestead@0 ... Paris@TTD 58750000000000000000000 Shanghai@t1681338455". */
export function describeSchedule(config: ChainConfig): string {
  const parts: string[] = [];
  for (const [f, a] of Object.entries(config.schedule) as [string, ForkActivation][]) {
    const n = forkName(Number(f) as Fork);
    parts.push('block' in a ? `${n}@${a.block}` : 'time' in a ? `${n}@t${a.time}` : `${n}@TTD ${a.ttd}`);
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------- built-in networks

const b = (block: number): ForkActivation => ({ block: BigInt(block) });
const t = (time: number): ForkActivation => ({ time: BigInt(time) });

/**
 * Ethereum mainnet (go-ethereum params.MainnetChainConfig): the DAO fork at 1,920,000, the Merge at total
 * difficulty 5.875e22, BPO1 (2025-12-09) and BPO2 (2026-01-07) with the built-in blob parameters (10/15
 * and 14/21 blobs).
 */
export const MAINNET: ChainConfig = Object.freeze({
  name: 'mainnet',
  chainId: 1n,
  schedule: Object.freeze({
    [Fork.Frontier]: b(0),
    [Fork.Homestead]: b(1_150_000),
    [Fork.TangerineWhistle]: b(2_463_000),
    [Fork.SpuriousDragon]: b(2_675_000),
    [Fork.Byzantium]: b(4_370_000),
    [Fork.Constantinople]: b(7_280_000),
    [Fork.Petersburg]: b(7_280_000),
    [Fork.Istanbul]: b(9_069_000),
    [Fork.MuirGlacier]: b(9_200_000),
    [Fork.Berlin]: b(12_244_000),
    [Fork.London]: b(12_965_000),
    [Fork.ArrowGlacier]: b(13_773_000),
    [Fork.GrayGlacier]: b(15_050_000),
    [Fork.Paris]: { ttd: 58_750_000_000_000_000_000_000n },
    [Fork.Shanghai]: t(1681338455),
    [Fork.Cancun]: t(1710338135),
    [Fork.Prague]: t(1746612311),
    [Fork.Osaka]: t(1764798551),
    [Fork.BPO1]: t(1765290071),
    [Fork.BPO2]: t(1767747671),
  }),
  daoForkBlock: 1_920_000n,
  depositContractAddress: 0x00000000219ab540356cbb839cbe05303d7705fan,
  genesisHash: '0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3',
});

/** Sepolia (go-ethereum params.SepoliaChainConfig). */
export const SEPOLIA: ChainConfig = Object.freeze({
  name: 'sepolia',
  chainId: 11155111n,
  schedule: Object.freeze({
    [Fork.Frontier]: b(0),
    [Fork.Homestead]: b(0),
    [Fork.TangerineWhistle]: b(0),
    [Fork.SpuriousDragon]: b(0),
    [Fork.Byzantium]: b(0),
    [Fork.Constantinople]: b(0),
    [Fork.Petersburg]: b(0),
    [Fork.Istanbul]: b(0),
    [Fork.MuirGlacier]: b(0),
    [Fork.Berlin]: b(0),
    [Fork.London]: b(0),
    [Fork.Paris]: { ttd: 17_000_000_000_000_000n },
    [Fork.Shanghai]: t(1677557088),
    [Fork.Cancun]: t(1706655072),
    [Fork.Prague]: t(1741159776),
    [Fork.Osaka]: t(1760427360),
    [Fork.BPO1]: t(1761017184),
    [Fork.BPO2]: t(1761607008),
  }),
  depositContractAddress: 0x7f02c3e3c98b133055b8b348b2ac625669ed295dn,
  genesisHash: '0x25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9',
});

/** Hoodi (go-ethereum params.HoodiChainConfig): merged from genesis. */
export const HOODI: ChainConfig = Object.freeze({
  name: 'hoodi',
  chainId: 560048n,
  schedule: Object.freeze({
    [Fork.Frontier]: b(0),
    [Fork.Homestead]: b(0),
    [Fork.TangerineWhistle]: b(0),
    [Fork.SpuriousDragon]: b(0),
    [Fork.Byzantium]: b(0),
    [Fork.Constantinople]: b(0),
    [Fork.Petersburg]: b(0),
    [Fork.Istanbul]: b(0),
    [Fork.MuirGlacier]: b(0),
    [Fork.Berlin]: b(0),
    [Fork.London]: b(0),
    [Fork.Paris]: { ttd: 0n },
    [Fork.Shanghai]: t(0),
    [Fork.Cancun]: t(0),
    [Fork.Prague]: t(1742999832),
    [Fork.Osaka]: t(1761677592),
    [Fork.BPO1]: t(1762365720),
    [Fork.BPO2]: t(1762955544),
  }),
  depositContractAddress: 0x00000000219ab540356cbb839cbe05303d7705fan,
  genesisHash: '0xbbe312868b376a3001692a646dd2d7d1e4406380dfd86b98aa8a34d1557c971b',
});

export const BUILT_IN_NETWORKS: Readonly<Record<string, ChainConfig>> = Object.freeze({ mainnet: MAINNET, sepolia: SEPOLIA, hoodi: HOODI });
