import { describe, expect, it } from 'vitest';
import { resolveLimits } from '../limits.js';
import { createDiagnosticSink } from './diagnostic-sink.js';
import { parseDocument } from './parse-document.js';
import { toPlain } from './yaml-tree.js';

function parse(text: string, limits = resolveLimits()) {
  const sink = createDiagnosticSink('p.yml');
  const { root } = parseDocument(text, limits, sink);
  const diagnostics = sink.list().map((d) => `${d.line}:${d.column} ${d.code}`);
  return { root, diagnostics, messages: sink.list().map((d) => d.message) };
}

const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

describe('parseDocument', () => {
  it('builds a tree with positions of keys and values', () => {
    const { root, diagnostics } = parse('name: ci\njobs:\n  build:\n    steps:\n      - run: make\n');
    expect(diagnostics).toEqual([]);
    expect(toPlain(root!)).toEqual({ name: 'ci', jobs: { build: { steps: [{ run: 'make' }] } } });
    const jobs = root!.kind === 'map' ? root!.entries[1]! : undefined;
    expect(jobs?.keyPos).toMatchObject({ line: 2, column: 1 });
    expect(jobs?.value.pos).toMatchObject({ line: 3, column: 3 });
  });

  it('reports YAML syntax errors and duplicate keys at their position', () => {
    expect(parse('a: [1, 2\nb: 3\n').diagnostics[0]).toMatch(/^\d+:\d+ ERR_PIPELINE_YAML_SYNTAX$/);
    expect(parse('a: 1\nb: 2\na: 3\n').diagnostics).toEqual(['3:1 ERR_PIPELINE_DUPLICATE_KEY']);
  });

  it('rejects a 5 MB file by size before parsing', () => {
    const text = `a: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
    const result = parse(text);
    expect(result.diagnostics).toEqual(['1:1 ERR_PIPELINE_LIMIT_FILE_SIZE']);
    expect(result.messages[0]).toContain('over the limit of 1048576 bytes');
  });

  it('counts bytes, not characters, for the size limit', () => {
    const limits = resolveLimits({ maxFileBytes: 10 });
    expect(parse('a: ééé', limits).diagnostics).toEqual([]);
    expect(parse('a: éééé', limits).diagnostics).toEqual(['1:1 ERR_PIPELINE_LIMIT_FILE_SIZE']);
  });

  it.each([
    ['flow lists', '['.repeat(10_000) + ']'.repeat(10_000), '1:65'],
    ['flow maps', 'a: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000), '1:256'],
    ['compact block lists', '- '.repeat(10_000) + 'x\n', '1:129'],
    ['compact block lists in maps', 'a:\n' + '  - '.repeat(10_000) + 'x\n', '2:255'],
  ])('rejects 10,000-deep %s at the first node past the depth limit', (_, text, position) => {
    expect(parse(text).diagnostics).toEqual([`${position} ERR_PIPELINE_LIMIT_DEPTH`]);
  });

  it('measures block maps by indentation: 64 levels pass, 65 fail at the 65th key', () => {
    const nested = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n';
    expect(parse(nested(64)).diagnostics).toEqual([]);
    expect(parse(nested(65)).diagnostics).toEqual(['65:65 ERR_PIPELINE_LIMIT_DEPTH']);
  });

  it('does not count block scalar content or siblings as depth', () => {
    const text = 'a:\n  b: |\n' + Array.from({ length: 100 }, (_, i) => `    ${' '.repeat(i)}x:`).join('\n') + '\nc:\n- - 1\n- 2\nd: 1\n';
    expect(parse(text, resolveLimits({ maxDepth: 3 })).diagnostics).toEqual([]);
    expect(parse('a:\n- b: 1\n  c: 2\n- [d]\n', resolveLimits({ maxDepth: 3 })).diagnostics).toEqual([]);
    expect(parse('a:\n- b: [1]\n', resolveLimits({ maxDepth: 3 })).diagnostics).toEqual(['2:6 ERR_PIPELINE_LIMIT_DEPTH']);
  });

  it('rejects more than 100 aliases in the text at the 101st', () => {
    const text = 'a: &a 1\nb: [' + Array.from({ length: 101 }, () => '*a').join(', ') + ']\n';
    expect(parse(text).diagnostics).toEqual([`2:${5 + 100 * 4} ERR_PIPELINE_LIMIT_ALIASES`]);
  });

  it('rejects a billion-laughs file by counting the copies its expansion would make', () => {
    const result = parse(billionLaughs);
    // 9 aliases in b, 9 * (1 + 9) in c: 99; the first *c in d would copy 91 more.
    expect(result.diagnostics).toEqual(['4:8 ERR_PIPELINE_LIMIT_ALIASES']);
  });

  it('rejects nesting that only gets too deep through an alias', () => {
    const text = 'a: &a [[[1]]]\nb: [[*a]]\n';
    expect(parse(text, resolveLimits({ maxDepth: 4 })).diagnostics).toEqual(['2:6 ERR_PIPELINE_LIMIT_DEPTH']);
  });

  it('resolves aliases and merge keys, keys written in the map winning', () => {
    const text = 'base: &base { image: node, env: { A: 1 } }\njob:\n  <<: *base\n  image: alpine\n';
    const { root, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(toPlain(root!)).toEqual({ base: { image: 'node', env: { A: 1 } }, job: { env: { A: 1 }, image: 'alpine' } });
  });

  it('merges a list of maps, earlier ones winning', () => {
    const text = 'a: &a { x: 1, y: 1 }\nb: &b { y: 2, z: 2 }\nc:\n  <<: [*a, *b]\n';
    expect(toPlain(parse(text).root!)).toMatchObject({ c: { x: 1, y: 1, z: 2 } });
  });

  it('rejects keys that are not scalars', () => {
    expect(parse('? [a]\n: b\n').diagnostics).toEqual(['1:3 ERR_PIPELINE_INVALID_TYPE']);
  });

  it('reports several documents in one file at the second', () => {
    expect(parse('a: 1\n---\nb: 2\n').diagnostics).toEqual(['2:1 ERR_PIPELINE_YAML_SYNTAX']);
  });

  it('ignores a byte order mark', () => {
    expect(parse('\uFEFFa: [[1]]\n', resolveLimits({ maxDepth: 2 })).diagnostics).toEqual(['1:6 ERR_PIPELINE_LIMIT_DEPTH']);
  });

  it('rejects a merge of something that is not a map', () => {
    expect(parse('a: &a 1\nb:\n  <<: *a\n').diagnostics).toEqual(['1:7 ERR_PIPELINE_INVALID_TYPE']);
  });

  it('rejects an alias inside its own anchor', () => {
    expect(parse('a: &a [*a]\n').diagnostics[0]).toMatch(/ERR_PIPELINE_YAML_SYNTAX/);
  });
});
