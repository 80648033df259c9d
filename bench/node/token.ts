/**
 * The benchmark contract: Token.sol beside this file (a minimal ERC-20), compiled once with the npm package
 * solc 0.8.30+commit.73712a01.Emscripten.clang (optimizer on, 200 runs, evmVersion shanghai). The ABI and the creation bytecode as solc gave them.
 */
export const TOKEN_ABI = [
  { inputs: [{ internalType: 'uint256', name: 'supply', type: 'uint256' }], stateMutability: 'nonpayable', type: 'constructor' },
  {
    anonymous: false,
    inputs: [
      { indexed: true, internalType: 'address', name: 'from', type: 'address' },
      { indexed: true, internalType: 'address', name: 'to', type: 'address' },
      { indexed: false, internalType: 'uint256', name: 'value', type: 'uint256' },
    ],
    name: 'Transfer',
    type: 'event',
  },
  {
    inputs: [{ internalType: 'address', name: '', type: 'address' }],
    name: 'balanceOf',
    outputs: [{ internalType: 'uint256', name: '', type: 'uint256' }],
    stateMutability: 'view',
    type: 'function',
  },
  {
    inputs: [],
    name: 'totalSupply',
    outputs: [{ internalType: 'uint256', name: '', type: 'uint256' }],
    stateMutability: 'view',
    type: 'function',
  },
  {
    inputs: [
      { internalType: 'address', name: 'to', type: 'address' },
      { internalType: 'uint256', name: 'value', type: 'uint256' },
    ],
    name: 'transfer',
    outputs: [{ internalType: 'bool', name: '', type: 'bool' }],
    stateMutability: 'nonpayable',
    type: 'function',
  },
] as const;

export const TOKEN_BYTECODE =
  '0x6080604052348015600e575f5ffd5b506040516102c23803806102c2833981016040819052602b916076565b335f818152602081815260408083208590556001859055518481527fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef910160405180910390a350608c565b5f602082840312156085575f5ffd5b5051919050565b610229806100995f395ff3fe608060405234801561000f575f5ffd5b506004361061003f575f3560e01c806318160ddd1461004357806370a082311461005f578063a9059cbb1461007e575b5f5ffd5b61004c60015481565b6040519081526020015b60405180910390f35b61004c61006d36600461018c565b5f6020819052908152604090205481565b61009161008c3660046101ac565b6100a1565b6040519015158152602001610056565b335f90815260208190526040812054828110156100ee5760405162461bcd60e51b815260206004820152600760248201526662616c616e636560c81b604482015260640160405180910390fd5b335f9081526020819052604080822085840390556001600160a01b0386168252812080548592906101209084906101d4565b90915550506040518381526001600160a01b0385169033907fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef9060200160405180910390a360019150505b92915050565b80356001600160a01b0381168114610187575f5ffd5b919050565b5f6020828403121561019c575f5ffd5b6101a582610171565b9392505050565b5f5f604083850312156101bd575f5ffd5b6101c683610171565b946020939093013593505050565b8082018082111561016b57634e487b7160e01b5f52601160045260245ffdfea264697066735822122072435e0f97a496301c603e9cf307a6bf390266208b28d73722035049c531555264736f6c634300081e0033' as const;
