/**
 * Dev accounts: keys derived from a BIP-39 mnemonic along m/44'/60'/0'/0/i (BIP-32/44), by default the
 * test mnemonic anvil and Hardhat use, so the same 10 funded addresses and keys (account 0 is
 * 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266). Derivation uses @scure/bip39 and @scure/bip32 (audited,
 * pure JS, browser-safe); addresses come from the core's secp256k1 helper.
 *
 * The node signs for these accounts (eth_sendTransaction, eth_sign, personal_sign, eth_signTypedData_v4)
 * and lets impersonated accounts send without a key (anvil_impersonateAccount): the chain checks
 * `canSend` and skips the signature for them.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync, validateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { privateKeyToAddress } from '../primitives/crypto/secp256k1.js';
import { parseAddress, type Address } from '../primitives/address.js';
import { hexToBytes } from '../primitives/hex.js';

/** The mnemonic of anvil's and Hardhat's default accounts. */
export const TEST_MNEMONIC = 'test test test test test test test test test test test junk';
/** BIP-44 Ethereum path without the index (anvil's `--derivation-path` default). */
export const DEFAULT_DERIVATION_PATH = "m/44'/60'/0'/0/";

export interface DevAccount {
  readonly address: Address;
  readonly privateKey: Uint8Array;
}

/**
 * The first 10 keys of TEST_MNEMONIC along DEFAULT_DERIVATION_PATH (the keys anvil prints; public test
 * keys, never for real funds). deriveAccounts returns these without running the seed's PBKDF2 and the
 * BIP-32 derivations (~0.3 s cold), so a provider per test starts at once; test/rpc-node/accounts.test.ts
 * derives them and checks this table.
 */
const TEST_KEYS: readonly (readonly [string, string])[] = [
  ['0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80', '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'],
  ['0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d', '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'],
  ['0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a', '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc'],
  ['0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6', '0x90f79bf6eb2c4f870365e785982e1f101e93b906'],
  ['0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a', '0x15d34aaf54267db7d7c367839aaf71a00a2c6a65'],
  ['0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba', '0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc'],
  ['0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e', '0x976ea74026e726554db657fa54763abd0c3a0aa9'],
  ['0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356', '0x14dc79964da2c08b23698b3d3cc7ca32193d9955'],
  ['0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97', '0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f'],
  ['0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6', '0xa0ee7a142d267c1f36714e4a8f75612f20a79720'],
];

/** BIP-32 parent keys by "phrase|path", so a second node on the same mnemonic skips the PBKDF2. */
const parents = new Map<string, HDKey>();

/** Whether `mnemonic` is a valid English BIP-39 phrase (words and checksum). */
export function isValidMnemonic(mnemonic: string): boolean {
  return validateMnemonic(mnemonic.trim().split(/\s+/).join(' '), english);
}

/**
 * The first `count` accounts of `mnemonic` along `path` + index (path ends with '/'). Throws on an invalid
 * mnemonic or path. The seed's PBKDF2 (2048 rounds of HMAC-SHA512) costs a few tens of ms, once.
 */
export function deriveAccounts(mnemonic: string, count: number, path = DEFAULT_DERIVATION_PATH): DevAccount[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`account count must be a non-negative integer, got ${count}`);
  const phrase = mnemonic.trim().split(/\s+/).join(' ');
  if (!validateMnemonic(phrase, english)) throw new Error('invalid BIP-39 mnemonic (words or checksum)');
  if (count === 0) return [];
  const base = path.endsWith('/') ? path.slice(0, -1) : path;
  const out: DevAccount[] = [];
  if (phrase === TEST_MNEMONIC && base === DEFAULT_DERIVATION_PATH.slice(0, -1)) {
    for (const [key, address] of TEST_KEYS.slice(0, count)) out.push({ address: parseAddress(address), privateKey: hexToBytes(key) });
    if (out.length === count) return out;
  }
  let parent = parents.get(`${phrase}|${base}`);
  if (parent === undefined) {
    parent = HDKey.fromMasterSeed(mnemonicToSeedSync(phrase)).derive(base);
    parents.set(`${phrase}|${base}`, parent);
  }
  for (let i = out.length; i < count; i++) {
    const key = parent.deriveChild(i).privateKey;
    if (key === null) throw new Error(`no private key at ${base}/${i}`);
    out.push({ address: privateKeyToAddress(key), privateKey: key });
  }
  return out;
}

/** The node's keyring: dev accounts in order, plus impersonated addresses. */
export class DevAccounts {
  private readonly list: readonly DevAccount[];
  private readonly byAddress = new Map<Address, DevAccount>();
  private readonly impersonated = new Set<Address>();
  /** anvil_autoImpersonateAccount: every address may send without a key. */
  autoImpersonate = false;

  constructor(accounts: readonly DevAccount[]) {
    this.list = accounts;
    for (const a of accounts) this.byAddress.set(a.address, a);
  }

  /** eth_accounts: the dev accounts' addresses, in derivation order. */
  addresses(): Address[] {
    return this.list.map((a) => a.address);
  }

  get accounts(): readonly DevAccount[] {
    return this.list;
  }

  /** The private key of a dev account, or undefined. */
  keyOf(address: Address): Uint8Array | undefined {
    return this.byAddress.get(address)?.privateKey;
  }

  isDevAccount(address: Address): boolean {
    return this.byAddress.has(address);
  }

  impersonate(address: Address): void {
    this.impersonated.add(address);
  }

  stopImpersonating(address: Address): void {
    this.impersonated.delete(address);
  }

  isImpersonated(address: Address): boolean {
    return this.autoImpersonate || this.impersonated.has(address);
  }

  /** Whether eth_sendTransaction may send from `address`: a dev account (signed) or impersonated (unsigned). */
  canSend(address: Address): boolean {
    return this.byAddress.has(address) || this.isImpersonated(address);
  }
}
