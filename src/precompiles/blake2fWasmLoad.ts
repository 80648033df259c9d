/**
 * The bytes of BLAKE2F's WebAssembly module (./blake2f-wasm.ts, base64). Under Node they are part of the
 * module graph; browser bundles take ./blake2fWasmLoad.browser.ts (package.json "browser"), which fetches
 * them on first use while F runs in plain JavaScript (same results) until they arrive.
 */
import { BLAKE2F_WASM_BASE64 } from './blake2f-wasm.js';

export function blake2fWasmBase64(): string | undefined {
  return BLAKE2F_WASM_BASE64;
}
