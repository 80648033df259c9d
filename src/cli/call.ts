/**
 * `evmkit call --rpc-url URL [--block N|latest] --to ADDR --data HEX [--from ADDR] [--value N] [--gas N]
 * [--fork NAME] [--cache-dir DIR] [--timeout MS] [--trace]`: an eth_call run locally against state forked
 * lazily from a JSON-RPC node at a pinned block. The first line of stdout is the return data; a revert
 * (its decoded reason and data), a halt or an RPC failure goes to stderr with exit 1 and nothing on stdout.
 * Without --fork, the fork is the one the chain runs at that block (by chain id and timestamp), or the
 * default fork for a chain evmkit does not know.
 */
import { type Command, UsageError, parseCommandArgs } from './command.js';
import { createForkedEVM } from '../api/fork.js';
import { FileRpcCache } from './rpcDiskCache.js';
import { DEFAULT_FORK, FORK_NAMES, forkFromName, forkName } from '../spec/fork.js';
import { hexToBytes, parseQuantity } from '../primitives/hex.js';
import { addressToHex, parseAddress } from '../primitives/address.js';
import type { EVM } from '../api/evm.js';
import type { CallRequest, ExecutionResult } from '../api/types.js';

const USAGE = `usage: evmkit call --rpc-url URL --to ADDR [flags]

Runs an eth_call locally against state read lazily from a JSON-RPC node.

flags:
  --rpc-url URL    the node (http:// or https://)
  --block N        pinned block number, or latest (default: the node's latest)
  --to ADDR        the contract to call
  --data HEX       calldata (default empty)
  --from ADDR      sender (default the zero address)
  --value N        call value in wei (default 0)
  --gas N          gas limit (default min(block gas limit, 50000000))
  --fork NAME      fork rules (default: the chain's fork at the block, by chain id and
                   timestamp; ${forkName(DEFAULT_FORK)} for a chain evmkit does not know)
  --cache-dir DIR  keep RPC answers in DIR so a second run at the same block fetches nothing
  --timeout MS     abort the execution after MS milliseconds
  --trace          one JSON line per instruction on stderr (pc, op, gas, depth, stack)
  -h, --help       this text

stdout: the return data as 0x-hex. stderr: the error (a revert with its decoded reason and data, a halt,
an RPC failure), exit 1.
`;

function arg<T>(name: string, v: string, parse: (s: string) => T): T {
  try {
    return parse(v.trim());
  } catch (e) {
    throw new UsageError(`--${name}: ${(e as Error).message}`);
  }
}

export const callCommand: Command = {
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      'rpc-url': { type: 'string' },
      block: { type: 'string' },
      to: { type: 'string' },
      data: { type: 'string' },
      from: { type: 'string' },
      value: { type: 'string' },
      gas: { type: 'string' },
      fork: { type: 'string' },
      'cache-dir': { type: 'string' },
      timeout: { type: 'string' },
      trace: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const url = values['rpc-url'];
    if (url === undefined) throw new UsageError('--rpc-url is required');
    if (values.to === undefined) throw new UsageError('--to is required');
    const to = arg('to', values.to, (s) => addressToHex(parseAddress(s, 'address')));
    const from = values.from === undefined ? undefined : arg('from', values.from, (s) => addressToHex(parseAddress(s, 'address')));
    const data = values.data === undefined ? undefined : arg('data', values.data, (s) => hexToBytes(s, 'hex'));
    const value = values.value === undefined ? undefined : arg('value', values.value, (s) => parseQuantity(s));
    const gas = values.gas === undefined ? undefined : arg('gas', values.gas, (s) => parseQuantity(s));
    const block =
      values.block === undefined || values.block.trim() === 'latest' ? 'latest' : arg('block', values.block, (s) => parseQuantity(s));
    const timeoutMs = values.timeout === undefined ? undefined : Number(arg('timeout', values.timeout, (s) => parseQuantity(s)));
    const fork = values.fork === undefined ? undefined : forkFromName(values.fork);
    if (values.fork !== undefined && fork === undefined)
      throw new UsageError(`--fork: unknown fork ${JSON.stringify(values.fork)}; known: ${FORK_NAMES.join(', ')}`);

    try {
      const cache = values['cache-dir'] === undefined ? undefined : new FileRpcCache(values['cache-dir'], url);
      const evm = await createForkedEVM({ url, blockNumber: block, cache, ...(fork === undefined ? {} : { fork }) });
      const req: CallRequest = {
        to,
        ...(from === undefined ? {} : { from }),
        ...(data === undefined ? {} : { data }),
        ...(value === undefined ? {} : { value }),
        ...(gas === undefined ? {} : { gas }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      };
      let r: ExecutionResult;
      if (values.trace === true) r = await tracedCall(evm, req, io.stderr);
      else r = await evm.callAsync(req);
      if (!r.success) {
        const d = r.returnData !== '0x' ? ` (return data ${r.returnData})` : '';
        io.stderr(`evmkit call: ${r.error}${d}\n`);
        return 1;
      }
      io.stdout(`${r.returnData}\n`);
      return 0;
    } catch (e) {
      io.stderr(`evmkit call: ${(e as Error).message}\n`);
      return 1;
    }
  },
};

/** Like callAsync, stepping through every instruction to print it (EIP-3155-like lines). */
async function tracedCall(evm: EVM, req: CallRequest, out: (s: string) => void): Promise<ExecutionResult> {
  const r = await evm.callStepping(req, (rt) => {
    const line = {
      pc: rt.pc,
      op: rt.opcode,
      opName: rt.opcodeName,
      gas: '0x' + rt.gas.toString(16),
      depth: rt.depth,
      stack: rt.stack.map((w) => '0x' + w.toString(16)),
    };
    out(JSON.stringify(line) + '\n');
  });
  out(JSON.stringify({ output: r.returnData, gasUsed: '0x' + r.gasUsed.toString(16), error: r.error }) + '\n');
  return r;
}
