import { Cron } from 'croner';

/** Schedules without a timezone run in UTC. */
export const DEFAULT_TIMEZONE = 'UTC';

function cronOf(expression: string, timezone: string | null): Cron {
  return new Cron(expression, { paused: true, timezone: timezone ?? DEFAULT_TIMEZONE });
}

/** The first tick strictly after `after` (ms), or undefined when the expression has no more. */
export function nextTick(expression: string, timezone: string | null, after: number): number | undefined {
  return cronOf(expression, timezone).nextRun(new Date(after))?.getTime();
}

const WINDOWS = [60 * 60_000, 24 * 3_600_000, 7 * 24 * 3_600_000, 32 * 24 * 3_600_000, 367 * 24 * 3_600_000, 8 * 367 * 24 * 3_600_000];

/**
 * The latest tick at or before `now`, no earlier than `from` (the tick that was due). Searches the
 * smallest window before `now` that holds a tick, so a server that was down for long finds the tick
 * to fire without walking every missed one.
 */
export function latestTick(expression: string, timezone: string | null, from: number, now: number): number {
  const cron = cronOf(expression, timezone);
  for (const width of WINDOWS) {
    const start = Math.max(from, now - width);
    const first = cron.nextRun(new Date(start - 1))?.getTime();
    if (first === undefined || first > now) {
      if (start === from) break;
      continue;
    }
    let tick: number = first;
    for (;;) {
      const next: number | undefined = cron.nextRun(new Date(tick))?.getTime();
      if (next === undefined || next > now) return tick;
      tick = next;
    }
  }
  return from;
}
