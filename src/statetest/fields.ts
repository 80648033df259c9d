/**
 * Typed readers for the JSON fields of a state test. Every reader takes the field's path
 * (`transaction.gasLimit[2]`, `pre.0x…01.storage`) and throws a `FieldError` that starts with it, so
 * the loader only has to prefix the file and the test name to get a message that points at the value.
 */
import { hexToBytes, parseQuantity } from '../primitives/hex.js';
import { parseAddress, type Address } from '../primitives/address.js';

/** A malformed or missing field; `field` is its path inside the test. */
export class FieldError extends Error {
  override name = 'FieldError';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

const MAX_U256 = (1n << 256n) - 1n;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** Re-throws any error of a helper (HexError, address length) as a FieldError for `field`. */
function wrap<T>(field: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FieldError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    // hexToBytes/parseQuantity/parseAddress already start their message with `what` (= field).
    throw new FieldError(field, msg.startsWith(field + ': ') ? msg.slice(field.length + 2) : msg);
  }
}

export function object(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new FieldError(field, v === undefined ? 'missing' : `expected an object, got ${describe(v)}`);
  }
  return v as Record<string, unknown>;
}

export function array(v: unknown, field: string): unknown[] {
  if (!Array.isArray(v)) throw new FieldError(field, v === undefined ? 'missing' : `expected an array, got ${describe(v)}`);
  return v;
}

export function string(v: unknown, field: string): string {
  if (typeof v !== 'string') throw new FieldError(field, v === undefined ? 'missing' : `expected a string, got ${describe(v)}`);
  return v;
}

/**
 * A hex or decimal quantity. retesteth writes values that do not fit 256 bits as `0x:bigint 0x…`
 * (stTransactionTest/ValueOverflow); those are returned as they are, larger than any word, for the
 * transaction validation to reject.
 */
export function quantity(v: unknown, field: string): bigint {
  if (v === undefined) throw new FieldError(field, 'missing');
  if (typeof v !== 'string' && typeof v !== 'number') {
    throw new FieldError(field, `expected a quantity, got ${describe(v)}`);
  }
  const s = typeof v === 'string' && v.startsWith('0x:bigint ') ? v.slice('0x:bigint '.length) : v;
  return wrap(field, () => parseQuantity(s, field));
}

/** A quantity that must fit in 256 bits (balances, storage, fees). */
export function u256(v: unknown, field: string): bigint {
  const q = quantity(v, field);
  if (q > MAX_U256) throw new FieldError(field, `exceeds 256 bits: 0x${q.toString(16)}`);
  return q;
}

/** Hex bytes; `length` (in bytes) when the field has a fixed size. */
export function bytes(v: unknown, field: string, length?: number): Uint8Array {
  const b = wrap(field, () => hexToBytes(string(v, field), field));
  if (length !== undefined && b.length !== length) {
    throw new FieldError(field, `expected ${length} bytes, got ${b.length}`);
  }
  return b;
}

export function address(v: unknown, field: string): Address {
  const s = string(v, field);
  return wrap(field, () => parseAddress(s, field));
}

/** An optional field: undefined when absent, else read with `read`. */
export function optional<T>(v: unknown, field: string, read: (v: unknown, field: string) => T): T | undefined {
  return v === undefined ? undefined : read(v, field);
}

/** A non-negative integer index (post `indexes`). */
export function index(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new FieldError(field, v === undefined ? 'missing' : `expected a non-negative integer, got ${describe(v)}`);
  }
  return v;
}
