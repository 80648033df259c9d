/** Deterministic sampling: the same fixtures give the same sample on every machine and run. */

/** FNV-1a (32-bit) of a string's UTF-16 code units: stable, fast, and good enough to spread a sample. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Up to `n` items, chosen by the stable hash of their key (lowest hashes win), returned in their
 * original order.
 */
export function stableSample<T>(items: readonly T[], n: number, key: (item: T) => string): T[] {
  if (items.length <= n) return [...items];
  const chosen = new Set(
    items
      .map((item, i) => ({ i, h: stableHash(key(item)) }))
      .sort((a, b) => a.h - b.h || a.i - b.i)
      .slice(0, n)
      .map((x) => x.i),
  );
  return items.filter((_, i) => chosen.has(i));
}
