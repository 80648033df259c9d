/**
 * Which fork a block of a known public chain runs under (go-ethereum params.MainnetChainConfig,
 * SepoliaChainConfig, HoleskyChainConfig, HoodiChainConfig): block-number forks up to the Merge, then
 * timestamp forks. `forkAt` is what a forked EVM (and `evmkit call --rpc-url`) uses when no fork is given.
 * Mainnet's Merge is by total difficulty; its first proof-of-stake block is 15,537,394.
 */
import { DEFAULT_FORK, Fork } from './fork.js';

interface Schedule {
  /** [first block, fork], ascending. */
  readonly byBlock: readonly (readonly [bigint, Fork])[];
  /** [first timestamp, fork], ascending (after the Merge). */
  readonly byTime: readonly (readonly [bigint, Fork])[];
}

const MAINNET: Schedule = {
  byBlock: [
    [0n, Fork.Frontier],
    [1_150_000n, Fork.Homestead],
    [2_463_000n, Fork.TangerineWhistle],
    [2_675_000n, Fork.SpuriousDragon],
    [4_370_000n, Fork.Byzantium],
    [7_280_000n, Fork.Petersburg],
    [9_069_000n, Fork.Istanbul],
    [9_200_000n, Fork.MuirGlacier],
    [12_244_000n, Fork.Berlin],
    [12_965_000n, Fork.London],
    [13_773_000n, Fork.ArrowGlacier],
    [15_050_000n, Fork.GrayGlacier],
    [15_537_394n, Fork.Paris],
  ],
  byTime: [
    [1681338455n, Fork.Shanghai],
    [1710338135n, Fork.Cancun],
    [1746612311n, Fork.Prague],
    [1764798551n, Fork.Osaka],
    [1765290071n, Fork.BPO1],
    [1767747671n, Fork.BPO2],
  ],
};

const SEPOLIA: Schedule = {
  byBlock: [
    [0n, Fork.London],
    [1_735_371n, Fork.Paris],
  ],
  byTime: [
    [1677557088n, Fork.Shanghai],
    [1706655072n, Fork.Cancun],
    [1741159776n, Fork.Prague],
    [1760427360n, Fork.Osaka],
    [1761017184n, Fork.BPO1],
    [1761607008n, Fork.BPO2],
  ],
};

const HOLESKY: Schedule = {
  byBlock: [[0n, Fork.Paris]],
  byTime: [
    [1696000704n, Fork.Shanghai],
    [1707305664n, Fork.Cancun],
    [1740434112n, Fork.Prague],
    [1759308480n, Fork.Osaka],
    [1759800000n, Fork.BPO1],
    [1760389824n, Fork.BPO2],
  ],
};

const HOODI: Schedule = {
  byBlock: [[0n, Fork.Paris]],
  byTime: [
    [0n, Fork.Cancun],
    [1742999832n, Fork.Prague],
    [1761677592n, Fork.Osaka],
    [1762365720n, Fork.BPO1],
    [1762955544n, Fork.BPO2],
  ],
};

const SCHEDULES: ReadonlyMap<bigint, Schedule> = new Map([
  [1n, MAINNET],
  [11155111n, SEPOLIA],
  [17000n, HOLESKY],
  [560048n, HOODI],
]);

/** The chain ids `forkAt` knows the schedule of. */
export const KNOWN_CHAIN_IDS: readonly bigint[] = Object.freeze([...SCHEDULES.keys()]);

/**
 * The fork block `number` (at `timestamp`) of chain `chainId` runs under, or DEFAULT_FORK (the fork
 * mainnet runs today) for a chain whose schedule evmkit does not know (a local dev chain, an L2).
 */
export function forkAt(chainId: bigint, number: bigint, timestamp: bigint): Fork {
  const s = SCHEDULES.get(chainId);
  if (s === undefined) return DEFAULT_FORK;
  let fork: Fork = Fork.Frontier;
  for (const [n, f] of s.byBlock) if (number >= n) fork = f;
  if (fork !== Fork.Paris) return fork;
  for (const [t, f] of s.byTime) if (timestamp >= t) fork = f;
  return fork;
}
