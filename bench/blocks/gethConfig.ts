/**
 * evmkit's ChainConfig as go-ethereum genesis.json `config`, so that @ethereumjs/common
 * (`createCommonFromGethGenesis`) schedules the same forks at the same blocks and times as evmkit does
 * for a blockchain test's network (`Cancun`, `ShanghaiToCancunAtTime15k`, `FrontierToHomesteadAt5`).
 *
 * ethereumjs picks a block's hardfork by its number and timestamp only: the Merge is placed at a block
 * (`mergeForkBlock`), so a network that reaches it by total difficulty (ArrowGlacierToParisAtDiffC0000)
 * has no equivalent here and is refused.
 */
import { Fork, forkName } from '../../src/spec/fork.js';
import type { ForkActivation } from '../../src/spec/rules.js';
import type { ChainConfig } from '../../src/chain/config.js';
import type { BlobSchedule } from '../../src/spec/rules.js';

/** ethereumjs 10.1's built-in blob parameters (mainnet's, EIP-7840/7892). */
const ETHEREUMJS_BLOB_PARAMS: Readonly<Record<string, readonly [number, number, bigint]>> = {
  cancun: [3, 6, 3338477n],
  prague: [6, 9, 5007716n],
  osaka: [6, 9, 5007716n],
  bpo1: [10, 15, 8346193n],
  bpo2: [14, 21, 11684671n],
};

/**
 * A blob schedule for ethereumjs: none when every entry is ethereumjs's built-in value (then its own
 * parameters are the same). Given one, ethereumjs 10.1's createCommonFromGethGenesis replaces a BPO
 * fork's parameters and loses its `target` ("Missing parameter value for target" at the first BPO1
 * block), so a schedule it already has is left out; a different one is passed (Cancun to Osaka only).
 */
export function ethereumjsBlobSchedule(s: BlobSchedule | Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let custom = false;
  for (const [k, raw] of Object.entries(s)) {
    const v = raw as { target: number | bigint; max: number | bigint; baseFeeUpdateFraction: number | bigint };
    const key = k.toLowerCase();
    const builtIn = ETHEREUMJS_BLOB_PARAMS[key];
    const same =
      builtIn !== undefined &&
      BigInt(v.target) === BigInt(builtIn[0]) &&
      BigInt(v.max) === BigInt(builtIn[1]) &&
      BigInt(v.baseFeeUpdateFraction) === builtIn[2];
    if (same) continue;
    if (key.startsWith('bpo')) throw new Error(`ethereumjs peer: a custom blob schedule for ${k} is lost by ethereumjs 10.1`);
    custom = true;
    out[key] = { target: Number(v.target), max: Number(v.max), baseFeeUpdateFraction: Number(v.baseFeeUpdateFraction) };
  }
  return custom ? out : undefined;
}

/** go-ethereum's keys of the forks activated by block (the same table as src/chain/config.ts reads). */
const BLOCK_KEYS: readonly (readonly [Fork, readonly string[]])[] = [
  [Fork.Homestead, ['homesteadBlock']],
  [Fork.TangerineWhistle, ['eip150Block']],
  [Fork.SpuriousDragon, ['eip155Block', 'eip158Block']],
  [Fork.Byzantium, ['byzantiumBlock']],
  [Fork.Constantinople, ['constantinopleBlock']],
  [Fork.Petersburg, ['petersburgBlock']],
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
];

function num(v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`ethereumjs peer: ${what} ${v} does not fit a JSON number`);
  return Number(v);
}

/** The genesis.json `config` of a ChainConfig; throws when ethereumjs cannot schedule it the same way. */
export function gethConfigOf(config: ChainConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { chainId: num(config.chainId, 'chain id') };
  const at = (f: Fork): ForkActivation | undefined => config.schedule[f];
  for (const [fork, keys] of BLOCK_KEYS) {
    const a = at(fork);
    if (a === undefined) continue;
    if (!('block' in a))
      throw new Error(
        `ethereumjs peer: ${forkName(fork)} by ${'ttd' in a ? 'total difficulty' : 'time'} has no block-number equivalent in ethereumjs`,
      );
    for (const k of keys) out[k] = num(a.block, k);
  }
  const paris = at(Fork.Paris);
  if (paris !== undefined) {
    if ('ttd' in paris && paris.ttd === 0n) out.mergeForkBlock = 0;
    else if ('block' in paris) out.mergeForkBlock = num(paris.block, 'mergeForkBlock');
    else throw new Error('ethereumjs peer: a Merge by total difficulty has no block-number equivalent in ethereumjs');
    out.terminalTotalDifficulty = 0;
  }
  for (const [fork, key] of TIME_KEYS) {
    const a = at(fork);
    if (a === undefined) continue;
    if (!('time' in a)) throw new Error(`ethereumjs peer: ${forkName(fork)} is not scheduled by time`);
    out[key] = num(a.time, key);
  }
  for (const f of [Fork.BPO3, Fork.BPO4, Fork.BPO5]) {
    if (at(f) !== undefined) throw new Error('ethereumjs peer: ethereumjs 10 knows BPO1 and BPO2 only');
  }
  if (config.daoForkBlock !== undefined) {
    out.daoForkBlock = num(config.daoForkBlock, 'daoForkBlock');
    out.daoForkSupport = true;
  }
  const blobs = config.blobSchedule === undefined ? undefined : ethereumjsBlobSchedule(config.blobSchedule);
  if (blobs !== undefined) out.blobSchedule = blobs;
  out.depositContractAddress = '0x' + config.depositContractAddress.toString(16).padStart(40, '0');
  return out;
}
