import type { Build } from '@ritmo/client';
import { describe, expect, it } from 'vitest';
import { createColors } from '../output/colors.js';
import { formatAge } from './format-age.js';
import { buildDuration, describeRef, formatBuildsTable } from './format-builds-table.js';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');
const build = (over: Partial<Build>): Build => ({
  id: 'b_1',
  projectId: 'p_1',
  number: 7,
  status: 'running',
  event: 'push',
  ref: 'refs/heads/main',
  sha: '0123456789abcdef0123',
  branch: 'main',
  tag: null,
  message: null,
  actor: null,
  inputs: {},
  pipelineName: 'ci',
  retryOf: null,
  error: null,
  canceledBy: null,
  createdAt: '2025-03-01T11:58:00.000Z',
  startedAt: '2025-03-01T11:59:00.000Z',
  finishedAt: null,
  ...over,
});

describe('formatBuildsTable', () => {
  it('ages coarsely and times builds to their end, or to now while they run', () => {
    expect(['2025-03-01T11:59:30.000Z', '2025-03-01T11:00:00.000Z', '2025-02-27T12:00:00.000Z'].map((at) => formatAge(at, NOW))).toEqual(['30s ago', '1h ago', '2d ago']);
    expect(formatAge(null, NOW)).toBe('-');
    expect(buildDuration(build({}), NOW)).toBe('1m00s');
    expect(buildDuration(build({ finishedAt: '2025-03-01T11:59:02.500Z' }), NOW)).toBe('2.5s');
    expect(buildDuration(build({ startedAt: null }), NOW)).toBe('-');
  });

  it('names the branch, else the tag, else the ref or commit', () => {
    expect(describeRef(build({}))).toBe('main');
    expect(describeRef(build({ branch: null, tag: 'v1.2.0' }))).toBe('tag v1.2.0');
    expect(describeRef(build({ branch: null, ref: null }))).toBe('0123456789ab');
  });

  it('keeps columns aligned when statuses are colored', () => {
    const rows = [
      { build: build({}), project: 'web', actor: 'admin' },
      { build: build({ id: 'b_2', number: 12, status: 'failure', finishedAt: '2025-03-01T11:59:01.000Z' }), project: 'api-server', actor: '-' },
    ];
    const plain = formatBuildsTable(rows, createColors(false), NOW);
    expect(plain).toBe(
      [
        '#   PROJECT     STATUS   REF   EVENT  ACTOR  AGE     DURATION  ID',
        '7   web         running  main  push   admin  2m ago  1m00s     b_1',
        '12  api-server  failure  main  push   -      2m ago  1.0s      b_2',
        '',
      ].join('\n'),
    );
    expect(formatBuildsTable(rows, createColors(true), NOW).replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});
