import { scanTemplate } from '../expressions/check-template.js';

/** A `context.name` or `context['name']` reference inside a template. */
export interface ContextRef {
  /** The first property name after the context. */
  name: string;
  /** Offset of the reference in the template text. */
  offset: number;
}

const ACCESSOR = /\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'((?:[^']|'')*)'\s*\]/y;

/**
 * Every `<context>.x` / `<context>['x']` in the `${{ }}` expressions of `text` (context names are
 * case-insensitive). References inside string literals and properties named like the context
 * (`a.matrix.x`) do not count.
 */
export function contextRefs(text: string, context: string): ContextRef[] {
  const refs: ContextRef[] = [];
  for (const segment of scanTemplate(text)) {
    if (segment.kind !== 'expression') continue;
    for (const ref of refsInSource(segment.source, context)) refs.push({ name: ref.name, offset: segment.sourceOffset + ref.offset });
  }
  return refs;
}

/** The same search in a bare expression (an `if:` without `${{ }}`). */
export function refsInSource(source: string, context: string): ContextRef[] {
  const refs: ContextRef[] = [];
  const literals = stringLiteralRanges(source);
  const word = new RegExp(`\\b${context}\\b`, 'gi');
  for (let m = word.exec(source); m; m = word.exec(source)) {
    const at = m.index;
    if (literals.some(([from, to]) => at >= from && at < to)) continue;
    if (/[.\w-]\s*$/.test(source.slice(0, at))) continue;
    ACCESSOR.lastIndex = at + m[0].length;
    const access = ACCESSOR.exec(source);
    if (!access) continue;
    refs.push({ name: access[1] ?? (access[2] ?? '').replaceAll("''", "'"), offset: at });
  }
  return refs;
}

function stringLiteralRanges(source: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = -1;
  for (let i = 0; i < source.length; i++) {
    if (source[i] !== "'") continue;
    if (start < 0) start = i;
    else if (source[i + 1] === "'") i++;
    else {
      ranges.push([start, i + 1]);
      start = -1;
    }
  }
  if (start >= 0) ranges.push([start, source.length]);
  return ranges;
}

const PURE_MATRIX_REF = /^\s*matrix((?:\s*\.\s*[A-Za-z_][A-Za-z0-9_-]*|\s*\[\s*'(?:[^']|'')*'\s*\])+)\s*$/i;
const PATH_PART = /\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'((?:[^']|'')*)'\s*\]/g;

/**
 * Replaces each `${{ }}` that is only a matrix reference (`${{ matrix.node }}`, `${{ matrix['os'] }}`,
 * `${{ matrix.os.name }}`) with the value's text; every other expression stays as written, to be
 * evaluated at run time with the job's matrix values.
 */
export function substituteMatrix(text: string, values: Readonly<Record<string, unknown>>): string {
  if (!text.includes('${{')) return text;
  let out = '';
  for (const segment of scanTemplate(text)) {
    if (segment.kind === 'literal') {
      out += segment.text;
      continue;
    }
    const original = text.slice(segment.offset, segment.end);
    const ref = segment.terminated ? PURE_MATRIX_REF.exec(segment.source) : null;
    const found = ref ? lookup(values, [...(ref[1] ?? '').matchAll(PATH_PART)].map((m) => m[1] ?? (m[2] ?? '').replaceAll("''", "'"))) : undefined;
    out += found === undefined ? original : valueText(found.value);
  }
  return out;
}

function lookup(values: unknown, path: string[]): { value: unknown } | undefined {
  let current: unknown = values;
  for (const name of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    const record = current as Record<string, unknown>;
    const key = Object.hasOwn(record, name) ? name : Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) return undefined;
    current = record[key];
  }
  return { value: current };
}

/** How a matrix value reads in text: null is empty, objects are JSON (as expressions write them). */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}
