/**
 * `npm run soak [-- --calls N]`: 100,000 calls (default) through one evmkit Executor on one state,
 * each exercising storage writes (bounded slots), memory growth, KECCAK256, a sub-call returning data,
 * a log, a CREATE inside a reverted sub-call, and a precompile. Memory must stay flat: the RSS after a
 * warm-up and at the end are printed with the growth in percent (fails above 10%).
 */
import { asm } from '../src/spec/asm.js';
import { Executor } from '../src/exec/executor.js';
import { CallKind } from '../src/machine/message.js';
import { Status } from '../src/machine/status.js';
import { StateJournal } from '../src/state/journal.js';
import { Account } from '../src/state/account.js';
import { rulesFor } from '../src/spec/rules.js';
import { Fork } from '../src/spec/fork.js';
import { defaultBlockEnv } from '../src/transition/runCode.js';
import { bigintToBytes } from '../src/primitives/hex.js';

const MAIN = 0x1000n;
const ECHO = 0x1001n;
const CREATOR = 0x1002n;
const CALLER = 0xca11e5n;

// ECHO: return calldata doubled (64 bytes from 32).
const ECHO_CODE = asm('PUSH1 0 CALLDATALOAD DUP1 PUSH1 0 MSTORE PUSH1 32 MSTORE PUSH1 64 PUSH1 0 RETURN');
// CREATOR: CREATE a contract from a 14-byte init code (deploys 0x60016000f3), then REVERT (the account and
// the nonce roll back). The init code sits right-aligned in memory word 0: bytes 18..31.
const CREATOR_CODE = asm(
  'PUSH14 0x6460016000f36000526005601bf3 PUSH1 0 MSTORE PUSH1 14 PUSH1 18 PUSH1 0 CREATE PUSH1 0 MSTORE PUSH1 32 PUSH1 0 REVERT',
);
// MAIN: i = calldata; storage[i % 16] = i; memory word at (i % 128) * 32; KECCAK256 of 4 KiB; CALL ECHO;
// LOG1; CALL CREATOR; STATICCALL identity; RETURN 32 bytes.
const MAIN_CODE = asm(`
  PUSH1 0 CALLDATALOAD
  DUP1 DUP1 PUSH1 16 SWAP1 MOD SSTORE
  DUP1 DUP1 PUSH1 128 SWAP1 MOD PUSH1 32 MUL MSTORE
  PUSH2 0x1000 PUSH1 0 KECCAK256 POP
  DUP1 PUSH1 0 MSTORE
  PUSH1 64 PUSH1 32 PUSH1 32 PUSH1 0 PUSH1 0 PUSH2 0x1001 GAS CALL POP
  DUP1 PUSH1 64 PUSH1 0 LOG1
  PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 PUSH2 0x1002 GAS CALL POP
  PUSH1 32 PUSH1 0 PUSH1 32 PUSH1 0 PUSH1 4 GAS STATICCALL POP
  PUSH1 32 PUSH1 0 RETURN`);

function parseCalls(argv: string[]): number {
  const i = argv.indexOf('--calls');
  if (i < 0) return 100_000;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--calls needs a positive integer, got ${argv[i + 1] ?? 'nothing'}`);
  return n;
}

function rssMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / (1024 * 1024);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function main(): number {
  const calls = parseCalls(process.argv.slice(2));
  const rules = rulesFor(Fork.Cancun);
  const state = new StateJournal();
  state.accounts.set(MAIN, new Account(0n, 0n, MAIN_CODE, new Map()));
  state.accounts.set(ECHO, new Account(0n, 0n, ECHO_CODE, new Map()));
  state.accounts.set(CREATOR, new Account(1n, 0n, CREATOR_CODE, new Map()));
  state.accounts.set(CALLER, new Account(0n, 10n ** 18n, new Uint8Array(0), new Map()));
  const exec = new Executor(state, defaultBlockEnv(), { origin: CALLER, gasPrice: 0n, blobHashes: [], blobBaseFee: 1n }, rules, 1n);

  // RSS settles once the allocator has its working set (about 10-20k calls here) and then moves with GC
  // timing by +-10%; so it is sampled (after a full GC) every 1% of the run, and the median of the
  // samples from 20-30% of the run is compared with the median of the last 10%.
  const every = Math.max(1, Math.floor(calls / 100));
  const samples: { at: number; rss: number }[] = [];
  let logs = 0;
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) {
    if (i % every === 0) {
      samples.push({ at: i / calls, rss: rssMiB() });
      if (process.env.SOAK_TRACE && i % (every * 10) === 0) {
        const m = process.memoryUsage();
        console.log(
          `  ${i}: RSS ${(m.rss / 1048576).toFixed(1)} MiB, heap ${(m.heapUsed / 1048576).toFixed(1)} MiB, array buffers ${(m.arrayBuffers / 1048576).toFixed(1)} MiB`,
        );
      }
    }
    const r = exec.execute({
      kind: CallKind.Call,
      depth: 0,
      gas: 1_000_000n,
      caller: CALLER,
      recipient: MAIN,
      codeAddress: MAIN,
      value: 0n,
      input: bigintToBytes(BigInt(i), 32),
      isStatic: false,
      salt: 0n,
      retOffset: 0,
      retSize: 0,
    });
    if (r.status !== Status.Return) throw new Error(`call ${i} ended with status ${r.status}`);
    logs += state.takeLogs().length;
    state.finalizeTx(true);
  }
  samples.push({ at: 1, rss: rssMiB() });
  const secs = (performance.now() - t0) / 1000;
  const start = median(samples.filter((x) => x.at >= 0.2 && x.at < 0.3).map((x) => x.rss));
  const end = median(samples.filter((x) => x.at >= 0.9).map((x) => x.rss));
  const heap = process.memoryUsage().heapUsed / 1048576;
  const growth = ((end - start) / start) * 100;
  const slots = state.accounts.get(MAIN)!.storage.size;
  console.log(
    `calls: ${calls}, ${secs.toFixed(1)} s (${((secs * 1e6) / calls).toFixed(0)} us/call), logs ${logs}, accounts ${state.accounts.size}, MAIN slots ${slots}`,
  );
  console.log(`RSS at start (median, 20-30% of the run): ${start.toFixed(1)} MiB (first sample ${samples[0]!.rss.toFixed(1)} MiB)`);
  console.log(`RSS at end (median, last 10%): ${end.toFixed(1)} MiB`);
  console.log(`JS heap used at end: ${heap.toFixed(1)} MiB`);
  console.log(`RSS growth: ${growth.toFixed(1)}%`);
  if (logs !== calls) throw new Error(`expected one log per call, got ${logs}`);
  if (state.accounts.size !== 4) throw new Error(`reverted creates left accounts behind: ${state.accounts.size}`);
  return growth < 10 ? 0 : 1;
}

process.exitCode = main();
