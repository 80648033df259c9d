/**
 * Blockchain-test loader (ethereum/tests BlockchainTests, execution-spec-tests blockchain_tests): a file of
 * named tests -> one entry per test. A test whose network evmkit does not know is `skipped` (never a pass);
 * a malformed test is one `malformed` entry naming the field; the rest of the file still loads.
 *
 * Pure: no Node APIs (reading files is in ./files.ts).
 */
import { parseNetwork } from '../spec/network.js';
import { forkFromName } from '../spec/fork.js';
import { hexToBytes } from '../primitives/hex.js';
import type { GenesisAlloc } from '../state/env.js';
import { parseAlloc } from '../statetest/block.js';
import { FieldError, address, array, bytes, object, optional, quantity, string } from '../statetest/fields.js';
import { networkConfig, parseBlobSchedule, ChainConfigError, type ChainConfig } from '../chain/config.js';
import { decodeBlock } from '../chain/block.js';
import type { Header } from '../chain/header.js';

/** One block of a test, in import order. */
export interface TestBlock {
  /** The block's RLP as written (hex; may be deliberately malformed). */
  readonly rlp: string;
  /** Whether the block must import: go-ethereum's rule, a block with a decoded `blockHeader` is valid. */
  readonly valid: boolean;
  /** The fixture's exception name(s), for reports. */
  readonly expectException?: string;
  /** The hash of a valid block as the fixture decoded it. */
  readonly hash?: string;
}

export interface BlockTest {
  readonly kind: 'test';
  readonly file: string;
  readonly name: string;
  /** The network as written (`Cancun`, `ShanghaiToCancunAtTime15k`, ...). */
  readonly network: string;
  readonly config: ChainConfig;
  readonly alloc: GenesisAlloc;
  readonly genesis: Header;
  readonly genesisHash: string;
  /** `Ethash`: check proof-of-work seals; `NoProof` or absent: do not. */
  readonly sealEngine?: string;
  readonly blocks: readonly TestBlock[];
  readonly lastBlockHash: string;
  readonly postState?: GenesisAlloc;
  readonly postStateHash?: string;
}

export interface SkippedBlockTest {
  readonly kind: 'skipped';
  readonly file: string;
  readonly name: string;
  readonly network: string;
  readonly reason: string;
}

export interface MalformedBlockTest {
  readonly kind: 'malformed';
  readonly file: string;
  readonly name: string;
  readonly network: string;
  /** `<file>: test "<name>": <field>: <what is wrong>` */
  readonly error: string;
}

export type LoadedBlockTest = BlockTest | SkippedBlockTest | MalformedBlockTest;

export interface BlockTestLoadOptions {
  /** Only tests whose name matches. */
  readonly run?: RegExp;
  /**
   * Only tests of these networks: a fork name selects tests of that fork and transitions to it; a
   * transition name (`OsakaToBPO1AtTime15k`) selects exactly that network.
   */
  readonly forks?: readonly string[];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Whether a test's network is selected by the user's fork names. */
export function networkSelected(network: string, wanted: readonly string[] | undefined): boolean {
  if (wanted === undefined || wanted.length === 0) return true;
  const n = parseNetwork(network);
  return wanted.some((w) => {
    if (w.toLowerCase() === network.toLowerCase()) return true;
    const f = forkFromName(w);
    return f !== undefined && n !== undefined && n.lastFork === f;
  });
}

const HEADER_FIELDS: readonly (readonly [keyof Header, string, 'hash' | 'bytes' | 'q' | 'addr' | 'bloom' | 'nonce'])[] = [
  ['parentHash', 'parentHash', 'hash'],
  ['ommersHash', 'uncleHash', 'hash'],
  ['coinbase', 'coinbase', 'addr'],
  ['stateRoot', 'stateRoot', 'hash'],
  ['transactionsRoot', 'transactionsTrie', 'hash'],
  ['receiptsRoot', 'receiptTrie', 'hash'],
  ['logsBloom', 'bloom', 'bloom'],
  ['difficulty', 'difficulty', 'q'],
  ['number', 'number', 'q'],
  ['gasLimit', 'gasLimit', 'q'],
  ['gasUsed', 'gasUsed', 'q'],
  ['timestamp', 'timestamp', 'q'],
  ['extraData', 'extraData', 'bytes'],
  ['mixHash', 'mixHash', 'hash'],
  ['nonce', 'nonce', 'nonce'],
  ['baseFeePerGas', 'baseFeePerGas', 'q'],
  ['withdrawalsRoot', 'withdrawalsRoot', 'hash'],
  ['blobGasUsed', 'blobGasUsed', 'q'],
  ['excessBlobGas', 'excessBlobGas', 'q'],
  ['parentBeaconBlockRoot', 'parentBeaconBlockRoot', 'hash'],
  ['requestsHash', 'requestsHash', 'hash'],
];

/** A header from a fixture's JSON form (`genesisBlockHeader`, `blockHeader`). */
export function headerFromJson(raw: unknown, field: string): Header {
  const o = object(raw, field);
  const h: Record<string, unknown> = {};
  HEADER_FIELDS.forEach(([k, json, kind], i) => {
    const v = o[json];
    if (v === undefined) {
      if (i < 15) throw new FieldError(`${field}.${json}`, 'missing');
      return;
    }
    const f = `${field}.${json}`;
    h[k] =
      kind === 'hash'
        ? bytes(v, f, 32)
        : kind === 'bloom'
          ? bytes(v, f, 256)
          : kind === 'nonce'
            ? bytes(v, f, 8)
            : kind === 'addr'
              ? address(v, f)
              : kind === 'bytes'
                ? bytes(v, f)
                : quantity(v, f);
  });
  return h as unknown as Header;
}

function chainConfigOf(test: Record<string, unknown>, network: string): ChainConfig {
  const cfg = test.config === undefined ? {} : object(test.config, 'config');
  const chainId = optional(cfg.chainid, 'config.chainid', quantity) ?? 1n;
  let blobSchedule;
  if (cfg.blobSchedule !== undefined) {
    try {
      blobSchedule = parseBlobSchedule(cfg.blobSchedule, 'config.blobSchedule');
    } catch (e) {
      throw new FieldError('config.blobSchedule', message(e));
    }
  }
  try {
    return networkConfig(network, { chainId, ...(blobSchedule === undefined ? {} : { blobSchedule }) });
  } catch (e) {
    if (e instanceof ChainConfigError) throw new FieldError('network', e.message);
    throw e;
  }
}

function genesisOf(test: Record<string, unknown>): Header {
  if (test.genesisRLP !== undefined) {
    const rlp = bytes(test.genesisRLP, 'genesisRLP');
    try {
      return decodeBlock(rlp).header;
    } catch (e) {
      throw new FieldError('genesisRLP', message(e));
    }
  }
  return headerFromJson(test.genesisBlockHeader, 'genesisBlockHeader');
}

function parseBlock(raw: unknown, i: number): TestBlock {
  const b = object(raw, `blocks[${i}]`);
  const rlp = string(b.rlp, `blocks[${i}].rlp`);
  const exception = Object.keys(b).find((k) => k.startsWith('expectException'));
  const valid = b.blockHeader !== undefined;
  let hash: string | undefined;
  if (valid) hash = string(object(b.blockHeader, `blocks[${i}].blockHeader`).hash, `blocks[${i}].blockHeader.hash`).toLowerCase();
  return {
    rlp,
    valid,
    ...(exception === undefined ? {} : { expectException: String(b[exception]) }),
    ...(hash === undefined ? {} : { hash }),
  };
}

function parseTest(file: string, name: string, raw: unknown): LoadedBlockTest {
  let network = '';
  try {
    const test = object(raw, 'test');
    network = string(test.network, 'network');
    if (parseNetwork(network) === undefined)
      return { kind: 'skipped', file, name, network, reason: `unknown network ${JSON.stringify(network)}` };
    const config = chainConfigOf(test, network);
    const genesis = genesisOf(test);
    const gh = object(test.genesisBlockHeader, 'genesisBlockHeader');
    const postStateHash = optional(test.postStateHash, 'postStateHash', (v, f) => bytes(v, f, 32));
    return {
      kind: 'test',
      file,
      name,
      network,
      config,
      alloc: parseAlloc(test.pre, 'pre'),
      genesis,
      genesisHash: string(gh.hash, 'genesisBlockHeader.hash').toLowerCase(),
      ...(test.sealEngine === undefined ? {} : { sealEngine: string(test.sealEngine, 'sealEngine') }),
      blocks: array(test.blocks, 'blocks').map(parseBlock),
      lastBlockHash: string(test.lastblockhash, 'lastblockhash')
        .toLowerCase()
        .replace(/^(?!0x)/, '0x'),
      ...(test.postState === undefined ? {} : { postState: parseAlloc(test.postState, 'postState') }),
      ...(postStateHash === undefined
        ? {}
        : { postStateHash: '0x' + Array.from(postStateHash, (x) => x.toString(16).padStart(2, '0')).join('') }),
    };
  } catch (e) {
    return { kind: 'malformed', file, name, network, error: `${file}: test ${JSON.stringify(name)}: ${message(e)}` };
  }
}

/** Parses the text of a blockchain-test file; invalid JSON is one malformed entry named after the file. */
export function parseBlockTestText(text: string, file: string, opts: BlockTestLoadOptions = {}): LoadedBlockTest[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return [{ kind: 'malformed', file, name: file, network: '', error: `${file}: invalid JSON: ${message(e)}` }];
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return [{ kind: 'malformed', file, name: file, network: '', error: `${file}: expected an object of named blockchain tests` }];
  }
  const out: LoadedBlockTest[] = [];
  for (const [name, raw] of Object.entries(json as Record<string, unknown>)) {
    if (opts.run !== undefined && !opts.run.test(name)) continue;
    const network =
      typeof raw === 'object' && raw !== null && typeof (raw as { network?: unknown }).network === 'string'
        ? (raw as { network: string }).network
        : '';
    if (!networkSelected(network, opts.forks)) continue;
    out.push(parseTest(file, name, raw));
  }
  return out;
}

/** Hex to bytes without throwing: undefined for a malformed hex string. */
export function tryHexToBytes(s: string): Uint8Array | undefined {
  try {
    return hexToBytes(s, 'rlp');
  } catch {
    return undefined;
  }
}
