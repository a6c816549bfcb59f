import type { Colors } from './colors.js';

const MAX_WIDTH = 32;

/**
 * Returns the prefix put before every line a job prints: its name padded to the longest name (capped,
 * long names are cut with `…`) and a `|`, colored per job when colors are on.
 */
export function createJobPrefixer(names: readonly string[], colors: Colors): (name: string) => string {
  const width = Math.min(MAX_WIDTH, Math.max(1, ...names.map((n) => n.length)));
  const index = new Map(names.map((n, i) => [n, i]));
  const cache = new Map<string, string>();
  return (name) => {
    const known = cache.get(name);
    if (known !== undefined) return known;
    const fitted = name.length > width ? `${name.slice(0, width - 1)}…` : name.padEnd(width);
    const prefix = `${colors.job(index.get(name) ?? index.size)(fitted)} ${colors.dim('|')} `;
    cache.set(name, prefix);
    return prefix;
  };
}
