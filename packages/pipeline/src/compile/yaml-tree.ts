/**
 * The pipeline file as a small position-aware tree: what the YAML document becomes after aliases and
 * merge keys are resolved and the limits are checked. Validation and compilation read this tree, so
 * every finding can point at the exact node.
 */

/** A place in the file: 0-based offset, 1-based line and column. */
export interface Pos {
  offset: number;
  line: number;
  column: number;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export interface YScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  pos: Pos;
  style: ScalarStyle;
  /** The node's source text (for mapping offsets inside a string back to the file). */
  source: string;
}

export interface YEntry {
  key: string;
  keyPos: Pos;
  value: YNode;
}

export interface YMap {
  kind: 'map';
  entries: YEntry[];
  pos: Pos;
}

export interface YSeq {
  kind: 'seq';
  items: YNode[];
  pos: Pos;
}

export type YNode = YScalar | YMap | YSeq;

/** A path into the tree: map keys and list indexes. */
export type TreePath = readonly (string | number)[];

export function isMap(node: YNode | undefined): node is YMap {
  return node?.kind === 'map';
}

export function isSeq(node: YNode | undefined): node is YSeq {
  return node?.kind === 'seq';
}

export function isScalar(node: YNode | undefined): node is YScalar {
  return node?.kind === 'scalar';
}

/** The entry under `key` in a map node (undefined for other nodes). */
export function entryOf(node: YNode | undefined, key: string): YEntry | undefined {
  if (!isMap(node)) return undefined;
  return node.entries.find((e) => e.key === key);
}

/** The value under `key` in a map node. */
export function valueOf(node: YNode | undefined, key: string): YNode | undefined {
  return entryOf(node, key)?.value;
}

/** A string scalar's text, or undefined. */
export function stringOf(node: YNode | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** The plain value of a node, for schema validation. Maps become objects, lists arrays. */
export function toPlain(node: YNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const entry of node.entries) {
    // defineProperty, so a key like `__proto__` stays an ordinary key.
    Object.defineProperty(out, entry.key, { value: toPlain(entry.value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
