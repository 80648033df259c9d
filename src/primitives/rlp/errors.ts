/** The error every RLP failure throws: says what was malformed and, for the decoder, at which byte offset. */

/** Why an RLP input or field was rejected (a caller maps these to its own error codes). */
export type RlpErrorReason =
  /** Input ends before a header or payload does. */
  | 'truncated'
  /** Bytes remain after the top-level item. */
  | 'trailing-bytes'
  /** An item's payload runs past the end of the list that holds it. */
  | 'exceeds-list'
  /** A long-form length that fits the short form, a length with leading zero bytes, or 0x81 0x00..0x7f. */
  | 'non-canonical'
  /** A field was a list where a byte string was expected, or the other way round. */
  | 'wrong-kind'
  /** A list field had the wrong number of elements. */
  | 'wrong-count'
  /** An integer field had leading zero bytes. */
  | 'leading-zeros'
  /** An integer field is larger than its bound, or a fixed-size field has the wrong size. */
  | 'wrong-size';

export class RlpError extends Error {
  override name = 'RlpError';
  /** Byte offset into the decoded input where the fault was found, when known. */
  readonly offset: number | undefined;
  readonly reason: RlpErrorReason;

  constructor(reason: RlpErrorReason, message: string, offset?: number) {
    super(offset === undefined ? `RLP: ${message}` : `RLP: ${message} (at offset ${offset})`);
    this.reason = reason;
    this.offset = offset;
  }
}
