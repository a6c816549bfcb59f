/** The p-th percentile (nearest rank) of an ascending array, NaN for none. */
function rankOf(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const finiteSorted = (values) => Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();

export const percentile = (values, p) => rankOf(finiteSorted(values), p);

/** p50/p90/p99/max/mean of a sample (any size). */
export function stats(values) {
  const sorted = finiteSorted(values);
  let sum = 0;
  for (const v of sorted) sum += v;
  const n = sorted.length;
  return { n, p50: rankOf(sorted, 50), p90: rankOf(sorted, 90), p99: rankOf(sorted, 99), max: n === 0 ? Number.NaN : sorted[n - 1], mean: n === 0 ? Number.NaN : sum / n };
}

export const median = (values) => percentile(values, 50);
