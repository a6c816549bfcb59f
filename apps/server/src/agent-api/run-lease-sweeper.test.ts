import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '@ritmo/shared';
import { runLeaseSweeper, sleep } from './run-lease-sweeper.js';

describe('runLeaseSweeper', () => {
  it('sweeps every interval, survives a failed pass, and stops when aborted', async () => {
    const controller = new AbortController();
    const waits: number[] = [];
    let passes = 0;
    const loop = runLeaseSweeper({
      intervalMs: 1234,
      signal: controller.signal,
      logger: createSilentLogger(),
      sweep: async () => {
        passes++;
        if (passes === 2) throw new Error('database away');
        if (passes === 4) controller.abort();
      },
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await loop;
    expect(passes).toBe(4);
    expect(waits).toEqual([1234, 1234, 1234, 1234]);
  });

  it('sleeps until the signal aborts', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort();
    await expect(slept).resolves.toBeUndefined();
  });
});
