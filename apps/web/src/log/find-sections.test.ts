import { describe, expect, it } from 'vitest';
import { createRowMap } from './create-row-map';
import { createLogBuffer } from './log-buffer';
import { createSectionScanner } from './find-sections';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('createSectionScanner', () => {
  it('finds runner steps, groups and GitLab sections as lines arrive', () => {
    const log = createLogBuffer();
    const scanner = createSectionScanner(log);
    log.append(enc('Cloning\nRunning step "build"\ncompiling\n::group::Details\nx\n::endgroup::\n'));
    expect(scanner.scan()).toBe(true);
    expect(scanner.sections).toEqual([
      { start: 1, end: -1, title: 'build', depth: 0 },
      { start: 3, end: 5, title: 'Details', depth: 1 },
    ]);
    log.append(enc('Step "build" success (exit code 0, 1.2s)\nRunning step "test"\nsection_start:1700000000:unit[collapsed=true]\r\u001b[0K\u001b[36mUnit tests\u001b[0m\nok\nsection_end:1700000001:unit\r\u001b[0K\nRunning st'));
    scanner.scan();
    expect(scanner.sections.map((s) => [s.title, s.start, s.end, s.depth])).toEqual([
      ['build', 1, 6, 0],
      ['Details', 3, 5, 1],
      ['test', 7, -1, 0],
      ['Unit tests', 8, 10, 1],
    ]);
    // The unfinished last line is looked at again once it is complete.
    log.append(enc('ep "lint"\nStep "lint" failure (exit code 1, 1s)\n'));
    scanner.scan();
    expect(scanner.sections.map((s) => [s.title, s.start, s.end])).toEqual([
      ['build', 1, 6],
      ['Details', 3, 5],
      ['test', 7, 10],
      ['Unit tests', 8, 10],
      ['lint', 11, 12],
    ]);
  });
});

describe('createRowMap', () => {
  const sections = [
    { start: 2, end: 5, title: 'a', depth: 0 },
    { start: 3, end: 4, title: 'inner', depth: 1 },
    { start: 8, end: -1, title: 'open', depth: 0 },
  ];

  it('maps rows to lines one to one when nothing is folded', () => {
    const map = createRowMap(12, sections, new Set());
    expect(map.rowCount).toBe(12);
    expect([0, 5, 11].map((r) => map.lineOf(r))).toEqual([0, 5, 11]);
  });

  it('hides the body of folded sections, open ones to the end', () => {
    const map = createRowMap(12, sections, new Set([2, 3, 8]));
    // Rows: 0 1 2(a) 6 7 8(open)
    expect(map.rowCount).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((r) => map.lineOf(r))).toEqual([0, 1, 2, 6, 7, 8]);
    expect([0, 2, 3, 4, 5, 6, 8, 11].map((l) => map.rowOf(l))).toEqual([0, 2, 2, 2, 2, 3, 5, 5]);
  });
});
