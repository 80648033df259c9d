/** Made-up chain data for exercising subscriptions and filters without a chain. */
import type { BlockData } from '../../src/rpc/format/block.js';
import type { LogData } from '../../src/rpc/format/receipt.js';
import type { TxData } from '../../src/rpc/format/transaction.js';
import { TxType } from '../../src/tx/types.js';

const word = (n: bigint) => {
  const b = new Uint8Array(32);
  let v = n;
  for (let i = 31; i >= 0 && v > 0n; i--) {
    b[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return b;
};

export function fakeBlock(n: bigint): BlockData {
  return {
    header: {
      hash: word(0xb10c000n + n),
      parentHash: word(0xb10c000n + n - 1n),
      ommersHash: word(1n),
      coinbase: 0n,
      stateRoot: word(2n),
      transactionsRoot: word(3n),
      receiptsRoot: word(4n),
      logsBloom: new Uint8Array(256),
      difficulty: 0n,
      number: n,
      gasLimit: 30_000_000n,
      gasUsed: 21_000n,
      timestamp: 1_700_000_000n + n,
      extraData: new Uint8Array(0),
      mixHash: word(5n),
      nonce: new Uint8Array(8),
      baseFeePerGas: 7n,
    },
    size: 600n,
    transactions: [],
    uncles: [],
  };
}

export function fakeLog(blockNumber: bigint, address: bigint, topics: bigint[], logIndex = 0): LogData {
  return {
    log: { address, topics, data: Uint8Array.of(1) },
    blockHash: word(0xb10c000n + blockNumber),
    blockNumber,
    blockTimestamp: 1_700_000_000n + blockNumber,
    transactionHash: word(0x7000n + BigInt(logIndex)),
    transactionIndex: 0,
    logIndex,
  };
}

export function fakePendingTx(nonce: bigint): TxData {
  return {
    tx: {
      type: TxType.FeeMarket,
      chainId: 31337n,
      nonce,
      maxFeePerGas: 10n,
      maxPriorityFeePerGas: 1n,
      gasLimit: 21_000n,
      to: 0x1234n,
      value: 1n,
      data: new Uint8Array(0),
      accessList: [],
      v: 0n,
      r: 1n,
      s: 1n,
    },
    hash: word(0xfeed00n + nonce),
    from: 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266n,
  };
}

export const hex32 = (n: bigint) => '0x' + n.toString(16).padStart(64, '0');
