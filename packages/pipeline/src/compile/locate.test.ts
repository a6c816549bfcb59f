import { describe, expect, it } from 'vitest';
import { resolveLimits } from '../limits.js';
import { createDiagnosticSink } from './diagnostic-sink.js';
import { keyPosition, locate, positionInScalar, valuePosition } from './locate.js';
import { parseDocument } from './parse-document.js';
import type { YNode, YScalar } from './yaml-tree.js';

function tree(text: string): YNode {
  const root = parseDocument(text, resolveLimits(), createDiagnosticSink('t.yml')).root;
  if (!root) throw new Error('no tree');
  return root;
}

const scalarAt = (root: YNode, ...path: (string | number)[]) => locate(root, path).node as YScalar;
const at = (p: { line: number; column: number }) => `${p.line}:${p.column}`;

describe('locate', () => {
  const root = tree('jobs:\n  a:\n    needs: [x, y]\n    empty:\n    steps:\n      - run: make\n');

  it('finds values, keys, list items and the nearest existing node', () => {
    expect(at(valuePosition(root, ['jobs', 'a', 'needs', 1]))).toBe('3:16');
    expect(at(keyPosition(root, ['jobs', 'a', 'needs']))).toBe('3:5');
    expect(at(valuePosition(root, ['jobs', 'a', 'steps', 0, 'run']))).toBe('6:14');
    expect(at(valuePosition(root, ['jobs', 'a', 'missing']))).toBe('2:3');
    expect(at(valuePosition(root, ['jobs', 'a', 'steps', 3]))).toBe('5:5');
  });

  it('points at the key of an empty value', () => {
    expect(at(valuePosition(root, ['jobs', 'a', 'empty']))).toBe('4:5');
  });
});

describe('positionInScalar', () => {
  it.each([
    ['plain', 'k: echo ${{ x }}', 5, '1:9'],
    ['double-quoted', 'k: "echo ${{ x }}"', 5, '1:10'],
    ['single-quoted', "k: 'echo ${{ x }}'", 5, '1:10'],
    ['double-quoted with escapes', 'k: "\\techo ${{ x }}"', 6, '1:4'],
    ['literal block', 'k: |\n  one\n    two ${{ x }}\n', 10, '3:9'],
    ['literal block with a blank first line', 'k: |\n\n  one ${{ x }}\n', 5, '3:7'],
    ['folded block', 'k: >\n  one\n  two ${{ x }}\n', 8, '1:4'],
  ])('%s', (_, text, offset, expected) => {
    expect(at(positionInScalar(scalarAt(tree(text), 'k'), offset))).toBe(expected);
  });
});
