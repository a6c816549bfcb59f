// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildTests } from '@ritmo/client';
import { renderWithApi } from '../../testing/render-with-api';
import { TestResults } from './test-results';

afterEach(cleanup);

const tests: BuildTests = {
  buildId: 'b_1',
  reported: true,
  total: 4,
  passed: 1,
  failed: 2,
  errors: 1,
  skipped: 1,
  durationMs: 14,
  failures: [
    { suite: 'pytest', classname: 'tests.test_io', name: 'test_read', status: 'error', durationMs: 10, message: 'FileNotFoundError: data.txt', job: 'test' },
    { suite: 'pytest', classname: 'tests.test_math', name: 'test_div', status: 'failed', durationMs: 3, message: 'assert 2 == 3\n +  where 2 = div(4, 2)', job: 'test' },
  ],
};

describe('TestResults', () => {
  it('shows the build’s counts and every failed test with its message', async () => {
    const { requested } = renderWithApi(<TestResults build={{ id: 'b_1', status: 'failure' }} />, {
      paths: ['/api/v1/builds/{id}/tests'],
      routes: { '/api/v1/builds/b_1/tests': tests },
    });
    expect((await screen.findByTestId('test-counts')).textContent).toBe('1 passed · 2 failed · 1 skipped · 4 tests in 14ms');
    const failed = screen.getAllByTestId('failed-test');
    expect(failed.map((f) => f.querySelector('.font-semibold')?.textContent)).toEqual(['test_read', 'test_div']);
    expect(failed[1]!.querySelector('pre')?.textContent).toBe('assert 2 == 3\n +  where 2 = div(4, 2)');
    expect(failed[0]!.textContent).toContain('error');
    expect(requested).toContain('/api/v1/builds/b_1/tests');
  });

  it('says when no job uploaded a report', async () => {
    renderWithApi(<TestResults build={{ id: 'b_2', status: 'success' }} />, {
      paths: ['/api/v1/builds/{id}/tests'],
      routes: { '/api/v1/builds/b_2/tests': { ...tests, buildId: 'b_2', reported: false, total: 0, passed: 0, failed: 0, errors: 0, skipped: 0, failures: [] } },
    });
    expect((await screen.findByText(/No test reports\./)).closest('[data-testid="test-results"]')).not.toBeNull();
  });

  it('says the feature is not available when the server has no test-report routes, without asking for them', async () => {
    const { requested } = renderWithApi(<TestResults build={{ id: 'b_1', status: 'failure' }} />, { paths: ['/api/v1/builds/{id}'], routes: {} });
    expect((await screen.findByTestId('not-available')).textContent).toContain('Test results from JUnit reports');
    expect(requested).toEqual(['/api/v1/openapi.json']);
  });
});
