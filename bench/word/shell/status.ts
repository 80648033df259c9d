/**
 * How a prototype run ends. Mirrors the subset of src/interpreter/status.ts the prototypes need, plus
 * `Unsupported` for an opcode a prototype does not implement (the harness then lists the case as not
 * runnable by that prototype instead of timing it).
 */
export const enum Status {
  Continue = 0,
  Stop = 1,
  Return = 2,
  Revert = 3,
  OutOfGas = 16,
  StackUnderflow = 17,
  StackOverflow = 18,
  InvalidJump = 19,
  InvalidOpcode = 21,
  Unsupported = 99,
}

/** The outcome of one run, comparable across the baseline and every prototype. */
export interface RunResult {
  /** 'stop' | 'return' | 'revert' | 'halt:<status>' | 'unsupported:0x<op>' */
  readonly status: string;
  readonly output: Uint8Array;
  /** Gas used by the call (no intrinsic gas, no refund: what evmkit's runCode reports). */
  readonly gasUsed: bigint;
  /** Instructions executed, when the runner counted them. */
  readonly instructions?: number;
}

export function statusName(s: Status, op: number): string {
  switch (s) {
    case Status.Stop:
      return 'stop';
    case Status.Return:
      return 'return';
    case Status.Revert:
      return 'revert';
    case Status.Unsupported:
      return `unsupported:0x${op.toString(16).padStart(2, '0')}`;
    default:
      return `halt:${s}`;
  }
}

/** Whether the frame keeps its gas left (exceptional halts consume all of it). */
export function keepsGas(s: Status): boolean {
  return s === Status.Stop || s === Status.Return || s === Status.Revert;
}
