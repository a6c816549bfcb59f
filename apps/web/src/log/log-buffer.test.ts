import { describe, expect, it } from 'vitest';
import { createLogBuffer } from './log-buffer';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('createLogBuffer', () => {
  it('indexes lines across blocks, a line split between blocks included', () => {
    const log = createLogBuffer();
    log.append(enc('first\nsec'));
    expect(log.lineCount).toBe(2);
    expect(log.lineText(1)).toBe('sec');
    log.append(enc('ond\nthird\n'));
    expect(log.lineCount).toBe(3);
    expect([0, 1, 2].map((i) => log.lineText(i))).toEqual(['first', 'second', 'third']);
    expect([0, 1, 2].map((i) => log.lineOffset(i))).toEqual([0, 6, 13]);
    expect(log.end).toBe(19);
    log.append(enc('wö'));
    expect(log.lineCount).toBe(4);
    expect(log.lineText(3)).toBe('wö');
  });

  it('finds the line of a byte offset', () => {
    const log = createLogBuffer();
    log.append(enc('a\nbb\nccc\n'));
    expect([0, 1, 2, 4, 5, 8, 100].map((o) => log.lineAt(o))).toEqual([0, 0, 1, 1, 2, 2, 2]);
  });

  it('starts at the tail and takes earlier bytes in front, keeping absolute offsets', () => {
    const full = 'one\ntwo\nthree\nfour\n';
    const tailAt = full.indexOf('three');
    const log = createLogBuffer(tailAt);
    log.append(enc(full.slice(tailAt)));
    expect(log.lineCount).toBe(2);
    expect(log.lineOffset(0)).toBe(tailAt);
    log.prepend(enc(full.slice(4, tailAt)));
    log.prepend(enc(full.slice(0, 4)));
    expect(log.start).toBe(0);
    expect(log.lineCount).toBe(4);
    expect([0, 1, 2, 3].map((i) => log.lineText(i))).toEqual(['one', 'two', 'three', 'four']);
    expect(log.lineAt(tailAt)).toBe(2);
  });

  it('joins a prepended part that ends mid-line with the first line held', () => {
    const log = createLogBuffer(3);
    log.append(enc('def\nghi'));
    log.prepend(enc('abc'));
    expect(log.lineCount).toBe(2);
    expect(log.lineText(0)).toBe('abcdef');
  });

  it('holds a million lines with an index, not a million strings', () => {
    const log = createLogBuffer();
    const chunk = enc(Array.from({ length: 10_000 }, (_, i) => `line ${i}`).join('\n') + '\n');
    for (let i = 0; i < 100; i++) log.append(chunk);
    expect(log.lineCount).toBe(1_000_000);
    expect(log.lineText(999_999)).toBe('line 9999');
    expect(log.lineText(500_000)).toBe('line 0');
  });
});
