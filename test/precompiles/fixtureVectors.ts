/**
 * Precompile vectors taken from execution-spec-tests state fixtures (../shared/fixtures/state).
 *
 * The EEST precompile tests deploy a caller whose code is
 *   CALLDATACOPY(0, 0, CALLDATASIZE); CALL(gas, address, 0, 0, CALLDATASIZE, 0, 0);
 *   SSTORE(0, success); SSTORE(1, RETURNDATASIZE); SSTORE(2, KECCAK256(returndata))
 * and send the precompile input as the transaction data. Each post entry therefore gives one vector:
 * the input, the gas the precompile was given, whether the call succeeded, the output length and the
 * keccak of the output. Only callers of exactly that shape are read (call_types and other shapes are
 * left to `evmkit statetest`).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hexToBytes } from '../../src/primitives/hex.js';
import { fixturesRoot } from '../fixtures.js';

/** The state fixtures, through the one EVMKIT_FIXTURES resolver (test/fixtures.ts). */
export const FIXTURES_STATE = join(fixturesRoot(), 'state') + '/';

export interface FixtureVector {
  /** Test name and post index. */
  name: string;
  address: bigint;
  /** Gas given to the CALL. */
  gas: bigint;
  input: Uint8Array;
  success: boolean;
  outputLength: number;
  /** keccak256 of the output, 0x-prefixed (undefined when the fixture does not store it). */
  outputHash: string | undefined;
}

interface StateTest {
  pre: Record<string, { code: string }>;
  transaction: { to: string; data: string[] };
  post: Record<string, { indexes: { data: number }; state: Record<string, { storage: Record<string, string> }> }[]>;
}

/** Parses the caller prefix; returns the precompile address and the CALL gas, or undefined for other shapes. */
function parseCaller(code: string): { address: bigint; gas: bigint } | undefined {
  const prefix = '0x366000600037600060003660006000';
  if (!code.startsWith(prefix)) return undefined;
  let pc = prefix.length;
  const push = (): bigint | undefined => {
    const op = parseInt(code.slice(pc, pc + 2), 16);
    if (op < 0x60 || op > 0x63) return undefined;
    const n = op - 0x5f;
    const v = BigInt('0x' + code.slice(pc + 2, pc + 2 + 2 * n));
    pc += 2 + 2 * n;
    return v;
  };
  const address = push();
  const gas = push();
  if (address === undefined || gas === undefined || code.slice(pc, pc + 2) !== 'f1') return undefined;
  return { address, gas };
}

function storageValue(storage: Record<string, string>, slot: number): bigint | undefined {
  for (const [k, v] of Object.entries(storage)) if (BigInt(k) === BigInt(slot)) return BigInt(v);
  return undefined;
}

/** Every vector in the JSON files under `dir` (relative to FIXTURES_STATE) for `fork`; [] when absent. */
export function loadFixtureVectors(dir: string, fork: string, files?: readonly string[]): FixtureVector[] {
  const root = FIXTURES_STATE + dir;
  if (!existsSync(root)) return [];
  const out: FixtureVector[] = [];
  for (const file of readdirSync(root).sort()) {
    if (!file.endsWith('.json') || (files !== undefined && !files.includes(file))) continue;
    const tests = JSON.parse(readFileSync(`${root}/${file}`, 'utf8')) as Record<string, StateTest>;
    for (const [name, t] of Object.entries(tests)) {
      const to = t.transaction.to;
      const caller = parseCaller(t.pre[to]?.code ?? '');
      if (caller === undefined) continue;
      for (const [i, post] of (t.post[fork] ?? []).entries()) {
        const storage = post.state[to]?.storage ?? {};
        const hash = storageValue(storage, 2);
        out.push({
          name: `${file} ${name} #${i}`,
          address: caller.address,
          gas: caller.gas,
          input: hexToBytes(t.transaction.data[post.indexes.data]!),
          success: storageValue(storage, 0) === 1n,
          outputLength: Number(storageValue(storage, 1) ?? 0n),
          outputHash: hash === undefined ? undefined : '0x' + hash.toString(16).padStart(64, '0'),
        });
      }
    }
  }
  return out;
}
