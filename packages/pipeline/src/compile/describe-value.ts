import type { YNode } from './yaml-tree.js';

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'a map',
  record: 'a map',
  array: 'a list',
  tuple: 'a list',
  null: 'empty',
};

/** `a string`, `a map` ... for a zod type name. */
export function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

/** `a, b or c`. */
export function joinOr(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** What a node is, for "got ..." in messages: `a map`, `a list`, `"text"`, `5`, `nothing`. */
export function describeValue(node: YNode | undefined): string {
  if (node === undefined) return 'nothing';
  if (node.kind === 'map') return 'a map';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'nothing';
  if (typeof node.value === 'string') {
    const text = node.value.length > 40 ? `${node.value.slice(0, 40)}...` : node.value;
    return JSON.stringify(text);
  }
  return String(node.value);
}
