// Reproduction for EDR (Hardhat's @nomicfoundation/edr): any transaction that runs a code starting
// with 0x73 (PUSH20) and shorter than 21 bytes aborts the process:
//   thread '...' panicked at crates/edr_solidity/src/contracts_identifier.rs:243:14 (0.13.0; :262:14 in 0.22.0):
//   bytecode should have enough bytes for address
// (ContractsIdentifier::get_bytecode_for_call, from EvmObserver::flush_and_report in mine_block, takes the
// code for a library's and reads the 20-byte address after the PUSH20 without a length check.)
// Run: node fuzz/repro/edr-identifier-panic.mjs [path to @nomicfoundation/edr]
import { createRequire } from 'node:module';
const edr = createRequire(import.meta.url)(process.argv[2] ?? '@nomicfoundation/edr');
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
const rpc = async (method, params) => JSON.parse((await p.handleRequest(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }))).data);
const [from] = (await rpc('eth_accounts', [])).result;
await rpc('hardhat_setBalance', [from, '0xde0b6b3a7640000']);
await rpc('hardhat_setCode', ['0x0000000000000000000000000000000000001000', '0x7301']);
console.log('sending a call to code 0x7301 ...');
console.log(JSON.stringify(await rpc('eth_sendTransaction', [{ from, to: '0x0000000000000000000000000000000000001000', gas: '0x10000' }])));
console.log('no panic: fixed in this EDR');
