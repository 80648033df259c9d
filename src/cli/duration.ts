/** Timing helpers for `--bench`: Go's time.Duration text (what go-ethereum prints) and medians. */

/** Formats nanoseconds as Go's Duration.String: "850ns", "12.5µs", "1.234567ms", "2.5s". */
export function goDuration(ns: number): string {
  const n = Math.round(ns);
  if (n < 1000) return `${n}ns`;
  const [unit, scale] = n < 1e6 ? ['µs', 1e3] : n < 1e9 ? ['ms', 1e6] : ['s', 1e9];
  const whole = Math.floor(n / scale);
  const frac = String(n % scale)
    .padStart(Math.log10(scale), '0')
    .replace(/0+$/, '');
  return frac === '' ? `${whole}${unit}` : `${whole}.${frac}${unit}`;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
