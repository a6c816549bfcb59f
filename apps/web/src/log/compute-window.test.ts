import { describe, expect, it } from 'vitest';
import { computeWindow, scrollTopForRow } from './compute-window';

const base = { viewportHeight: 400, rowHeight: 20, overscan: 5, maxHeight: 8_000_000 };

describe('computeWindow', () => {
  it('renders only the rows in view plus the overscan', () => {
    const w = computeWindow({ ...base, rowCount: 1000, scrollTop: 2000 });
    expect(w).toEqual({ first: 95, last: 125, totalHeight: 20_000, firstTop: 1900 });
  });

  it('clamps at both ends', () => {
    expect(computeWindow({ ...base, rowCount: 1000, scrollTop: 0 })).toMatchObject({ first: 0, last: 25, firstTop: 0 });
    expect(computeWindow({ ...base, rowCount: 1000, scrollTop: 99_999 })).toMatchObject({ first: 975, last: 1000 });
    expect(computeWindow({ ...base, rowCount: 3, scrollTop: 50 })).toEqual({ first: 0, last: 3, totalHeight: 60, firstTop: 0 });
    expect(computeWindow({ ...base, rowCount: 0, scrollTop: 0 })).toEqual({ first: 0, last: 0, totalHeight: 0, firstTop: 0 });
  });

  it('keeps a million rows within the height cap and reaches the last row at the bottom', () => {
    const rowCount = 1_000_000;
    const top = computeWindow({ ...base, rowCount, scrollTop: 0 });
    expect(top.totalHeight).toBe(8_000_000);
    expect(top.last - top.first).toBeLessThanOrEqual(30);
    const bottom = computeWindow({ ...base, rowCount, scrollTop: 8_000_000 - 400 });
    expect(bottom.last).toBe(rowCount);
    // The last row's bottom is the viewport's bottom.
    expect(bottom.firstTop + (rowCount - bottom.first) * 20).toBeCloseTo(8_000_000, 6);
    const middle = computeWindow({ ...base, rowCount, scrollTop: 4_000_000 });
    expect(middle.first).toBeGreaterThan(400_000);
    expect(middle.last).toBeLessThan(600_000);
    expect(middle.last - middle.first).toBeLessThanOrEqual(31);
  });

  it('finds the scroll position that shows a row at the top', () => {
    const input = { ...base, rowCount: 1_000_000 };
    for (const row of [0, 12_345, 500_000, 999_000]) {
      const w = computeWindow({ ...input, scrollTop: scrollTopForRow(row, input) });
      expect(w.first).toBe(Math.max(0, row - base.overscan));
      expect(w.firstTop + (row - w.first) * 20).toBeCloseTo(scrollTopForRow(row, input), 6);
    }
    expect(scrollTopForRow(999_999, input)).toBe(8_000_000 - 400);
  });
});
