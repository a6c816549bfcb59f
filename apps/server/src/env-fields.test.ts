import { describe, expect, it } from 'vitest';
import { durationField, optionalDurationField } from './env-fields.js';

describe('env fields', () => {
  it('reads durations in milliseconds, with a default', () => {
    expect(durationField('7d').parse(undefined)).toBe(604_800_000);
    expect(durationField('7d').parse('90s')).toBe(90_000);
    expect(optionalDurationField().parse(undefined)).toBeUndefined();
    expect(optionalDurationField().parse('')).toBeUndefined();
    expect(optionalDurationField().parse('500ms')).toBe(500);
  });

  it('names a bad duration', () => {
    expect(durationField('1s').safeParse('soon').error?.issues[0]?.message).toMatch(/^"soon" is not a duration/);
    expect(optionalDurationField().safeParse('0s').error?.issues[0]?.message).toMatch(/^"0s" is not a duration/);
  });
});
