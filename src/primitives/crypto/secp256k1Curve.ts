/**
 * @noble/curves' secp256k1, alone in its module so that it loads on first use (src/platform/syncLoad.ts):
 * only signing, sender recovery and public keys need it, and loading it costs ~2 MB of resident memory.
 */
export { secp256k1 } from '@noble/curves/secp256k1.js';
