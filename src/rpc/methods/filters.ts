/**
 * Subscriptions and polling filters (subscriptions.ts): eth_subscribe, eth_unsubscribe, eth_newFilter,
 * eth_newBlockFilter, eth_newPendingTransactionFilter, eth_getFilterChanges, eth_uninstallFilter.
 * They are fed by the chain through NodeEvents; eth_getFilterLogs and eth_getLogs read past blocks and
 * arrive with the chain.
 */
import { decodeBool, decodeString } from '../codec.js';
import { ErrorCode, JsonRpcError, serverError } from '../errors.js';
import { decodeLogCriteria, decodeLogSubscriptionCriteria } from '../logFilter.js';
import { anyJson, decodeArgument, optionalParam, param } from '../params.js';
import { method } from '../registry.js';
import { SUBSCRIPTION_KINDS, type SubscriptionKind } from '../subscriptions.js';

const notificationsUnsupported = () => new JsonRpcError(ErrorCode.MethodNotFound, 'notifications not supported');

export const filterMethods = [
  method(
    'eth_subscribe',
    [param('kind', decodeString), optionalParam('options', anyJson)],
    ([kind, options], ctx, call) => {
      if (call.session === undefined) throw notificationsUnsupported();
      if (!(SUBSCRIPTION_KINDS as readonly string[]).includes(kind)) {
        throw new JsonRpcError(ErrorCode.MethodNotFound, `no ${JSON.stringify(kind)} subscription in eth namespace`);
      }
      const k = kind as SubscriptionKind;
      if (k === 'logs')
        return ctx.subscriptions.subscribe(call.session, k, {
          criteria: decodeArgument(1, 'options', decodeLogSubscriptionCriteria, options ?? {}),
        });
      if (k === 'newPendingTransactions') {
        return ctx.subscriptions.subscribe(call.session, k, {
          fullTransactions: options === undefined ? false : decodeArgument(1, 'options', decodeBool, options),
        });
      }
      return ctx.subscriptions.subscribe(call.session, k);
    },
    'newHeads, logs, newPendingTransactions (WebSocket and in-process only)',
  ),
  method(
    'eth_unsubscribe',
    [param('id', decodeString)],
    ([id], ctx, call) => {
      if (call.session === undefined) throw notificationsUnsupported();
      if (!ctx.subscriptions.unsubscribe(call.session, id)) throw serverError('subscription not found');
      return true;
    },
    'ends a subscription',
  ),
  method('eth_newFilter', [param('filter', decodeLogCriteria)], ([c], ctx) => ctx.filters.newLogFilter(c), 'a log filter'),
  method('eth_newBlockFilter', [], (_, ctx) => ctx.filters.newBlockFilter(), 'a new-block filter'),
  method('eth_newPendingTransactionFilter', [], (_, ctx) => ctx.filters.newPendingTransactionFilter(), 'a pending-transaction filter'),
  method('eth_getFilterChanges', [param('id', decodeString)], ([id], ctx) => ctx.filters.changes(id), 'what arrived since the last poll'),
  method('eth_uninstallFilter', [param('id', decodeString)], ([id], ctx) => ctx.filters.uninstall(id), 'removes a filter'),
];
