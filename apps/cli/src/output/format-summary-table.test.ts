import { describe, expect, it } from 'vitest';
import { createColors, shouldUseColor } from './colors.js';
import { createJobPrefixer } from './job-prefixer.js';
import { formatSummaryTable } from './format-summary-table.js';

describe('formatSummaryTable', () => {
  it('aligns job, status and duration and ends with the build result', () => {
    const text = formatSummaryTable(
      [
        { name: 'build', status: 'success', durationMs: 1200 },
        { name: 'test (node: 20)', status: 'failure', durationMs: 300, note: 'continue-on-error' },
        { name: 'deploy', status: 'skipped' },
      ],
      { status: 'success', durationMs: 2500 },
      createColors(false),
    );
    expect(text).toBe(
      [
        'JOB              STATUS   DURATION',
        'build            success  1.2s',
        'test (node: 20)  failure  300ms  continue-on-error',
        'deploy           skipped  -',
        'build success in 2.5s',
        '',
      ].join('\n'),
    );
  });

  it('colors statuses only when colors are on', () => {
    const text = formatSummaryTable([{ name: 'a', status: 'failure', durationMs: 1 }], { status: 'failure', durationMs: 1 }, createColors(true));
    expect(text).toContain('\u001b[31mfailure\u001b[39m');
  });
});

describe('colors and prefixes', () => {
  it('follows NO_COLOR over FORCE_COLOR over the terminal', () => {
    expect(shouldUseColor({ write: () => true, isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ write: () => true }, {})).toBe(false);
    expect(shouldUseColor({ write: () => true }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor({ write: () => true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldUseColor({ write: () => true, isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });

  it('pads job names to the longest one and colors each job differently', () => {
    const plainPrefix = createJobPrefixer(['build', 'test (node: 20)'], createColors(false));
    expect(plainPrefix('build')).toBe('build           | ');
    const colored = createJobPrefixer(['a', 'b'], createColors(true));
    expect(colored('a')).not.toBe(colored('b').replace('b', 'a'));
  });
});
