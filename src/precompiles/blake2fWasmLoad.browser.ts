/** The browser twin of ./blake2fWasmLoad.ts: the module's bytes come with a dynamic import() on first use. */
let base64: string | undefined;
let loading: Promise<void> | undefined;

export function blake2fWasmBase64(): string | undefined {
  if (base64 === undefined) {
    loading ??= import('./blake2f-wasm.js').then(
      (m) => {
        base64 = m.BLAKE2F_WASM_BASE64;
      },
      () => undefined,
    );
  }
  return base64;
}
