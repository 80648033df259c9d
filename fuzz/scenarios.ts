/**
 * Targeted scenarios: whole cases built around one rule where bugs live now, instead of random snippets.
 * generate.ts picks one for about a third of the cases; each returns the codes of the contracts it needs
 * (at the generator's contract addresses), any extra pre-state accounts, and the transaction fields it sets.
 *
 * - `transient`: TSTORE/TLOAD across a reverting (REVERT, INVALID, out of gas) or static inner frame of the
 *   same contract (CALL, DELEGATECALL, CALLCODE or STATICCALL to itself), read back after it (EIP-1153).
 * - `selfdestruct`: SELFDESTRUCT in the same transaction as the creation (in the constructor, or by a call
 *   to the new contract), and of an older contract, to itself or others, with value (EIP-6780).
 * - `create2-collision`: CREATE2 twice with the same salt and code, and CREATE/CREATE2 onto an address
 *   that already has a nonce, code, only storage (EIP-7610) or only balance (no collision).
 * - `memory-edge`: one memory expansion whose cost is within a few words of all the gas left, at the top
 *   or in a call with exact gas, by MSTORE, MSTORE8, MLOAD, CALLDATACOPY, MCOPY or RETURN.
 * - `deep-calls`: a contract calling itself with all its gas (CALL with or without value, DELEGATECALL,
 *   CALLCODE, STATICCALL) and returning the depth reached: the 63/64 rule at every level, hundreds deep
 *   (depth 1024 cannot be reached under the 63/64 rule with a 30M block; test/hostile/depth.test.ts).
 * - `precompile-edge`: MODEXP at the EIP-7823 length limit and the EIP-7883 / EIP-2565 gas corners; the
 *   BLS12-381 precompiles (EIP-2537) with valid, infinity and invalid points at each exact length, one
 *   byte short and one over; P256VERIFY (EIP-7951) with a valid signature and broken ones; called from a
 *   contract (success, return data and its hash stored) or as the transaction's target.
 * - `delegation`: EIP-7702 re-delegation in one transaction (the same authority twice, then maybe to
 *   zero), a delegation to a delegated account (chains are not followed), calls and EXTCODE* on both.
 * - EIP-7825's transaction gas cap and CLZ (EIP-7939) are in generate.ts and program.ts.
 */
import { RLP } from '@ethereumjs/rlp';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { p256 } from '@noble/curves/nist.js';
import { keccak256 } from '../src/primitives/crypto/keccak.js';
import { Emitter, type ProgramContext } from './program.js';
import type { Rng } from './rng.js';
import { hexOf, quantity, type CaseAccount, type CaseAuthorization } from './case.js';

export interface ScenarioContext extends ProgramContext {
  /** Index in KNOWN_FORKS: Berlin 0 .. Prague 4, Osaka 5. */
  readonly forkIdx: number;
  /** The EIP-7702 authorities (the generator's keys) and a signer for them. */
  readonly authorities: readonly bigint[];
  readonly signAuth: (who: number, target: bigint, nonce: bigint, chainId?: bigint) => CaseAuthorization;
  /** Current nonces of the authorities in the pre-state the scenario sees. */
  readonly authorityNonce: (who: number) => bigint;
}

export interface Scenario {
  readonly name: string;
  /** Codes for the generator's contracts (index into ctx.contracts). */
  readonly codes: ReadonlyMap<number, Uint8Array>;
  /** Balances for those contracts, when the scenario needs them. */
  readonly balances?: ReadonlyMap<number, bigint>;
  readonly nonces?: ReadonlyMap<number, bigint>;
  readonly extraPre?: readonly CaseAccount[];
  readonly to: bigint | null;
  readonly data?: Uint8Array;
  readonly value?: bigint;
  readonly gasLimit?: bigint;
  /** 0..4; when absent the generator's choice stands. */
  readonly type?: 0 | 1 | 2 | 4;
  readonly authorizationList?: readonly CaseAuthorization[];
}

const addr = (a: bigint): string => '0x' + a.toString(16).padStart(40, '0');

function push(e: Emitter, v: bigint | number, ctx: ProgramContext): Emitter {
  return e.push(BigInt(v), ctx);
}

/** CALL-family with operands: gas pushed by `gas` (a function emitting it), out area 0..outLen. */
function emitCall(
  e: Emitter,
  ctx: ProgramContext,
  op: number,
  to: () => void,
  gas: () => void,
  value: bigint,
  inOff: bigint,
  inLen: bigint,
  outLen: bigint,
): void {
  push(e, outLen, ctx);
  push(e, 0n, ctx);
  push(e, inLen, ctx);
  push(e, inOff, ctx);
  if (op === 0xf1 || op === 0xf2) push(e, value, ctx);
  to();
  gas();
  e.op(op);
}

/** Writes `bytes` to memory at `base` with MSTOREs (the last word zero-padded). */
function writeMemory(e: Emitter, ctx: ProgramContext, bytes: Uint8Array, base = 0): void {
  for (let i = 0; i < bytes.length; i += 32) {
    let w = 0n;
    for (let j = 0; j < 32; j++) w = (w << 8n) | BigInt(bytes[i + j] ?? 0);
    push(e, w, ctx);
    push(e, base + i, ctx);
    e.op(0x52);
  }
}

/** SSTORE of the top of the stack to `slot`. */
function store(e: Emitter, ctx: ProgramContext, slot: number): void {
  push(e, slot, ctx);
  e.op(0x55);
}

function transient(r: Rng, ctx: ScenarioContext): Scenario {
  const e = new Emitter();
  const k = BigInt(r.int(3));
  const k2 = BigInt(3 + r.int(3));
  // CALLDATASIZE PUSH2 inner JUMPI; the inner offset is patched below.
  e.op(0x36, 0x61, 0, 0, 0x57);
  push(e, r.bigBits(64) + 1n, ctx)
    .push(k, ctx)
    .op(0x5d); // TSTORE(k, v0)
  if (r.chance(0.5)) push(e, r.bigBits(16), ctx).push(k2, ctx).op(0x5d);
  const op = r.pick([0xf1, 0xf1, 0xf4, 0xf2, 0xfa]);
  e.op(0x60, 1, 0x5f, 0x53); // MSTORE8(0, 1): one byte of call data marks the inner frame
  const end = r.int(4);
  // All the gas, or an exact amount (always for the inner frame that loops to out of gas).
  const exact = end === 3 || r.chance(0.3);
  emitCall(
    e,
    ctx,
    op,
    () => e.op(0x30),
    () => (exact ? e.push(BigInt(r.range(3000, 60000)), ctx) : e.op(0x5a)),
    0n,
    0n,
    1n,
    32n,
  );
  store(e, ctx, 0x101);
  push(e, k, ctx).op(0x5c);
  store(e, ctx, 0x100);
  push(e, k2, ctx).op(0x5c);
  store(e, ctx, 0x102);
  e.op(0x3d);
  store(e, ctx, 0x103);
  push(e, 0n, ctx).op(0x51);
  store(e, ctx, 0x104);
  e.op(0x00);
  const inner = e.length;
  e.bytes[2] = inner >> 8;
  e.bytes[3] = inner & 0xff;
  e.op(0x5b);
  push(e, k, ctx).op(0x5c).push(0n, ctx).op(0x52); // MSTORE(0, TLOAD(k)): what the inner frame saw
  push(e, r.bigBits(64), ctx).push(k, ctx).op(0x5d);
  push(e, r.bigBits(64), ctx).push(k2, ctx).op(0x5d);
  if (r.chance(0.3))
    push(e, r.bigBits(8), ctx)
      .push(BigInt(r.int(3)), ctx)
      .op(0x55); // and a storage write
  if (end === 0) e.push(32n, ctx).push(0n, ctx).op(0xfd);
  else if (end === 1) e.push(32n, ctx).push(0n, ctx).op(0xf3);
  else if (end === 2) e.op(0xfe);
  else
    e.op(0x5b)
      .push(BigInt(e.length - 1), ctx)
      .op(0x56); // loop to out of gas
  return {
    name: 'transient',
    codes: new Map([[0, e.toBytes()]]),
    to: ctx.contracts[0]!,
    data: new Uint8Array(),
    gasLimit: BigInt(r.range(300_000, 2_000_000)),
  };
}

function selfdestruct(r: Rng, ctx: ScenarioContext): Scenario {
  const e = new Emitter();
  const beneficiary = (): void => {
    const k = r.int(5);
    if (k === 0)
      e.op(0x30); // ADDRESS: itself
    else if (k === 1)
      e.op(0x33); // CALLER
    else e.push(r.pick([0xbeefn, 0xdeadn, ctx.contracts[1]!, BigInt(r.range(1, 9)), r.bigBits(160)]), ctx);
  };
  const kind = r.int(3);
  const value = BigInt(r.int(3)) * 1000n;
  if (kind === 0 || kind === 1) {
    // Init code: SELFDESTRUCT in the constructor, or return a runtime that self-destructs when called.
    const init = new Emitter();
    const rt = new Emitter();
    if (kind === 0) {
      if (r.chance(0.5)) init.push(r.bigBits(8), ctx).push(1n, ctx).op(0x55);
      init.push(r.pick([0xbeefn, 0xdeadn]), ctx).op(0xff);
    } else {
      if (r.chance(0.5)) rt.push(r.bigBits(8), ctx).push(2n, ctx).op(0x55);
      rt.op(r.chance(0.5) ? 0x33 : 0x30, 0xff);
      const code = rt.toBytes();
      // PUSH1 len DUP1 PUSH1 11 PUSH1 0 CODECOPY PUSH1 0 RETURN (11 bytes), then the runtime
      init.op(0x60, code.length, 0x80, 0x60, 11, 0x60, 0, 0x39, 0x60, 0, 0xf3).op(...code);
    }
    const bytes = init.toBytes();
    writeMemory(e, ctx, bytes);
    const create2 = r.chance(0.5);
    if (create2) e.push(BigInt(r.int(3)), ctx);
    e.push(BigInt(bytes.length), ctx)
      .push(0n, ctx)
      .push(value, ctx)
      .op(create2 ? 0xf5 : 0xf0);
    e.op(0x80);
    store(e, ctx, 0x100); // the new address (0 on failure)
    if (kind === 1) {
      const calls = r.range(1, 2);
      for (let i = 0; i < calls; i++) {
        e.op(0x80); // DUP1: target
        e.op(0x60, 0, 0x60, 0, 0x60, 0, 0x60, 0); // out/in areas
        e.push(BigInt(r.int(2)), ctx); // value
        e.op(0x85); // DUP6: the address
        e.op(0x5a, 0xf1);
        store(e, ctx, 0x101 + i);
        e.op(0x50);
      }
    }
    e.op(0x80, 0x3b);
    store(e, ctx, 0x104); // EXTCODESIZE
    e.op(0x80, 0x31);
    store(e, ctx, 0x105); // BALANCE
    e.op(0x3f);
    store(e, ctx, 0x106); // EXTCODEHASH
    e.op(0x00);
    return {
      name: 'selfdestruct',
      codes: new Map([[0, e.toBytes()]]),
      balances: new Map([[0, 5000n]]),
      to: ctx.contracts[0]!,
      value: BigInt(r.int(2)) * 77n,
      gasLimit: BigInt(r.range(300_000, 2_000_000)),
    };
  }
  // An older contract (C1) self-destructs when called: after Cancun only its balance moves.
  const old = new Emitter();
  beneficiary();
  old.op(...e.bytes, 0xff);
  const caller = new Emitter();
  for (let i = 0; i < r.range(1, 2); i++) {
    emitCall(
      caller,
      ctx,
      0xf1,
      () => caller.push(ctx.contracts[1]!, ctx),
      () => caller.op(0x5a),
      BigInt(r.int(2)),
      0n,
      0n,
      0n,
    );
    store(caller, ctx, 0x100 + i);
  }
  caller.push(ctx.contracts[1]!, ctx).op(0x3b);
  store(caller, ctx, 0x103);
  caller.push(ctx.contracts[1]!, ctx).op(0x31);
  store(caller, ctx, 0x104);
  caller.op(0x00);
  return {
    name: 'selfdestruct',
    codes: new Map([
      [0, caller.toBytes()],
      [1, old.toBytes()],
    ]),
    balances: new Map([[1, 1234n]]),
    to: r.chance(0.7) ? ctx.contracts[0]! : ctx.contracts[1]!,
    gasLimit: BigInt(r.range(200_000, 1_000_000)),
  };
}

function createAddress(sender: bigint, nonce: bigint): bigint {
  const s = Uint8Array.from(Buffer.from(sender.toString(16).padStart(40, '0'), 'hex'));
  const h = keccak256(
    RLP.encode([
      s,
      nonce === 0n
        ? new Uint8Array()
        : Uint8Array.from(
            Buffer.from(nonce.toString(16).padStart(nonce.toString(16).length + (nonce.toString(16).length % 2), '0'), 'hex'),
          ),
    ]),
  );
  return BigInt(hexOf(h.subarray(12)));
}

function create2Address(sender: bigint, salt: bigint, init: Uint8Array): bigint {
  const buf = new Uint8Array(1 + 20 + 32 + 32);
  buf[0] = 0xff;
  buf.set(Buffer.from(sender.toString(16).padStart(40, '0'), 'hex'), 1);
  buf.set(Buffer.from(salt.toString(16).padStart(64, '0'), 'hex'), 21);
  buf.set(keccak256(init), 53);
  return BigInt(hexOf(keccak256(buf).subarray(12)));
}

function collision(r: Rng, ctx: ScenarioContext): Scenario {
  const e = new Emitter();
  const runtime = r.chance(0.5) ? Uint8Array.of(0x60, 0x2a, 0x5f, 0x55, 0x00) : new Uint8Array();
  const init = new Emitter();
  if (r.chance(0.3)) init.push(7n, ctx).push(3n, ctx).op(0x55);
  const head = init.length + 11;
  init.op(0x60, runtime.length, 0x80, 0x60, head, 0x60, 0, 0x39, 0x60, 0, 0xf3).op(...runtime);
  const initCode = init.toBytes();
  const salt = BigInt(r.int(3));
  const self = ctx.contracts[0]!;
  const selfNonce = BigInt(r.int(2));
  writeMemory(e, ctx, initCode);
  const n = r.range(1, 3);
  const useCreate = r.chance(0.3);
  for (let i = 0; i < n; i++) {
    if (!useCreate) e.push(salt, ctx);
    e.push(BigInt(initCode.length), ctx)
      .push(0n, ctx)
      .push(BigInt(r.int(2)), ctx)
      .op(useCreate ? 0xf0 : 0xf5);
    // Results to memory and returned (a collision burns the create's gas: little is left for SSTOREs).
    e.push(BigInt(0x200 + 64 * i), ctx).op(0x52);
    e.op(0x3d)
      .push(BigInt(0x220 + 64 * i), ctx)
      .op(0x52);
  }
  e.push(BigInt(64 * n), ctx)
    .push(0x200n, ctx)
    .op(0xf3);
  const target = useCreate ? createAddress(self, selfNonce) : create2Address(self, salt, initCode);
  const extraPre: CaseAccount[] = [];
  const k = r.int(6);
  if (k < 5) {
    const base = { address: addr(target), balance: quantity(0n), nonce: '0x0', code: '0x', storage: {} as Record<string, string> };
    if (k === 0) extraPre.push({ ...base, nonce: '0x1' });
    else if (k === 1) extraPre.push({ ...base, code: '0x00' });
    else if (k === 2)
      extraPre.push({ ...base, storage: { '0x1': '0x1' } }); // EIP-7610
    else if (k === 3)
      extraPre.push({ ...base, balance: quantity(BigInt(r.range(1, 1000))) }); // no collision
    else extraPre.push({ ...base, nonce: '0x1', code: '0x6001', storage: { '0x0': '0x5' } });
  }
  return {
    name: 'create2-collision',
    codes: new Map([[0, e.toBytes()]]),
    balances: new Map([[0, 100n]]),
    nonces: new Map([[0, selfNonce]]),
    extraPre,
    to: self,
    gasLimit: BigInt(r.range(500_000, 3_000_000)),
  };
}

/** Words of memory whose expansion from zero costs about `gas` (3 w + w^2 / 512). */
function wordsFor(gas: bigint): bigint {
  if (gas <= 0n) return 0n;
  let w = BigInt(Math.floor(256 * (-3 + Math.sqrt(9 + Number(gas) / 128))));
  while (3n * w + (w * w) / 512n > gas && w > 0n) w--;
  while (3n * (w + 1n) + ((w + 1n) * (w + 1n)) / 512n <= gas) w++;
  return w;
}

function memoryOp(r: Rng, e: Emitter, ctx: ScenarioContext, words: bigint): void {
  const w = words < 1n ? 1n : words;
  const op = r.int(ctx.cancun ? 6 : 5);
  const end = 32n * w;
  if (op === 0)
    e.push(1n, ctx)
      .push(end - 32n, ctx)
      .op(0x52);
  else if (op === 1)
    e.push(1n, ctx)
      .push(end - 1n, ctx)
      .op(0x53);
  else if (op === 2) e.push(end - 32n, ctx).op(0x51, 0x50);
  else if (op === 3)
    e.push(end, ctx).push(0n, ctx).push(0n, ctx).op(0x37); // CALLDATACOPY(0, 0, end)
  else if (op === 4)
    e.push(end, ctx).push(0n, ctx).op(0xf3); // RETURN(0, end)
  else
    e.push(32n, ctx)
      .push(0n, ctx)
      .push(end - 32n, ctx)
      .op(0x5e); // MCOPY(end - 32, 0, 32)
}

function memoryEdge(r: Rng, ctx: ScenarioContext): Scenario {
  const delta = BigInt(r.range(-40, 40));
  if (r.chance(0.5)) {
    // At the top: gas left when the op runs = limit - 21000 - the pushes before it (a few PUSHes: 6-9 gas).
    const gasLimit = BigInt(r.range(60_000, 3_000_000));
    const e = new Emitter();
    memoryOp(r, e, ctx, wordsFor(gasLimit - 21000n - 9n) + delta);
    e.op(0x00);
    return { name: 'memory-edge', codes: new Map([[0, e.toBytes()]]), to: ctx.contracts[0]!, gasLimit, type: 0 };
  }
  // In a call with exact gas g: the callee's expansion costs about g.
  const g = BigInt(r.range(3000, 400_000));
  const callee = new Emitter();
  memoryOp(r, callee, ctx, wordsFor(g - 9n) + delta);
  callee.op(0x00);
  const e = new Emitter();
  emitCall(
    e,
    ctx,
    r.pick([0xf1, 0xf4, 0xfa]),
    () => e.push(ctx.contracts[1]!, ctx),
    () => e.push(g, ctx),
    0n,
    0n,
    0n,
    0n,
  );
  store(e, ctx, 0x100);
  e.op(0x5a);
  store(e, ctx, 0x101);
  e.op(0x00);
  return {
    name: 'memory-edge',
    codes: new Map([
      [0, e.toBytes()],
      [1, callee.toBytes()],
    ]),
    to: ctx.contracts[0]!,
    gasLimit: g + BigInt(r.range(100_000, 1_000_000)),
  };
}

function deepCalls(r: Rng, ctx: ScenarioContext): Scenario {
  const e = new Emitter();
  const op = r.pick([0xf1, 0xf1, 0xf4, 0xf2, 0xfa]);
  const value = op === 0xf1 || op === 0xf2 ? BigInt(r.chance(0.7) ? 0 : 1) : 0n;
  // CALL(GAS [- k], ADDRESS, value, 0, 0, 0, 32); depth = MLOAD(0) + 1 (0 from a failed callee); RETURN it.
  const less = r.chance(0.3) ? BigInt(r.range(1, 5000)) : 0n;
  emitCall(
    e,
    ctx,
    op,
    () => e.op(0x30),
    () => {
      if (less === 0n) e.op(0x5a);
      else e.push(less, ctx).op(0x5a, 0x03);
    },
    value,
    0n,
    0n,
    32n,
  );
  e.op(0x50); // the call's success flag
  e.push(0n, ctx).op(0x51).push(1n, ctx).op(0x01).push(0n, ctx).op(0x52);
  if (r.chance(0.3)) e.op(0x5a).push(32n, ctx).op(0x52); // and the gas left at each level
  e.push(64n, ctx).push(0n, ctx).op(0xf3);
  return {
    name: 'deep-calls',
    codes: new Map([[0, e.toBytes()]]),
    balances: new Map([[0, 10n ** 6n]]),
    to: ctx.contracts[0]!,
    gasLimit: BigInt(r.range(200_000, 2_000_000)),
  };
}

const FP_BYTES = 64;

function fp(v: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(v.toString(16).padStart(FP_BYTES * 2, '0'), 'hex'));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

type G1P = ReturnType<typeof bls12_381.G1.Point.BASE.multiply>;
type G2P = ReturnType<typeof bls12_381.G2.Point.BASE.multiply>;

function g1(r: Rng): Uint8Array {
  const k = r.int(10);
  if (k === 0) return new Uint8Array(128); // infinity
  const P: G1P = bls12_381.G1.Point.BASE.multiply(BigInt(r.range(1, 5)));
  const a = P.toAffine();
  const y = k === 1 ? a.y + 1n : a.y; // off the curve
  return concat([fp(a.x), fp(y)]);
}

function g2(r: Rng): Uint8Array {
  const k = r.int(10);
  if (k === 0) return new Uint8Array(256);
  const P: G2P = bls12_381.G2.Point.BASE.multiply(BigInt(r.range(1, 3)));
  const a = P.toAffine();
  const y0 = k === 1 ? a.y.c0 + 1n : a.y.c0;
  return concat([fp(a.x.c0), fp(a.x.c1), fp(y0), fp(a.y.c1)]);
}

function scalar(r: Rng): Uint8Array {
  const v = r.pick([0n, 1n, 2n, r.bigBits(255), (1n << 256n) - 1n]);
  return Uint8Array.from(Buffer.from(v.toString(16).padStart(64, '0'), 'hex'));
}

const BLS_P = bls12_381.fields.Fp.ORDER;

function blsInput(r: Rng, p: bigint): Uint8Array {
  switch (p) {
    case 0x0bn:
      return concat([g1(r), g1(r)]);
    case 0x0cn:
      return concat(Array.from({ length: r.pick([1, 2, 3]) }, () => concat([g1(r), scalar(r)])));
    case 0x0dn:
      return concat([g2(r), g2(r)]);
    case 0x0en:
      return concat(Array.from({ length: r.pick([1, 2]) }, () => concat([g2(r), scalar(r)])));
    case 0x0fn: {
      if (r.chance(0.5)) {
        // e(P, Q) * e(-P, Q) = 1: a pairing check that succeeds with output 1
        const P = bls12_381.G1.Point.BASE.toAffine();
        const Q = bls12_381.G2.Point.BASE.toAffine();
        const q = concat([fp(Q.x.c0), fp(Q.x.c1), fp(Q.y.c0), fp(Q.y.c1)]);
        return concat([fp(P.x), fp(P.y), q, fp(P.x), fp(BLS_P - P.y), q]);
      }
      return concat(Array.from({ length: r.pick([1, 2]) }, () => concat([g1(r), g2(r)])));
    }
    case 0x10n:
      return fp(r.chance(0.8) ? r.bigBits(380) % BLS_P : BLS_P + BigInt(r.int(3)));
    default:
      return concat([fp(r.bigBits(380) % BLS_P), fp(r.chance(0.8) ? r.bigBits(380) % BLS_P : BLS_P)]);
  }
}

const P256_KEY = new Uint8Array(32).fill(0x33);

function p256Input(r: Rng): Uint8Array {
  const hash = r.bytes(32);
  const sig = p256.sign(hash, P256_KEY, { prehash: false });
  const pub = p256.getPublicKey(P256_KEY, false);
  const input = concat([hash, sig.subarray(0, 32), sig.subarray(32, 64), pub.subarray(1, 33), pub.subarray(33, 65)]);
  const k = r.int(8);
  if (k === 0)
    input[r.int(32)]! ^= 1; // another hash
  else if (k === 1)
    input.fill(0, 32, 64); // r = 0
  else if (k === 2) input[159]! ^= 1; // a public key off the curve
  return input;
}

function modexpInput(r: Rng): Uint8Array {
  const lens = [0, 1, 31, 32, 33, 64, 65, 127, 128, 1023, 1024, 1025];
  const bl = r.pick(lens);
  const ml = r.chance(0.5) ? bl : r.pick(lens);
  const el = r.pick([0, 1, 8, 31, 32, 33, 64, 1024, 1025]);
  const word = (n: number): Uint8Array => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex'));
  const exp = r.bytes(el);
  if (el > 0 && r.chance(0.5)) exp[0] = 0x80 | exp[0]!; // a high top bit: the largest iteration count
  if (el > 0 && r.chance(0.2)) exp.fill(0, 0, Math.min(el, 32)); // a zero head
  return concat([word(bl), word(el), word(ml), r.bytes(bl), exp, r.bytes(ml)]);
}

function precompileEdge(r: Rng, ctx: ScenarioContext): Scenario {
  const choices: bigint[] = [5n];
  if (ctx.forkIdx >= 4) choices.push(0x0bn, 0x0cn, 0x0dn, 0x0en, 0x0fn, 0x10n, 0x11n);
  if (ctx.forkIdx >= 5) choices.push(0x100n, 0x100n, 5n);
  const p = r.pick(choices);
  let input = p === 5n ? modexpInput(r) : p === 0x100n ? p256Input(r) : blsInput(r, p);
  const cut = r.int(8);
  if (cut === 0 && input.length > 0) input = input.subarray(0, input.length - 1);
  else if (cut === 1) input = concat([input, Uint8Array.of(r.int(256))]);
  if (r.chance(0.3)) {
    // The transaction's own target: intrinsic gas + the precompile's price, exactly.
    return { name: 'precompile-edge', codes: new Map(), to: p, data: input, gasLimit: BigInt(r.range(30_000, 3_000_000)) };
  }
  const e = new Emitter();
  writeMemory(e, ctx, input);
  emitCall(
    e,
    ctx,
    r.pick([0xf1, 0xfa]),
    () => e.push(p, ctx),
    () => (r.chance(0.8) ? e.op(0x5a) : e.push(BigInt(r.range(100, 200_000)), ctx)),
    0n,
    0n,
    BigInt(input.length),
    0n,
  );
  store(e, ctx, 0x100);
  e.op(0x3d);
  store(e, ctx, 0x101);
  e.op(0x3d).push(0n, ctx).push(0n, ctx).op(0x3e); // RETURNDATACOPY(0, 0, RETURNDATASIZE)
  e.op(0x3d).push(0n, ctx).op(0x20);
  store(e, ctx, 0x102);
  e.op(0x00);
  return {
    name: 'precompile-edge',
    codes: new Map([[0, e.toBytes()]]),
    to: ctx.contracts[0]!,
    gasLimit: BigInt(r.range(100_000, 8_000_000)),
  };
}

function delegation(r: Rng, ctx: ScenarioContext): Scenario {
  const [A, B] = [ctx.authorities[0]!, ctx.authorities[1]!];
  const [C0, C1, C2] = [ctx.contracts[0]!, ctx.contracts[1]!, ctx.contracts[2]!];
  const auths: CaseAuthorization[] = [];
  let nonceA = ctx.authorityNonce(0);
  // Re-delegation: A to C1, then A to C2 (or zero) with the next nonce; the last valid tuple wins.
  auths.push(ctx.signAuth(0, C1, nonceA++));
  if (r.chance(0.7)) auths.push(ctx.signAuth(0, r.chance(0.8) ? C2 : 0n, r.chance(0.9) ? nonceA++ : nonceA + 5n));
  // A chain: B delegated to A (A's code is a designator: not followed, B's code runs as 0xef... and halts).
  if (r.chance(0.6)) auths.push(ctx.signAuth(1, A, ctx.authorityNonce(1)));
  if (r.chance(0.3)) auths.push(ctx.signAuth(0, C1, nonceA)); // and back, in the same list
  // The entry contract looks at both: calls, EXTCODESIZE, EXTCODEHASH, EXTCODECOPY.
  const e = new Emitter();
  let slot = 0x100;
  for (const who of [A, B]) {
    const g = BigInt(r.range(20_000, 120_000));
    emitCall(
      e,
      ctx,
      r.pick([0xf1, 0xf4, 0xfa]),
      () => e.push(who, ctx),
      () => e.push(g, ctx),
      0n,
      0n,
      0n,
      32n,
    );
    store(e, ctx, slot++);
    e.push(0n, ctx).op(0x51);
    store(e, ctx, slot++);
    e.push(who, ctx).op(0x3b);
    store(e, ctx, slot++);
    e.push(who, ctx).op(0x3f);
    store(e, ctx, slot++);
    e.push(23n, ctx).push(0n, ctx).push(0n, ctx).push(who, ctx).op(0x3c).push(0n, ctx).op(0x51);
    store(e, ctx, slot++);
  }
  e.op(0x00);
  // C1 and C2 say who runs them and where: ADDRESS, CALLER, and a storage write in the delegating account.
  const callee = (tag: number): Uint8Array => {
    const c = new Emitter();
    c.op(0x30).push(0n, ctx).op(0x52).push(BigInt(tag), ctx).push(BigInt(tag), ctx).op(0x55).push(32n, ctx).push(0n, ctx).op(0xf3);
    return c.toBytes();
  };
  return {
    name: 'delegation',
    codes: new Map([
      [0, e.toBytes()],
      [1, callee(1)],
      [2, callee(2)],
    ]),
    to: r.chance(0.5) ? C0 : A,
    gasLimit: BigInt(r.range(400_000, 2_000_000)),
    type: 4,
    authorizationList: auths,
  };
}

/** A scenario for this fork, or undefined (the generic case is kept). */
export function scenario(r: Rng, ctx: ScenarioContext): Scenario | undefined {
  const all: ((r: Rng, ctx: ScenarioContext) => Scenario)[] = [
    selfdestruct,
    collision,
    memoryEdge,
    deepCalls,
    precompileEdge,
    precompileEdge,
  ];
  if (ctx.cancun) all.push(transient, transient);
  if (ctx.forkIdx >= 4) all.push(delegation, delegation);
  return r.pick(all)(r, ctx);
}
