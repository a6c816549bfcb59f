import { describe, expect, it } from 'vitest';
import { contextRefs, refsInSource, substituteMatrix } from './template-refs.js';

describe('contextRefs', () => {
  it('finds dotted and bracketed references with their offsets', () => {
    const text = "a ${{ secrets.ONE }} b ${{ format('{0}', secrets['TWO']) }} ${{ SECRETS.three }}";
    expect(contextRefs(text, 'secrets')).toEqual([
      { name: 'ONE', offset: 6 },
      { name: 'TWO', offset: 41 },
      { name: 'three', offset: 64 },
    ]);
  });

  it('ignores string literals, other properties and text outside expressions', () => {
    expect(contextRefs("secrets.A ${{ 'secrets.B' }} ${{ x.secrets.C }} ${{ mysecrets.D }}", 'secrets')).toEqual([]);
  });

  it('reads a bare expression', () => {
    expect(refsInSource("matrix.os == 'linux' && matrix['node'] > 1", 'matrix').map((r) => r.name)).toEqual(['os', 'node']);
  });
});

describe('substituteMatrix', () => {
  const values = { node: 20, os: 'linux', flag: true, none: null, db: { image: 'pg', port: 5432 } };

  it.each([
    ['node:${{ matrix.node }}', 'node:20'],
    ["${{ matrix['os'] }}-${{matrix.flag}}", 'linux-true'],
    ['[${{ matrix.none }}]', '[]'],
    ['${{ matrix.db.image }}:${{ matrix.db.port }}', 'pg:5432'],
    ['${{ Matrix.OS }}', 'linux'],
    ['${{ matrix.db }}', '{\n  "image": "pg",\n  "port": 5432\n}'],
  ])('%s -> %s', (text, expected) => {
    expect(substituteMatrix(text, values)).toBe(expected);
  });

  it('leaves every other expression as written', () => {
    const text = "${{ matrix.node == 20 }} ${{ env.A }} ${{ matrix.missing }} ${{ matrix.node";
    expect(substituteMatrix(text, values)).toBe(text);
  });
});
