/**
 * Node information: web3_clientVersion, web3_sha3, net_version, net_listening, net_peerCount, eth_chainId,
 * eth_syncing. None needs the chain.
 */
import { keccak256 } from '../../primitives/crypto/keccak.js';
import { data, decodeData, quantity } from '../codec.js';
import { param } from '../params.js';
import { method } from '../registry.js';

export const infoMethods = [
  method('web3_clientVersion', [], (_, ctx) => ctx.config.clientVersion, 'the client name and version ("evmkit/v0.1.0")'),
  method('web3_sha3', [param('data', decodeData)], ([bytes]) => data(keccak256(bytes)), 'keccak256 of the data'),
  method(
    'net_version',
    [],
    (_, ctx) => ctx.config.networkId.toString(10),
    'the network id as a decimal string (the chain id unless set apart)',
  ),
  method('net_listening', [], () => true, 'always true'),
  method('net_peerCount', [], () => quantity(0), 'always 0x0 (a dev node has no peers)'),
  method('eth_chainId', [], (_, ctx) => quantity(ctx.config.chainId), 'the EIP-155 chain id'),
  method('eth_syncing', [], () => false, 'always false'),
];
