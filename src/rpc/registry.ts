/**
 * The method registry: every JSON-RPC method the node answers, with its params and its handler.
 *
 *   const chainId = method('eth_chainId', [], (_, ctx) => quantity(ctx.config.chainId));
 *   const balance = method('eth_getBalance', [param('address', decodeAddress), optionalParam('block', decodeBlockRef, latest)],
 *     async ([address, block], ctx) => quantity(await ctx.chain!.state(block).balance(address)));
 *   registry.add(chainId, balance).alias('hardhat_mine', 'anvil_mine');
 *
 * The registry decodes params before the handler runs (so a handler only sees typed values, and a bad
 * param is a -32602 naming it); a name it does not know answers -32601. Method groups live one file each
 * under src/rpc/methods/ and export a list of definitions over `NodeContext` (context.ts).
 */
import { methodNotFound } from './errors.js';
import { decodeParams, type ParamSpec, type ParamValues } from './params.js';
import type { NodeContext } from './context.js';
import type { Session } from './subscriptions.js';

/** What a handler knows about the call besides its params. */
export interface CallInfo {
  /** The connection (WebSocket, in-process provider) the request came on; undefined over HTTP. */
  readonly session?: Session;
  /** The name the method was called by (an alias, e.g. hardhat_mine for anvil_mine). */
  readonly method: string;
}

export type Handler<A> = (args: A, ctx: NodeContext, call: CallInfo) => unknown;

export interface MethodDef {
  readonly name: string;
  readonly params: readonly ParamSpec<unknown>[];
  readonly handler: Handler<never>;
  /** One line for the README's method table. */
  readonly summary?: string;
}

/** Defines a method: its name, positional params and handler (args typed from the params). */
export function method<const S extends readonly ParamSpec<unknown>[]>(
  name: string,
  params: S,
  handler: Handler<ParamValues<S>>,
  summary?: string,
): MethodDef {
  return summary === undefined
    ? { name, params, handler: handler as Handler<never> }
    : { name, params, handler: handler as Handler<never>, summary };
}

export class MethodRegistry {
  private readonly defs = new Map<string, MethodDef>();
  private readonly aliases = new Map<string, string>();

  /** Adds methods; a name already present is an error (a group must not shadow another). */
  add(...defs: readonly MethodDef[]): this {
    for (const d of defs) {
      if (this.defs.has(d.name) || this.aliases.has(d.name)) throw new Error(`method ${d.name} registered twice`);
      this.defs.set(d.name, d);
    }
    return this;
  }

  /** Makes `alias` answer as `target` (hardhat_* and evm_* names of anvil_* controls). */
  alias(alias: string, target: string): this {
    if (!this.defs.has(target)) throw new Error(`alias ${alias}: no method ${target}`);
    if (this.defs.has(alias) || this.aliases.has(alias)) throw new Error(`method ${alias} registered twice`);
    this.aliases.set(alias, target);
    return this;
  }

  /** The definition answering `name` (following an alias), or undefined. */
  get(name: string): MethodDef | undefined {
    const d = this.defs.get(name);
    if (d !== undefined) return d;
    const target = this.aliases.get(name);
    return target === undefined ? undefined : this.defs.get(target);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Every name answered, aliases included, sorted. */
  names(): string[] {
    return [...this.defs.keys(), ...this.aliases.keys()].sort();
  }

  /** The alias -> target pairs. */
  aliasPairs(): [string, string][] {
    return [...this.aliases.entries()];
  }

  /**
   * Runs `name` with raw `params`: decodes them (JsonRpcError -32602 on a bad one), then the handler.
   * Unknown names throw JsonRpcError -32601. The handler's errors propagate as thrown.
   */
  async invoke(name: string, params: unknown, ctx: NodeContext, session?: Session): Promise<unknown> {
    const def = this.get(name);
    if (def === undefined) throw methodNotFound(name);
    const call: CallInfo = session === undefined ? { method: name } : { method: name, session };
    const handler = def.handler as Handler<unknown>;
    // A forked node's request layer decides what the remote answers and runs the rest again after each load.
    if (ctx.fork !== undefined)
      return await ctx.fork.invoke(
        name,
        params,
        ctx,
        async (p) => await handler(decodeParams(def.params, p), ctx, call),
        async (other, p) => {
          const d = this.get(other);
          if (d === undefined) throw methodNotFound(other);
          return await (d.handler as Handler<unknown>)(decodeParams(d.params, p), ctx, { ...call, method: other });
        },
      );
    return await handler(decodeParams(def.params, params), ctx, call);
  }
}
