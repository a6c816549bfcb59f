import type { Job, LiveEvent } from '@ritmo/client';
import { describe, expect, it } from 'vitest';
import { createColors } from '../output/colors.js';
import { createBuildPrinter } from './create-build-printer.js';

const job = (id: string, name: string): Job => ({
  id,
  buildId: 'b_1',
  key: name,
  name,
  stage: null,
  needs: [],
  runsOn: [],
  status: 'queued',
  reason: null,
  attempt: 1,
  agentId: null,
  exitCode: null,
  logSize: 0,
  createdAt: '2025-01-01T00:00:00.000Z',
  queuedAt: null,
  startedAt: null,
  finishedAt: null,
  steps: [],
});

const status = (jobId: string, s: string, at: string, extra: { attempt?: number; exitCode?: number; reason?: string } = {}): LiveEvent =>
  ({ type: 'job.status', buildId: 'b_1', jobId, key: jobId, status: s, attempt: extra.attempt ?? 1, exitCode: extra.exitCode ?? null, reason: extra.reason ?? null, at }) as LiveEvent;

function printer(prefix = true) {
  let out = '';
  const p = createBuildPrinter({ jobs: [job('j_a', 'build'), job('j_b', 'test (node: 20)')], out: { write: (t: string) => (out += t) }, colors: createColors(false), prefix, statuses: prefix });
  return { p, out: () => out };
}

describe('createBuildPrinter', () => {
  it('prints each byte of a log once: repeats and overlaps are cut, lines are joined across chunks', () => {
    const { p, out } = printer();
    p.log('j_a', 1, 0, 6, 'one\ntw');
    p.log('j_a', 1, 0, 6, 'one\ntw'); // a repeat
    p.log('j_a', 1, 4, 11, 'two\r\nth'); // overlaps "tw"
    p.log('j_a', 1, 11, 15, 'ree\n');
    p.log('j_b', 1, 0, 3, 'hé'); // 3 bytes, no line break yet
    p.flush();
    expect(out()).toBe(['build           | one', 'build           | two', 'build           | three', 'test (node: 20) | hé', ''].join('\n'));
  });

  it('starts over for a newer attempt and ignores older ones; marks bytes it never got', () => {
    const { p, out } = printer(false);
    p.log('j_a', 1, 0, 4, 'old\n');
    p.event(status('j_a', 'queued', '2025-01-01T00:00:01.000Z', { attempt: 2 }));
    p.log('j_a', 1, 4, 9, 'late\n');
    p.log('j_a', 2, 0, 4, 'new\n');
    p.log('j_a', 2, 10, 15, 'gap\n');
    expect(out()).toBe('old\nnew\n[log bytes 4-10 not received]\ngap\n');
    expect(p.position('j_a')).toEqual({ attempt: 2, offset: 15 });
  });

  it('starts at a seek position (after --tail)', () => {
    const { p, out } = printer(false);
    p.seek('j_a', { attempt: 1, offset: 100 });
    p.log('j_a', 1, 0, 104, `${'x'.repeat(100)}end\n`);
    expect(out()).toBe('end\n');
  });

  it('prints status changes once, with the duration, exit code and reason, and pending never', () => {
    const { p, out } = printer();
    p.event(status('j_a', 'queued', '2025-01-01T00:00:00.000Z')); // unchanged
    p.event(status('j_b', 'pending', '2025-01-01T00:00:00.000Z'));
    p.event(status('j_a', 'running', '2025-01-01T00:00:01.000Z'));
    p.log('j_a', 1, 0, 7, 'no end');
    p.event(status('j_a', 'failure', '2025-01-01T00:00:03.500Z', { exitCode: 3 }));
    p.event(status('j_b', 'skipped', '2025-01-01T00:00:04.000Z', { reason: 'needs failed' }));
    expect(out()).toBe(
      [
        'build           | job running',
        'build           | no end',
        'build           | job failure in 2.5s (exit 3)',
        'test (node: 20) | job skipped (needs failed)',
        '',
      ].join('\n'),
    );
  });
});
