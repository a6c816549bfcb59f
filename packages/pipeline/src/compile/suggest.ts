/**
 * The candidate closest to `word` by edit distance (case-insensitive; `_` and `-` count as equal;
 * a swap of two neighbours is one edit), when it is close enough to be a likely typo.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const needle = normalize(word);
  const limit = Math.max(1, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = editDistance(needle, normalize(candidate), limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `['did you mean "x"?']` when there is a close candidate, else `[]`. */
export function didYouMean(word: string, candidates: Iterable<string>): string[] {
  const match = suggest(word, candidates);
  return match === undefined ? [] : [`did you mean "${match}"?`];
}

function normalize(s: string): string {
  return s.toLowerCase().replaceAll('_', '-');
}

/** Optimal string alignment distance; stops early (returns limit + 1) once it cannot be within `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] ?? 0) + 1);
      current[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
