/**
 * The inputs of the block-import benchmark: blockchain tests from ../shared/fixtures/blocks and the
 * execution-apis test chain (../shared/fixtures/rpc: genesis.json + chain.rlp).
 *
 * A case is a genesis (configuration, allocation, header) and the RLP of the blocks to import, in the
 * fixture's order: only the blocks the fixture marks valid (those with a `blockHeader`), since the
 * benchmark measures importing blocks, not rejecting them; side-chain blocks and reorgs are kept. Its
 * gas is the sum of those blocks' `gasUsed`, and both engines must end at the fixture's head.
 *
 * Which tests: the `top` tests with the most gas in valid blocks (at most one per file, so that the
 * three variants of one generated test do not fill the list), then a few typical ones named below.
 * Only networks ethereumjs can schedule the same way are considered (see ./gethConfig.ts).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { collectStateTestFiles } from '../../src/statetest/files.js';
import { parseNetwork } from '../../src/spec/network.js';
import { parseBlockTestText, tryHexToBytes, type BlockTest } from '../../src/blocktest/load.js';
import { networkConfig, type ChainConfig } from '../../src/chain/config.js';
import { Chain } from '../../src/chain/chain.js';
import { decodeBlock, splitBlocks } from '../../src/chain/block.js';
import { parseGenesis } from '../../src/chain/genesis.js';
import type { Header } from '../../src/chain/header.js';
import type { GenesisAlloc } from '../../src/state/env.js';
import { gethConfigOf, ethereumjsBlobSchedule } from './gethConfig.js';

export interface BlockBenchCase {
  /** A short label for tables. */
  readonly name: string;
  /** Where it comes from: `file :: test name`, or the chain file. */
  readonly source: string;
  /** The network as the fixture names it (or `genesis.json`). */
  readonly network: string;
  /** Why it is in the set: the gas ranking, a typical test, or the test chain. */
  readonly kind: 'top-gas' | 'typical' | 'chain.rlp';
  readonly config: ChainConfig;
  readonly alloc: GenesisAlloc;
  readonly genesis: Header;
  /** The RLP of every block to import, in order. */
  readonly blocks: readonly Uint8Array[];
  /** Sum of the imported blocks' gasUsed. */
  readonly gas: bigint;
  /** Transactions in the imported blocks. */
  readonly transactionCount: number;
  /** The canonical head both engines must end at (0x-hex hash). */
  readonly head: string;
  /** go-ethereum genesis.json `config` for ethereumjs's Common. */
  readonly gethConfig: Record<string, unknown>;
}

/**
 * Typical tests (by name, exact): many blocks with reorgs (ForkStressTest), a long EIP-1559 chain of
 * small blocks (lowDemand), contract deployment and calls over 34 blocks (RPC_API_Test), transient
 * storage (EIP-1153) across blocks, and a Prague block of 36 transactions making the most deposit,
 * withdrawal and consolidation requests (EIP-7685).
 */
export const TYPICAL_TESTS: readonly string[] = [
  'ForkStressTest_London',
  'lowDemand_Cancun',
  'RPC_API_Test_Berlin',
  'transStorageBlockchain_Cancun',
  'tests/prague/eip7685_general_purpose_el_requests/test_multi_type_requests.py::test_valid_multi_type_requests[fork_Prague-blockchain_test-max_withdrawals_per_slot+max_consolidations_per_slot+unlimited_deposits_per_slot]',
];

interface Ranked {
  readonly file: string;
  readonly name: string;
  readonly gas: bigint;
}

function ethereumjsCanRun(network: string): boolean {
  const n = parseNetwork(network);
  if (n === undefined) return false;
  try {
    gethConfigOf(networkConfig(network));
    return true;
  } catch {
    return false;
  }
}

/** Every test of the fixture folder with its gas in valid blocks (raw JSON: no decoding). */
function rankTests(dir: string): Ranked[] {
  const out: Ranked[] = [];
  for (const file of collectStateTestFiles([dir])) {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<
      string,
      { network?: string; blocks?: { blockHeader?: { gasUsed?: string } }[] }
    >;
    for (const [name, t] of Object.entries(json)) {
      if (typeof t.network !== 'string' || !Array.isArray(t.blocks) || !ethereumjsCanRun(t.network)) continue;
      let gas = 0n;
      let valid = 0;
      for (const b of t.blocks) {
        if (b.blockHeader === undefined) continue;
        gas += BigInt(b.blockHeader.gasUsed ?? '0');
        valid++;
      }
      if (valid > 0) out.push({ file, name, gas });
    }
  }
  return out;
}

function loadTest(dir: string, file: string, name: string, kind: BlockBenchCase['kind']): BlockBenchCase {
  const loaded = parseBlockTestText(readFileSync(file, 'utf8'), file).find((t) => t.name === name);
  if (loaded === undefined || loaded.kind !== 'test') throw new Error(`${file}: test ${JSON.stringify(name)} did not load`);
  const t: BlockTest = loaded;
  const blocks: Uint8Array[] = [];
  for (const [i, b] of t.blocks.entries()) {
    if (!b.valid) continue;
    const rlp = tryHexToBytes(b.rlp);
    if (rlp === undefined) throw new Error(`${file}: ${name}: block ${i}: rlp is not hex`);
    blocks.push(rlp);
  }
  return {
    name: shortName(name),
    source: `${relative(dir, file)} :: ${name}`,
    network: t.network,
    kind,
    config: t.config,
    alloc: t.alloc,
    genesis: t.genesis,
    blocks,
    ...totals(blocks),
    head: t.lastBlockHash,
    gethConfig: gethConfigOf(t.config),
  };
}

/** One blockchain test as a case: `file` relative to `<fixtures>/blocks`, the test by its exact name. */
export function loadBlockTestCase(fixtures: string, file: string, name: string): BlockBenchCase {
  const dir = join(fixtures, 'blocks');
  return loadTest(dir, join(dir, file), name, 'typical');
}

/** The gas and transactions of the blocks. */
function totals(blocks: readonly Uint8Array[]): { gas: bigint; transactionCount: number } {
  let gas = 0n;
  let transactionCount = 0;
  for (const rlp of blocks) {
    const b = decodeBlock(rlp);
    gas += b.header.gasUsed;
    transactionCount += b.transactions.length;
  }
  return { gas, transactionCount };
}

/** `tests/x/y.py::test_name[fork_Cancun-...]` -> `test_name[Cancun-...]`; ethereum/tests names as they are. */
export function shortName(name: string): string {
  const m = /::(test_[^[]+)(\[.*\])?$/.exec(name);
  if (m === null) return name;
  const params = (m[2] ?? '').replace(/fork_/, '').replace(/-blockchain_test(_from_state_test)?/, '');
  return `${m[1]}${params.length > 48 ? params.slice(0, 45) + '...]' : params}`;
}

export interface CaseSelection {
  /** How many of the heaviest tests (default 8). */
  readonly top?: number;
  /** Include the typical tests (default true). */
  readonly typical?: boolean;
  /** Include chain.rlp (default true). */
  readonly chain?: boolean;
  /** Only cases whose name or source matches. */
  readonly filter?: RegExp;
}

/** The benchmark's cases from `fixtures` (the folder holding blocks/ and rpc/). */
export function loadBlockBenchCases(fixtures: string, sel: CaseSelection = {}): BlockBenchCase[] {
  const dir = join(fixtures, 'blocks');
  const out: BlockBenchCase[] = [];
  if (existsSync(dir)) {
    const ranked = rankTests(dir).sort((a, b) => (a.gas === b.gas ? 0 : a.gas < b.gas ? 1 : -1));
    const files = new Set<string>();
    for (const r of ranked) {
      if (files.size >= (sel.top ?? 8)) break;
      if (files.has(r.file)) continue;
      files.add(r.file);
      out.push(loadTest(dir, r.file, r.name, 'top-gas'));
    }
    if (sel.typical ?? true) {
      for (const name of TYPICAL_TESTS) {
        const hit = ranked.find((r) => r.name === name);
        if (hit !== undefined && !out.some((c) => c.source.endsWith(` :: ${name}`))) out.push(loadTest(dir, hit.file, name, 'typical'));
      }
    }
  }
  if (sel.chain ?? true) {
    const c = loadChainRlpCase(join(fixtures, 'rpc'));
    if (c !== undefined) out.push(c);
  }
  return sel.filter === undefined ? out : out.filter((c) => sel.filter!.test(c.name) || sel.filter!.test(c.source));
}

/** chain.rlp from genesis.json, to the head of headfcu.json; undefined when the files are absent. */
export function loadChainRlpCase(rpcDir: string): BlockBenchCase | undefined {
  const files = ['genesis.json', 'chain.rlp', 'headfcu.json'].map((f) => join(rpcDir, f));
  if (!files.every((f) => existsSync(f))) return undefined;
  const raw = JSON.parse(readFileSync(files[0]!, 'utf8')) as { config: Record<string, unknown> };
  const genesis = parseGenesis(raw);
  const { blocks, error } = splitBlocks(readFileSync(files[1]!));
  if (error !== undefined) throw new Error(`chain.rlp: ${error}`);
  // The genesis header evmkit builds from the file (go-ethereum's ToBlock); ethereumjs starts from the same one.
  const header = new Chain({ config: genesis.config, alloc: genesis.alloc, genesis: genesis.fields }).genesis.header;
  const fcu = JSON.parse(readFileSync(files[2]!, 'utf8')) as { params: [{ headBlockHash: string }] };
  return {
    name: 'chain.rlp',
    source: `rpc/chain.rlp (${blocks.length} blocks, Frontier to BPO2)`,
    network: 'genesis.json',
    kind: 'chain.rlp',
    config: genesis.config,
    alloc: genesis.alloc,
    genesis: header,
    blocks,
    ...totals(blocks),
    head: fcu.params[0].headBlockHash.toLowerCase(),
    gethConfig: ethereumjsGenesisConfig(raw.config),
  };
}

/** genesis.json `config` for ethereumjs: its blob schedule left out where ethereumjs has the same built in. */
function ethereumjsGenesisConfig(config: Record<string, unknown>): Record<string, unknown> {
  if (config.blobSchedule === undefined) return config;
  const { blobSchedule, ...rest } = config;
  const s = ethereumjsBlobSchedule(blobSchedule as Record<string, unknown>);
  return s === undefined ? rest : { ...rest, blobSchedule: s };
}
