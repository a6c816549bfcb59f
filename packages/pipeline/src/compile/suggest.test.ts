import { describe, expect, it } from 'vitest';
import { didYouMean, suggest } from './suggest.js';

const KEYS = ['name', 'needs', 'runs-on', 'steps', 'timeout', 'environment', 'continue-on-error', 'services'];

describe('suggest', () => {
  it.each([
    ['runs_on', 'runs-on'],
    ['need', 'needs'],
    ['stpes', 'steps'],
    ['tiemout', 'timeout'],
    ['enviroment', 'environment'],
    ['Continue-On-Error', 'continue-on-error'],
    ['service', 'services'],
  ])('%s -> %s', (typo, key) => {
    expect(suggest(typo, KEYS)).toBe(key);
  });

  it('suggests nothing when no candidate is close', () => {
    expect(suggest('banana', KEYS)).toBeUndefined();
    expect(suggest('x', [])).toBeUndefined();
  });

  it('does not suggest the word itself', () => {
    expect(suggest('needs', ['needs'])).toBeUndefined();
  });

  it('formats a suggestion', () => {
    expect(didYouMean('need', KEYS)).toEqual(['did you mean "needs"?']);
    expect(didYouMean('zzz', KEYS)).toEqual([]);
  });
});
