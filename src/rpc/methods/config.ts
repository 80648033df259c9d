/**
 * eth_config (EIP-7910): the current fork's activation time, blob schedule, chain id, fork id (EIP-2124),
 * precompiles by name and system contracts; eth_capabilities: what history the node serves.
 */
import type { StoredBlock } from '../../chain/chain.js';
import { Fork } from '../../spec/fork.js';
import { precompileAddresses } from '../../precompiles/registry.js';
import {
  BEACON_ROOTS_ADDRESS,
  CONSOLIDATION_QUEUE_ADDRESS,
  HISTORY_STORAGE_ADDRESS,
  WITHDRAWAL_QUEUE_ADDRESS,
} from '../../transition/blockSystem.js';
import type { NodeChain } from '../backend/nodeChain.js';
import { address, hash, quantity } from '../codec.js';
import { method } from '../registry.js';
import { chainOf } from './chain.js';

const PRECOMPILE_NAMES: ReadonlyMap<bigint, string> = new Map([
  [1n, 'ECREC'],
  [2n, 'SHA256'],
  [3n, 'RIPEMD160'],
  [4n, 'ID'],
  [5n, 'MODEXP'],
  [6n, 'BN254_ADD'],
  [7n, 'BN254_MUL'],
  [8n, 'BN254_PAIRING'],
  [9n, 'BLAKE2F'],
  [0x0an, 'KZG_POINT_EVALUATION'],
  [0x0bn, 'BLS12_G1ADD'],
  [0x0cn, 'BLS12_G1MSM'],
  [0x0dn, 'BLS12_G2ADD'],
  [0x0en, 'BLS12_G2MSM'],
  [0x0fn, 'BLS12_PAIRING_CHECK'],
  [0x10n, 'BLS12_MAP_FP_TO_G1'],
  [0x11n, 'BLS12_MAP_FP2_TO_G2'],
  [0x100n, 'P256VERIFY'],
]);

let CRC_TABLE: Uint32Array | undefined;

function crc32(crc: number, bytes: Uint8Array): number {
  if (CRC_TABLE === undefined) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** The fork block numbers and times (go-ethereum gatherForks): sorted, deduplicated, without genesis's. */
function forkPoints(chain: NodeChain): { blocks: bigint[]; times: bigint[] } {
  const blocks = new Set<bigint>();
  const times = new Set<bigint>();
  const genesisTime = chain.chain.genesis.header.timestamp;
  if (chain.rawConfig !== undefined) {
    for (const [k, v] of Object.entries(chain.rawConfig)) {
      if (typeof v !== 'number' && typeof v !== 'string') continue;
      let n: bigint;
      try {
        n = BigInt(v);
      } catch {
        continue;
      }
      if (k.endsWith('Block')) blocks.add(n);
      else if (k.endsWith('Time')) times.add(n);
    }
  } else {
    for (const a of Object.values(chain.config.schedule)) {
      if ('block' in a) blocks.add(a.block);
      else if ('time' in a) times.add(a.time);
    }
  }
  const sort = (s: Set<bigint>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { blocks: sort(blocks).filter((b) => b > 0n), times: sort(times).filter((t) => t > genesisTime) };
}

function u64(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** EIP-2124 fork hash at the head. */
function forkId(chain: NodeChain, head: StoredBlock): string {
  let crc = crc32(0, chain.chain.genesis.hash);
  const { blocks, times } = forkPoints(chain);
  for (const b of blocks) if (b <= head.number) crc = crc32(crc, u64(b));
  for (const t of times) if (t <= head.header.timestamp) crc = crc32(crc, u64(t));
  return '0x' + crc.toString(16).padStart(8, '0');
}

function currentConfig(chain: NodeChain): Record<string, unknown> {
  const head = chain.head;
  const rules = head.rules;
  const activation = chain.config.schedule[rules.fork as Fork];
  const activationTime = activation !== undefined && 'time' in activation ? Number(activation.time) : 0;
  const precompiles: Record<string, string> = {};
  for (const a of precompileAddresses(rules)) {
    const n = PRECOMPILE_NAMES.get(a);
    if (n !== undefined) precompiles[n] = address(a);
  }
  const systemContracts: Record<string, string> = {};
  if (rules.eip4788) systemContracts.BEACON_ROOTS_ADDRESS = address(BEACON_ROOTS_ADDRESS);
  if (rules.eip7685) {
    systemContracts.CONSOLIDATION_REQUEST_PREDEPLOY_ADDRESS = address(CONSOLIDATION_QUEUE_ADDRESS);
    systemContracts.DEPOSIT_CONTRACT_ADDRESS = address(chain.config.depositContractAddress);
    systemContracts.HISTORY_STORAGE_ADDRESS = address(HISTORY_STORAGE_ADDRESS);
    systemContracts.WITHDRAWAL_REQUEST_PREDEPLOY_ADDRESS = address(WITHDRAWAL_QUEUE_ADDRESS);
  }
  const out: Record<string, unknown> = { activationTime };
  if (rules.eip4844) {
    out.blobSchedule = {
      target: rules.targetBlobGasPerBlock / rules.blobGasPerBlob,
      max: rules.maxBlobGasPerBlock / rules.blobGasPerBlob,
      baseFeeUpdateFraction: Number(rules.blobBaseFeeUpdateFraction),
    };
  }
  out.chainId = quantity(chain.config.chainId);
  out.forkId = forkId(chain, head);
  out.precompiles = precompiles;
  out.systemContracts = systemContracts;
  return out;
}

const available = { disabled: false, oldestBlock: '0x0' };

export const configMethods = [
  method('eth_config', [], (_, ctx) => ({ current: currentConfig(chainOf(ctx)), next: null, last: null }), 'EIP-7910 fork configuration'),
  method(
    'eth_capabilities',
    [],
    (_, ctx) => {
      const head = chainOf(ctx).head;
      return {
        head: { number: quantity(head.number), hash: hash(head.hash) },
        state: available,
        tx: available,
        logs: { ...available, deleteStrategy: { type: 'window', retentionBlocks: quantity((1n << 63n) - 1n) } },
        receipts: available,
        blocks: available,
        stateproofs: available,
      };
    },
    'what history the node serves (all of it)',
  ),
];
