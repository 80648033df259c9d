/**
 * A JSON-RPC server on loopback (node:http) answering from an in-memory state: the test double of an
 * Ethereum node for the fork backend and `evmkit call`. Counts HTTP requests and method calls; can be
 * told to fail methods.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GenesisAlloc } from '../../src/state/env.js';
import { parseAddress } from '../../src/primitives/address.js';
import { bytesToHex, parseQuantity, toQuantity } from '../../src/primitives/hex.js';

export interface FakeNode {
  readonly url: string;
  readonly server: Server;
  httpRequests: number;
  readonly calls: Map<string, number>;
  /** Methods answered with a JSON-RPC error. */
  readonly failing: Set<string>;
  close(): Promise<void>;
}

export const HEAD = {
  number: 100n,
  timestamp: 1_700_000_000n,
  miner: 0xc0ffeen,
  gasLimit: 30_000_000n,
  baseFee: 7n,
  mixHash: 0x1234n,
  /** A dev chain's id (anvil's): no public fork schedule, so a forked EVM runs DEFAULT_FORK unless told. */
  chainId: 31337n,
};

export const hashOf = (n: bigint): bigint => n * 1_000_003n + 0xabcdefn;

const word = (v: bigint) => '0x' + v.toString(16).padStart(64, '0');

function header(n: bigint) {
  return {
    number: toQuantity(n),
    hash: word(hashOf(n)),
    timestamp: toQuantity(HEAD.timestamp),
    miner: '0x' + HEAD.miner.toString(16).padStart(40, '0'),
    gasLimit: toQuantity(HEAD.gasLimit),
    baseFeePerGas: toQuantity(HEAD.baseFee),
    difficulty: '0x0',
    mixHash: word(HEAD.mixHash),
    excessBlobGas: '0x0',
  };
}

function answer(alloc: GenesisAlloc, method: string, params: unknown[]): unknown {
  const acct = () => alloc.get(parseAddress(String(params[0])));
  switch (method) {
    case 'eth_blockNumber':
      return toQuantity(HEAD.number);
    case 'eth_chainId':
      return toQuantity(HEAD.chainId);
    case 'eth_getBlockByNumber': {
      const n = parseQuantity(String(params[0]));
      return n > HEAD.number ? null : header(n);
    }
    case 'eth_getBalance':
      return toQuantity(acct()?.balance ?? 0n);
    case 'eth_getTransactionCount':
      return toQuantity(acct()?.nonce ?? 0n);
    case 'eth_getCode':
      return bytesToHex(acct()?.code ?? new Uint8Array(0));
    case 'eth_getStorageAt':
      return word(acct()?.storage.get(BigInt(String(params[1]))) ?? 0n);
    default:
      throw new Error(`method ${method} not found`);
  }
}

export async function startNode(alloc: GenesisAlloc): Promise<FakeNode> {
  const node = {
    httpRequests: 0,
    calls: new Map<string, number>(),
    failing: new Set<string>(),
  } as FakeNode & { url: string; server: Server };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      node.httpRequests++;
      const reqs = JSON.parse(body) as { id: number; method: string; params: unknown[] }[];
      const out = (Array.isArray(reqs) ? reqs : [reqs]).map((r) => {
        node.calls.set(r.method, (node.calls.get(r.method) ?? 0) + 1);
        if (node.failing.has(r.method)) return { jsonrpc: '2.0', id: r.id, error: { code: -32000, message: `${r.method} is broken` } };
        try {
          return { jsonrpc: '2.0', id: r.id, result: answer(alloc, r.method, r.params) };
        } catch (e) {
          return { jsonrpc: '2.0', id: r.id, error: { code: -32601, message: (e as Error).message } };
        }
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(Array.isArray(reqs) ? out : out[0]));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  node.server = server;
  node.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  node.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return node;
}
