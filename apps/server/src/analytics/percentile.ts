/** The nearest-rank percentile (`q` in 0..1) of `values`; null when there are none. */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return Math.round(sorted[Math.min(rank, sorted.length) - 1]!);
}
