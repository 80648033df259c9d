/**
 * Divergences where evmkit is right and a peer is not, or where the two only label the same consensus
 * outcome differently (checked against the EIPs and execution-specs; each is written up in FUZZING.md).
 * A divergence between evmkit and a peer that matches one of these (for that peer) is counted as
 * explained, not as a failure.
 */
import type { FuzzCase, Outcome } from './case.js';
import type { Comparison } from './differential.js';

export type Peer = 'ethereumjs' | 'edr';

export interface KnownDivergence {
  readonly id: string;
  /** The peer this entry is about. */
  readonly peer: Peer;
  readonly reason: string;
  /** `fields`: the fields where evmkit and this peer differ. */
  readonly matches: (c: FuzzCase, evmkit: Outcome, other: Outcome, fields: readonly string[]) => boolean;
}

function isPrecompile(to: string | null): boolean {
  return to !== null && BigInt(to) >= 1n && BigInt(to) <= 0x11n;
}

export const KNOWN_DIVERGENCES: readonly KnownDivergence[] = [
  {
    id: 'precompile-failure-label',
    peer: 'ethereumjs',
    reason:
      'A transaction straight to a precompile whose input is invalid (e.g. a bn254 point off the curve): ' +
      'ethereumjs labels the result "revert" but consumes all gas; execution-specs raise an exceptional halt ' +
      '(all gas consumed, no REVERT). Gas, logs and state root agree; only the label differs.',
    matches: (c, evmkit, other, fields) =>
      fields.length === 1 &&
      fields[0] === 'status' &&
      isPrecompile(c.tx.to) &&
      evmkit.status === 'halt' &&
      evmkit.detail === 'precompiled contract failed' &&
      other.status === 'revert',
  },
  {
    id: 'edr-identifier-panic',
    peer: 'edr',
    reason:
      "EDR's native code panics (and aborts its process) in ContractsIdentifier::get_bytecode_for_call when a " +
      'transaction runs a code that starts with 0x73 (PUSH20) and is shorter than 21 bytes: it takes such a code ' +
      'for a Solidity library and reads the 20-byte address after the PUSH20 without a length check. Not an EVM ' +
      'outcome: the fuzzer runs EDR in a child process, reports the crash and starts a new one. ' +
      'Reproduction (FUZZING.md): any call to an account whose code is 0x7301.',
    matches: (_c, _evmkit, other) => other.status === 'crash' && (other.detail ?? '').includes('contracts_identifier'),
  },
  {
    id: 'edr-eip7702-bytecode-panic',
    peer: 'edr',
    reason:
      'EDR (revm-bytecode 10.0.0 inside EDR 0.13) panics and aborts its process on an account code that starts ' +
      'with 0xef01 but is not a 23-byte EIP-7702 designator (0xef0100 + address): Bytecode::new_raw expects one ' +
      '("Expect correct bytecode: Eip7702(InvalidLength)"). Such a code cannot be deployed since London ' +
      '(EIP-3541) but can be in a pre-state (any fork; Berlin allows deploying it); evmkit and ethereumjs run it ' +
      'as plain bytecode (0xef: invalid instruction). Not an EVM outcome; the fuzzer does not send such cases.',
    matches: (_c, _evmkit, other) => other.status === 'crash' && /Eip7702\(|revm-bytecode/.test(other.detail ?? ''),
  },
  {
    id: 'edr-empty-create-policy',
    peer: 'edr',
    reason:
      'EDR refuses a contract-creation transaction with empty data ("Contract creation without any data ' +
      'provided"), a Hardhat guard against a forgotten bytecode. The transaction is valid (execution-specs ' +
      'validate_transaction puts no lower bound on the init code; an empty init code creates an account with ' +
      'empty code), as evmkit and ethereumjs agree.',
    matches: (c, evmkit, other, fields) =>
      c.tx.to === null &&
      bytesLength(c.tx.data) === 0 &&
      fields.length === 1 &&
      fields[0] === 'rejected' &&
      !evmkit.rejected &&
      (other.detail ?? '').includes('Contract creation without any data'),
  },
  {
    id: 'ethereumjs-eof-initcode',
    peer: 'ethereumjs',
    reason:
      'CREATE/CREATE2 with init code that starts with 0xEF00 (the EOF magic), in a fork without EOF (Berlin..Osaka): ' +
      'the init code runs, 0xEF is an invalid instruction, the creation halts exceptionally and its gas (all but ' +
      "1/64 of the caller's) is used (execution-specs: no EOF before it is scheduled; EIP-3541 only forbids " +
      'deploying code that starts with 0xEF). ethereumjs 10.1.3 fails the creation without using its gas, as EOF ' +
      '(EIP-7620) would. evmkit and EDR agree.',
    matches: (c, evmkit, other, fields) =>
      fields.every((f) => ['status', 'gasUsed', 'output', 'stateRoot', 'state', 'logs'].includes(f)) &&
      fields.includes('gasUsed') &&
      !evmkit.rejected &&
      !other.rejected &&
      other.gasUsed !== '' &&
      BigInt(other.gasUsed) < BigInt(evmkit.gasUsed) &&
      [...c.pre.map((a) => a.code), c.tx.data].some((h) => /^(0x)?([0-9a-f]{2})*?ef00/i.test(h)),
  },
  {
    id: 'edr-eip7610-storage-collision',
    peer: 'edr',
    reason:
      'A CREATE/CREATE2 (or creation transaction) whose address has storage but no nonce and no code: EIP-7610 ' +
      '(applies from genesis) makes it a collision, the creation fails and its gas is used; execution-specs ' +
      'generic_create checks account_has_code_or_nonce or account_has_storage. evmkit and ethereumjs fail the ' +
      'creation; EDR 0.13 (revm) deploys over the storage (and clears it).',
    matches: (c, _evmkit, other) => {
      const storageOnly = c.pre.filter(
        (a) => BigInt(a.nonce) === 0n && a.code === '0x' && Object.values(a.storage).some((v) => BigInt(v) !== 0n),
      );
      if (storageOnly.length === 0 || other.rejected || other.state === undefined) return false;
      // EDR put an account (nonce or code) where there was only storage.
      return storageOnly.some((a) => other.state!.some((v) => v.address === a.address.toLowerCase() && BigInt(v.nonce) > 0n));
    },
  },
];

function bytesLength(h: string): number {
  return (h.length - 2) / 2;
}

/** The entry explaining a divergence between evmkit and `peer`, if any. */
export function explainPair(
  peer: Peer,
  c: FuzzCase,
  evmkit: Outcome,
  other: Outcome,
  fields: readonly string[],
): KnownDivergence | undefined {
  if (fields.length === 0) return undefined;
  return KNOWN_DIVERGENCES.find((k) => k.peer === peer && k.matches(c, evmkit, other, fields));
}

/**
 * The explanation of a comparison's divergences: `ids` of the entries that explain them, `unexplained`
 * the peers whose divergence from evmkit no entry explains (empty: nothing to fix or write up).
 */
export function explainComparison(r: Comparison): { ids: string[]; unexplained: Peer[] } {
  const ids: string[] = [];
  const unexplained: Peer[] = [];
  const pairs: [Peer, Outcome | undefined, string[]][] = [
    ['ethereumjs', r.ethereumjs, r.fields],
    ['edr', r.edr, r.fieldsEdr],
  ];
  for (const [peer, other, fields] of pairs) {
    if (other === undefined || fields.length === 0) continue;
    const k = explainPair(peer, r.case, r.evmkit, other, fields);
    if (k === undefined) unexplained.push(peer);
    else ids.push(k.id);
  }
  return { ids, unexplained };
}

/** Back-compatible: the entry explaining an evmkit/ethereumjs divergence. */
export function explain(c: FuzzCase, r: Comparison): KnownDivergence | undefined {
  return r.ethereumjs === undefined ? undefined : explainPair('ethereumjs', c, r.evmkit, r.ethereumjs, r.fields);
}
