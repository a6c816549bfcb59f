// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Analytics } from '@ritmo/client';
import { renderWithApi } from '../testing/render-with-api';
import { AnalyticsView } from './analytics-view';

afterEach(cleanup);

const day = (d: string, builds: number, rate: number | null, p50: number | null) => ({
  day: d,
  builds,
  succeeded: rate === null ? 0 : Math.round(builds * rate),
  successRate: rate,
  durationP50Ms: p50,
  durationP95Ms: p50 === null ? null : p50 * 2,
  queueWaitP50Ms: p50 === null ? null : 5000,
  queueWaitP95Ms: p50 === null ? null : 15_000,
});

const analytics: Analytics = {
  project: null,
  days: 3,
  from: '2026-11-21T00:00:00.000Z',
  to: '2026-11-24T00:00:00.000Z',
  totals: { builds: 3, successRate: 2 / 3, durationP50Ms: 20_000, durationP95Ms: 120_000, queueWaitP50Ms: 5000, queueWaitP95Ms: 15_000 },
  daily: [day('2026-11-21', 0, null, null), day('2026-11-22', 1, 0, 60_000), day('2026-11-23', 2, 1, 20_000)],
  slowestJobs: [{ project: 'web', job: 'e2e', runs: 3, p50Ms: 55_000, maxMs: 90_000 }],
  flakyTests: [{ project: 'web', suite: 'pytest', classname: 'tests.test_math', name: 'test_div', runs: 4, failures: 1, flakyCommits: ['c0ffee1234'], lastFailedAt: '2026-11-23T10:00:00.000Z', lastMessage: 'assert 2 == 3\nmore' }],
};
const projects = { items: [{ id: 'p_1', name: 'web' }], nextCursor: null };

describe('AnalyticsView', () => {
  it('charts the daily numbers and lists slowest jobs and flaky tests', async () => {
    const { requested } = renderWithApi(<AnalyticsView />, { paths: ['/api/v1/analytics'], routes: { '/api/v1/analytics': analytics, '/api/v1/projects': projects } });
    const totals = await screen.findByTestId('analytics-totals');
    expect(totals.textContent).toBe('Builds3Success rate67%Duration p50 / p9520s / 2m 0sQueue wait p50 / p955.0s / 15s');
    const charts = screen.getAllByTestId('chart');
    expect(charts.map((c) => c.getAttribute('aria-label'))).toEqual(['Build duration', 'Success rate', 'Queue wait']);
    // The empty first day leaves a gap: each series is one line over the two days with data.
    const p50 = charts[0]!.querySelector('[data-series="p50"]')!;
    expect(p50.querySelectorAll('polyline')).toHaveLength(1);
    expect(p50.querySelectorAll('circle')).toHaveLength(2);
    expect([...p50.querySelectorAll('circle title')].map((t) => t.textContent)).toEqual(['2026-11-22: 1m 0s', '2026-11-23: 20s']);
    expect(screen.getByTestId('slowest-jobs').textContent).toContain('e2e355s1m 30s');
    expect(screen.getByTestId('flaky-tests').textContent).toContain('tests.test_math › test_div');
    expect(screen.getByTestId('flaky-tests').textContent).toContain('c0ffee12');
    expect(requested).toContain('/api/v1/analytics?days=14');

    fireEvent.change(await screen.findByLabelText('Project'), { target: { value: 'web' } });
    await waitFor(() => expect(requested).toContain('/api/v1/analytics?project=web&days=14'));
  });

  it('says analytics are not available when the server has no analytics route', async () => {
    const { requested } = renderWithApi(<AnalyticsView />, { paths: ['/api/v1/builds'], routes: {} });
    expect((await screen.findByTestId('not-available')).textContent).toContain('Analytics');
    expect(requested.some((r) => r.startsWith('/api/v1/analytics'))).toBe(false);
  });
});
