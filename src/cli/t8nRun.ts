/**
 * The t8n entry function, without files or processes: `{alloc, env, txs | txsRlp}` + fork, chain id and
 * reward -> `{alloc, result, body}` (go-ethereum t8ntool `Transition` after its inputs are read).
 * Tests and the conformance sweep call it in-process; `evmkit t8n` wraps it with files and stdio.
 */
import { forkFromName, Fork } from '../spec/fork.js';
import { rulesFor, type Rules } from '../spec/rules.js';
import { applyBlock, MissingBlockHashError, type BlockOptions, type BlockTx } from '../transition/block.js';
import { BlockConfigError, DifficultyRule, type DifficultySchedule } from '../transition/blockEnv.js';
import { SystemCallError } from '../transition/blockSystem.js';
import { allocJson, bodyHex, resultJson } from './t8nOutput.js';
import { T8nError, T8nExit, parseJsonTxs, parseRlpTxs, parseT8nAlloc, parseT8nEnv } from './t8nInput.js';

export interface T8nInput {
  readonly alloc?: unknown;
  readonly env?: unknown;
  readonly txs?: unknown;
  /** Hex RLP list of signed transactions; used instead of `txs` when present. */
  readonly txsRlp?: unknown;
}

export interface T8nOptions {
  /** `--state.fork`. */
  readonly fork: string;
  /** `--state.chainid` (default 1). */
  readonly chainId?: bigint;
  /** `--state.reward` in wei (default 0; -1 disables rewards). */
  readonly reward?: bigint;
  /** `--trace`: a tracer per included transaction (see BlockOptions.tracerFor). */
  readonly tracerFor?: BlockOptions['tracerFor'];
}

export interface T8nOutput {
  readonly alloc: Record<string, unknown>;
  readonly result: Record<string, unknown>;
  readonly body: string;
}

/**
 * Difficulty-bomb delays by fork name (go-ethereum tests/init.go: Istanbul keeps Constantinople's,
 * MuirGlacier and Berlin 9M, London 9.7M, ArrowGlacier 10.7M, GrayGlacier 11.4M).
 */
const BOMB_DELAYS: Record<string, bigint> = {
  byzantium: 3_000_000n,
  constantinople: 5_000_000n,
  constantinoplefix: 5_000_000n,
  petersburg: 5_000_000n,
  istanbul: 5_000_000n,
  muirglacier: 9_000_000n,
  berlin: 9_000_000n,
  london: 9_700_000n,
  arrowglacier: 10_700_000n,
  grayglacier: 11_400_000n,
};

function difficultySchedule(name: string, fork: Fork): DifficultySchedule {
  if (fork === Fork.Frontier) return { rule: DifficultyRule.Frontier, bombDelay: 0n };
  if (fork < Fork.Byzantium) return { rule: DifficultyRule.Homestead, bombDelay: 0n };
  return { rule: DifficultyRule.Byzantium, bombDelay: BOMB_DELAYS[name.toLowerCase()] ?? 11_400_000n };
}

/** The rules of a `--state.fork` name; throws T8nError (3) for unknown names and `Fork+EIP` extras. */
export function t8nRules(name: string): { rules: Rules; difficulty: DifficultySchedule } {
  if (name.includes('+')) {
    throw new T8nError(T8nExit.Config, `failed constructing chain configuration: extra EIPs (${JSON.stringify(name)}) are not supported by evmkit`);
  }
  const fork = forkFromName(name);
  if (fork === undefined) throw new T8nError(T8nExit.Config, `failed constructing chain configuration: unsupported fork ${JSON.stringify(name)}`);
  return { rules: rulesFor(fork), difficulty: difficultySchedule(name, fork) };
}

/** Runs one transition; throws T8nError with go-ethereum's exit code on bad input or an invalid block. */
export function runT8n(input: T8nInput, opts: T8nOptions): T8nOutput {
  const { rules, difficulty } = t8nRules(opts.fork);
  const chainId = opts.chainId ?? 1n;
  const alloc = parseT8nAlloc(input.alloc);
  if (input.env === undefined) throw new T8nError(T8nExit.Json, 'env: missing');
  const env = parseT8nEnv(input.env);
  const txs: BlockTx[] =
    typeof input.txsRlp === 'string' && input.txsRlp.length > 0 ? parseRlpTxs(input.txsRlp, rules) : parseJsonTxs(input.txs, rules, chainId);
  let block;
  try {
    block = applyBlock(alloc, env, txs, {
      rules,
      chainId,
      reward: opts.reward ?? 0n,
      difficulty,
      ...(opts.tracerFor === undefined ? {} : { tracerFor: opts.tracerFor }),
    });
  } catch (e) {
    if (e instanceof BlockConfigError) throw new T8nError(T8nExit.Config, e.message);
    if (e instanceof MissingBlockHashError) throw new T8nError(T8nExit.MissingBlockhash, e.message);
    if (e instanceof SystemCallError) throw new T8nError(T8nExit.Evm, e.message);
    throw e;
  }
  return { alloc: allocJson(block.state), result: resultJson(block, env.number), body: bodyHex(block) };
}
