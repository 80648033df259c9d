/**
 * Test controls under anvil_* with hardhat_* and evm_* aliases (what viem's createTestClient sends in modes
 * 'anvil' and 'hardhat'). Phase 1 has the ones that need no chain: impersonation. Mining, time, snapshots
 * and state setters arrive with the chain (MiningControl in context.ts).
 */
import {
  data,
  decodeAddress,
  decodeBool,
  decodeString,
  decodeData,
  decodeHash,
  decodeQuantity,
  decodeStorageKey,
  quantity,
} from '../codec.js';
import { invalidParams, ParamError, serverError } from '../errors.js';
import { MAX_GAS_LIMIT, MIN_GAS_LIMIT } from '../../chain/headerRules.js';
import { anyJson, optionalParam, param, type Decoder } from '../params.js';
import { method, type MethodRegistry } from '../registry.js';
import type { NodeContext } from '../context.js';
import type { NodeChain, StateDump } from '../backend/nodeChain.js';
import { chainOf } from './chain.js';

function mining(ctx: NodeContext): NodeChain {
  return ctx.mining ?? chainOf(ctx);
}

/** A count or seconds: a quantity, or a JSON number (Hardhat and ethers send both). */
const decodeNumberish: Decoder<bigint> = (v) => {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) throw new ParamError(`not a non-negative integer: ${v}`);
    return BigInt(v);
  }
  if (typeof v === 'string' && /^[0-9]+$/.test(v)) return BigInt(v);
  return decodeQuantity(v);
};

/** A storage value: a 32-byte word or a quantity. */
const decodeValueWord: Decoder<bigint> = (v) =>
  typeof v === 'string' && v.length === 66 ? BigInt(decodeHash(v).length === 32 ? v : '0x0') : decodeQuantity(v);

function mineParams(v: unknown): { blocks: number; timestamp?: bigint } {
  if (v === undefined || v === null) return { blocks: 1 };
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { timestamp?: unknown; blocks?: unknown };
    return {
      blocks: o.blocks === undefined ? 1 : Number(decodeNumberish(o.blocks)),
      ...(o.timestamp === undefined ? {} : { timestamp: decodeNumberish(o.timestamp) }),
    };
  }
  return { blocks: 1, timestamp: decodeNumberish(v) };
}

export const controlMethods = [
  method(
    'anvil_impersonateAccount',
    [param('address', decodeAddress)],
    ([a], ctx) => {
      ctx.accounts.impersonate(a);
      return null;
    },
    'eth_sendTransaction from this address without its key',
  ),
  method(
    'anvil_stopImpersonatingAccount',
    [param('address', decodeAddress)],
    ([a], ctx) => {
      ctx.accounts.stopImpersonating(a);
      return null;
    },
    'ends impersonation',
  ),
  method(
    'anvil_autoImpersonateAccount',
    [param('enabled', decodeBool)],
    ([on], ctx) => {
      ctx.accounts.autoImpersonate = on;
      return null;
    },
    'impersonate every address',
  ),
  method(
    'anvil_mine',
    [optionalParam('blocks', decodeNumberish), optionalParam('interval', decodeNumberish)],
    async ([n, interval], ctx) => {
      const count = Number(n ?? 1n);
      if (count > 100_000) throw serverError('at most 100000 blocks at once');
      await mining(ctx).mineLoaded(count, interval);
      return null;
    },
    'mines blocks (count, seconds apart)',
  ),
  method(
    'evm_mine',
    [optionalParam('options', anyJson)],
    async ([o], ctx) => {
      const p = mineParams(o);
      const m = mining(ctx);
      if (p.timestamp !== undefined) {
        await m.mineLoaded(1, undefined, p.timestamp);
        if (p.blocks > 1) await m.mineLoaded(p.blocks - 1);
      } else await m.mineLoaded(p.blocks);
      return '0x0';
    },
    'mines a block (optionally at a timestamp)',
  ),
  method('evm_snapshot', [], (_, ctx) => quantity(mining(ctx).snapshot()), 'a snapshot id of the chain, pool and clock'),
  method('evm_revert', [param('id', decodeNumberish)], ([id], ctx) => mining(ctx).revert(id), 'back to a snapshot (true if it existed)'),
  method(
    'evm_increaseTime',
    [param('seconds', decodeNumberish)],
    ([s], ctx) => quantity(mining(ctx).increaseTime(s)),
    'moves the clock forward',
  ),
  method(
    'evm_setNextBlockTimestamp',
    [param('timestamp', decodeNumberish)],
    ([t], ctx) => {
      mining(ctx).setNextBlockTimestamp(t);
      return null;
    },
    "the next block's timestamp",
  ),
  method('evm_setTime', [param('timestamp', decodeNumberish)], ([t], ctx) => quantity(mining(ctx).setTime(t)), 'sets the clock'),
  method(
    'evm_setAutomine',
    [param('enabled', decodeBool)],
    ([on], ctx) => {
      mining(ctx).automine = on;
      return true;
    },
    'automine on or off',
  ),
  method('anvil_getAutomine', [], (_, ctx) => mining(ctx).automine, 'whether automine is on'),
  method(
    'evm_setIntervalMining',
    [param('ms', decodeNumberish)],
    ([ms], ctx) => {
      mining(ctx).intervalMs = Number(ms);
      return true;
    },
    'interval mining period in ms (0: off)',
  ),
  method(
    'anvil_setBalance',
    [param('address', decodeAddress), param('balance', decodeNumberish)],
    ([a, b], ctx) => {
      mining(ctx).setBalance(a, b);
      return true;
    },
    'sets a balance',
  ),
  method(
    'anvil_setCode',
    [param('address', decodeAddress), param('code', decodeData)],
    ([a, c], ctx) => {
      mining(ctx).setCode(a, c);
      return true;
    },
    'sets code',
  ),
  method(
    'anvil_setNonce',
    [param('address', decodeAddress), param('nonce', decodeNumberish)],
    ([a, n], ctx) => {
      mining(ctx).setNonce(a, n);
      return true;
    },
    'sets a nonce',
  ),
  method(
    'anvil_setStorageAt',
    [param('address', decodeAddress), param('slot', decodeStorageKey), param('value', decodeValueWord)],
    ([a, k, v], ctx) => {
      mining(ctx).setStorageAt(a, k.key, v);
      return true;
    },
    'sets a storage slot',
  ),
  method(
    'anvil_setNextBlockBaseFeePerGas',
    [param('baseFee', decodeQuantity)],
    ([fee], ctx) => {
      if (!mining(ctx).setNextBaseFee(fee))
        throw serverError('anvil_setNextBlockBaseFeePerGas: the next block is before London (no base fee)');
      return true;
    },
    "the next mined block's base fee (EIP-1559 goes on from it)",
  ),
  method(
    'anvil_setBlockGasLimit',
    [param('gasLimit', decodeQuantity)],
    ([limit], ctx) => {
      if (limit < MIN_GAS_LIMIT || limit > MAX_GAS_LIMIT)
        throw invalidParams(`gas limit ${limit} out of range: ${MIN_GAS_LIMIT} to ${MAX_GAS_LIMIT}`);
      mining(ctx).blockGasLimit = limit;
      return true;
    },
    'the gas limit of every block mined from now on',
  ),
  method(
    'anvil_setCoinbase',
    [param('address', decodeAddress)],
    ([a], ctx) => {
      mining(ctx).coinbase = a;
      return true;
    },
    'the coinbase of mined blocks',
  ),
  method(
    'anvil_dumpState',
    [],
    (_, ctx) => data(new TextEncoder().encode(JSON.stringify(mining(ctx).dumpState()))),
    "the head's state: hex of a JSON document (evmkit's own, not anvil's gzip) that anvil_loadState takes",
  ),
  method(
    'anvil_loadState',
    [param('state', decodeData)],
    ([bytes], ctx) => {
      let dump: StateDump;
      try {
        dump = JSON.parse(new TextDecoder().decode(bytes)) as StateDump;
      } catch {
        throw serverError('not a state written by anvil_dumpState');
      }
      if (dump === null || typeof dump !== 'object' || typeof dump.accounts !== 'object')
        throw serverError('not a state written by anvil_dumpState');
      mining(ctx).loadState(dump);
      return true;
    },
    "writes a dump's accounts into the head's state",
  ),
  method(
    'anvil_setRpcUrl',
    [param('url', decodeString)],
    () => {
      // (A node started with --fork-url answers it in src/rpc/backend/forkNode.ts.)
      throw serverError('anvil_setRpcUrl: this node was not started forked (start it with --fork-url)');
    },
    "a forked node's remote: another node serving the same chain at the pinned block",
  ),
  method(
    'anvil_reset',
    [optionalParam('options', anyJson)],
    ([o], ctx) => {
      const forking = o !== null && typeof o === 'object' ? (o as { forking?: { jsonRpcUrl?: unknown } }).forking : undefined;
      // (A node started with --fork-url answers resets with `forking` in src/rpc/backend/forkNode.ts.)
      if (forking?.jsonRpcUrl !== undefined && forking.jsonRpcUrl !== null)
        throw serverError('forking: this node was not started forked (start it with --fork-url to reset to another fork)');
      mining(ctx).reset();
      return null;
    },
    'back to the genesis state; a forked node: another fork block, or back to the one it started from',
  ),
  method(
    'anvil_setBlockTimestampInterval',
    [param('seconds', decodeNumberish)],
    ([s], ctx) => {
      mining(ctx).timestampInterval = s;
      return null;
    },
    'each mined block this many seconds after its parent',
  ),
  method(
    'anvil_removeBlockTimestampInterval',
    [],
    (_, ctx) => {
      const m = mining(ctx);
      const had = m.timestampInterval !== undefined;
      m.timestampInterval = undefined;
      return had;
    },
    'back to the clock',
  ),
  method('anvil_setLoggingEnabled', [param('enabled', decodeBool)], () => null, 'accepted (the node logs no requests)'),
  method(
    'anvil_dropTransaction',
    [param('hash', decodeHash)],
    ([h], ctx) => (mining(ctx).dropTransaction(h) ? null : null),
    'removes a pooled transaction',
  ),
];

/** hardhat_* names of the anvil_* controls above. */
export function addControlAliases(reg: MethodRegistry): void {
  reg.alias('hardhat_impersonateAccount', 'anvil_impersonateAccount');
  reg.alias('hardhat_stopImpersonatingAccount', 'anvil_stopImpersonatingAccount');
  reg.alias('hardhat_mine', 'anvil_mine');
  reg.alias('anvil_snapshot', 'evm_snapshot');
  reg.alias('anvil_revert', 'evm_revert');
  reg.alias('anvil_increaseTime', 'evm_increaseTime');
  reg.alias('anvil_setNextBlockTimestamp', 'evm_setNextBlockTimestamp');
  reg.alias('anvil_setTime', 'evm_setTime');
  reg.alias('anvil_setAutomine', 'evm_setAutomine');
  reg.alias('hardhat_getAutomine', 'anvil_getAutomine');
  reg.alias('anvil_setIntervalMining', 'evm_setIntervalMining');
  reg.alias('hardhat_setBalance', 'anvil_setBalance');
  reg.alias('hardhat_setCode', 'anvil_setCode');
  reg.alias('hardhat_setNonce', 'anvil_setNonce');
  reg.alias('hardhat_setStorageAt', 'anvil_setStorageAt');
  reg.alias('hardhat_setCoinbase', 'anvil_setCoinbase');
  reg.alias('hardhat_setNextBlockBaseFeePerGas', 'anvil_setNextBlockBaseFeePerGas');
  reg.alias('evm_setBlockGasLimit', 'anvil_setBlockGasLimit');
  reg.alias('hardhat_dropTransaction', 'anvil_dropTransaction');
  reg.alias('hardhat_dumpState', 'anvil_dumpState');
  reg.alias('hardhat_reset', 'anvil_reset');
  reg.alias('hardhat_setRpcUrl', 'anvil_setRpcUrl');
  reg.alias('hardhat_setBlockTimestampInterval', 'anvil_setBlockTimestampInterval');
  reg.alias('hardhat_removeBlockTimestampInterval', 'anvil_removeBlockTimestampInterval');
  reg.alias('hardhat_setLoggingEnabled', 'anvil_setLoggingEnabled');
  reg.alias('hardhat_loadState', 'anvil_loadState');
}
