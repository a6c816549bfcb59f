import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Scalar } from 'yaml';
import type { ErrorCode } from '@ritmo/shared';
import type { Limits } from '../limits.js';
import type { LineIndex } from './line-index.js';
import type { ScalarStyle, YEntry, YNode } from './yaml-tree.js';

export interface TreeProblem {
  code: ErrorCode;
  message: string;
  offset: number;
}

interface Converted {
  node: YNode;
  /** Aliases a full expansion of this node would copy. */
  weight: number;
  /** Collection levels below and including this node (a scalar is 0). */
  height: number;
}

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/**
 * Converts a parsed yaml Document into the position-aware tree. Aliases resolve to the anchored node
 * (shared, never copied); `<<` merge keys are applied. Counts what a full alias expansion would cost
 * and the nesting depth through aliases, and stops at the first limit broken (reported through
 * `report`, returning undefined), so no later step can be made to expand an alias bomb.
 */
export function toTree(
  doc: Document,
  text: string,
  at: LineIndex,
  limits: Pick<Limits, 'maxDepth' | 'maxAliases'>,
  report: (problem: TreeProblem) => void,
): YNode | undefined {
  const anchors = new Map<string, Converted | 'in-progress'>();
  let expanded = 0;
  let failed = false;
  const scalarNode = scalarNodeFactory(text, at);

  const fail = (code: ErrorCode, message: string, offset: number): Converted => {
    if (!failed) report({ code, message, offset });
    failed = true;
    return { node: nullAt(offset), weight: 0, height: 0 };
  };
  const nullAt = (offset: number): YNode => ({ kind: 'scalar', value: null, pos: at(offset), style: 'plain', source: '' });

  const convert = (node: unknown, depth: number, fallback: number): Converted => {
    if (failed) return { node: nullAt(fallback), weight: 0, height: 0 };
    if (node === null || node === undefined) return { node: nullAt(fallback), weight: 0, height: 0 };
    if (isAlias(node)) {
      const start = node.range?.[0] ?? fallback;
      const target = anchors.get(node.source);
      if (target === undefined) return fail('ERR_PIPELINE_YAML_SYNTAX', `alias *${node.source} has no anchor &${node.source} before it`, start);
      if (target === 'in-progress') return fail('ERR_PIPELINE_YAML_SYNTAX', `alias *${node.source} refers to a node that contains it`, start);
      expanded += 1 + target.weight;
      if (expanded > limits.maxAliases) {
        return fail('ERR_PIPELINE_LIMIT_ALIASES', `YAML aliases would expand to more than the limit of ${limits.maxAliases} alias copies`, start);
      }
      if (depth - 1 + target.height > limits.maxDepth) {
        return fail('ERR_PIPELINE_LIMIT_DEPTH', `YAML nesting through alias *${node.source} is deeper than the limit of ${limits.maxDepth}`, start);
      }
      return { node: target.node, weight: 1 + target.weight, height: target.height };
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, 'in-progress');
    const result = convertNode(node, depth, fallback);
    if (anchor) anchors.set(anchor, result);
    return result;
  };

  const convertNode = (node: unknown, depth: number, fallback: number): Converted => {
    const start = (node as { range?: [number, number, number] | null }).range?.[0] ?? fallback;
    if (isScalar(node)) return { node: scalarNode(node, start), weight: 0, height: 0 };
    if (depth > limits.maxDepth && (isMap(node) || isSeq(node))) {
      return fail('ERR_PIPELINE_LIMIT_DEPTH', `YAML nesting is deeper than the limit of ${limits.maxDepth}`, start);
    }
    if (isSeq(node)) {
      let weight = 0;
      let height = 0;
      const items = node.items.map((item) => {
        const c = convert(item, depth + 1, start);
        weight += c.weight;
        height = Math.max(height, c.height);
        return c.node;
      });
      return { node: { kind: 'seq', items, pos: at(start) }, weight, height: height + 1 };
    }
    if (isMap(node)) return convertMap(node.items, depth, start);
    return fail('ERR_PIPELINE_YAML_SYNTAX', 'unsupported YAML node', start);
  };

  const convertMap = (pairs: unknown[], depth: number, start: number): Converted => {
    const explicit: { entry: YEntry; merge: boolean }[] = [];
    let weight = 0;
    let height = 0;
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const keyStart = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? start;
      if (pair.key !== null && !isScalar(pair.key)) {
        return fail('ERR_PIPELINE_INVALID_TYPE', 'map keys must be plain strings, not lists, maps or aliases', keyStart);
      }
      const keyScalar = pair.key as Scalar | null;
      const key = keyScalar === null || keyScalar.value === null ? '' : String(keyScalar.value);
      const value = convert(pair.value, depth + 1, (keyScalar?.range?.[1] ?? keyStart));
      weight += value.weight;
      height = Math.max(height, value.height);
      const merge = key === '<<' && keyScalar?.type === 'PLAIN';
      explicit.push({ entry: { key, keyPos: at(keyStart), value: value.node }, merge });
    }
    const entries = mergeEntries(explicit);
    if (typeof entries === 'number') return fail('ERR_PIPELINE_INVALID_TYPE', 'a merge key `<<` takes a map or a list of maps', entries);
    return { node: { kind: 'map', entries, pos: at(start) }, weight, height: height + 1 };
  };

  const root = convert(doc.contents, 1, 0);
  return failed ? undefined : root.node;
}

/** Applies `<<` merge keys: keys written in the map win, then earlier merge sources. Returns the offset of a bad merge value. */
function mergeEntries(items: { entry: YEntry; merge: boolean }[]): YEntry[] | number {
  const own = new Set(items.filter((i) => !i.merge).map((i) => i.entry.key));
  const taken = new Set<string>();
  const out: YEntry[] = [];
  for (const { entry, merge } of items) {
    if (!merge) {
      out.push(entry);
      continue;
    }
    const sources = entry.value.kind === 'seq' ? entry.value.items : [entry.value];
    for (const source of sources) {
      if (source.kind !== 'map') return source.pos.offset;
      for (const inherited of source.entries) {
        if (own.has(inherited.key) || taken.has(inherited.key)) continue;
        taken.add(inherited.key);
        out.push(inherited);
      }
    }
  }
  return out;
}

function scalarNodeFactory(text: string, at: LineIndex): (node: Scalar, start: number) => YNode {
  return (node: Scalar, start: number): YNode => {
    const raw = node.value;
    const value = raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
    const end = node.range?.[1] ?? start;
    return { kind: 'scalar', value, pos: at(start), style: STYLES[node.type ?? 'PLAIN'] ?? 'plain', source: text.slice(start, end) };
  };
}
