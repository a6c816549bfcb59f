import { Cron } from 'croner';
import { toError } from '@ritmo/shared';

/** What is wrong with a cron expression, or undefined when croner accepts it (5 or 6 fields, or @nicknames). */
export function checkCron(expression: string): string | undefined {
  try {
    new Cron(expression, { paused: true });
    return undefined;
  } catch (e: unknown) {
    const reason = toError(e).message.replace(/^CronPattern: /, '');
    return `"${expression}" is not a valid cron expression: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
  }
}

/** What is wrong with an IANA time zone name, or undefined when the runtime knows it. */
export function checkTimezone(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return `"${zone}" is not a known time zone (use an IANA name such as Europe/Berlin or UTC)`;
  }
}
