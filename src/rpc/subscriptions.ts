/**
 * Subscriptions and polling filters, both fed by NodeEvents (events.ts).
 *
 * Subscriptions (eth_subscribe / eth_unsubscribe) belong to a Session, a connection that can carry
 * notifications: a WebSocket, or the in-process EIP-1193 provider (which emits them as 'message' events).
 * HTTP has no session, so eth_subscribe over HTTP answers -32601 "notifications not supported", as
 * go-ethereum does. Kinds: newHeads (the header), logs (each matching log, one notification per log),
 * newPendingTransactions (the hash, or the full transaction with `true`). Notifications are
 *   {"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":ID,"result":...}}
 *
 * Filters (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter, eth_getFilterChanges,
 * eth_uninstallFilter) queue the same events until polled. A filter not polled for 5 minutes is removed
 * (go-ethereum's deadline); a queue keeps at most `maxQueued` entries (the oldest are dropped).
 * IDs of both are 16 random bytes as hex, like go-ethereum's.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { bytesToHex } from '../primitives/hex.js';
import { ErrorCode, JsonRpcError, serverError } from './errors.js';
import type { NodeEvents } from './events.js';
import { formatHeader } from './format/block.js';
import { formatLog, type LogData } from './format/receipt.js';
import { formatTransaction, type TxData } from './format/transaction.js';
import { hash } from './codec.js';
import { inRange, matchesLog, type LogCriteria } from './logFilter.js';

/** A JSON-RPC notification (a request without an id). */
export interface Notification {
  readonly jsonrpc: '2.0';
  readonly method: string;
  readonly params: unknown;
}

/** A connection that can receive notifications. */
export interface Session {
  /** Sends a notification to the client; must not throw (a dead connection drops it). */
  notify(n: Notification): void;
}

export function newId(): string {
  return bytesToHex(randomBytes(16));
}

export const SUBSCRIPTION_KINDS = ['newHeads', 'logs', 'newPendingTransactions'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

interface Subscription {
  readonly id: string;
  readonly session: Session;
  readonly kind: SubscriptionKind;
  readonly criteria?: LogCriteria;
  readonly fullTransactions?: boolean;
}

export class SubscriptionManager {
  private readonly subs = new Map<string, Subscription>();
  private readonly bySession = new Map<Session, Set<string>>();

  constructor(events: NodeEvents) {
    events.on('block', (head) => {
      if (this.subs.size === 0) return;
      const { block, logs } = head;
      let header: Record<string, unknown> | undefined;
      for (const s of this.subs.values()) {
        if (s.kind === 'newHeads') this.send(s, (header ??= formatHeader(block.header)));
        else if (s.kind === 'logs') for (const l of logs) if (matchesLog(s.criteria!, l.log)) this.send(s, formatLog(l));
      }
    });
    events.on('removedLogs', (logs) => {
      for (const s of this.subs.values()) {
        if (s.kind === 'logs') for (const l of logs) if (matchesLog(s.criteria!, l.log)) this.send(s, formatLog(l));
      }
    });
    events.on('pendingTransaction', (tx) => {
      for (const s of this.subs.values()) {
        if (s.kind === 'newPendingTransactions') this.send(s, s.fullTransactions === true ? formatTransaction(tx) : hash(tx.hash));
      }
    });
  }

  private send(s: Subscription, result: unknown): void {
    s.session.notify({ jsonrpc: '2.0', method: 'eth_subscription', params: { subscription: s.id, result } });
  }

  /** Number of live subscriptions (all sessions). */
  get size(): number {
    return this.subs.size;
  }

  subscribe(session: Session, kind: SubscriptionKind, options: { criteria?: LogCriteria; fullTransactions?: boolean } = {}): string {
    const id = newId();
    const sub: Subscription = { id, session, kind, ...options };
    this.subs.set(id, sub);
    let ids = this.bySession.get(session);
    if (ids === undefined) this.bySession.set(session, (ids = new Set()));
    ids.add(id);
    return id;
  }

  /** Removes a subscription of this session; false when it has none by that id. */
  unsubscribe(session: Session, id: string): boolean {
    const s = this.subs.get(id);
    if (s === undefined || s.session !== session) return false;
    this.subs.delete(id);
    this.bySession.get(session)?.delete(id);
    return true;
  }

  /** Drops every subscription of a session (its connection closed). */
  closeSession(session: Session): void {
    for (const id of this.bySession.get(session) ?? []) this.subs.delete(id);
    this.bySession.delete(session);
  }
}

// ---------------------------------------------------------------- polling filters

export type FilterKind = 'blocks' | 'pendingTransactions' | 'logs';

interface Filter {
  readonly kind: FilterKind;
  readonly criteria?: LogCriteria;
  queue: unknown[];
  lastPoll: number;
}

export interface FilterOptions {
  /** Idle time after which a filter is removed (default 5 minutes). */
  readonly timeoutMs?: number;
  /** Entries a filter keeps between polls (default 10,000; the oldest are dropped). */
  readonly maxQueued?: number;
  /** Most filters installed at once (default 10,000). */
  readonly maxFilters?: number;
  readonly now?: () => number;
}

export const filterNotFound = (): JsonRpcError => serverError('filter not found');

export class FilterManager {
  private readonly filters = new Map<string, Filter>();
  private readonly timeoutMs: number;
  private readonly maxQueued: number;
  private readonly maxFilters: number;
  private readonly now: () => number;

  constructor(events: NodeEvents, opts: FilterOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 5 * 60_000;
    this.maxQueued = opts.maxQueued ?? 10_000;
    this.maxFilters = opts.maxFilters ?? 10_000;
    this.now = opts.now ?? Date.now;
    events.on('block', (head) => {
      if (this.filters.size === 0) return;
      this.sweep();
      const { block, logs } = head;
      for (const f of this.filters.values()) {
        if (f.kind === 'blocks') this.push(f, hash(block.header.hash));
        else if (f.kind === 'logs' && this.blockInRange(f.criteria!, block.header.number)) {
          for (const l of logs) if (matchesLog(f.criteria!, l.log)) this.push(f, formatLog(l));
        }
      }
    });
    events.on('removedLogs', (logs: readonly LogData[]) => {
      for (const f of this.filters.values()) {
        if (f.kind === 'logs') for (const l of logs) if (matchesLog(f.criteria!, l.log)) this.push(f, formatLog(l));
      }
    });
    events.on('pendingTransaction', (tx: TxData) => {
      for (const f of this.filters.values()) if (f.kind === 'pendingTransactions') this.push(f, hash(tx.hash));
    });
  }

  private blockInRange(c: LogCriteria, n: bigint): boolean {
    const from = c.fromBlock !== undefined && 'number' in c.fromBlock ? c.fromBlock.number : undefined;
    const to = c.toBlock !== undefined && 'number' in c.toBlock ? c.toBlock.number : undefined;
    return inRange(n, from, to);
  }

  private push(f: Filter, item: unknown): void {
    f.queue.push(item);
    if (f.queue.length > this.maxQueued) f.queue.splice(0, f.queue.length - this.maxQueued);
  }

  /** Removes filters idle longer than the timeout. */
  private sweep(): void {
    const cutoff = this.now() - this.timeoutMs;
    for (const [id, f] of this.filters) if (f.lastPoll < cutoff) this.filters.delete(id);
  }

  private install(kind: FilterKind, criteria?: LogCriteria): string {
    this.sweep();
    if (this.filters.size >= this.maxFilters)
      throw new JsonRpcError(ErrorCode.ClientLimitExceeded, `too many filters installed (at most ${this.maxFilters})`);
    const id = newId();
    this.filters.set(
      id,
      criteria === undefined ? { kind, queue: [], lastPoll: this.now() } : { kind, criteria, queue: [], lastPoll: this.now() },
    );
    return id;
  }

  newBlockFilter(): string {
    return this.install('blocks');
  }

  newPendingTransactionFilter(): string {
    return this.install('pendingTransactions');
  }

  newLogFilter(criteria: LogCriteria): string {
    return this.install('logs', criteria);
  }

  /** What arrived since the last poll (block hashes, transaction hashes or logs); -32000 for an unknown id. */
  changes(id: string): unknown[] {
    this.sweep();
    const f = this.filters.get(id);
    if (f === undefined) throw filterNotFound();
    f.lastPoll = this.now();
    const out = f.queue;
    f.queue = [];
    return out;
  }

  /** The criteria of a log filter (eth_getFilterLogs); -32000 for an unknown id or a non-log filter. */
  criteria(id: string): LogCriteria {
    this.sweep();
    const f = this.filters.get(id);
    if (f === undefined || f.kind !== 'logs') throw filterNotFound();
    f.lastPoll = this.now();
    return f.criteria!;
  }

  uninstall(id: string): boolean {
    return this.filters.delete(id);
  }

  get size(): number {
    return this.filters.size;
  }
}
