/**
 * One differential check: the case in evmkit and in ethereumjs, compared. An exception thrown by either
 * side is an outcome too ("crash"), so a crash is reported as a divergence instead of ending the run.
 */
import { diffOutcomes, type FuzzCase, type Outcome } from './case.js';
import { runEvmkit } from './runEvmkit.js';
import { runEthereumjs } from './runEthereumjs.js';

export interface Comparison {
  readonly evmkit: Outcome;
  readonly ethereumjs: Outcome;
  readonly fields: string[];
}

function crash(err: unknown): Outcome {
  const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { rejected: false, status: 'crash', gasUsed: '', output: '', logs: [], stateRoot: '', detail: msg.slice(0, 300) };
}

export function evmkitOutcome(c: FuzzCase): Outcome {
  try {
    return runEvmkit(c);
  } catch (err) {
    return crash(err);
  }
}

export async function compareCase(c: FuzzCase): Promise<Comparison> {
  const evmkit = evmkitOutcome(c);
  let ethereumjs: Outcome;
  try {
    ethereumjs = await runEthereumjs(c);
  } catch (err) {
    ethereumjs = crash(err);
  }
  return { evmkit, ethereumjs, fields: diffOutcomes(evmkit, ethereumjs) };
}
