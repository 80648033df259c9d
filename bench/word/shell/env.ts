/** What a prototype run needs besides code: the message, as evmkit's runCode sets it up. */
export interface MiniMessage {
  readonly input: Uint8Array;
  /** Must be below 2^53: the prototypes keep gas in a JS number without evmkit's reserve. */
  readonly gas: bigint;
  readonly value: bigint;
  readonly address: bigint;
  readonly caller: bigint;
  readonly origin: bigint;
  readonly gasPrice: bigint;
}

export function checkGas(gas: bigint): number {
  if (gas < 0n || gas > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('prototype: gas must be below 2^53');
  return Number(gas);
}
