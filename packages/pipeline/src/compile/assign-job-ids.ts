import type { MatrixCell } from './expand-matrix.js';

/**
 * Hands out plan job ids. A plain job's id is its key. A matrix cell's id is the key and the cell's
 * values joined by `-`, lower-cased and reduced to [a-z0-9-] (`test-20-linux`); when that id is
 * taken, `-2`, `-3` ... is appended.
 */
export function assignJobIds(plainKeys: Iterable<string>): (key: string, cell?: MatrixCell) => string {
  const taken = new Set(plainKeys);
  return (key, cell) => {
    if (!cell) return key;
    const base = sanitize([key, ...Object.values(cell).flatMap(valueParts)].join('-')) || 'job';
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
}

function valueParts(value: unknown): string[] {
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(valueParts);
  return [value === null || value === undefined ? '' : String(value)];
}

function sanitize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}
