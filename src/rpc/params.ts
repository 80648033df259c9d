/**
 * Declaring and decoding method params. A method lists its positional params as `ParamSpec`s (a name, a
 * decoder, whether it may be left out); the registry checks the count and runs each decoder, so a handler
 * only ever sees typed values. Errors name the argument (index and name) and the field inside it:
 *
 *   invalid argument 0 (transaction.gas): hex number with leading zero digits      (-32602)
 *   missing value for required argument 1 (block)                                   (-32602)
 *   too many arguments, want at most 2                                              (-32602)
 *
 * (go-ethereum's wording, with the name added.) Decoders are plain functions `(value) => T` that throw
 * ParamError; the combinators below build objects, arrays and unions from the codecs in codec.ts.
 * Unknown object fields are ignored, as go-ethereum's JSON decoding does, so clients that send extra
 * fields (chainId in a call, for instance) keep working.
 */
import { ParamError, formatPath, invalidParams, type JsonRpcError } from './errors.js';

export type Decoder<T> = (value: unknown) => T;

export interface ParamSpec<T> {
  /** Shown in errors and in the README's method table. */
  readonly name: string;
  readonly decode: Decoder<T>;
  /** May be absent (or null); the handler then gets `fallback()` or undefined. */
  readonly optional: boolean;
  readonly fallback?: () => T;
}

/** A required param. */
export function param<T>(name: string, decode: Decoder<T>): ParamSpec<T> {
  return { name, decode, optional: false };
}

/** An optional param: absent or null gives `fallback()` (or undefined without one). */
export function optionalParam<T>(name: string, decode: Decoder<T>): ParamSpec<T | undefined>;
export function optionalParam<T>(name: string, decode: Decoder<T>, fallback: () => T): ParamSpec<T>;
export function optionalParam<T>(name: string, decode: Decoder<T>, fallback?: () => T): ParamSpec<T | undefined> {
  return fallback === undefined ? { name, decode, optional: true } : { name, decode, optional: true, fallback };
}

/** The decoded values of a list of param specs, as a tuple. */
export type ParamValues<S extends readonly ParamSpec<unknown>[]> = {
  -readonly [K in keyof S]: S[K] extends ParamSpec<infer T> ? T : never;
};

/**
 * Decodes `params` (the request's array; absent = []) against `specs`. Throws a JsonRpcError (-32602).
 * A trailing run of optional specs may be left out; null counts as absent for optional params and as
 * missing for required ones (go-ethereum's rule for non-pointer arguments).
 */
export function decodeParams<S extends readonly ParamSpec<unknown>[]>(specs: S, params: unknown): ParamValues<S> {
  const list = params === undefined || params === null ? [] : params;
  if (!Array.isArray(list)) throw invalidParams('non-array args');
  if (list.length > specs.length) throw invalidParams(`too many arguments, want at most ${specs.length}`);
  const out: unknown[] = [];
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const v: unknown = list[i];
    if (v === undefined || v === null) {
      if (!spec.optional) throw invalidParams(`missing value for required argument ${i} (${spec.name})`);
      out.push(spec.fallback === undefined ? undefined : spec.fallback());
      continue;
    }
    try {
      out.push(spec.decode(v));
    } catch (e) {
      throw argumentError(i, spec.name, e);
    }
  }
  return out as ParamValues<S>;
}

function argumentError(index: number, name: string, e: unknown): JsonRpcError | unknown {
  if (e instanceof ParamError) return invalidParams(`invalid argument ${index} (${name}${formatPath(e.path)}): ${e.detail}`);
  return e;
}

/**
 * Decodes argument `index` (named `name`) with `decode`, answering -32602 like decodeParams does: for
 * params whose shape depends on an earlier one (eth_subscribe's options depend on the kind).
 */
export function decodeArgument<T>(index: number, name: string, decode: Decoder<T>, v: unknown): T {
  try {
    return decode(v);
  } catch (e) {
    throw argumentError(index, name, e);
  }
}

// ---------------------------------------------------------------- combinators

/** Runs `decode` on a field or element, adding its name or index to any error's path. */
export function at<T>(segment: string | number, decode: Decoder<T>, v: unknown): T {
  try {
    return decode(v);
  } catch (e) {
    throw e instanceof ParamError ? e.at(segment) : e;
  }
}

/** A JSON array of T, at most `max` long. */
export function arrayOf<T>(decode: Decoder<T>, max = Number.MAX_SAFE_INTEGER): Decoder<T[]> {
  return (v) => {
    if (!Array.isArray(v)) throw new ParamError(`cannot unmarshal ${v === null ? 'null' : typeof v} into array`);
    if (v.length > max) throw new ParamError(`too many items (${v.length}), at most ${max}`);
    return v.map((item, i) => at(i, decode, item));
  };
}

/** Either a single T or an array of T, always returned as an array (log filter addresses). */
export function oneOrMany<T>(decode: Decoder<T>, max?: number): Decoder<T[]> {
  const many = arrayOf(decode, max);
  return (v) => (Array.isArray(v) ? many(v) : [decode(v)]);
}

/** A field spec inside an object: required unless `optional`. */
export interface FieldSpec<T> {
  readonly decode: Decoder<T>;
  readonly optional: boolean;
}

export const required = <T>(decode: Decoder<T>): FieldSpec<T> => ({ decode, optional: false });
/** Absent and null both give undefined. */
export const optional = <T>(decode: Decoder<T>): FieldSpec<T | undefined> => ({ decode, optional: true });

type FieldsOf<F extends Record<string, FieldSpec<unknown>>> = {
  -readonly [K in keyof F as F[K]['optional'] extends true ? never : K]: F[K] extends FieldSpec<infer T> ? T : never;
} & {
  -readonly [K in keyof F as F[K]['optional'] extends true ? K : never]?: F[K] extends FieldSpec<infer T> ? T : never;
};

/** A JSON object with the given fields (unknown fields are ignored); absent optional fields stay absent. */
export function object<F extends Record<string, FieldSpec<unknown>>>(fields: F): Decoder<FieldsOf<F>> {
  const entries = Object.entries(fields);
  return (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      throw new ParamError(`cannot unmarshal ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v} into object`);
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, spec] of entries) {
      const fv = Object.hasOwn(o, name) ? o[name] : undefined;
      if (fv === undefined || fv === null) {
        if (!spec.optional) throw new ParamError('missing required field', [name]);
        continue;
      }
      out[name] = at(name, spec.decode, fv);
    }
    return out as FieldsOf<F>;
  };
}

/** A JSON object used as a map: keys decoded by `key`, values by `value` (state overrides, storage maps). */
export function record<K, V>(key: Decoder<K>, value: Decoder<V>, max = Number.MAX_SAFE_INTEGER): Decoder<Map<K, V>> {
  return (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      throw new ParamError(`cannot unmarshal ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v} into object`);
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > max) throw new ParamError(`too many entries (${entries.length}), at most ${max}`);
    const out = new Map<K, V>();
    for (const [k, val] of entries) out.set(at(k, key, k), at(k, value, val));
    return out;
  };
}

/** Any JSON value, passed through (tracer configs and other free-form objects). */
export const anyJson: Decoder<unknown> = (v) => v;
