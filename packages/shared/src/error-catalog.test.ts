import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalog, RitmoError, toError } from '@ritmo/shared';

const repo = join(import.meta.dirname, '..', '..', '..');

/** Rows of docs/errors.md: `| \`ERR_X\` | 404 | meaning |`. */
function documentedCodes(): Map<string, number> {
  const rows = new Map<string, number>();
  const text = readFileSync(join(repo, 'docs', 'errors.md'), 'utf8');
  for (const m of text.matchAll(/^\|\s*`(ERR_[A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|/gm)) {
    expect(rows.has(m[1]!), `${m[1]} is documented twice`).toBe(false);
    rows.set(m[1]!, Number(m[2]));
  }
  return rows;
}

/** Every ERR_ code written in the sources of packages/ and apps/ (tests excluded). */
function codesUsedInSources(): Set<string> {
  const used = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist' || name === 'testdata') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/['"`](ERR_[A-Z0-9_]+)['"`]/g)) used.add(m[1]!);
      }
    }
  };
  for (const top of ['packages', 'apps']) walk(join(repo, top));
  return used;
}

describe('error catalog', () => {
  it('agrees with docs/errors.md, code by code and status by status', () => {
    const documented = documentedCodes();
    const catalog = new Map(Object.entries(errorCatalog).map(([code, spec]) => [code, spec.status]));
    expect([...documented.keys()].filter((c) => !catalog.has(c)), 'documented but not in the catalog').toEqual([]);
    expect([...catalog.keys()].filter((c) => !documented.has(c)), 'in the catalog but not documented').toEqual([]);
    for (const [code, status] of catalog) expect(documented.get(code), code).toBe(status);
  });

  it('declares every code the sources use', () => {
    // Node's own codes (ERR_STREAM_PREMATURE_CLOSE ...) share the prefix; only our areas are checked.
    const areas = new Set(Object.keys(errorCatalog).map((c) => c.split('_')[1]));
    const unknown = [...codesUsedInSources()].filter((c) => areas.has(c.split('_')[1]) && !Object.hasOwn(errorCatalog, c));
    expect(unknown).toEqual([]);
  });

  it('names codes ERR_<AREA>_<WHAT> with a valid HTTP status', () => {
    for (const [code, spec] of Object.entries(errorCatalog)) {
      expect(code).toMatch(/^ERR_[A-Z0-9]+(_[A-Z0-9]+)*$/);
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.status).toBeLessThan(600);
      expect(spec.summary.length).toBeGreaterThan(10);
    }
  });
});

describe('RitmoError', () => {
  it('carries the code, the catalog status and the envelope fields', () => {
    const e = new RitmoError('ERR_INVALID_ARGUMENT', 'limit must be positive', { details: { limit: -1 }, suggestions: ['use 1'] });
    expect(e.status).toBe(400);
    expect(e.toJSON()).toEqual({ error: 'ERR_INVALID_ARGUMENT', message: 'limit must be positive', details: { limit: -1 }, suggestions: ['use 1'] });
  });
});

describe('toError', () => {
  it('passes errors through and wraps anything else', () => {
    const e = new Error('x');
    expect(toError(e)).toBe(e);
    expect(toError('boom').message).toBe('boom');
    expect(toError({ a: 1 }).message).toContain('{"a":1}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(toError(circular)).toBeInstanceOf(Error);
  });
});
