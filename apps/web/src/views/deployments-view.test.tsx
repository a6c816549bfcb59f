// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment, DeploymentStatus, Environment } from '@ritmo/client';
import { renderWithApi, type ApiHandler } from '../testing/render-with-api';
import { DeploymentsView } from './deployments-view';

afterEach(cleanup);

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const deployment = (id: string, status: DeploymentStatus, n: number, extra: Partial<Deployment> = {}): Deployment => ({
  id, projectId: 'p_1', environment: 'prod', artifactId: `a_${n}`, digest: digest(String(n)), buildId: `b_${n}`, buildNumber: n, jobId: `j_${n}`,
  sha: 'c0ffee', actor: 'ann', status, reason: null, rollbackOf: null, approvals: [], canApprove: [],
  createdAt: '2026-11-23T10:00:00.000Z', startedAt: '2026-11-23T10:00:00.000Z', finishedAt: '2026-11-23T10:01:00.000Z', ...extra,
});
const current = deployment('d_2', 'success', 2);
const environment = (id: string, name: string, running: Deployment | null): Environment => ({
  id, projectId: 'p_1', name, url: name === 'prod' ? 'https://example.test' : null,
  protection: { reviewers: [], requiredApprovals: 1, allowedBranches: [], waitTimerMs: 0 },
  current: running, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z',
});
const routes = {
  '/api/v1/projects': { items: [{ id: 'p_1', name: 'web' }], nextCursor: null },
  '/api/v1/projects/web/environments': { items: [environment('e_1', 'prod', current), environment('e_2', 'staging', null)], nextCursor: null },
  '/api/v1/projects/web/environments/prod/deployments': {
    items: [
      deployment('d_3', 'pending', 3, { reason: 'waiting for 1 approval', canApprove: ['maintainers'], finishedAt: null, startedAt: null }),
      current,
      deployment('d_1', 'rolled_back', 1, { actor: 'bob' }),
    ],
    nextCursor: null,
  },
  '/api/v1/projects/web/environments/staging/deployments': { items: [], nextCursor: null },
};
const refusal = { error: 'ERR_DEPLOY_NOTHING_TO_ROLL_BACK', message: 'staging has no earlier successful deployment', details: null, suggestions: [], timestamp: '2026-11-23T11:00:00.000Z' };

const handle: ApiHandler = ({ method, path }) => {
  if (method !== 'POST') return undefined;
  if (path === '/api/v1/deployments/d_3/approve') return { status: 200, body: deployment('d_3', 'in_progress', 3) };
  if (path === '/api/v1/projects/web/environments/prod/rollback') return { status: 201, body: { buildId: 'b_9', buildNumber: 9, jobId: 'j_9', digest: digest('1'), rollbackOf: 'd_2' } };
  if (path === '/api/v1/projects/web/environments/staging/rollback') return { status: 409, body: refusal };
  return undefined;
};

function renderView() {
  return renderWithApi(<MemoryRouter><DeploymentsView /></MemoryRouter>, { paths: ['/api/v1/projects/{project}/environments'], routes, handle });
}

async function card(name: string) {
  const cards = await screen.findAllByTestId('environment');
  const found = cards.find((c) => c.querySelector('h2')?.textContent === name);
  if (!found) throw new Error(`no ${name} card`);
  return found;
}

describe('DeploymentsView', () => {
  it('shows each environment’s current version and its history with statuses', async () => {
    renderView();
    const prod = await card('prod');
    const version = within(prod).getByTestId('current-version');
    expect(version.textContent).toContain('222222222222');
    expect(version.textContent).toContain('#2');
    expect(version.textContent).toContain('ann');
    const rows = await within(prod).findAllByTestId('deployment');
    expect(rows.map((r) => r.querySelector('[data-status]')?.getAttribute('data-status'))).toEqual(['pending', 'success', 'rolled_back']);
    expect(rows[0]!.textContent).toContain('waiting for 1 approval');
    expect(rows[2]!.textContent).toContain('bob');
    expect(within(rows[1]!).queryByRole('button')).toBeNull();
    const staging = await card('staging');
    expect(staging.textContent).toContain('Nothing running here yet.');
    expect(await within(staging).findByText('Nothing deployed here yet.')).toBeTruthy();
  });

  it('approves a waiting deployment', async () => {
    const { calls } = renderView();
    const prod = await card('prod');
    const rows = await within(prod).findAllByTestId('deployment');
    fireEvent.click(within(rows[0]!).getByRole('button', { name: /^Approve/ }));
    await waitFor(() => expect(calls).toContain('POST /api/v1/deployments/d_3/approve'));
  });

  it('rolls back only after a confirmation and shows the new deployment’s build', async () => {
    const { calls } = renderView();
    const prod = await card('prod');
    fireEvent.click(within(prod).getByRole('button', { name: /^Roll back/ }));
    expect(calls.some((c) => c.startsWith('POST'))).toBe(false);
    fireEvent.click(within(prod).getByRole('button', { name: 'Confirm roll back' }));
    const status = await within(prod).findByRole('status');
    expect(status.textContent).toContain('111111111111');
    expect(within(status).getByRole('link', { name: 'build #9' }).getAttribute('href')).toBe('/builds/b_9');
    expect(calls).toContain('POST /api/v1/projects/web/environments/prod/rollback');
  });

  it('cancelling the confirmation rolls nothing back, and a refusal shows the server’s error', async () => {
    const { calls } = renderView();
    const staging = await card('staging');
    fireEvent.click(within(staging).getByRole('button', { name: /^Roll back/ }));
    fireEvent.click(within(staging).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.startsWith('POST'))).toBe(false);
    fireEvent.click(within(staging).getByRole('button', { name: /^Roll back/ }));
    fireEvent.click(within(staging).getByRole('button', { name: 'Confirm roll back' }));
    const alert = await within(staging).findByRole('alert');
    expect(alert.textContent).toContain('staging has no earlier successful deployment');
    expect(alert.textContent).toContain('ERR_DEPLOY_NOTHING_TO_ROLL_BACK');
  });

  it('says deployments are not available when the server has no such routes', async () => {
    const { requested } = renderWithApi(<MemoryRouter><DeploymentsView /></MemoryRouter>, { paths: ['/api/v1/builds'], routes });
    expect((await screen.findByTestId('not-available')).textContent).toContain('Deployments');
    expect(requested.some((r) => r.includes('/environments'))).toBe(false);
  });
});
