/** Recursive Length Prefix encoding (Yellow Paper appendix B): encoder, strict decoder, field readers. */
export { RlpError, type RlpErrorReason } from './errors.js';
export { type RlpItem, encodeRlp, encodeRlpBytes, encodeRlpListOfEncoded, encodeRlpUint, uintItem, addressItem } from './encode.js';
export { decodeRlp, rlpItemEnd } from './decode.js';
export { readBytes, readList, readUint, readSmallUint, readFixedBytes, readAddress, readOptionalAddress } from './fields.js';
