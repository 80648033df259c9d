/**
 * Dev accounts and signing: eth_accounts, eth_requestAccounts (EIP-1102, for dapps), eth_sign,
 * personal_sign (EIP-191), eth_signTypedData_v4 (EIP-712). Only the node's dev accounts sign; any other
 * address answers -32000 "unknown account" (go-ethereum's text).
 */
import type { Address } from '../../primitives/address.js';
import type { DevAccounts } from '../accounts.js';
import { address, decodeAddress, decodeData } from '../codec.js';
import { serverError } from '../errors.js';
import { optionalParam, param, anyJson, type Decoder } from '../params.js';
import { method } from '../registry.js';
import { decodeTypedData, signPersonalMessage, signTypedData } from '../signing.js';

function keyOf(accounts: DevAccounts, a: Address): Uint8Array {
  const key = accounts.keyOf(a);
  if (key === undefined) throw serverError('unknown account');
  return key;
}

const utf8 = new TextEncoder();

/** personal_sign's message: hex data, or (as MetaMask accepts) plain text that is not hex. */
const decodeMessage: Decoder<Uint8Array> = (v) => {
  if (typeof v === 'string' && !/^0x([0-9a-fA-F]{2})*$/.test(v)) return utf8.encode(v);
  return decodeData(v);
};

export const accountMethods = [
  method('eth_accounts', [], (_, ctx) => ctx.accounts.addresses().map(address), 'the dev accounts'),
  method('eth_requestAccounts', [], (_, ctx) => ctx.accounts.addresses().map(address), 'the dev accounts (EIP-1102)'),
  method(
    'eth_sign',
    [param('address', decodeAddress), param('message', decodeData)],
    ([a, msg], ctx) => signPersonalMessage(msg, keyOf(ctx.accounts, a)),
    'EIP-191 signature by a dev account',
  ),
  method(
    'personal_sign',
    [param('message', decodeMessage), param('address', decodeAddress), optionalParam('password', anyJson)],
    ([msg, a], ctx) => signPersonalMessage(msg, keyOf(ctx.accounts, a)),
    'EIP-191 signature by a dev account (message first)',
  ),
  method(
    'eth_signTypedData_v4',
    [param('address', decodeAddress), param('typedData', decodeTypedData)],
    ([a, typed], ctx) => signTypedData(typed, keyOf(ctx.accounts, a)),
    'EIP-712 signature by a dev account',
  ),
];
