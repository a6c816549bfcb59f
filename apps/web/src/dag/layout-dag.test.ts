import { describe, expect, it } from 'vitest';
import type { Job } from '@ritmo/client';
import { groupStatus, layoutDag } from './layout-dag';

const job = (key: string, name: string, needs: string[], status: Job['status'] = 'pending'): Job => ({
  id: `j_${key}`, buildId: 'b_1', key, name, stage: null, needs, runsOn: [], status, reason: null, attempt: 1, agentId: null, exitCode: null, logSize: 0,
  createdAt: '2025-01-01T00:00:00.000Z', queuedAt: null, startedAt: null, finishedAt: null, steps: [],
});

describe('layoutDag', () => {
  it('folds matrix cells into one node and places nodes in columns by their needs', () => {
    const nodes = layoutDag([
      job('build', 'build', [], 'success'),
      job('lint', 'lint', ['build'], 'success'),
      job('test-18', 'test (node: 18)', ['build'], 'success'),
      job('test-20', 'test (node: 20)', ['build'], 'running'),
      job('deploy', 'deploy', ['test-18', 'test-20', 'lint']),
    ]);
    expect(nodes.map((n) => [n.label, n.jobs.length, n.level, n.status])).toEqual([
      ['build', 1, 0, 'success'],
      ['lint', 1, 1, 'success'],
      ['test', 2, 1, 'running'],
      ['deploy', 1, 2, 'pending'],
    ]);
    const deploy = nodes.find((n) => n.label === 'deploy');
    expect(deploy?.needs.sort()).toEqual(['job:lint', 'matrix:test||build']);
  });

  it('keeps a lone cell as a job with its full name', () => {
    expect(layoutDag([job('t-1', 't (os: linux)', [])]).map((n) => n.label)).toEqual(['t (os: linux)']);
  });

  it('shows what goes on now first, then the worst result', () => {
    expect(groupStatus(['success', 'running', 'failure'])).toBe('running');
    expect(groupStatus(['success', 'failure'])).toBe('failure');
    expect(groupStatus(['success', 'skipped'])).toBe('success');
    expect(groupStatus(['skipped', 'skipped'])).toBe('skipped');
  });
});
