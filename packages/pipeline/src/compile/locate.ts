import type { Pos, TreePath, YEntry, YNode, YScalar } from './yaml-tree.js';

export interface Located {
  /** The node at the path, if it exists. */
  node?: YNode;
  /** The map entry holding that node (its key position), if the last step was a map key. */
  entry?: YEntry;
  /** The deepest node that exists on the path, and the entry holding it. */
  nearest: YNode;
  nearestEntry?: YEntry;
}

/** Follows `path` from `root` as far as it exists. */
export function locate(root: YNode, path: TreePath): Located {
  let node: YNode = root;
  let entry: YEntry | undefined;
  for (const part of path) {
    let next: YNode | undefined;
    let nextEntry: YEntry | undefined;
    if (node.kind === 'map') {
      nextEntry = findEntry(node.entries, String(part));
      next = nextEntry?.value;
    } else if (node.kind === 'seq' && typeof part === 'number') {
      next = node.items[part];
    }
    if (next === undefined) return { nearest: node, ...(entry ? { nearestEntry: entry } : {}) };
    node = next;
    entry = nextEntry;
  }
  return { node, nearest: node, ...(entry ? { entry, nearestEntry: entry } : {}) };
}

function findEntry(entries: YEntry[], key: string): YEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.key === key) return entries[i];
  return undefined;
}

/** Where a diagnostic about the value at `path` points: the value, or its key when the value is empty. */
export function valuePosition(root: YNode, path: TreePath): Pos {
  const found = locate(root, path);
  if (found.node) return isEmpty(found.node) && found.entry ? found.entry.keyPos : found.node.pos;
  return found.nearestEntry?.keyPos ?? found.nearest.pos;
}

/** Where a diagnostic about the key at the end of `path` points (falls back to the value). */
export function keyPosition(root: YNode, path: TreePath): Pos {
  const found = locate(root, path);
  return found.entry?.keyPos ?? valuePosition(root, path);
}

function isEmpty(node: YNode): boolean {
  return node.kind === 'scalar' && node.value === null && node.source === '';
}

/**
 * The file position of `offset` within a string scalar's value. Exact for plain and quoted one-line
 * scalars without escapes and for literal (`|`) block scalars; otherwise the start of the node.
 */
export function positionInScalar(node: YScalar, offset: number): Pos {
  const value = typeof node.value === 'string' ? node.value : '';
  const { pos, source } = node;
  if (node.style === 'literal') return positionInLiteral(node, value, offset);
  const quote = node.style === 'single' || node.style === 'double' ? 1 : 0;
  if (!value.includes('\n') && source.slice(quote, quote + value.length) === value) {
    return { offset: pos.offset + quote + offset, line: pos.line, column: pos.column + quote + offset };
  }
  return pos;
}

function positionInLiteral(node: YScalar, value: string, offset: number): Pos {
  const lines = node.source.split('\n');
  // Indentation of the block: the first content line that is not blank.
  const firstContent = lines.slice(1).find((l) => l.trim() !== '');
  if (firstContent === undefined) return node.pos;
  const indent = firstContent.length - firstContent.trimStart().length;
  const before = value.slice(0, offset);
  const lineInValue = before.split('\n').length - 1;
  const columnInLine = before.length - (before.lastIndexOf('\n') + 1);
  const line = node.pos.line + 1 + lineInValue;
  let lineStart = node.pos.offset;
  for (let i = 0; i <= lineInValue; i++) lineStart += (lines[i]?.length ?? 0) + 1;
  return { offset: lineStart + indent + columnInLine, line, column: indent + columnInLine + 1 };
}
