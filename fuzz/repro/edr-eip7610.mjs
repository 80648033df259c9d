// Reproduction for EDR (Hardhat's @nomicfoundation/edr, revm): EIP-7610 is not applied. A CREATE2 whose
// address has storage but no nonce and no code must fail (EIP-7610, from genesis; execution-specs
// generic_create: account_has_code_or_nonce or account_has_storage): CREATE2 returns 0, the address keeps
// nonce 0 and its storage. EDR deploys there (nonce 1) and clears the storage.
// Run: node fuzz/repro/edr-eip7610.mjs [path to @nomicfoundation/edr]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const edr = require(process.argv[2] ?? '@nomicfoundation/edr');
const { keccak_256 } = await import('@noble/hashes/sha3.js');
const ctx = new edr.EdrContext();
await ctx.registerProviderFactory(edr.L1_CHAIN_TYPE, edr.l1ProviderFactory());
const p = await ctx.createProvider(
  edr.L1_CHAIN_TYPE,
  {
    allowBlocksWithSameTimestamp: false, allowUnlimitedContractSize: false, bailOnCallFailure: false, bailOnTransactionFailure: false,
    chainId: 31337n, coinbase: new Uint8Array(20), defaultTransactionGasLimit: 1_000_000n, genesisState: [],
    hardfork: edr.l1HardforkToString((edr.SpecId ?? edr.L1Hardfork).Prague), initialBaseFeePerGas: 1n, minGasPrice: 0n,
    mining: { autoMine: true, blockGasLimit: 30_000_000n, memPool: { order: edr.MineOrdering.Fifo } },
    network: { genesisBlockGasLimit: 30_000_000n }, networkId: 31337n, observability: {}, ownedAccounts: ['0x' + '11'.repeat(32)], precompileOverrides: [],
  },
  { enable: false, decodeConsoleLogInputsCallback: () => [], printLineCallback: () => {} },
  { subscriptionCallback: () => {} },
  new edr.ContractDecoder(),
);
const rpc = async (method, params) => JSON.parse((await p.handleRequest(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }))).data).result;
const [from] = await rpc('eth_accounts', []);
await rpc('hardhat_setBalance', [from, '0xde0b6b3a7640000']);
// D: CREATE2(value 0, offset 0, size 0, salt 0) and store the result in slot 0.
const D = '0x0000000000000000000000000000000000001000';
await rpc('hardhat_setCode', [D, '0x5f5f5f5ff55f5500']);
// X = keccak256(0xff ++ D ++ salt ++ keccak256(empty init code))[12:], given storage only.
const buf = Buffer.concat([Buffer.from([0xff]), Buffer.from(D.slice(2), 'hex'), Buffer.alloc(32), Buffer.from(keccak_256(new Uint8Array()))]);
const X = '0x' + Buffer.from(keccak_256(buf)).subarray(12).toString('hex');
await rpc('hardhat_setStorageAt', [X, '0x' + '00'.repeat(31) + '01', '0x' + '00'.repeat(31) + '01']);
await rpc('eth_sendTransaction', [{ from, to: D, gas: '0x100000' }]);
const result = await rpc('eth_getStorageAt', [D, '0x0', 'latest']);
const nonce = await rpc('eth_getTransactionCount', [X, 'latest']);
const slot = await rpc('eth_getStorageAt', [X, '0x1', 'latest']);
console.log(`CREATE2 result ${result} (EIP-7610: 0), X nonce ${nonce} (0), X slot 1 ${slot} (1)`);
