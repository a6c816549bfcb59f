import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePipeline } from './compile-pipeline.js';
import { pipelineJsonSchema } from './json-schema.js';
import { defaultLimits, type Limits } from './limits.js';

/** Checks that docs/pipeline.md documents every key of the schema and every limit, and that its examples compile. */

const DOC_PATH = fileURLToPath(new URL('../../../docs/pipeline.md', import.meta.url));
const doc = readFileSync(DOC_PATH, 'utf8');

type Schema = {
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
};

interface Line {
  text: string;
  /** False inside fenced code blocks, where `#` starts a comment rather than a heading. */
  prose: boolean;
}

const lines: Line[] = (() => {
  let fenced = false;
  return doc.split('\n').map((text) => {
    if (text.startsWith('```')) {
      fenced = !fenced;
      return { text, prose: false };
    }
    return { text, prose: !fenced };
  });
})();

const HEADING = /^(#{1,6}) (.*)$/;

function headingLevel(line: Line): number | undefined {
  if (!line.prose) return undefined;
  return HEADING.exec(line.text)?.[1]?.length;
}

/** The lines under the heading with exactly this text, up to the next heading of the same or a higher level. */
function section(within: Line[], title: string): Line[] {
  const start = within.findIndex((l) => l.prose && HEADING.exec(l.text)?.[2] === title);
  if (start < 0) throw new Error(`docs/pipeline.md has no heading "${title}"`);
  const level = headingLevel(within[start]!)!;
  const rest = within.slice(start + 1);
  const end = rest.findIndex((l) => (headingLevel(l) ?? Infinity) <= level);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Keys documented in a section: headings that start with a key in backticks, and table rows whose first cell is one. */
function documentedKeys(part: Line[]): Set<string> {
  const keys = new Set<string>();
  for (const line of part) {
    if (!line.prose) continue;
    const key = /^#{1,6} `([^`]+)`/.exec(line.text)?.[1] ?? /^\|\s*`([^`]+)`\s*\|/.exec(line.text)?.[1];
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

/** Property names of the object schemas directly reachable through anyOf, items and additionalProperties. */
function objectKeys(schema: Schema | undefined): string[] {
  if (schema === undefined) return [];
  const keys = new Set(Object.keys(schema.properties ?? {}));
  for (const branch of schema.anyOf ?? []) for (const k of objectKeys(branch)) keys.add(k);
  if (schema.items) for (const k of objectKeys(schema.items)) keys.add(k);
  if (typeof schema.additionalProperties === 'object') for (const k of objectKeys(schema.additionalProperties)) keys.add(k);
  return [...keys];
}

/** Every property name anywhere inside a key's schema (services' image, strategy's matrix and include ...). */
function nestedKeys(schema: Schema | undefined): string[] {
  if (schema === undefined) return [];
  const keys = new Set<string>();
  const visit = (s: Schema): void => {
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      keys.add(name);
      visit(child);
    }
    for (const branch of s.anyOf ?? []) visit(branch);
    if (s.items) visit(s.items);
    if (typeof s.additionalProperties === 'object') visit(s.additionalProperties);
  };
  visit(schema);
  return [...keys];
}

const missing = (expected: readonly string[], documented: Set<string>): string[] => expected.filter((k) => !documented.has(k));

const schema = pipelineJsonSchema() as Schema;
const top = schema.properties ?? {};
const jobSchema = top.jobs?.additionalProperties as Schema;
const jobProps = jobSchema.properties ?? {};
const stepSchema = (jobProps.steps?.items?.anyOf ?? []).find((s) => s.properties !== undefined) as Schema;
const onMap = (top.on?.anyOf ?? []).find((s) => s.properties !== undefined) as Schema;

describe('docs/pipeline.md keys', () => {
  const topSection = section(lines, 'Top-level keys');
  const triggers = section(lines, 'Triggers: `on`');
  const jobSection = section(lines, 'Job keys');
  const stepSection = section(lines, 'Step keys');

  it('finds the schema parts it checks against', () => {
    expect(Object.keys(top)).toContain('jobs');
    expect(Object.keys(onMap.properties ?? {})).toContain('push');
    expect(Object.keys(jobProps)).toContain('steps');
    expect(Object.keys(stepSchema.properties ?? {})).toContain('run');
  });

  it('documents every top-level key, and the keys inside each', () => {
    expect(missing(Object.keys(top), documentedKeys(topSection))).toEqual([]);
    for (const key of ['concurrency', 'env', 'stages', 'name']) {
      expect(missing(nestedKeys(top[key]), documentedKeys(section(topSection, `\`${key}\``))), key).toEqual([]);
    }
  });

  it('documents every event under on:, and the keys of each', () => {
    const events = Object.keys(onMap.properties ?? {});
    expect(events).toEqual(['push', 'pull_request', 'tag', 'schedule', 'manual']);
    expect(missing(events, documentedKeys(triggers))).toEqual([]);
    for (const event of events) {
      const keys = nestedKeys(onMap.properties?.[event]);
      expect(keys.length, event).toBeGreaterThan(0);
      expect(missing(keys, documentedKeys(section(triggers, `\`${event}\``))), event).toEqual([]);
    }
  });

  it('documents every job key, and the keys inside each', () => {
    expect(missing(Object.keys(jobProps), documentedKeys(jobSection))).toEqual([]);
    for (const [key, child] of Object.entries(jobProps)) {
      if (key === 'steps') continue;
      expect(missing(nestedKeys(child), documentedKeys(section(jobSection, `\`${key}\``))), key).toEqual([]);
    }
  });

  it('documents every step key', () => {
    expect(missing(objectKeys(stepSchema), documentedKeys(stepSection))).toEqual([]);
  });
});

/** For each limit: a small override and a file that breaks it, so the code in the table is the one the compiler uses. */
const LIMIT_BREAKERS: Record<keyof Limits, { limits: Partial<Limits>; yaml: string }> = {
  maxFileBytes: { limits: { maxFileBytes: 10 }, yaml: 'jobs:\n  a: { steps: [make] }\n' },
  maxDepth: { limits: { maxDepth: 2 }, yaml: 'jobs:\n  a: { steps: [make] }\n' },
  maxAliases: { limits: { maxAliases: 0 }, yaml: 'x-s: &s [make]\njobs:\n  a: { steps: *s }\n' },
  maxJobs: { limits: { maxJobs: 1 }, yaml: 'jobs:\n  a: { steps: [make] }\n  b: { steps: [make] }\n' },
  maxMatrix: { limits: { maxMatrix: 1 }, yaml: 'jobs:\n  a: { strategy: { matrix: { x: [1, 2] } }, steps: [make] }\n' },
  maxNeeds: { limits: { maxNeeds: 1 }, yaml: 'jobs:\n  a: { steps: [make] }\n  b: { steps: [make] }\n  c: { needs: [a, b], steps: [make] }\n' },
  maxJobNameLength: { limits: { maxJobNameLength: 3 }, yaml: 'jobs:\n  abcd: { steps: [make] }\n' },
};

describe('docs/pipeline.md limits', () => {
  const table = section(lines, 'Limits').filter((l) => l.prose && l.text.startsWith('|'));

  it('has a way to break every limit', () => {
    expect(Object.keys(LIMIT_BREAKERS).sort()).toEqual(Object.keys(defaultLimits).sort());
  });

  it.each(Object.keys(defaultLimits) as (keyof Limits)[])('documents %s with its default and its code', (name) => {
    const breaker = LIMIT_BREAKERS[name];
    const codes = compilePipeline(breaker.yaml, { limits: breaker.limits })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.code);
    const limitCodes = [...new Set(codes.filter((c) => c.startsWith('ERR_PIPELINE_LIMIT_')))];
    expect(limitCodes).toHaveLength(1);
    const row = table.find((l) => l.text.includes(`\`${name}\``))?.text;
    expect(row, `a row for ${name}`).toBeDefined();
    const value = defaultLimits[name];
    const cells = row!.split('|').map((c) => c.trim());
    expect(cells.some((c) => c.startsWith(String(value)) || c.startsWith(value.toLocaleString('en-US'))), `${name} = ${value}`).toBe(true);
    expect(row).toContain(`\`${limitCodes[0]}\``);
  });
});

interface Example {
  line: number;
  text: string;
}

const examples: Example[] = (() => {
  const found: Example[] = [];
  const all = doc.split('\n');
  for (let i = 0; i < all.length; i++) {
    if (all[i] !== '```yaml') continue;
    const end = all.indexOf('```', i + 1);
    found.push({ line: i + 2, text: all.slice(i + 1, end).join('\n') + '\n' });
    i = end;
  }
  return found;
})();

const INVALID = /^# invalid\b(.*)$/;

describe('docs/pipeline.md yaml examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(40);
  });

  it.each(examples.map((e) => [e.line, e] as const))('the example at line %i behaves as marked', (_line, example) => {
    const marker = INVALID.exec(example.text.split('\n')[0] ?? '');
    const errors = compilePipeline(example.text, { file: 'docs/pipeline.md' }).diagnostics.filter((d) => d.severity === 'error');
    if (!marker) {
      expect(errors.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
      return;
    }
    expect(errors.length).toBeGreaterThan(0);
    const expected = marker[1]?.match(/ERR_[A-Z_]+/g) ?? [];
    for (const code of expected) expect(errors.map((d) => d.code)).toContain(code);
  });
});
