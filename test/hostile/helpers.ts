/**
 * Shared by the hostile-input tests: run code, and the opcode sets each fork defines, written out from the
 * EIPs independently of evmkit's own tables so the undefined-opcode test checks the tables instead of
 * repeating them. The tests assert outcomes, not time: how long hostile inputs take is measured in bench/
 * (`npm run bench -- --hostile`), side by side with the peer.
 */
import { runCode, type RunCodeOptions, type RunCodeResult } from '../../src/transition/runCode.js';
import { Fork } from '../../src/spec/fork.js';

/** Runs `code` (`what` names the case in failure messages of the callers). */
export function hostileRun(code: Uint8Array, opts: RunCodeOptions, _what: string): RunCodeResult {
  return runCode(code, opts);
}

/** Hex string (no 0x) to bytes, for hand-written bytecode. */
export function code(hex: string): Uint8Array {
  const h = hex.replace(/\s+/g, '');
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function span(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out;
}

/** Opcodes each fork adds (Yellow Paper for Frontier; then the EIP that introduces each). */
const ADDED: readonly [Fork, readonly number[]][] = [
  [
    Fork.Frontier,
    [
      ...span(0x00, 0x0b),
      ...span(0x10, 0x1a),
      0x20,
      ...span(0x30, 0x3c),
      ...span(0x40, 0x45),
      ...span(0x50, 0x5b),
      ...span(0x60, 0x9f),
      ...span(0xa0, 0xa4),
      0xf0,
      0xf1,
      0xf2,
      0xf3,
      0xfe,
      0xff,
    ],
  ],
  [Fork.Homestead, [0xf4]], // EIP-7 DELEGATECALL
  [Fork.Byzantium, [0x3d, 0x3e, 0xfa, 0xfd]], // EIP-211, EIP-214, EIP-140
  [Fork.Constantinople, [0x1b, 0x1c, 0x1d, 0x3f, 0xf5]], // EIP-145, EIP-1052, EIP-1014
  [Fork.Istanbul, [0x46, 0x47]], // EIP-1344, EIP-1884
  [Fork.London, [0x48]], // EIP-3198
  [Fork.Shanghai, [0x5f]], // EIP-3855
  [Fork.Cancun, [0x49, 0x4a, 0x5c, 0x5d, 0x5e]], // EIP-4844, EIP-7516, EIP-1153, EIP-5656
  [Fork.Osaka, [0x1e]], // EIP-7939 CLZ
];

export function definedOpcodes(fork: Fork): Set<number> {
  const s = new Set<number>();
  for (const [since, ops] of ADDED) if (since <= fork) for (const op of ops) s.add(op);
  return s;
}

export const ALL_FORKS: readonly Fork[] = [
  Fork.Frontier,
  Fork.Homestead,
  Fork.TangerineWhistle,
  Fork.SpuriousDragon,
  Fork.Byzantium,
  Fork.Constantinople,
  Fork.Petersburg,
  Fork.Istanbul,
  Fork.Berlin,
  Fork.London,
  Fork.Paris,
  Fork.Shanghai,
  Fork.Cancun,
  Fork.Prague,
  Fork.Osaka,
];
