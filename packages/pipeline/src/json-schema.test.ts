import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { pipelineJsonSchema, PIPELINE_SCHEMA_ID } from './json-schema.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
};

const kindOf = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v === 'object' ? 'object' : typeof v;

/** A loose structural check: types, required keys, unknown keys, enums, items, anyOf. Returns problems as `path: what`. */
function check(schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.anyOf) {
    const results = schema.anyOf.map((s) => check(s, value, path));
    return results.some((r) => r.length === 0) ? [] : (results.find((r) => r.length > 0 && !r[0]!.endsWith('wrong type')) ?? [`${path}: wrong type`]);
  }
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const kind = kindOf(value);
    if (!types.includes(kind) && !(kind === 'integer' && types.includes('number'))) return [`${path}: wrong type`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: not in enum`];
  const problems: string[] = [];
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => problems.push(...check(schema.items!, item, `${path}[${i}]`)));
  if (kindOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}: missing ${key}`);
    for (const [key, child] of Object.entries(record)) {
      const known = schema.properties?.[key];
      const pattern = Object.entries(schema.patternProperties ?? {}).find(([p]) => new RegExp(p).test(key));
      if (known) problems.push(...check(known, child, `${path}.${key}`));
      else if (pattern) problems.push(...check(pattern[1], child, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}: unknown key ${key}`);
      else if (typeof schema.additionalProperties === 'object') problems.push(...check(schema.additionalProperties, child, `${path}.${key}`));
    }
  }
  return problems;
}

const golden = (name: string) =>
  parseDocument(readFileSync(fileURLToPath(new URL(`../testdata/golden/${name}`, import.meta.url)), 'utf8'), { merge: true }).toJS();

describe('pipelineJsonSchema', () => {
  const schema = pipelineJsonSchema() as Schema & Record<string, unknown>;

  it('is a draft 2020-12 schema with an id and a title', () => {
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: PIPELINE_SCHEMA_ID, title: 'Ritmo pipeline', type: 'object' });
    expect(schema.required).toEqual(['jobs']);
  });

  it('lists every top-level key and every job key', () => {
    expect(Object.keys(schema.properties ?? {})).toEqual(['name', 'on', 'env', 'concurrency', 'stages', 'jobs']);
    const job = (schema.properties?.jobs?.additionalProperties ?? {}) as Schema;
    expect(Object.keys(job.properties ?? {}).sort()).toEqual(
      [
        'name', 'stage', 'needs', 'runs-on', 'image', 'services', 'env', 'if', 'strategy', 'timeout', 'retry',
        'continue-on-error', 'concurrency', 'cache', 'artifacts', 'reports', 'environment', 'outputs', 'steps',
      ].sort(),
    );
    expect(job.required).toEqual(['steps']);
  });

  it('carries descriptions for editors', () => {
    const job = schema.properties?.jobs?.additionalProperties as Schema & { properties: Record<string, { description?: string }> };
    expect(job.properties['runs-on']?.description).toContain('Agent labels');
  });

  it.each(['design-example.yml', 'every-key.yml', 'matrix.yml', 'stages.yml'])('accepts the shape of %s', (name) => {
    const value = golden(name) as Record<string, unknown>;
    expect(check(schema, value)).toEqual([]);
  });

  it('rejects the shape of a file with a misspelled job key or a missing one', () => {
    expect(check(schema, { jobs: { a: { steps: ['x'], runs_on: 'y' } } })).toEqual(['$.jobs.a: unknown key runs_on']);
    expect(check(schema, { jobs: { a: {} } })).toEqual(['$.jobs.a: missing steps']);
    expect(check(schema, { name: 'x' })).toEqual(['$: missing jobs']);
  });
});
