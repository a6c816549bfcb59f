import { isRitmoError } from '@ritmo/shared';
import { describe, expect, it } from 'vitest';
import { parseKeyValues } from './parse-key-values.js';
import { parsePositiveInt } from './parse-positive-int.js';
import { parseEvent } from './parse-event.js';

describe('parseKeyValues', () => {
  it('splits at the first = and keeps empty values and later repetitions', () => {
    expect(parseKeyValues(['a=1', 'url=x=y', 'empty=', 'a=2'], '--env')).toEqual({ a: '2', url: 'x=y', empty: '' });
  });

  it.each(['novalue', '=x', ' =x'])('rejects %j as a usage error naming the option', (item) => {
    let error: unknown;
    try {
      parseKeyValues([item], '--input');
    } catch (e: unknown) {
      error = e;
    }
    expect(isRitmoError(error, 'ERR_CLI_USAGE')).toBe(true);
    expect((error as Error).message).toContain('--input expects KEY=VALUE');
  });
});

describe('parsePositiveInt and parseEvent', () => {
  it('accepts whole numbers of at least 1 only', () => {
    expect(parsePositiveInt('3', '--max-parallel')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', '']) expect(() => parsePositiveInt(bad, '--max-parallel')).toThrow(/--max-parallel/);
  });

  it('defaults the event to push and rejects unknown events', () => {
    expect(parseEvent(undefined)).toBe('push');
    expect(parseEvent('tag')).toBe('tag');
    expect(() => parseEvent('deploy')).toThrow(/--event must be one of push, pull_request, tag, manual/);
  });
});
