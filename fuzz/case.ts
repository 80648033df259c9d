/**
 * A fuzz case: a fork, a block, a pre-state and one transaction, in a JSON shape (hex strings) so a
 * divergence can be saved as a regression file and replayed on either EVM. And the outcome both runners
 * report, in the same shape, so two outcomes compare field by field.
 */
export interface CaseAccount {
  readonly address: string;
  readonly balance: string;
  readonly nonce: string;
  readonly code: string;
  /** Slot -> value, both 0x-hex quantities. */
  readonly storage: Readonly<Record<string, string>>;
}

export interface CaseEnv {
  readonly coinbase: string;
  readonly number: string;
  readonly timestamp: string;
  readonly gasLimit: string;
  readonly baseFee: string;
  readonly prevRandao: string;
  readonly excessBlobGas: string;
  /**
   * Set when the case was run against EDR, which cannot be told these: the difficulty of its pre-merge
   * block, and the hashes of the blocks BLOCKHASH asked for (decimal number -> 0x hash). Absent: difficulty
   * 0 and the fuzz source (keccak256 of the decimal number), as in ethereumjs-only runs.
   */
  readonly difficulty?: string;
  readonly blockHashes?: Readonly<Record<string, string>>;
}

/** An EIP-7702 authorization tuple (signed), all 0x-hex quantities / address. */
export interface CaseAuthorization {
  readonly chainId: string;
  readonly address: string;
  readonly nonce: string;
  readonly yParity: string;
  readonly r: string;
  readonly s: string;
}

export interface CaseTx {
  /** 0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844 blob, 4 EIP-7702 set-code. */
  readonly type: 0 | 1 | 2 | 3 | 4;
  readonly nonce: string;
  readonly to: string | null;
  readonly value: string;
  readonly data: string;
  readonly gasLimit: string;
  /** Legacy and EIP-2930. */
  readonly gasPrice: string;
  /** EIP-1559. */
  readonly maxFeePerGas: string;
  readonly maxPriorityFeePerGas: string;
  readonly accessList: readonly { readonly address: string; readonly storageKeys: readonly string[] }[];
  /** Type 3. */
  readonly maxFeePerBlobGas?: string;
  readonly blobVersionedHashes?: readonly string[];
  /** Type 4. */
  readonly authorizationList?: readonly CaseAuthorization[];
}

export interface FuzzCase {
  /** evmkit/ethereumjs fork name: Berlin, London, Shanghai, Cancun, Prague, Osaka. */
  readonly fork: string;
  /** The targeted scenario the case was built from (fuzz/scenarios.ts), if any; informational. */
  readonly scenario?: string;
  readonly env: CaseEnv;
  readonly pre: readonly CaseAccount[];
  readonly tx: CaseTx;
}

export interface CaseLog {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
}

export interface Outcome {
  /** Set when the transaction was invalid (nothing else is compared then). */
  readonly rejected: boolean;
  /** success | revert | halt */
  readonly status: string;
  readonly gasUsed: string;
  readonly output: string;
  readonly logs: readonly CaseLog[];
  readonly stateRoot: string;
  /**
   * The post-state of the accounts the case can reach (sorted by address; empty accounts left out): what
   * is compared with EDR, which reports accounts one by one (eth_getProof), not a state root.
   */
  state?: readonly AccountView[];
  /** Free text for the report (error name); never compared. */
  readonly detail?: string;
}

export interface AccountView {
  readonly address: string;
  readonly balance: string;
  readonly nonce: string;
  readonly codeHash: string;
  readonly storageRoot: string;
}

/** The forks the differential run uses (Osaka since the three-way runs: both peers implement it). */
export const FUZZ_FORKS = ['Berlin', 'London', 'Shanghai', 'Cancun', 'Prague', 'Osaka'] as const;
/** Forks only run when asked for with --fork (none now). */
export const OPT_IN_FORKS = [] as const;
/** Every fork the generator knows, in order. */
export const KNOWN_FORKS: readonly string[] = [...FUZZ_FORKS, ...OPT_IN_FORKS];

/** The fixed sender key (secp256k1 scalar 0x45a9...e8 as in the ethereum/tests fillers). */
export const SENDER_KEY = '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8';
/** Its address. */
export const SENDER_ADDRESS = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';

/** The fields of two outcomes that differ (empty when they agree). */
export function diffOutcomes(a: Outcome, b: Outcome): string[] {
  const out: string[] = [];
  if (a.rejected !== b.rejected) return ['rejected'];
  if (a.rejected) return out;
  if (a.status !== b.status) out.push('status');
  if (a.gasUsed !== b.gasUsed) out.push('gasUsed');
  if (a.output !== b.output) out.push('output');
  if (JSON.stringify(a.logs) !== JSON.stringify(b.logs)) out.push('logs');
  if (a.stateRoot !== '' && b.stateRoot !== '' && a.stateRoot !== b.stateRoot) out.push('stateRoot');
  if (a.state !== undefined && b.state !== undefined && JSON.stringify(a.state) !== JSON.stringify(b.state)) out.push('state');
  return out;
}

export function hexOf(bytes: Uint8Array): string {
  let s = '0x';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function quantity(v: bigint | number): string {
  return '0x' + v.toString(16);
}

export function bytesOf(hex: string): Uint8Array {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) throw new Error(`bad hex in fuzz case: ${hex.slice(0, 40)}`);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}
