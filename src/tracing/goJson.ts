/**
 * JSON text as go-ethereum's encoding/json writes it: like JSON.stringify, but with '<', '>' and '&'
 * (and U+2028/U+2029) escaped as \u003c, \u003e, \u0026, since json.Encoder escapes HTML by default.
 * Traces are compared byte for byte, and error texts such as "stack underflow (0 <=> 1)" carry them.
 */
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c]!);
}
