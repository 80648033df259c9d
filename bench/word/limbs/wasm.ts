/**
 * MULMOD/ADDMOD kernels for prototype A in WebAssembly (i64 arithmetic), assembled from u256.wat by
 * wasm-build.mjs: do not edit by hand. The limb stack of the wasm variant lives in this memory, from
 * STACK_BYTE_OFFSET on, so a kernel reads its operands in place (no conversion).
 */
const BYTES_BASE64 =
  'AGFzbQEAAAABIgZgAX8BfmACf34AYAJ/fwF+YAF/AX9gAn9/AGAEf39/fwADCwoAAQABAgMEBQUFBQMBAAEHHAMGbWVtb3J5AgAG' +
  'bXVsbW9kAAgGYWRkbW9kAAkK6QoKCgAgAEECdDUCAAsMACAAQQJ0IAE+AgALCwAgAEECdDUCgAELDQAgAEECdCABPgKAAQsNACAA' +
  'IAFBAnRqNQIACzEBAX9BCCEBAkADQCABRQ0BIAAgAUEBa0ECdGo1AgBCAFINASABQQFrIQEMAAsLIAELPQEBf0EAIQICQANAIAJB' +
  'CE8NASABIAJBAnRqIAIgAEkEfyACQQJ0NQIApwVBAAs2AgAgAkEBaiECDAALCwvnBgMBfgJ/Cn4CQANAIABFDQEgAEEBa0ECdDUC' +
  'AEIAUg0BIABBAWshAAwACwsgACACSQRAIAAgAxAGDwsgAkEBRgRAIAFBAEECdGo1AgAhB0IAIQggACEFAkADQCAFRQ0BIAVBAWsh' +
  'BSAIQiCGIAVBAnQ1AgCEIAeCIQgMAAsLQQBBAnQgCD4CAEEBIAMQBg8LIAEgAkEBa0ECdGo1AgCnZ60hBCACQQFrIQUCQANAIAVF' +
  'DQEgBUECdCABIAVBAnRqNQIAIASGIAEgBUEBa0ECdGo1AgBCICAEfYiEPgKAASAFQQFrIQUMAAsLQQBBAnQgAUEAQQJ0ajUCACAE' +
  'hj4CgAEgAEECdCAAQQFrQQJ0NQIAQiAgBH2IPgIAIABBAWshBQJAA0AgBUUNASAFQQJ0IAVBAnQ1AgAgBIYgBUEBa0ECdDUCAEIg' +
  'IAR9iIQ+AgAgBUEBayEFDAALC0EAQQJ0QQBBAnQ1AgAgBIY+AgAgAkEBa0ECdDUCgAEhCSACQQJrQQJ0NQKAASEKIAAgAmtBAWoh' +
  'BgJAA0AgBkUNASAGQQFrIQYgBiACakECdDUCAEIghiAGIAJqQQFrQQJ0NQIAhCELIAsgCYAhDCALIAwgCX59IQ0CQANAIAxCgICA' +
  'gBBUIAwgCn4gDUIghiAGIAJqQQJrQQJ0NQIAhFhxDQEgDEIBfSEMIA0gCXwhDSANQoCAgIAQVA0ACwtCACEQQQAhBQJAA0AgBSAC' +
  'Tw0BIAwgBUECdDUCgAF+IQ4gBSAGakECdDUCACAQfSAOQv////8Pg30hDyAFIAZqQQJ0IA8+AgAgDkIgiCAPQiCHfSEQIAVBAWoh' +
  'BQwACwsgBiACakECdDUCACAQfSEPIAYgAmpBAnQgDz4CACAPQgBTBEBCACEQQQAhBQJAA0AgBSACTw0BIAUgBmpBAnQ1AgAgBUEC' +
  'dDUCgAF8IBB8IQ8gBSAGakECdCAPPgIAIA9CIIghECAFQQFqIQUMAAsLIAYgAmpBAnQgBiACakECdDUCACAQfD4CAAsMAAsLQQAh' +
  'BQJAA0AgBSACQQFrTw0BIAVBAnQgBUECdDUCACAEiCAFQQFqQQJ0NQIAQiAgBH2GhD4CACAFQQFqIQUMAAsLIAJBAWtBAnQgAkEB' +
  'a0ECdDUCACAEiD4CACACIAMQBgvUAQIDfwN+IAIQBSEEIARFBEBBACADEAYPC0EAIQUCQANAIAVBEU8NASAFQQJ0QgA+AgAgBUEB' +
  'aiEFDAALC0EAIQUCQANAIAVBCE8NASAAIAVBAnRqNQIAIQcgB0IAUgRAQgAhCUEAIQYCQANAIAZBCE8NASAHIAEgBkECdGo1AgB+' +
  'IAUgBmpBAnQ1AgB8IAl8IQggBSAGakECdCAIPgIAIAhCIIghCSAGQQFqIQYMAAsLIAVBCGpBAnQgCT4CAAsgBUEBaiEFDAALC0EQ' +
  'IAIgBCADEAcLeAICfwJ+IAIQBSEEIARFBEBBACADEAYPC0IAIQdBACEFAkADQCAFQQhPDQEgACAFQQJ0ajUCACABIAVBAnRqNQIA' +
  'fCAHfCEGIAVBAnQgBj4CACAGQiCIIQcgBUEBaiEFDAALC0EIQQJ0IAc+AgBBCSACIAQgAxAHCw==' +
  '';

/**
 * The few WebAssembly members used here (tsconfig's lib is es2022 and @types/node does not declare
 * the global), declared for this module only.
 */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: object };
};

export interface U256Kernels {
  readonly memory: { readonly buffer: ArrayBuffer };
  /** Byte offsets of 8-limb words in memory; the result may alias an operand. */
  readonly mulmod: (a: number, b: number, n: number, r: number) => void;
  readonly addmod: (a: number, b: number, n: number, r: number) => void;
}

/** Where the stack starts in the kernels' memory (below it: their scratch digits). */
export const STACK_BYTE_OFFSET = 1024;

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Instantiated synchronously (the module is 1480 bytes). */
export function instantiateKernels(): U256Kernels {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(BYTES_BASE64)));
  return instance.exports as unknown as U256Kernels;
}
