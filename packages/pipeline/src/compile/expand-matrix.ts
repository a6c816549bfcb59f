export type MatrixCell = Record<string, unknown>;

/** The matrix as written: keys with value lists, plus `include` and `exclude` combinations. */
export interface MatrixInput {
  include?: Record<string, unknown>[];
  exclude?: Record<string, unknown>[];
  [key: string]: unknown[] | undefined;
}

/** The value keys of a matrix (everything but include / exclude), in file order. */
function matrixKeys(matrix: MatrixInput): string[] {
  return Object.keys(matrix).filter((k) => k !== 'include' && k !== 'exclude');
}

/**
 * How many combinations a matrix can produce, computed from list lengths alone before anything is
 * expanded: the product of the value lists (0 keys = no product) plus one per `include` entry.
 * `exclude` is not subtracted, so the count is an upper bound.
 */
export function matrixSize(lengths: readonly number[], includes: number): number {
  const product = lengths.length === 0 ? 0 : lengths.reduce((a, b) => a * b, 1);
  return product + includes;
}

/**
 * Expands a matrix with GitHub Actions semantics: the product of the value lists in key order, minus
 * combinations matching an `exclude` entry (all of its keys equal), then each `include` entry is
 * merged into every combination whose original values it does not contradict (it may overwrite
 * values added by an earlier include, never original ones); an include that fits no combination
 * becomes a combination of its own.
 */
export function expandMatrix(matrix: MatrixInput): MatrixCell[] {
  const keys = matrixKeys(matrix);
  let product: MatrixCell[] = keys.length === 0 ? [] : [{}];
  for (const key of keys) {
    const values = matrix[key] ?? [];
    product = product.flatMap((cell) => values.map((value) => ({ ...cell, [key]: value })));
  }
  const kept = product.filter((cell) => !(matrix.exclude ?? []).some((ex) => matches(cell, ex)));
  const added: MatrixCell[] = [];
  for (const include of matrix.include ?? []) {
    let merged = false;
    for (const cell of kept) {
      const fits = Object.keys(include).every((k) => !keys.includes(k) || deepEqual(cell[k], include[k]));
      if (!fits) continue;
      for (const [k, v] of Object.entries(include)) if (!keys.includes(k)) cell[k] = v;
      merged = true;
    }
    if (!merged) added.push({ ...include });
  }
  return [...kept, ...added];
}

function matches(cell: MatrixCell, pattern: Record<string, unknown>): boolean {
  return Object.keys(pattern).every((k) => deepEqual(cell[k], pattern[k]));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
