/**
 * Precompile throughput benchmark (not a test): Mgas/s of every precompile in the Osaka registry
 * (0x01..0x11 and 0x100) on worst-case inputs, i.e. the slowest valid input per unit of gas that we
 * know of for each price formula. The issue's bar is 20 Mgas/s for every precompile: cheap gas must
 * never buy a slow node. Anything below it is flagged.
 *
 *   npm run bench:precompiles -- [--backends noble,wasm,node] [--filter REGEX] [--target MS] [--json FILE]
 *
 * Backend sets (src/precompiles/backends.ts), measured side by side in one process, case by case:
 *   noble = the portable synchronous defaults (@noble/*), what the registry uses before any init;
 *   wasm  = after `await initPrecompiles()` (mcl-wasm, hash-wasm; runs in browsers too);
 *   node  = after `await installNodePrecompiles()` (wasm + libsecp256k1 addon + c-kzg + node:crypto for
 *           long SHA-256 inputs), what the CLI uses.
 * Default: --backends noble,node (before/after).
 * The summary table reports the worst case per precompile for the last set named (default: node).
 *
 * Method: each case is checked first (the precompile must accept the input: a failing input would
 * measure the error path). Then it is warmed up, then timed in samples of enough back-to-back calls to
 * last >= 2 ms (timer resolution), until --target ms (default 1500) and at least 5 samples have run.
 * One call = gas(input) + run(input), as the executor does it. Reported: the median CPU time per call
 * (wall time beside it: see measure() for why CPU time),
 * Mgas/s = gas / median microseconds, and the same with 100 gas added for the warm CALL that any
 * caller must pay (it matters only for the cheapest precompiles; the CALL's own execution time is NOT
 * included, so that column flatters them).
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bn254 } from '@noble/curves/bn254.js';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { p256 } from '@noble/curves/nist.js';
import { Fork } from '../../src/spec/fork.js';
import { rulesFor } from '../../src/spec/rules.js';
import { precompilesFor } from '../../src/precompiles/registry.js';
import { encodeG1 as encodeBls1, encodeG2 as encodeBls2 } from '../../src/precompiles/bls12381.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/hex.js';
import {
  NOBLE_BACKENDS,
  currentPrecompileBackends,
  precompileBackendNames,
  setPrecompileBackends,
  type NamedBackends,
} from '../../src/precompiles/backends.js';
import { initPrecompiles } from '../../src/precompiles/init.js';
import { installNodePrecompiles } from '../../src/cli/nodePrecompiles.js';

interface Case {
  address: bigint;
  label: string;
  input: Uint8Array;
  /** Optional check of the output beyond "not a failure" (e.g. ecrecover must recover). */
  check?: (out: Uint8Array) => boolean;
}

interface Result {
  backends: string;
  library: string;
  address: string;
  name: string;
  label: string;
  gas: number;
  /** Median CPU time per call (see measure). */
  medianUs: number;
  /** Median wall time per call. */
  wallUs: number;
  mgasPerS: number;
  mgasPerSWithCall: number;
  samples: number;
}

const MIN_MGAS = 20;
const WARM_CALL_GAS = 100;

// ---------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------

const cat = (...parts: (Uint8Array | string)[]): Uint8Array => {
  const hex = parts.map((p) => (typeof p === 'string' ? p : bytesToHex(p).slice(2))).join('');
  return hexToBytes(hex);
};
const word = (v: bigint, bytes = 32) => v.toString(16).padStart(2 * bytes, '0');
/** Deterministic pseudo-random bytes (xorshift), so every run measures the same inputs. */
function prng(seed: number): (n: number) => Uint8Array {
  let s = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      out[i] = s & 0xff;
    }
    return out;
  };
}
const rand = prng(0x2537);
const randScalar = (order: bigint) => (BigInt(bytesToHex(rand(32))) % (order - 1n)) + 1n;

function ecrecoverCases(): Case[] {
  const sk = rand(32);
  const hash = rand(32);
  const sig = secp256k1.sign(hash, sk, { prehash: false, format: 'recovered' });
  // noble 'recovered' format: recovery(1) || r(32) || s(32)
  const v = 27n + BigInt(sig[0]!);
  const input = cat(hash, word(v), sig.subarray(1, 33), sig.subarray(33, 65));
  return [{ address: 0x01n, label: 'valid signature', input, check: (o) => o.length === 32 }];
}

function hashCases(address: bigint): Case[] {
  // 64 bytes: two compression blocks for 2 words of gas (the per-gas worst of the short inputs).
  return [0, 32, 64, 1024, 65536].map((n) => ({ address, label: `${n} bytes`, input: rand(n) }));
}

function modexpInput(base: Uint8Array, exp: Uint8Array, mod: Uint8Array): Uint8Array {
  return cat(word(BigInt(base.length)), word(BigInt(exp.length)), word(BigInt(mod.length)), base, exp, mod);
}

function modexpCases(): Case[] {
  const ones = (n: number) => new Uint8Array(n).fill(0xff);
  const odd = (n: number) => {
    const m = rand(n);
    m[0]! |= 0x80;
    m[n - 1]! |= 1;
    return m;
  };
  const even = (n: number) => {
    const m = odd(n);
    m[n - 1]! &= 0xfe;
    return m;
  };
  // EIP-7883 worst cases: small moduli pay the flat 500 / 16-per-iteration floor; large moduli pay
  // 2 * words^2 per iteration; long exponents pay 16 iterations per byte beyond 32.
  return [
    { label: 'min gas: 1-byte base/mod, exp 0xff..(5 bytes)', input: modexpInput(rand(1), ones(5), odd(1)) },
    { label: '32-byte base/mod, 32-byte exp 0xff..', input: modexpInput(rand(32), ones(32), odd(32)) },
    { label: '32-byte base/even mod, 32-byte exp 0xff..', input: modexpInput(rand(32), ones(32), even(32)) },
    { label: '33-byte base/mod (first 2*words^2 tier), 32-byte exp', input: modexpInput(rand(33), ones(32), odd(33)) },
    { label: '64-byte base/mod, 32-byte exp', input: modexpInput(rand(64), ones(32), odd(64)) },
    { label: '256-byte base/mod, 32-byte exp', input: modexpInput(rand(256), ones(32), odd(256)) },
    { label: '1024-byte base/mod, 32-byte exp', input: modexpInput(rand(1024), ones(32), odd(1024)) },
    { label: '1024-byte base/mod, exp 3', input: modexpInput(rand(1024), Uint8Array.of(3), odd(1024)) },
    { label: '32-byte base/mod, 1024-byte exp', input: modexpInput(rand(32), ones(1024), odd(32)) },
    { label: '8-byte base/mod, 1024-byte exp', input: modexpInput(rand(8), ones(1024), odd(8)) },
  ].map((c) => ({ address: 0x05n, ...c }));
}

const BN_R = bn254.fields.Fr.ORDER;
function bnG1(k: bigint): string {
  const { x, y } = bn254.G1.Point.BASE.multiply(k).toAffine();
  return word(x) + word(y);
}
function bnG2(k: bigint): string {
  const { x, y } = bn254.G2.Point.BASE.multiply(k).toAffine();
  return word(x.c1) + word(x.c0) + word(y.c1) + word(y.c0); // EIP-197: imaginary part first
}

function bn254Cases(): Case[] {
  const one = (o: Uint8Array) => o.length === 32;
  const pairs = (k: number) => cat(...Array.from({ length: k }, () => bnG1(randScalar(BN_R)) + bnG2(randScalar(BN_R))));
  return [
    { address: 0x06n, label: 'P + Q (distinct points)', input: cat(bnG1(randScalar(BN_R)), bnG1(randScalar(BN_R))) },
    { address: 0x07n, label: 'P * (r - 1)', input: cat(bnG1(randScalar(BN_R)), word(BN_R - 1n)) },
    { address: 0x07n, label: 'P * (2^256 - 1)', input: cat(bnG1(randScalar(BN_R)), 'ff'.repeat(32)) },
    ...[1, 2, 4, 8, 16].map((k) => ({ address: 0x08n, label: `${k} pair${k > 1 ? 's' : ''}`, input: pairs(k), check: one })),
  ];
}

function blake2fCases(): Case[] {
  const body = (rounds: number) => cat(word(BigInt(rounds), 4), rand(64), rand(128), rand(16), '01');
  return [1, 12, 1000, 100000].map((r) => ({ address: 0x09n, label: `${r} rounds`, input: body(r) }));
}

function pointEvaluationCases(): Case[] {
  const path = fileURLToPath(new URL('../../../test/precompiles/vectors/pointEvaluation.json', import.meta.url));
  const file = JSON.parse(readFileSync(path, 'utf8')) as { vectors: { name: string; input: string; success: boolean }[] };
  // A valid proof with z, y non-zero and neither commitment nor proof at infinity (0xc0...), so that no
  // term of the pairing check is skipped: the pairing work is the same for every such input.
  const full = (b: Uint8Array) =>
    b[96] !== 0xc0 && b[144] !== 0xc0 && b.subarray(32, 64).some((x) => x !== 0) && b.subarray(64, 96).some((x) => x !== 0);
  const v = file.vectors.find((x) => x.success && x.name.includes('correct_proof') && full(hexToBytes(x.input)))!;
  return [{ address: 0x0an, label: 'valid proof, no point at infinity', input: hexToBytes(v.input) }];
}

const BLS_Q = bls12_381.fields.Fr.ORDER;
const blsG1 = () => encodeBls1(bls12_381.G1.Point.BASE.multiply(randScalar(BLS_Q)));
const blsG2 = () => encodeBls2(bls12_381.G2.Point.BASE.multiply(randScalar(BLS_Q)));
/** A 32-byte scalar with all bits of q - 1 set region populated (full-length, high Hamming weight). */
const blsScalar = () => word(BLS_Q - 1n - (randScalar(BLS_Q) >> 8n));

const MSM_KS = [1, 2, 4, 8, 16, 32, 64, 128, 256];

function blsCases(): Case[] {
  const fp = () => '00'.repeat(16) + bytesToHex(rand(48)).slice(2).replace(/^./, '0');
  const msm1 = (k: number) => cat(...Array.from({ length: k }, () => bytesToHex(blsG1()).slice(2) + blsScalar()));
  const msm2 = (k: number) => cat(...Array.from({ length: k }, () => bytesToHex(blsG2()).slice(2) + blsScalar()));
  const pairs = (k: number) => cat(...Array.from({ length: k }, () => bytesToHex(blsG1()).slice(2) + bytesToHex(blsG2()).slice(2)));
  return [
    { address: 0x0bn, label: 'P + Q', input: cat(blsG1(), blsG1()) },
    // Every k where the discount table or the MSM algorithm may change the time per gas.
    ...MSM_KS.map((k) => ({ address: 0x0cn, label: `k = ${k}`, input: msm1(k) })),
    { address: 0x0dn, label: 'P + Q', input: cat(blsG2(), blsG2()) },
    ...MSM_KS.map((k) => ({ address: 0x0en, label: `k = ${k}`, input: msm2(k) })),
    ...[1, 2, 4, 8, 16].map((k) => ({ address: 0x0fn, label: `${k} pair${k > 1 ? 's' : ''}`, input: pairs(k) })),
    { address: 0x10n, label: 'random Fp', input: hexToBytes(fp()) },
    { address: 0x11n, label: 'random Fp2', input: hexToBytes(fp() + fp()) },
  ];
}

function p256Cases(): Case[] {
  const sk = p256.utils.randomSecretKey(rand(48));
  const pub = p256.getPublicKey(sk, false);
  const hash = rand(32);
  const sig = p256.sign(hash, sk, { prehash: false });
  const input = cat(hash, sig, pub.subarray(1));
  return [{ address: 0x100n, label: 'valid signature', input, check: (o) => o.length === 32 && o[31] === 1 }];
}

// ---------------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------------

/** CPU time of this process (user + system), in microseconds. */
function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/**
 * Median time per call, as CPU time of this process and as wall time. The machine is shared (2 cores, up
 * to 7 busy agents): a long call is preempted many times and its wall time grows with the load, a short
 * batch may fall between preemptions. CPU time counts only the time this thread ran, so it is what the
 * call costs on a core of its own; it is the figure Mgas/s is computed from (the wall median is reported
 * beside it). Single-threaded code only: mcl-wasm and the addons here run on the calling thread.
 */
function measure(fn: () => void, targetMs: number): { medianUs: number; wallUs: number; samples: number } {
  // Warm-up: at least 3 calls and 150 ms.
  let start = performance.now();
  let calls = 0;
  while (calls < 3 || performance.now() - start < 150) {
    fn();
    calls++;
  }
  const perCall = (performance.now() - start) / calls;
  const batch = Math.max(1, Math.ceil(2 / perCall)); // each sample >= ~2 ms
  const cpu: number[] = [];
  const wall: number[] = [];
  start = performance.now();
  while (cpu.length < 5 || (performance.now() - start < targetMs && cpu.length < 2000)) {
    const c0 = cpuUs();
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    wall.push(((performance.now() - t0) * 1000) / batch);
    cpu.push((cpuUs() - c0) / batch);
  }
  cpu.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  return { medianUs: cpu[cpu.length >> 1]!, wallUs: wall[wall.length >> 1]!, samples: cpu.length };
}

interface Options {
  filter?: RegExp;
  targetMs: number;
  json?: string;
  backends: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = { targetMs: 1500, backends: ['noble', 'node'] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--filter') o.filter = new RegExp(argv[++i]!, 'i');
    else if (a === '--backends') o.backends = argv[++i]!.split(',');
    else if (a === '--target') o.targetMs = Number(argv[++i]);
    else if (a === '--json') o.json = argv[++i];
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** The backend sets by name (see the header). */
async function backendSets(names: string[]): Promise<Map<string, NamedBackends>> {
  const sets = new Map<string, NamedBackends>();
  sets.set('noble', { ...NOBLE_BACKENDS });
  await initPrecompiles();
  sets.set('wasm', currentPrecompileBackends());
  await installNodePrecompiles();
  sets.set('node', currentPrecompileBackends());
  for (const n of names) if (!sets.has(n)) throw new Error(`unknown backend set ${n} (noble, wasm, node)`);
  return new Map(names.map((n) => [n, sets.get(n)!]));
}

/** The library that answers precompile `address` under the installed backends. */
function libraryFor(address: bigint): string {
  const n = precompileBackendNames();
  if (address === 0x01n) return n.secp256k1;
  if (address === 0x02n || address === 0x03n) return n.hashes;
  if (address >= 0x06n && address <= 0x08n) return n.bn254;
  if (address >= 0x0an && address <= 0x11n) return n.bls12381;
  if (address === 0x100n) return n.p256;
  return 'evmkit (TypeScript)';
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const sets = await backendSets(opts.backends);
  const rules = rulesFor(Fork.Osaka);
  const registry = precompilesFor(rules);
  const cases: Case[] = [
    ...ecrecoverCases(),
    ...hashCases(0x02n),
    ...hashCases(0x03n),
    ...hashCases(0x04n),
    ...modexpCases(),
    ...bn254Cases(),
    ...blake2fCases(),
    ...pointEvaluationCases(),
    ...blsCases(),
    ...p256Cases(),
  ];
  // Every precompile of the Osaka registry must be covered.
  for (const address of registry.keys()) {
    if (!cases.some((c) => c.address === address)) throw new Error(`no benchmark case for 0x${address.toString(16)}`);
  }
  console.log(`backend sets: ${opts.backends.join(', ')}`);
  console.log(`node ${process.version}, ${cpus().length} cpus (${cpus()[0]?.model ?? '?'}), target ${opts.targetMs} ms/case`);
  const results: Result[] = [];
  for (const c of cases) {
    const p = registry.get(c.address)!;
    const name = `0x${c.address.toString(16).padStart(2, '0')} ${p.name}`;
    if (opts.filter !== undefined && !opts.filter.test(`${name} ${c.label}`)) continue;
    for (const [setName, set] of sets) {
      setPrecompileBackends(set);
      const out = p.run(c.input, rules);
      if (out === null) throw new Error(`${name} ${c.label}: the precompile rejects the benchmark input (${setName})`);
      if (c.check !== undefined && !c.check(out)) throw new Error(`${name} ${c.label}: unexpected output ${bytesToHex(out)} (${setName})`);
      const gas = Number(p.gas(c.input, rules));
      const { medianUs, wallUs, samples } = measure(() => {
        p.gas(c.input, rules);
        p.run(c.input, rules);
      }, opts.targetMs);
      const r: Result = {
        backends: setName,
        library: libraryFor(c.address),
        address: `0x${c.address.toString(16)}`,
        name: p.name,
        label: c.label,
        gas,
        medianUs,
        wallUs,
        mgasPerS: gas / medianUs,
        mgasPerSWithCall: (gas + WARM_CALL_GAS) / medianUs,
        samples,
      };
      results.push(r);
      const flag = r.mgasPerS < MIN_MGAS ? (r.mgasPerSWithCall < MIN_MGAS ? '  << BELOW 20' : '  < 20 without CALL') : '';
      console.log(
        `${setName.padEnd(5)} ${name.padEnd(26)} ${c.label.padEnd(52)} gas ${String(gas).padStart(9)}  ${medianUs.toFixed(1).padStart(10)} us cpu (${wallUs.toFixed(1)} wall)  ` +
          `${r.mgasPerS.toFixed(1).padStart(7)} Mgas/s  (+CALL ${r.mgasPerSWithCall.toFixed(1)})${flag}`,
      );
    }
  }
  // Per precompile: the worst case.
  const last = opts.backends[opts.backends.length - 1]!;
  const first = opts.backends[0]!;
  console.log(
    `\nWorst case per precompile under '${last}' (Mgas/s, precompile gas only / with 100 gas warm CALL), '${first}' for comparison:`,
  );
  console.log(
    `| address | precompile | worst-case input | gas | median CPU time | Mgas/s | Mgas/s incl. warm CALL | >= 20? | library | ${first}: Mgas/s on the same input |`,
  );
  console.log('|---|---|---|---:|---:|---:|---:|---|---|---:|');
  const byAddress = new Map<string, Result>();
  for (const r of results) {
    if (r.backends !== last) continue;
    const w = byAddress.get(r.address);
    if (w === undefined || r.mgasPerS < w.mgasPerS) byAddress.set(r.address, r);
  }
  for (const r of byAddress.values()) {
    const time = r.medianUs >= 1000 ? `${(r.medianUs / 1000).toFixed(2)} ms` : `${r.medianUs.toFixed(1)} µs`;
    const before = results.find((x) => x.backends === first && x.address === r.address && x.label === r.label);
    const ok = r.mgasPerS >= MIN_MGAS ? 'yes' : r.mgasPerSWithCall >= MIN_MGAS ? 'only with CALL gas' : '**NO**';
    console.log(
      `| ${r.address} | ${r.name} | ${r.label} | ${r.gas} | ${time} | ${r.mgasPerS.toFixed(1)} | ${r.mgasPerSWithCall.toFixed(1)} | ${ok} | ` +
        `${r.library} | ${before === undefined ? '-' : before.mgasPerS.toFixed(1)} |`,
    );
  }
  if (opts.json !== undefined) writeFileSync(opts.json, JSON.stringify(results, null, 1));
}

await main();
