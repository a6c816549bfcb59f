import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJunit } from './parse-junit.js';

const sample = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e: unknown) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('parseJunit', () => {
  it('reads a pytest report: statuses, durations and failure messages with their text', () => {
    const cases = parseJunit(sample('pytest.xml'));
    expect(cases.map((c) => [c.suite, c.classname, c.name, c.status, c.durationMs])).toEqual([
      ['pytest', 'tests.test_math', 'test_add', 'passed', 1],
      ['pytest', 'tests.test_math', 'test_div', 'failed', 3],
      ['pytest', 'tests.test_math', 'test_skip', 'skipped', 0],
      ['pytest', 'tests.test_io', 'test_read', 'error', 10],
    ]);
    expect(cases[1]!.message).toContain('assert 2 == 3\n +  where 2 = div(4, 2)');
    expect(cases[1]!.message).toContain('>       assert div(4, 2) == 3');
    expect(cases[2]!.message).toBe('not on linux');
    expect(cases[3]!.message).toBe('failed on setup with "FileNotFoundError: data.txt"\nfixture error');
  });

  it('reads a jest-junit report with several suites and a message only in the text', () => {
    const cases = parseJunit(sample('jest.xml'));
    expect(cases.map((c) => [c.suite, c.name, c.status])).toEqual([
      ['sum', 'sum adds two numbers', 'passed'],
      ['sum', 'sum handles negatives', 'failed'],
      ['format', 'format pads', 'skipped'],
    ]);
    expect(cases[1]!.message).toMatch(/^Error: expect\(received\)\.toBe\(expected\)/);
    expect(cases[1]!.message).toContain('at Object.<anonymous> (/src/sum.test.js:9:22)');
    expect(cases[0]!.message).toBeNull();
  });

  it('reads a Maven Surefire report: a lone testsuite, properties, CDATA, and times with commas', () => {
    const cases = parseJunit(sample('surefire.xml'));
    expect(cases.map((c) => [c.suite, c.classname, c.name, c.status, c.durationMs])).toEqual([
      ['com.example.AppTest', 'com.example.AppTest', 'loads', 'passed', 1_200_250],
      ['com.example.AppTest', 'com.example.AppTest', 'saves', 'error', 10],
    ]);
    expect(cases[1]!.message).toContain('at com.example.App.save(App.java:42)');
    expect(cases[1]!.message).not.toContain('saving');
  });

  it('accepts an empty suite', () => {
    expect(parseJunit('<testsuite/>')).toEqual([]);
    expect(parseJunit('<?xml version="1.0"?>\n<!-- none ran -->\n<testsuites></testsuites>')).toEqual([]);
  });

  it('refuses malformed XML and documents that are not JUnit', () => {
    for (const bad of [
      '<testsuite><testcase name="a"></testsuite>',
      '<testsuite><testcase name="a" time=1/></testsuite>',
      '<testsuite><testcase name="a"/>',
      '<testsuite><!-- unterminated',
      '<html><body/></html>',
      'not xml at all',
      '',
    ]) {
      expect(codeOf(() => parseJunit(bad)), bad).toBe('ERR_REPORT_INVALID');
    }
  });

  it('refuses a DTD, so a billion-laughs document never expands', () => {
    const laughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<testsuite name="&lol9;"><testcase name="&lol9;"/></testsuite>',
    ].join('\n');
    expect(codeOf(() => parseJunit(laughs))).toBe('ERR_REPORT_DTD_FORBIDDEN');
    // An undeclared entity reference stays as written instead of expanding.
    expect(parseJunit('<testsuite><testcase name="&lol9;"/></testsuite>')[0]!.name).toBe('&lol9;');
  });

  it('refuses a report over the size or test-count limits', () => {
    const many = `<testsuite>${'<testcase name="t"/>'.repeat(11)}</testsuite>`;
    expect(parseJunit(many, { maxBytes: 10_000, maxTests: 11 })).toHaveLength(11);
    expect(codeOf(() => parseJunit(many, { maxBytes: 10_000, maxTests: 10 }))).toBe('ERR_REPORT_TOO_MANY_TESTS');
    expect(codeOf(() => parseJunit(many, { maxBytes: 100, maxTests: 100 }))).toBe('ERR_REPORT_TOO_LARGE');
    const deep = `<testsuite>${'<x>'.repeat(100)}${'</x>'.repeat(100)}</testsuite>`;
    expect(codeOf(() => parseJunit(deep))).toBe('ERR_REPORT_INVALID');
  });
});
