// SPDX-License-Identifier: MIT
// The benchmark's contract (bench/node): a minimal ERC-20 (balances, transfer, the Transfer event).
// Compiled once with the npm package solc 0.8.30 (standard JSON, optimizer on with 200 runs, evmVersion
// shanghai); the output is committed in token.ts.
pragma solidity 0.8.30;

contract Token {
    mapping(address => uint256) public balanceOf;
    uint256 public totalSupply;

    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor(uint256 supply) {
        balanceOf[msg.sender] = supply;
        totalSupply = supply;
        emit Transfer(address(0), msg.sender, supply);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        uint256 have = balanceOf[msg.sender];
        require(have >= value, "balance");
        unchecked {
            balanceOf[msg.sender] = have - value;
        }
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }
}
