#!/usr/bin/env node
/**
 * Microbenchmark of the BLAKE2F precompile's F (0x09, EIP-152): ns per round of the WebAssembly F (through
 * the precompile's byte path, as the EVM calls it) and of the plain-JavaScript reference F.
 *
 *   npx tsc -p tsconfig.json && node scripts/bench-blake2f.mjs [rounds, default 10^7] [repeats, default 3]
 *
 * Prints wall and CPU time per round for each repeat (each with its own input, as the precompile memoizes
 * long calls); the first WebAssembly repeat includes V8's switch
 * from baseline to optimized code. On a shared machine CPU time is the steadier figure.
 */
import { blake2f, blake2fBackend } from '../dist/src/precompiles/09-blake2f.js';
import { blake2bCompressJs } from '../dist/src/precompiles/blake2f-js.js';

const rounds = Number(process.argv[2] ?? 1e7);
const repeats = Number(process.argv[3] ?? 3);

function time(label, fn) {
  for (let i = 0; i < repeats; i++) {
    const cpu0 = process.cpuUsage();
    const wall0 = process.hrtime.bigint();
    fn(i);
    const wall = Number(process.hrtime.bigint() - wall0);
    const cpu = process.cpuUsage(cpu0);
    const cpuNs = (cpu.user + cpu.system) * 1000;
    console.log(
      `${label} #${i}: ${rounds} rounds, wall ${(wall / rounds).toFixed(2)} ns/round, cpu ${(cpuNs / rounds).toFixed(2)} ns/round`,
    );
  }
}

const input = new Uint8Array(213);
for (let i = 4; i < 212; i++) input[i] = (i * 131 + 7) & 0xff;
new DataView(input.buffer).setUint32(0, rounds, false);
input[212] = 1;
// A new counter t per repeat: the precompile memoizes long calls by input.
time(`precompile F (${blake2fBackend})`, (i) => {
  input[196] = i;
  blake2f.run(input, {});
});

const h = Uint32Array.from({ length: 16 }, (_, i) => i * 0x9e3779b9);
const m = Uint32Array.from({ length: 32 }, (_, i) => i * 0x85ebca6b);
const t = new Uint32Array([128, 0, 0, 0]);
time('JS reference F', () => blake2bCompressJs(rounds, h, m, t, true));
