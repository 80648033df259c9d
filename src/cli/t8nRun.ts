/**
 * The t8n entry function, without files or processes: `{alloc, env, txs | txsRlp}` + fork, chain id and
 * reward -> `{alloc, result, body}` (go-ethereum t8ntool `Transition` after its inputs are read).
 * Tests and the conformance sweep call it in-process; `evmkit t8n` wraps it with files and stdio.
 */
import { forkFromName } from '../spec/fork.js';
import { rulesFor, type Rules } from '../spec/rules.js';
import { EIPS } from '../spec/eips.js';
import { applyBlock, MissingBlockHashError, type BlockOptions, type BlockTx } from '../transition/block.js';
import { BlockConfigError } from '../transition/blockEnv.js';
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
 * The rules of a `--state.fork` name: a fork, optionally with EIPs switched on by themselves as go-ethereum
 * writes them (`London+3855`); throws T8nError (3) for unknown forks and EIPs.
 */
export function t8nRules(name: string): Rules {
  const [forkName = '', ...extra] = name.split('+');
  const fork = forkFromName(forkName);
  if (fork === undefined)
    throw new T8nError(T8nExit.Config, `failed constructing chain configuration: unsupported fork ${JSON.stringify(name)}`);
  const eips = extra.map((e) => (/^[0-9]+$/.test(e) ? Number(e) : NaN));
  if (eips.some((n) => !EIPS.has(n))) {
    throw new T8nError(T8nExit.Config, `failed constructing chain configuration: unknown EIP in ${JSON.stringify(name)}`);
  }
  return rulesFor(fork, { eips });
}

/** Runs one transition; throws T8nError with go-ethereum's exit code on bad input or an invalid block. */
export function runT8n(input: T8nInput, opts: T8nOptions): T8nOutput {
  const rules = t8nRules(opts.fork);
  const chainId = opts.chainId ?? 1n;
  const alloc = parseT8nAlloc(input.alloc);
  if (input.env === undefined) throw new T8nError(T8nExit.Json, 'env: missing');
  const env = parseT8nEnv(input.env);
  const txs: BlockTx[] =
    typeof input.txsRlp === 'string' && input.txsRlp.length > 0
      ? parseRlpTxs(input.txsRlp, rules)
      : parseJsonTxs(input.txs, rules, chainId);
  let block;
  try {
    block = applyBlock(alloc, env, txs, {
      rules,
      chainId,
      reward: opts.reward ?? 0n,
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
