/** A small, hand-written state test (not a copy of any fixture) for the loader and CLI tests. */

export const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
/** The well-known ethereum/tests key whose address is SENDER. */
export const SECRET_KEY = '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8';
export const TARGET = '0x1000000000000000000000000000000000000001';
export const COINBASE = '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba';
export const ROOT_A = '0x' + 'aa'.repeat(32);
export const ROOT_B = '0x' + 'bb'.repeat(32);
/** keccak256(rlp([])): the logs hash of a transaction without logs. */
export const EMPTY_LOGS = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';

type Json = Record<string, any>;

/** One test named `name`; `edit` may change anything in it. */
export function stateTest(name = 'simple', edit: (t: Json) => void = () => {}): Json {
  const t: Json = {
    _info: { comment: 'evmkit loader test' },
    config: { chainid: '0x07' },
    env: {
      currentCoinbase: COINBASE,
      currentDifficulty: '0x020000',
      currentGasLimit: '0x05f5e100',
      currentNumber: '0x01',
      currentTimestamp: '0x03e8',
      currentBaseFee: '0x0a',
      currentRandom: '0x' + '00'.repeat(31) + '42',
      currentExcessBlobGas: '0x00',
    },
    pre: {
      [SENDER]: { balance: '0x0de0b6b3a7640000', nonce: '0x00', code: '0x', storage: {} },
      [TARGET]: { balance: '0x00', nonce: '0x01', code: '0x600160005500', storage: { '0x00': '0x01', '0x01': '0x02' } },
    },
    transaction: {
      data: ['0x', '0xdeadbeef'],
      gasLimit: ['0x5208', '0x0186a0'],
      value: ['0x00', '0x01', '0x02'],
      nonce: '0x00',
      gasPrice: '0x0a',
      to: TARGET,
      secretKey: SECRET_KEY,
      sender: SENDER,
    },
    post: {
      Cancun: [
        { hash: ROOT_A, logs: EMPTY_LOGS, indexes: { data: 0, gas: 0, value: 0 }, txbytes: '0x00' },
        { hash: ROOT_B, logs: EMPTY_LOGS, indexes: { data: 1, gas: 1, value: 2 } },
      ],
      Shanghai: [{ hash: ROOT_A, logs: EMPTY_LOGS, indexes: { data: 1, gas: 0, value: 1 } }],
    },
  };
  edit(t);
  return { [name]: t };
}
