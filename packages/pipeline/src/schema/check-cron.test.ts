import { describe, expect, it } from 'vitest';
import { checkCron, checkTimezone } from './check-cron.js';

describe('checkCron', () => {
  it.each(['0 3 * * *', '*/15 9-17 * * 1-5', '0 0 3 * * *', '@daily', '@hourly', '0 0 1 1 *'])('accepts %s', (cron) => {
    expect(checkCron(cron)).toBeUndefined();
  });

  it.each([
    ['0 25 * * *', 'invalid value for hour: 25'],
    ['60 * * * *', 'invalid value for minute: 60'],
    ['* * *', 'exactly five or six'],
    ['every day', 'exactly five or six'],
  ])('rejects %s', (cron, reason) => {
    expect(checkCron(cron)).toContain(reason);
    expect(checkCron(cron)).toMatch(new RegExp(`^"${cron.replace(/[*]/g, '\\*')}" is not a valid cron expression: `));
  });
});

describe('checkTimezone', () => {
  it('accepts IANA names and rejects others', () => {
    expect(checkTimezone('Europe/Berlin')).toBeUndefined();
    expect(checkTimezone('UTC')).toBeUndefined();
    expect(checkTimezone('Mars/Olympus')).toContain('not a known time zone');
  });
});
