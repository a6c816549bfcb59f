import { describe, expect, it } from 'vitest';
import type { Triggers } from '../plan.js';
import { diagnose, oneJob, planOf } from './test-helpers.js';

const JOB = oneJob('steps: [make]');
const triggers = (on: string): Triggers => planOf(`on: ${on}\n${JOB}`).on;

describe('compileTriggers', () => {
  it('without on: runs on pushes, tags and by hand', () => {
    expect(planOf(JOB).on).toEqual({ push: {}, tag: {}, schedule: [], manual: { inputs: {} } });
  });

  it.each<[string, string, Triggers]>([
    ['one event name', 'push', { push: {}, schedule: [] }],
    ['a list of event names', '[push, pull_request, tag, manual]', {
      push: {},
      pullRequest: { types: ['opened', 'synchronize', 'reopened'] },
      tag: {},
      schedule: [],
      manual: { inputs: {} },
    }],
    ['events with empty values', '{ push: , pull_request: , manual: }', {
      push: {},
      pullRequest: { types: ['opened', 'synchronize', 'reopened'] },
      schedule: [],
      manual: { inputs: {} },
    }],
    ['push filters, one glob or a list', '{ push: { branches: main, tags: ["v*"], paths: ["src/**", "!src/**/*.md"] } }', {
      push: { branches: ['main'], tags: ['v*'], paths: ['src/**', '!src/**/*.md'] },
      schedule: [],
    }],
    ['push ignore filters', '{ push: { branches-ignore: ["wip/*"], tags-ignore: ["tmp-*"], paths-ignore: ["**/*.md"] } }', {
      push: { branchesIgnore: ['wip/*'], tagsIgnore: ['tmp-*'], pathsIgnore: ['**/*.md'] },
      schedule: [],
    }],
    ['pull request filters and types', '{ pull_request: { branches: [main], paths-ignore: [docs/**], types: [opened, closed] } }', {
      pullRequest: { branches: ['main'], pathsIgnore: ['docs/**'], types: ['opened', 'closed'] },
      schedule: [],
    }],
    ['tag filters', '{ tag: { tags: ["v*.*.*"] } }', { tag: { tags: ['v*.*.*'] }, schedule: [] }],
    ['tag ignore filters', '{ tag: { tags-ignore: ["*-rc*"] } }', { tag: { tagsIgnore: ['*-rc*'] }, schedule: [] }],
    ['schedules with and without time zone', '{ schedule: [{ cron: "0 3 * * *" }, { cron: "@hourly", timezone: Europe/Berlin }, { cron: "*/30 * * * * *" }] }', {
      schedule: [{ cron: '0 3 * * *' }, { cron: '@hourly', timezone: 'Europe/Berlin' }, { cron: '*/30 * * * * *' }],
    }],
  ])('%s', (_, on, expected) => {
    expect(triggers(on)).toEqual(expected);
  });

  it('compiles manual inputs with their types and defaults', () => {
    const on = [
      '',
      '  manual:',
      '    inputs:',
      '      target: { type: choice, options: [staging, prod], default: staging, description: Where to }',
      '      count: { type: number, default: 3 }',
      '      dry: { type: boolean, default: false, required: true }',
      '      note: {}',
    ].join('\n');
    expect(triggers(on).manual).toEqual({
      inputs: {
        target: { type: 'choice', description: 'Where to', required: false, default: 'staging', options: ['staging', 'prod'] },
        count: { type: 'number', required: false, default: 3 },
        dry: { type: 'boolean', required: true, default: false },
        note: { type: 'string', required: false },
      },
    });
  });

  it('rejects schedule given as a bare event name', () => {
    expect(diagnose(`on: [push, schedule]\n${JOB}`)).toEqual(['1:12 ERR_PIPELINE_INVALID_VALUE']);
  });
});
