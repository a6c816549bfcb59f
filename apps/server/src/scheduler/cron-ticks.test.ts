import { describe, expect, it } from 'vitest';
import { latestTick, nextTick } from './cron-ticks.js';

const at = (iso: string): number => Date.parse(iso);

describe('cron ticks', () => {
  it('finds the next tick strictly after an instant, in the schedule timezone', () => {
    expect(nextTick('0 3 * * *', null, at('2025-01-01T03:00:00Z'))).toBe(at('2025-01-02T03:00:00Z'));
    expect(nextTick('0 3 * * *', 'Europe/Berlin', at('2025-01-01T00:00:00Z'))).toBe(at('2025-01-01T02:00:00Z'));
    expect(nextTick('*/15 * * * *', null, at('2025-01-01T00:07:00Z'))).toBe(at('2025-01-01T00:15:00Z'));
  });

  it('finds the latest missed tick, however long ago the due one was', () => {
    expect(latestTick('*/5 * * * *', null, at('2025-01-01T00:00:00Z'), at('2025-01-03T10:07:30Z'))).toBe(at('2025-01-03T10:05:00Z'));
    expect(latestTick('0 0 1 1 *', null, at('2020-01-01T00:00:00Z'), at('2025-06-01T00:00:00Z'))).toBe(at('2025-01-01T00:00:00Z'));
    // Due exactly now: that tick.
    expect(latestTick('0 * * * *', null, at('2025-01-01T05:00:00Z'), at('2025-01-01T05:00:00Z'))).toBe(at('2025-01-01T05:00:00Z'));
  });
});
