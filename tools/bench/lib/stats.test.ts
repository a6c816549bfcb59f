import { describe, expect, it } from 'vitest';
import { figure, formatTarget, formatValue } from './figure.mjs';
import { percentile, stats } from './stats.mjs';

describe('stats', () => {
  it('takes nearest-rank percentiles and ignores values that are not finite', () => {
    const values = [...Array.from({ length: 100 }, (_, i) => 100 - i), Number.NaN];
    const s = stats(values);
    expect(s).toMatchObject({ n: 100, p50: 50, p90: 90, p99: 99, max: 100, mean: 50.5 });
    expect(percentile([7], 99)).toBe(7);
    expect(stats([]).p50).toBeNaN();
  });

  it('handles samples far larger than the argument limit of Math.max', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    expect(stats(many).max).toBe(299_999);
  });
});

describe('figure', () => {
  it('marks a target met or missed in either direction, and a figure without a target as info', () => {
    expect(figure({ scenario: 's', name: 'n', value: 12, unit: 'ms', target: { op: '<=', value: 15 } }).status).toBe('met');
    expect(figure({ scenario: 's', name: 'n', value: 16, unit: 'ms', target: { op: '<=', value: 15 } }).status).toBe('missed');
    expect(figure({ scenario: 's', name: 'n', value: 900, unit: 'jobs/s', target: { op: '>=', value: 1000 } }).status).toBe('missed');
    expect(figure({ scenario: 's', name: 'n', value: 3, unit: 'ms' }).status).toBe('info');
    expect(figure({ scenario: 's', name: 'n', value: Number.NaN, unit: 'ms' }).status).toBe('error');
  });

  it('formats values and targets with their unit', () => {
    expect(formatValue(3.14159, 'ms')).toBe('3.14 ms');
    expect(formatValue(31.4159, 'ms')).toBe('31.4 ms');
    expect(formatValue(1234.5, 'jobs/s')).toBe('1235 jobs/s');
    expect(formatTarget(figure({ scenario: 's', name: 'n', value: 1, unit: 'ms', target: { op: '<=', value: 50 } }))).toBe('≤ 50.0 ms');
  });
});
