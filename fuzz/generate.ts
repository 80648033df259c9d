/**
 * Builds one fuzz case from a seed: a fork, a block, a pre-state of a few contracts (structured or random
 * code, some storage), some plain accounts, and a transaction (call, create, or plain transfer) of type
 * 0, 1 or 2 with an optional access list.
 */
import { Rng } from './rng.js';
import { program, randomCode, initCode, type ProgramContext } from './program.js';
import {
  FUZZ_FORKS,
  KNOWN_FORKS,
  SENDER_ADDRESS,
  SENDER_KEY,
  bytesOf,
  hexOf,
  quantity,
  type CaseAccount,
  type CaseAuthorization,
  type FuzzCase,
  type CaseTx,
} from './case.js';
import { scenario, type Scenario, type ScenarioContext } from './scenarios.js';
import { privateKeyToAddress, SECP256K1_N } from '../src/primitives/crypto/secp256k1.js';
import { signAuthorization } from '../src/tx/authorization.js';

/** kzg_to_versioned_hash of the all-zero blob's commitment (the point at infinity, 0xc0 then 47 zero bytes). */
export const ZERO_BLOB_VERSIONED_HASH = '0x010657f37554c781402a22917dee2f75def7ab966d7b770905398eba3c444014';
export const CONTRACTS = [0x1000n, 0x1001n, 0x1002n, 0x1003n];
/** EIP-7702 authorities: two fixed keys besides the sender's. */
const AUTHORITY_KEYS = [bytesOf('0x' + '11'.repeat(32)), bytesOf('0x' + '22'.repeat(32)), bytesOf(SENDER_KEY)];
const AUTHORITIES = AUTHORITY_KEYS.map(privateKeyToAddress);
export const OTHERS = [BigInt(SENDER_ADDRESS), 0xbeefn, 0xc0ffeen, 0xdeadn, AUTHORITIES[0]!, AUTHORITIES[1]!];

function addr(a: bigint): string {
  return '0x' + a.toString(16).padStart(40, '0');
}

function precompilesOf(fork: string): bigint[] {
  const n = fork === 'Prague' || fork === 'Osaka' ? 0x11 : fork === 'Cancun' ? 0x0a : 0x09;
  const out: bigint[] = [];
  for (let i = 1; i <= n; i++) out.push(BigInt(i));
  if (fork === 'Osaka') out.push(0x100n); // EIP-7951 P256VERIFY
  return out;
}

/** The case for (seed, index): the same pair always gives the same case. */
export function generateCase(seed: number, index: number, forks: readonly string[] = FUZZ_FORKS): FuzzCase {
  const r = new Rng((Math.imul(seed, 0x9e3779b1) ^ index) >>> 0);
  const fork = r.pick(forks);
  const forkIdx = KNOWN_FORKS.indexOf(fork);
  if (forkIdx < 0) throw new Error(`fuzz: unsupported fork ${fork} (use one of ${KNOWN_FORKS.join(', ')})`);
  const ctx: ProgramContext = {
    contracts: CONTRACTS,
    others: OTHERS,
    precompiles: precompilesOf(fork),
    push0: forkIdx >= 2,
    cancun: forkIdx >= 3,
    osaka: forkIdx >= 5,
  };
  const london = forkIdx >= 1;
  const pre: CaseAccount[] = [];
  pre.push({ address: SENDER_ADDRESS, balance: quantity(10n ** 24n), nonce: quantity(BigInt(r.int(3))), code: '0x', storage: {} });
  const nContracts = r.range(1, CONTRACTS.length);
  for (let i = 0; i < nContracts; i++) {
    const structured = r.chance(0.8);
    const code = structured ? program(r, ctx, 0, r.range(1, 14)) : randomCode(r, r.range(0, 64));
    const storage: Record<string, string> = {};
    const ns = r.int(4);
    for (let j = 0; j < ns; j++) storage[quantity(BigInt(r.int(6)))] = quantity(r.chance(0.8) ? BigInt(r.range(1, 3)) : r.bigBits(256));
    pre.push({
      address: addr(CONTRACTS[i]!),
      balance: quantity(r.chance(0.5) ? 0n : BigInt(r.int(10000))),
      nonce: quantity(BigInt(r.int(2))),
      code: hexOf(code),
      storage,
    });
  }
  if (r.chance(0.5)) pre.push({ address: addr(0xbeefn), balance: quantity(BigInt(r.int(3))), nonce: '0x0', code: '0x', storage: {} });
  for (const a of AUTHORITIES.slice(0, 2)) {
    if (!r.chance(0.5)) continue;
    // An EOA, an already delegated EOA (Prague), or an account with real code.
    const k = r.int(10);
    const code = k < 6 || forkIdx < 4 ? '0x' : k < 9 ? '0xef0100' + addr(r.pick(CONTRACTS)).slice(2) : hexOf(program(r, ctx, 1, 2));
    pre.push({ address: addr(a), balance: quantity(BigInt(r.int(100000))), nonce: quantity(BigInt(r.int(3))), code, storage: {} });
  }

  // About a third of the cases: a targeted scenario (fuzz/scenarios.ts) over the generic pre-state.
  const sctx: ScenarioContext = {
    ...ctx,
    forkIdx,
    authorities: AUTHORITIES,
    signAuth: (who, target, nonce, chainId = 1n) => {
      const a = signAuthorization({ chainId, address: target, nonce }, AUTHORITY_KEYS[who]!);
      return {
        chainId: quantity(chainId),
        address: addr(target),
        nonce: quantity(nonce),
        yParity: quantity(a.yParity),
        r: quantity(a.r),
        s: quantity(a.s),
      };
    },
    authorityNonce: (who) => BigInt(pre.find((a) => BigInt(a.address) === AUTHORITIES[who])?.nonce ?? '0x0'),
  };
  const sc = r.chance(0.35) ? scenario(r, sctx) : undefined;
  if (sc !== undefined) applyScenario(pre, sc);

  const coinbase = r.chance(0.6) ? 0xc0ffeen : r.pick([...CONTRACTS, 0xbeefn, 0x1n]);
  const baseFee = london ? BigInt(r.range(1, 100)) : 0n;
  const number = BigInt(r.range(1, 5000));
  const env = {
    coinbase: addr(coinbase),
    number: quantity(number),
    // After the number: EDR mines the blocks before it at one second each from time 0.
    timestamp: quantity(number + BigInt(r.range(0, 2_000_000_000))),
    gasLimit: quantity(30_000_000n),
    baseFee: quantity(baseFee),
    prevRandao: quantity(r.bigBits(256)),
    excessBlobGas: quantity(ctx.cancun ? BigInt(r.int(4_000_000)) : 0n),
  };

  const kind = r.int(10);
  let to: string | null;
  let data: Uint8Array;
  if (kind < 7) {
    to = addr(r.pick(CONTRACTS.slice(0, nContracts)));
    data = r.bytes(r.chance(0.5) ? r.int(8) : r.int(100));
  } else if (kind < 9) {
    to = null;
    const runtime = r.chance(0.6) ? program(r, ctx, 1, r.range(1, 8)) : randomCode(r, r.int(30));
    data = r.chance(0.7) ? initCode(r, ctx, runtime) : program(r, ctx, 0, r.range(1, 10));
  } else {
    to = addr(r.pick([...ctx.precompiles, ...OTHERS]));
    data = r.bytes(r.int(200));
  }
  let type = (london ? r.int(forkIdx >= 3 ? 4 : 3) : r.int(2)) as CaseTx['type'];
  if (forkIdx >= 4 && r.chance(0.35)) type = 4;
  if (type >= 3 && to === null) type = 2; // blob and set-code transactions cannot create
  const accessList: { address: string; storageKeys: string[] }[] = [];
  if (type > 0 && r.chance(0.5)) {
    const n = r.range(1, 3);
    for (let i = 0; i < n; i++) {
      const keys: string[] = [];
      const nk = r.int(3);
      for (let j = 0; j < nk; j++) keys.push(quantity(BigInt(r.int(6))));
      accessList.push({ address: addr(r.pick([...CONTRACTS, ...OTHERS, 0x1n])), storageKeys: keys });
    }
  }
  const gasPrice = baseFee + BigInt(r.int(20));
  const extra: Partial<CaseTx> = {};
  if (type === 3) {
    const n = r.range(1, 3);
    const hashes: string[] = [];
    // The versioned hash of the all-zero blob (EDR needs the blobs themselves: fuzz/runEdr.ts), or 5% a
    // random hash with a bad version byte.
    for (let i = 0; i < n; i++) {
      const good = r.chance(0.95);
      const rest = r.bytes(31);
      hashes.push(good ? ZERO_BLOB_VERSIONED_HASH : hexOf(Uint8Array.from([2, ...rest])));
    }
    Object.assign(extra, { blobVersionedHashes: hashes, maxFeePerBlobGas: quantity(BigInt(r.chance(0.9) ? r.range(50, 1000) : r.int(3))) });
  } else if (type === 4) {
    Object.assign(extra, { authorizationList: authorizations(r, pre, ctx) });
  }
  const tx: CaseTx = {
    type,
    nonce: pre[0]!.nonce,
    to,
    value: quantity(r.chance(0.6) ? 0n : BigInt(r.int(100000))),
    data: hexOf(data),
    gasLimit: quantity(txGasLimit(r)),
    gasPrice: quantity(gasPrice),
    maxFeePerGas: quantity(gasPrice + BigInt(r.int(10))),
    maxPriorityFeePerGas: quantity(BigInt(r.int(5))),
    accessList,
    ...extra,
  };
  return sc === undefined ? { fork, env, pre, tx } : { fork, scenario: sc.name, env, pre, tx: scenarioTx(tx, sc) };
}

/** The transaction gas limit: mostly 100k..600k, some small, some up to 3M, and EIP-7825's cap (2^24) +-1. */
function txGasLimit(r: Rng): bigint {
  if (r.chance(0.03)) return (1n << 24n) + BigInt(r.range(-1, 1)) + (r.chance(0.2) ? BigInt(r.range(2, 1000)) : 0n);
  return BigInt(r.chance(0.05) ? r.range(21000, 60000) : r.range(100_000, r.chance(0.2) ? 3_000_000 : 600_000));
}

/** Puts a scenario's codes, balances, nonces and extra accounts into the pre-state. */
function applyScenario(pre: CaseAccount[], sc: Scenario): void {
  const upsert = (address: string, f: (a: CaseAccount) => CaseAccount): void => {
    const i = pre.findIndex((a) => a.address === address);
    const base: CaseAccount = i >= 0 ? pre[i]! : { address, balance: '0x0', nonce: '0x0', code: '0x', storage: {} };
    if (i >= 0) pre[i] = f(base);
    else pre.push(f(base));
  };
  for (const [i, code] of sc.codes) upsert(addr(CONTRACTS[i]!), (a) => ({ ...a, code: hexOf(code) }));
  for (const [i, b] of sc.balances ?? []) upsert(addr(CONTRACTS[i]!), (a) => ({ ...a, balance: quantity(b) }));
  for (const [i, n] of sc.nonces ?? []) upsert(addr(CONTRACTS[i]!), (a) => ({ ...a, nonce: quantity(n) }));
  for (const x of sc.extraPre ?? []) upsert(x.address, () => x);
}

/** The generic transaction with the scenario's target, data, value, gas and type. */
function scenarioTx(tx: CaseTx, sc: Scenario): CaseTx {
  let type = sc.type ?? tx.type;
  if (sc.to === null && type >= 3) type = 2;
  if (type === 4 && sc.authorizationList === undefined && tx.authorizationList === undefined) type = 2;
  const out: CaseTx = {
    ...tx,
    type,
    to: sc.to === null ? null : addr(sc.to),
    data: sc.data === undefined ? tx.data : hexOf(sc.data),
    value: sc.value === undefined ? tx.value : quantity(sc.value),
    gasLimit: sc.gasLimit === undefined ? tx.gasLimit : quantity(sc.gasLimit),
    accessList: type === 0 ? [] : tx.accessList,
    ...(type === 4 ? { authorizationList: sc.authorizationList ?? tx.authorizationList } : {}),
  };
  if (type !== 3) delete (out as { blobVersionedHashes?: unknown }).blobVersionedHashes;
  if (type !== 3) delete (out as { maxFeePerBlobGas?: unknown }).maxFeePerBlobGas;
  if (type !== 4) delete (out as { authorizationList?: unknown }).authorizationList;
  return out;
}

/** 1-3 EIP-7702 authorizations, mostly valid (right chain and nonce), some of each invalid kind. */
function authorizations(r: Rng, pre: readonly CaseAccount[], ctx: ProgramContext): CaseAuthorization[] {
  const out: CaseAuthorization[] = [];
  const n = r.range(1, 3);
  const used = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const who = r.int(AUTHORITY_KEYS.length);
    const acct = pre.find((a) => BigInt(a.address) === AUTHORITIES[who]);
    // The sender's nonce is incremented before authorizations are processed; each valid tuple by the
    // same authority increments it again.
    let nonce = BigInt(acct?.nonce ?? '0x0') + (who === 2 ? 1n : 0n) + BigInt(used.get(who) ?? 0);
    if (r.chance(0.15)) nonce += BigInt(r.range(1, 2));
    else used.set(who, (used.get(who) ?? 0) + 1);
    const k = r.int(10);
    const target =
      k < 6 ? r.pick(ctx.contracts) : k < 7 ? 0n : k < 8 ? r.pick(ctx.precompiles) : k < 9 ? r.pick(AUTHORITIES) : r.bigBits(160);
    const chainId = r.chance(0.8) ? 1n : r.pick([0n, 2n]);
    const a = signAuthorization({ chainId, address: target, nonce }, AUTHORITY_KEYS[who]!);
    let { r: sr, s: ss, yParity } = a;
    const bad = r.int(25);
    if (bad === 0) {
      ss = SECP256K1_N - ss;
      yParity ^= 1n;
    } else if (bad === 1) yParity = 2n;
    else if (bad === 2) sr = 0n;
    out.push({
      chainId: quantity(chainId),
      address: addr(target),
      nonce: quantity(nonce),
      yParity: quantity(yParity),
      r: quantity(sr),
      s: quantity(ss),
    });
  }
  return out;
}
